/**
 * Errors of the offline plan and the exit code each maps to. `main.ts` is the only place that
 * turns them into a process exit, so every module can stay a plain function that throws.
 */

/** Exit codes of `npm run plan`, as documented in `--help`. */
export const ExitCode = {
  /** The plan ran and no mandatory policy was violated. */
  ok: 0,
  /** At least one mandatory policy violation. */
  mandatoryViolation: 1,
  /** Invalid input: arguments, stack file, stack config or policy config. */
  invalidInput: 2,
  /** The program or the tool failed in an unexpected way. */
  internalError: 3,
  /** The plan is not deployable: a precondition of the first `pulumi up` is broken (and no mandatory violation). */
  notDeployable: 4,
  /**
   * The plan refuses to judge: the program's run could not be trusted (it exited before it finished, sent
   * something malformed, registered after it finished, outlived the deadline, or left processes holding
   * the plan's channel), or the plan's environment could inject code into it (staging and prod).
   */
  untrusted: 5,
} as const;

/** Invalid input the user can fix (bad flag, missing file, invalid config); exits 2. */
export class PlanInputError extends Error {
  readonly exitCode = ExitCode.invalidInput;
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}

/** The program or the tool failed unexpectedly; exits 3. `detail` is what stderr shows. */
export class PlanInternalError extends Error {
  readonly exitCode = ExitCode.internalError;
  constructor(
    message: string,
    /** Full text for stderr, typically including the cause's stack trace. */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = "PlanInternalError";
  }
}

/** The plan refuses to judge a run it cannot trust (program-process.ts, environment-check.ts); exits 5. */
export class PlanUntrustedError extends Error {
  readonly exitCode = ExitCode.untrusted;
  constructor(
    message: string,
    /** Full text for stderr: the reason and what the program's process printed last. */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = "PlanUntrustedError";
  }
}
