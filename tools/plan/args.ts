/**
 * Command-line arguments of `npm run plan`. Pure: it neither reads files nor resolves paths, so
 * every bad input maps to one exact message that tests can assert.
 */
import { PlanInputError } from "./errors";

/** Output formats of the plan. */
export type OutputFormat = "text" | "markdown" | "json";

/** Options of one plan run, as given on the command line (paths unresolved). */
export interface PlanArgs {
  /** Stack name; selects `Pulumi.<stack>.yaml` unless `configFile` is given. */
  stack: string;
  format: OutputFormat;
  /**
   * Like `pulumi --config-file`: use this stack settings file instead of `Pulumi.<stack>.yaml`.
   * Relative to `cwd` when given, else to the directory the command ran in (as the CLI).
   */
  configFile?: string;
  /** Policy pack folder; default `policies` under the project directory. Relative like `configFile`. */
  policyPack?: string;
  /**
   * Policy config file; default `policies/config/<stage>.json` under the project directory.
   * Relative like `configFile`.
   */
  policyPackConfig?: string;
  /**
   * Folder of the descriptions of the Pulumi ESC environments the stack imports (`<project>/<env>.yaml`,
   * esc.ts). Relative like `configFile`. Default: `esc` in the project directory.
   */
  escDir?: string;
  /**
   * Like `pulumi -C`: the project directory (holds `Pulumi.yaml`) and the base of the other path
   * flags; default: the repository root is the project, paths are relative to where the command ran.
   */
  cwd?: string;
  /** Print phase timings and peak RSS to stderr as one `plan-timings {json}` line. */
  reportTimings: boolean;
  /**
   * An earlier plan (`--json` output) of the same stack, or its state as `pulumi stack export` writes it: print
   * what this plan adds, updates, replaces and deletes against it. Relative like `configFile`. Default: none, no diff.
   */
  against?: string;
  /**
   * Refuse the run (exit 5) when the program has not finished, and its process ended, within this many
   * milliseconds. Given in seconds as `--program-timeout`. Default 120 s.
   */
  programTimeoutMs?: number;
}

/** Result of parsing: either a run or a request for help. */
export type ParsedArgs = { kind: "help" } | { kind: "run"; args: PlanArgs };

/** `--help` text, within 80 columns like the text plan; it documents the exit codes. */
export const HELP = `Usage: npm run --silent plan -- --stack <name> [options]

Runs the Pulumi program offline under Pulumi's mock runtime with the stack's
config, records every resource as the engine would receive it, evaluates the
policy pack and prints a preview. Needs no Pulumi CLI, cloud account or network.
The text preview fits 80 columns; --json has every value whole.

Options:
  -s, --stack <name>          stack to plan (reads Pulumi.<name>.yaml), required
      --format <text|markdown|json>
                              output format (default: text)
      --json                  same as --format json
      --config-file <path>    use this stack settings file instead of
                              Pulumi.<name>.yaml
      --policy-pack <dir>     policy pack folder (default: policies in the
                              project)
      --policy-pack-config <path>
                              policy config (default:
                              policies/config/<stage>.json in the project,
                              where <stage> is the stack's <project>:stage if
                              it is dev, staging or prod, else the stack name)
      --esc-dir <dir>         descriptions of the ESC environments the stack
                              imports, <project>/<env>.yaml (default: esc in
                              the project)
  -C, --cwd <dir>             project directory holding Pulumi.yaml (default:
                              repo root)
      --against <file.json>   an earlier plan of the stack (--json output), or
                              its deployed state (pulumi refresh, then pulumi
                              stack export): also show what this plan creates,
                              updates, replaces and deletes against it, and
                              which policy findings appear or disappear;
                              against a refreshed state, that is the stack's
                              drift
      --program-timeout <seconds>
                              refuse the run (exit 5) when the program has not
                              finished and its process ended by then
                              (default: 120)
      --report-timings        print phase timings and peak RSS to stderr
  -h, --help                  show this help

Paths given to --config-file, --policy-pack, --policy-pack-config, --esc-dir and
--against are relative to --cwd when it is given, else to the directory you ran
the command in, as with pulumi -C.

Exit codes:
  0  plan complete, no mandatory policy violation
  1  at least one mandatory policy violation (rules and resources named on
     stderr)
  2  invalid input: arguments, missing or unparsable stack file, invalid stack
     config, invalid policy config, an --against file that is no plan of the
     stack (reason on stderr, nothing on stdout)
  3  internal error: the program or the tool crashed (stack trace on stderr)
  4  the plan is not deployable: a precondition of the first pulumi up is
     broken, or an unchanged second up would change something (each named on
     stderr); 1 wins when both apply
  5  refused: the program's run could not be trusted (its process ended before
     the program finished, registered after it finished, sent a malformed
     message, did not end by the deadline, or left a process holding the plan's
     channel), or, on staging and prod, the environment could inject code
     (NODE_OPTIONS, preloads, .npmrc)
`;

