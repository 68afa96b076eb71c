/**
 * Runs the program in a process of its own (program-child.ts) and receives its registrations over a
 * channel the judging process opened before any code of the program loaded (a pipe on the child's fd 3).
 * The program can write to that channel, to its stdout and stderr, exit or fork as it likes, so this side
 * decides from what arrives, never from what the child says about itself:
 *
 * - every message is validated (program-channel.ts); a malformed one refuses the run;
 * - `finished` must arrive, once, and the process must then end by itself: a process that ended before it,
 *   whatever its exit code (`process.exit(0)` half-way included), refuses the run;
 * - a registration after `finished` refuses the run (the language host would have registered it, so the
 *   engine would create a resource nobody judged);
 * - the process and everything it started must be gone, with the channel and its output closed, within
 *   `drainMs` of its exit, and all of it within the deadline; otherwise the run is refused.
 *
 * The child leads a process group of its own; the group is killed on every outcome and when this process
 * exits, so nothing the program started outlives the plan (unless it left the group: docs/security-reviewer.md).
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { PlanInternalError, PlanUntrustedError } from "./errors";
import { ChannelMessageError, type FinishedMessage, parseChannelMessage } from "./program-channel";
import type { PlannedStep } from "./types";
import { RUN_TS_PROGRAM_CACHE_DIR } from "./compile-cache";
import { processUsage } from "./proc-usage";

/** What the program's process needs to run the program; sent on its stdin. */
export interface ProgramJob {
  project: string;
  stack: string;
  /** Stack config, `<project>:<key>` -> string. */
  config: Record<string, string>;
  secretKeys: string[];
  /** The program's entry module (absolute). */
  entry: string;
  /** The project directory: the program's `@pulumi/pulumi` is resolved from there. */
  projectDir: string;
}

/** How to run it. */
export interface ProgramProcessOptions {
  job: ProgramJob;
  /** The environment of the program's process (the sanitized one, environment-check.ts). */
  env: NodeJS.ProcessEnv;
  /** Refuse when the program has not finished and ended within this many ms of its start. Default 120 s. */
  deadlineMs?: number;
  /** How long the channel and output may stay open after the process exited. Default 1 s. */
  drainMs?: number;
}

/** What a trusted run of the program produced. */
export interface ProgramOutcome {
  /** In registration order. */
  steps: PlannedStep[];
  /** URN -> inputs as the engine hands them to the pack (secrets real). */
  engineInputs: Map<string, Record<string, unknown>>;
  /** Every value the program marked secret. */
  secrets: Set<string>;
  finished: FinishedMessage;
  /** Lines the process wrote to stdout or stderr itself (not through the captured console), in order. */
  output: { stream: "stdout" | "stderr"; text: string }[];
  /** The program process's pid (gone when this resolves). */
  pid: number;
  /** Its CPU ms and peak RSS when it sent `finished` (Linux): it is gone before the plan reports timings. */
  usage?: { cpuMs: number; peakRssKb: number };
}

/** Default deadline of a program run. */
export const DEFAULT_PROGRAM_DEADLINE_MS = 120_000;
const DEFAULT_DRAIN_MS = 1_000;
/** Lines of the process's output kept for a refusal's message. */
const TAIL_LINES = 20;
/** Longest channel line accepted (a registration's inputs); longer refuses the run. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

const RUN_TS = path.resolve(__dirname, "..", "run-ts.js");
const CHILD_ENTRY = path.resolve(__dirname, "program-child.ts");

/** Runs started by `prelaunchProgramProcess` and not adopted yet, by job. */
const prelaunched = new Map<string, Promise<ProgramOutcome>>();

/** What identifies a run: the same job in the same environment is the same program process. */
function runKey(options: ProgramProcessOptions): string {
  return JSON.stringify([options.job, Object.entries(options.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), options.deadlineMs]);
}

/**
 * Starts the program's process now, so that it loads the SDKs while the judging process loads its own
 * modules; `adoptOrRunProgramProcess` with the same options then takes it over. One nobody adopts is killed
 * when this process exits, with every other program process. Its failure is left for the adopter.
 */
export function prelaunchProgramProcess(options: ProgramProcessOptions): void {
  const key = runKey(options);
  if (prelaunched.has(key)) return;
  const run = runProgramProcess(options);
  run.catch(() => undefined); // reported by the adopter, if any
  prelaunched.set(key, run);
}

/** The prelaunched run of these options, or a new one. */
export function adoptOrRunProgramProcess(options: ProgramProcessOptions): Promise<ProgramOutcome> {
  const key = runKey(options);
  const run = prelaunched.get(key);
  prelaunched.delete(key);
  return run ?? runProgramProcess(options);
}

/** Groups of program processes still alive, killed when this process exits, however it exits. */
const liveGroups = new Set<number>();
let killOnExit = false;

function describe(exit: { code: number | null; signal: NodeJS.Signals | null } | undefined): string {
  return exit?.signal ? `signal ${exit.signal}` : `exit code ${exit?.code}`;
}

