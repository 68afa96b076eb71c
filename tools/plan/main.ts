/**
 * `npm run plan -- --stack <stage>`: the offline plan's command line. Parses arguments, runs
 * the plan, prints it in the asked format and maps the outcome to the documented exit code.
 */
// First, so that every module loaded after it is compiled from the on-disk cache when warm.
import "./enable-compile-cache";
import { HELP, parseArgs } from "./args";
import { deferClosureSerializerModules } from "../../policies/lib/startup/closure-serializer-modules";
import { ExitCode, PlanInputError, PlanInternalError, PlanUntrustedError } from "./errors";
import { prelaunchPolicyPack, prelaunchProgram } from "./prelaunch";
import { deployabilityFindings, failureMessage, mandatoryViolations, planExitCode } from "./verdict";
import { readEarlierPlan } from "./diff/earlier-plan";
import { unsupportedNodeWarning } from "./node-version";

let finished = false;

/** Writes, then exits once the stream has flushed (pipes may be asynchronous). The first outcome wins. */
function finish(code: number, stdout = "", stderr = ""): void {
  if (finished) return;
  finished = true;
  if (stderr) process.stderr.write(stderr.endsWith("\n") ? stderr : stderr + "\n");
  // An exit listener may still change the code: the Pulumi runtime sets 1 when the program leaked
  // promises (and prints why). That is a failed program, not a policy verdict.
  process.once("exit", () => {
    if (process.exitCode !== code) process.exitCode = ExitCode.internalError;
  });
  process.stdout.write(stdout, () => process.exit(code));
}

async function main(argv: string[]): Promise<void> {
  const nodeWarning = unsupportedNodeWarning(process.versions.node);
  if (nodeWarning !== undefined) process.stderr.write(nodeWarning + "\n");
  const parsed = parseArgs(argv);
  if (parsed.kind === "help") return finish(ExitCode.ok, HELP);
  const { args } = parsed;
  // Read before anything starts, so a bad --against fails fast (exit 2).
  const earlier = args.against === undefined ? undefined : readEarlierPlan(args.against, args.cwd);
  if (earlier && earlier.stack !== args.stack) throw new PlanInputError(`--against ${args.against} is a plan of stack ${earlier.stack}, not ${args.stack}`);
  prelaunchPolicyPack(args);
  prelaunchProgram(args);
  deferClosureSerializerModules(__dirname);
  const { buildPlan, render, comparePlans, deployabilityFailureMessage } = loadPlan();
  // The judging process's own environment: what could have injected code is reported, or refused (exit 5).
  const result = await buildPlan(args, undefined, { environment: { env: process.env, execArgv: process.execArgv } });
  const comparison = earlier && { diff: comparePlans(earlier, result), against: args.against! };
  const output = render(result, args.format, comparison);
  let stderr = "";
  if (args.reportTimings) {
    // CPU of this process alone (`cpuMs`) beside the pack's (`packCpuMs`) and the program process's
    // (`programCpuMs`): the pack's exit is not waited for, so whether a parent's rusage counts it is a race;
    // these three never count anything twice.
    const { user, system } = process.cpuUsage();
    const timings = {
      ...result.timings,
      totalMs: process.uptime() * 1000,
      cpuMs: (user + system) / 1000,
      peakRssKb: process.resourceUsage().maxRSS,
      resources: result.document.steps.length,
    };
    stderr += `plan-timings ${JSON.stringify(timings)}\n`;
  }
  const blocking = mandatoryViolations(result.document);
  if (blocking.length > 0) stderr += failureMessage(args.stack, blocking) + "\n";
  const broken = deployabilityFindings(result.document);
  if (broken.length > 0) stderr += deployabilityFailureMessage(args.stack, broken) + "\n";
  finish(planExitCode(result.document), output, stderr);
}

/**
 * The plan and, through it, the Pulumi runtime, and the renderers: loaded after the policy pack was
 * launched, so that both load at once. A module that cannot load is an internal error with its cause on
 * one line.
 */
function loadPlan(): typeof import("./plan") & typeof import("./render-plan") {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ...(require("./plan") as typeof import("./plan")), ...(require("./render-plan") as typeof import("./render-plan")) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new PlanInternalError(`the plan could not load: ${message.split("\n")[0]}`);
  }
}

/** Maps any failure to its exit code; unknown ones are internal errors (3), never 1. */
function fail(err: unknown): void {
  if (err instanceof PlanInputError) return finish(err.exitCode, "", `error: ${err.message}`);
  if (err instanceof PlanInternalError) return finish(err.exitCode, "", `internal error: ${err.detail}`);
  if (err instanceof PlanUntrustedError) return finish(err.exitCode, "", `refused: ${err.detail}`);
  const e = err instanceof Error ? err : new Error(String(err));
  finish(ExitCode.internalError, "", `internal error: ${e.stack ?? e.message}`);
}

// Node's default for a stray rejection is exit 1, which here means "mandatory violation".
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);
// A signal ends the plan through process.exit, so the exit handlers stop the program's process group and
// the pack (program-process.ts, policy-pack-process.ts); Node's default would skip them. 128 + the signal's
// number, as a shell reports it.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.once(signal, () => {
    finished = true;
    process.stderr.write(`plan stopped by ${signal}\n`);
    process.exit(code);
  });
}
main(process.argv.slice(2)).catch(fail);