const FORMATS: readonly OutputFormat[] = ["text", "markdown", "json"];
const VALUE_FLAGS: Record<string, keyof PlanArgs> = {
  "--stack": "stack",
  "-s": "stack",
  "--format": "format",
  "--config-file": "configFile",
  "--policy-pack": "policyPack",
  "--policy-pack-config": "policyPackConfig",
  "--esc-dir": "escDir",
  "--cwd": "cwd",
  "-C": "cwd",
  "--against": "against",
  "--program-timeout": "programTimeoutMs",
};
/** Stack names as Pulumi accepts them; a qualified `org/project/stack` is not supported offline. */
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses the arguments after `main.ts`.
 * @throws PlanInputError with the exact reason on any bad input.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  // Like most CLIs, --help answers even when other arguments are wrong.
  if (argv.includes("-h") || argv.includes("--help")) return { kind: "help" };
  const given: Partial<Record<keyof PlanArgs, string>> = {};
  let json = false;
  let reportTimings = false;

  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (raw === "--json") {
      json = true;
      continue;
    }
    if (raw === "--report-timings") {
      reportTimings = true;
      continue;
    }
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const key = VALUE_FLAGS[flag];
    if (key === undefined) {
      throw new PlanInputError(
        raw.startsWith("-") ? `unknown flag: ${flag}` : `unexpected argument: ${raw}`,
      );
    }
    let value: string | undefined;
    if (eq > 0) {
      value = raw.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("-")) value = undefined;
      else i++;
    }
    if (value === undefined || value === "") throw new PlanInputError(`${flag} needs a value`);
    if (given[key] !== undefined) throw new PlanInputError(`${flag} given more than once`);
    given[key] = value;
  }

  if (given.stack === undefined) throw new PlanInputError("missing required flag: --stack <name>");
  if (!STACK_NAME.test(given.stack)) {
    throw new PlanInputError(
      `invalid stack name "${given.stack}": use letters, digits, "-", "_" and "." only`,
    );
  }
  if (given.format !== undefined && !FORMATS.includes(given.format as OutputFormat)) {
    throw new PlanInputError(
      `invalid --format "${given.format}": expected one of ${FORMATS.join(", ")}`,
    );
  }
  const timeout = given.programTimeoutMs === undefined ? undefined : Number(given.programTimeoutMs);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new PlanInputError(`invalid --program-timeout "${given.programTimeoutMs}": expected a number of seconds above 0`);
  }
  if (json && given.format !== undefined && given.format !== "json") {
    throw new PlanInputError(`--json conflicts with --format ${given.format}`);
  }

  return {
    kind: "run",
    args: {
      stack: given.stack,
      format: json ? "json" : ((given.format as OutputFormat | undefined) ?? "text"),
      configFile: given.configFile,
      policyPack: given.policyPack,
      policyPackConfig: given.policyPackConfig,
      cwd: given.cwd,
      ...(given.escDir === undefined ? {} : { escDir: given.escDir }),
      reportTimings,
      against: given.against,
      ...(timeout === undefined ? {} : { programTimeoutMs: timeout * 1000 }),
    },
  };
}