/** Kills a process group; no error when it is gone already. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: nothing left in the group.
  }
  liveGroups.delete(pid);
}

/** Kills every program process group still alive (synchronous, for exit and signal handlers). */
export function killProgramProcesses(): void {
  for (const pid of [...liveGroups]) killGroup(pid);
}

/**
 * Runs the program and resolves with what it registered, once its process and everything it started are
 * gone. Rejects with `PlanUntrustedError` (exit 5) when the run cannot be trusted, `PlanInternalError` when
 * the process cannot start or failed after the program finished. A program that failed (threw, or a bad
 * config) resolves: `finished.error` says how.
 */
export function runProgramProcess(options: ProgramProcessOptions): Promise<ProgramOutcome> {
  const { job } = options;
  const context = { project: job.project, stack: job.stack };
  const steps: PlannedStep[] = [];
  const engineInputs = new Map<string, Record<string, unknown>>();
  const secrets = new Set<string>();
  const output: ProgramOutcome["output"] = [];
  let finished: FinishedMessage | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let usage: ProgramOutcome["usage"];

  const child: ChildProcess = spawn(process.execPath, [RUN_TS, "--cache-dir", RUN_TS_PROGRAM_CACHE_DIR, CHILD_ENTRY], {
    cwd: job.projectDir,
    env: options.env,
    stdio: ["pipe", "pipe", "pipe", "pipe"],
    // Its own process group, so that it and whatever it starts can be killed together.
    detached: true,
  });
  const pid = child.pid;
  if (pid !== undefined) {
    liveGroups.add(pid);
    if (!killOnExit) process.once("exit", killProgramProcesses);
    killOnExit = true;
  }

  return new Promise<ProgramOutcome>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const tail = () => output.slice(-TAIL_LINES).map((l) => `  ${l.stream}: ${l.text}`).join("\n");
    const settle = (outcome: { value: ProgramOutcome } | { error: Error }) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      killGroup(pid);
      // Nothing more is read: the streams are destroyed so that no descendant keeps this process alive.
      for (const stream of child.stdio) stream?.destroy();
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
    const refuse = (reason: string) => {
      const lines = tail();
      settle({ error: new PlanUntrustedError(`the program's run could not be trusted: ${reason}`, `the program's run could not be trusted: ${reason}${lines ? `\nits last output:\n${lines}` : ""}`) });
    };

    child.once("error", (err) => settle({ error: new PlanInternalError(`the program's process could not start: ${err.message}`) }));
    child.stdin!.on("error", () => undefined); // a child that exits at once closes it; the exit says why
    child.stdin!.end(JSON.stringify(job));

    const channel = createInterface({ input: child.stdio[3] as NodeJS.ReadableStream, crlfDelay: Infinity });
    channel.on("line", (line) => {
      if (settled) return;
      if (line.length > MAX_LINE_CHARS) return refuse(`a message on the plan's channel is longer than ${MAX_LINE_CHARS} characters`);
      let message;
      try {
        message = parseChannelMessage(line, context);
      } catch (err) {
        if (err instanceof ChannelMessageError) return refuse(`a malformed message on the plan's channel (${err.message})`);
        throw err;
      }
      if (finished) {
        const what = message.kind === "register" ? `registered ${message.step.urn}` : "sent a second finished message";
        return refuse(`it ${what} after it had finished`);
      }
      if (message.kind === "finished") {
        finished = message;
        usage = processUsage(pid);
        // A failed program is reported as it failed; what its process does next changes nothing.
        if (message.error) settle({ value: { steps, engineInputs, secrets, finished, output, pid: pid ?? 0, usage } });
        return;
      }
      if (engineInputs.has(message.step.urn)) return refuse(`${message.step.urn} was registered twice`);
      steps.push(message.step);
      engineInputs.set(message.step.urn, message.engineInputs);
      message.secrets.forEach((s) => secrets.add(s));
    });
    for (const stream of ["stdout", "stderr"] as const) {
      createInterface({ input: child[stream]!, crlfDelay: Infinity }).on("line", (text) => {
        if (!settled) output.push({ stream, text });
      });
    }

    child.once("exit", (code, signal) => {
      exit = { code, signal };
      // "close" follows once the last process holding the channel and output is gone, and decides.
      const reason = finished ? "a process it started still holds the plan's channel or output after the program's process ended" : `its process ended (${describe(exit)}) before the program finished, and a process it started still holds the plan's channel or output`;
      timers.push(setTimeout(() => refuse(reason), options.drainMs ?? DEFAULT_DRAIN_MS));
    });
    child.once("close", () => {
      if (settled) return;
      if (!finished) return refuse(`its process ended (${describe(exit)}) before the program finished`);
      if (exit?.code !== 0) {
        const how = describe(exit);
        const lines = tail();
        return settle({ error: new PlanInternalError(`the program failed after it finished (${how})`, `the program failed after it finished (${how})${lines ? `:\n${lines}` : ""}`) });
      }
      settle({ value: { steps, engineInputs, secrets, finished, output, pid: pid ?? 0, usage } });
    });
    const deadlineMs = options.deadlineMs ?? DEFAULT_PROGRAM_DEADLINE_MS;
    timers.push(setTimeout(() => refuse(`it did not finish and end within ${deadlineMs / 1000} s`), deadlineMs));
  });
}
