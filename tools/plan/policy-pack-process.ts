/**
 * Starts a Node.js policy pack the way the Pulumi CLI does and keeps its output.
 *
 * The CLI (sdk/go/common/resource/plugin/analyzer_plugin.go `NewPolicyAnalyzer`, legacy path used for
 * nodejs packs) runs `pulumi-analyzer-policy <engine-address> .` with the pack folder as working directory;
 * that shim runs `node <pack's node_modules>/@pulumi/pulumi/cmd/run-policy-pack <engine-address> .`, which
 * loads the pack's `main` (registering ts-node for TypeScript) and the pack prints its gRPC port as the
 * first stdout line. The environment is the CLI's plus PULUMI_CONFIG, PULUMI_[NODEJS_]PROJECT, _STACK,
 * _ORGANIZATION and _DRY_RUN (`constructEnv`).
 *
 * Large stacks: the CLI puts the whole stack config into PULUMI_CONFIG and fails with E2BIG ("argument list
 * too long", pulumi/pulumi#20402) once it exceeds what Linux allows for one variable. The pack receives the
 * same config through the ConfigureStack call, so the plan passes PULUMI_CONFIG only when it fits and says so
 * when it does not; nothing here depends on the config fitting in the environment.
 *
 * Start-up: the CLI loads policy packs before it runs the program (installAndLoadPolicyPlugins, then
 * NewEvalSource). `prelaunch` starts the pack that early without waiting for it, so the pack loads while the
 * plan evaluates the program; `start` with the same options then adopts that process. The pack sees the same
 * launch and the same calls in the same order either way.
 *
 * No Engine service is hosted: run-policy-pack drops the engine address argument (cmd/run-policy-pack
 * index.js, "Remove <engine-address> so we simply execute the program"), and the SDK's logger only talks to
 * an engine named by PULUMI_NODEJS_ENGINE, which the CLI does not set for analyzers. The pack's log calls
 * therefore go to stdout/stderr, which the CLI relays line by line; so does this class.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { packCompileCacheDir } from "./compile-cache";
import { ensurePackBuilt } from "./policy-pack-build";
import { processUsage } from "./proc-usage";
import { sanitizedEnvironment } from "./environment-check";

/** A line the pack printed, after its port line. */
export interface PackOutputLine {
  stream: "stdout" | "stderr";
  text: string;
}

/** Where and as what to start the pack. */
export interface PackLaunchOptions {
  packDir: string;
  project: string;
  stack: string;
  organization?: string;
  /** Stack config (`<project>:<key>` -> string) passed as PULUMI_CONFIG, as the CLI does, when it fits. */
  stackConfig?: Record<string, string>;
  /** Preview (true, the offline plan's mode) or update. */
  dryRun?: boolean;
  /** Give up when the pack has not printed its port after this long (default 60 s, room for a pack whose TypeScript main the launcher type-checks). */
  startTimeoutMs?: number;
  /** Stop waiting for the port, and stop the pack, once this aborts (the program failed: no verdicts needed). */
  signal?: AbortSignal;
}

/** Passed where the CLI passes its engine address; run-policy-pack discards it (see above). */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

/**
 * Longest single environment string Linux accepts (MAX_ARG_STRLEN, 32 pages of 4 KiB), counted as
 * `NAME=value` plus its terminating NUL; a longer one makes spawn fail with E2BIG.
 */
export const MAX_ENV_STRING_BYTES = 32 * 4096;

/** Packs started by `prelaunch` and not adopted yet, by launch key. */
const prelaunched = new Map<string, PolicyPackProcess>();
let discardOnExit = false;
/** Packs told to stop whose exit nobody waits for; any still running when this process exits is killed then. */
const released = new Set<PolicyPackProcess>();
let killReleasedOnExit = false;
/** Every pack still running; killed when this process exits, however it exits (a signal mid-evaluation included). */
const live = new Set<PolicyPackProcess>();
let killLiveOnExit = false;

/** The child process of a running pack. */
export class PolicyPackProcess {
  /** The port the pack's analyzer server listens on (127.0.0.1); 0 until it printed it. */
  port = 0;
  private readonly output: PackOutputLine[] = [];
  private notes: string[] = [];
  private spawnError: Error | undefined;
  private readonly stderrTail: string[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private portPrinted: (port: number) => void = () => undefined;
  /** Resolves with the port once the pack printed it, or with 0 if it ended first. */
  private readonly portKnown: Promise<number>;

  private constructor(private readonly child: ChildProcess) {
    // "close" (not "exit") so that every line of stdout/stderr has been read when it fires.
    this.exited = new Promise((resolve) => child.once("close", (code, signal) => ((this.exit = { code, signal }), resolve())));
    let known: (port: number) => void = () => undefined;
    this.portKnown = new Promise((resolve) => (known = resolve));
    void this.exited.then(() => known(0));
    createInterface({ input: child.stdout! }).on("line", (text) => {
      const port = Number(text.trim());
      if (this.port === 0 && Number.isInteger(port) && port > 0) {
        this.port = port;
        this.portPrinted(port);
        known(port);
      } else {
        this.output.push({ stream: "stdout", text });
      }
    });
    createInterface({ input: child.stderr! }).on("line", (text) => {
      this.output.push({ stream: "stderr", text });
      this.stderrTail.push(text);
      if (this.stderrTail.length > 50) this.stderrTail.shift();
    });
  }

  /**
   * Starts the pack now and returns at once; a later `start` with the same options adopts it. Failures are
   * left for `start` to report. A pack nobody adopts is stopped when this process exits.
   */
  static prelaunch(options: PackLaunchOptions): void {
    try {
      const { key, pack } = PolicyPackProcess.launch(options);
      prelaunched.get(key)?.kill();
      prelaunched.set(key, pack);
      if (!discardOnExit) process.once("exit", () => PolicyPackProcess.discardPrelaunched());
      discardOnExit = true;
    } catch {
      // Whatever failed here fails again, and is reported, when the plan starts the pack.
    }
  }

  /** Prelaunches the pack unless one with the same launch waits already (main.ts prelaunched it). */
  static prelaunchUnlessWaiting(options: PackLaunchOptions): void {
    try {
      if (!prelaunched.has(launchKey(options))) PolicyPackProcess.prelaunch(options);
    } catch {
      // As prelaunch: the plan meets the error again when it starts the pack.
    }
  }

  /**
   * The port of the prelaunched pack of these options once it printed it; 0 when there is none, or it ended
   * or failed before. Never rejects, and adopts nothing: `start` still adopts the pack.
   */
  static async prelaunchedPort(options: PackLaunchOptions): Promise<number> {
    const pack = prelaunched.get(launchKey(options));
    if (pack === undefined || pack.spawnError) return 0;
    const port = await pack.portKnown;
    return pack.hasExited ? 0 : port;
  }

  /** How many prelaunched packs wait to be adopted. */
  static get waitingForAdoption(): number {
    return prelaunched.size;
  }

  /** Stops every prelaunched pack that was not adopted (synchronous: safe in an exit handler). */
  static discardPrelaunched(): void {
    for (const pack of prelaunched.values()) pack.kill();
    prelaunched.clear();
  }

  /** Launches the pack (or adopts the prelaunched one) and resolves once it printed its port; rejects with its stderr if it dies first. */
  static async start(options: PackLaunchOptions): Promise<PolicyPackProcess> {
    const key = launchKey(options);
    let pack = prelaunched.get(key);
    prelaunched.delete(key);
    if (pack === undefined) pack = PolicyPackProcess.launch(options).pack;
    const timeoutMs = options.startTimeoutMs ?? 60000;
    let timer: NodeJS.Timeout | undefined;
    const failure = await new Promise<string | undefined>((resolve) => {
      // A pack that printed its port and died since cannot answer: whatever listens there now is not it.
      if (pack.hasExited) return resolve(`exited with ${pack.exitDescription}`);
      if (pack.port > 0) return resolve(undefined);
      pack.portPrinted = () => resolve(undefined);
      if (pack.spawnError) resolve(`could not be started: ${pack.spawnError.message}`);
      pack.child.once("error", (err) => resolve(`could not be started: ${err.message}`));
      pack.exited.then(() => resolve(`exited with ${pack.exitDescription} before it printed its port`));
      timer = setTimeout(() => resolve(`did not print its port within ${timeoutMs} ms`), timeoutMs);
      const abandoned = () => resolve("was stopped before it printed its port: its verdicts are no longer needed");
      if (options.signal?.aborted) abandoned();
      options.signal?.addEventListener("abort", abandoned, { once: true });
    });
    clearTimeout(timer);
    if (failure === undefined) return pack;
    await pack.stop(0);
    const stderr = pack.recentStderr;
    throw new Error(`policy pack ${options.packDir} ${failure}${stderr ? `:\n${stderr}` : ""}`);
  }

  /** Spawns the pack as the CLI does, after rebuilding its compiled output if its sources changed. */
  private static launch(options: PackLaunchOptions): { key: string; pack: PolicyPackProcess } {
    ensurePackBuilt(options.packDir);
    const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [options.packDir] });
    const { env, notes } = packEnvironmentWithNotes(options);
    const child = spawn(process.execPath, [launcher, UNUSED_ENGINE_ADDRESS, "."], {
      cwd: options.packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pack = new PolicyPackProcess(child);
    pack.notes = notes;
    live.add(pack);
    void pack.exited.then(() => live.delete(pack));
    if (!killLiveOnExit) process.once("exit", () => live.forEach((p) => p.kill()));
    killLiveOnExit = true;
    child.once("error", (err) => (pack.spawnError = err));
    return { key: launchKey(options), pack };
  }

  private kill(): void {
    if (!this.hasExited) this.child.kill("SIGKILL");
  }

  /** The pack's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** CPU ms and peak RSS of the pack so far (Linux), for the plan's timings. */
  get usage(): { cpuMs: number; peakRssKb: number } | undefined {
    return this.hasExited ? undefined : processUsage(this.child.pid);
  }

  /** True once the process has exited. */
  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** "exit code 1" / "signal SIGKILL", or undefined while running. */
  get exitDescription(): string | undefined {
    return this.exit ? describeExit(this.exit) : undefined;
  }

  /** The last lines the pack wrote to stderr (for error messages). */
  get recentStderr(): string {
    return this.stderrTail.join("\n");
  }

  /** Returns and forgets what the plan has to say about this launch (e.g. config left out of the environment). */
  takeNotes(): string[] {
    return this.notes.splice(0, this.notes.length);
  }

  /** Returns and forgets the lines the pack printed (besides its port) since the last call. */
  takeOutput(): PackOutputLine[] {
    return this.output.splice(0, this.output.length);
  }

  /**
   * Tells the process to stop (SIGTERM, then SIGKILL after `graceMs`) without waiting for it to exit, so
   * that the plan can print its verdicts meanwhile; if it still runs when this process exits, it is killed.
   */
  release(graceMs = 2000): void {
    if (this.hasExited) return;
    this.child.kill("SIGTERM");
    released.add(this);
    setTimeout(() => this.kill(), graceMs).unref();
    void this.exited.then(() => released.delete(this));
    if (!killReleasedOnExit) process.once("exit", () => released.forEach((pack) => pack.kill()));
    killReleasedOnExit = true;
  }

  /** Stops the process (SIGTERM, then SIGKILL after `graceMs`) and waits for it to exit. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill(graceMs > 0 ? "SIGTERM" : "SIGKILL");
    let timer: NodeJS.Timeout | undefined;
    const killLater = new Promise<void>((resolve) => {
      timer = setTimeout(() => (this.child.kill("SIGKILL"), resolve()), graceMs);
    });
    await Promise.race([this.exited, killLater]);
    clearTimeout(timer);
    await this.exited;
  }
}

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** What identifies a launch: the same launcher, folder and environment make the same pack process. */
function launchKey(options: PackLaunchOptions): string {
  const env = packEnvironmentWithNotes(options).env;
  return JSON.stringify([options.packDir, Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/**
 * PULUMI_CONFIG's value when the config fits in one environment string, else undefined and a note that
 * says why it was left out (the pack still receives the config through ConfigureStack).
 */
export function configVariable(config: Record<string, string>): { value?: string; note?: string } {
  if (Object.keys(config).length === 0) return {};
  const value = JSON.stringify(config);
  const bytes = Buffer.byteLength(`PULUMI_CONFIG=${value}`) + 1;
  if (bytes <= MAX_ENV_STRING_BYTES) return { value };
  return {
    note:
      `the stack config is ${Math.ceil(bytes / 1024)} KiB as JSON, more than one environment variable can hold ` +
      `(${MAX_ENV_STRING_BYTES / 1024} KiB): the policy pack got it through ConfigureStack only, not PULUMI_CONFIG. ` +
      "A real `pulumi preview` with policy packs fails to start the pack here (E2BIG, pulumi/pulumi#20402).",
  };
}

/**
 * The environment the CLI gives a policy pack (`constructEnv`), without stale language-host variables, and
 * with the packs' compile cache folder (compile-cache.ts) unless the environment names one already.
 */
export function packEnvironment(options: PackLaunchOptions): NodeJS.ProcessEnv {
  return packEnvironmentWithNotes(options).env;
}

function packEnvironmentWithNotes(options: PackLaunchOptions): { env: NodeJS.ProcessEnv; notes: string[] } {
  // Nothing in the plan's environment may load code into the pack (environment-check.ts).
  const env: NodeJS.ProcessEnv = sanitizedEnvironment(process.env);
  // A test runner may carry these from a mocked program run; the CLI never sets them for an analyzer
  // (and sets PULUMI_CONFIG itself, from the stack being planned).
  delete env.PULUMI_NODEJS_ENGINE;
  delete env.PULUMI_NODEJS_MONITOR;
  delete env.PULUMI_CONFIG;
  env.NODE_COMPILE_CACHE = packCompileCacheDir(env);
  const set = (key: string, value: string | undefined) => {
    if (value) env[key] = value;
  };
  const config = configVariable(options.stackConfig ?? {});
  set("PULUMI_CONFIG", config.value);
  const dryRun = String(options.dryRun ?? true);
  for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
    set(`${prefix}ORGANIZATION`, options.organization);
    set(`${prefix}PROJECT`, options.project);
    set(`${prefix}STACK`, options.stack);
    set(`${prefix}DRY_RUN`, dryRun);
  }
  return { env, notes: config.note ? [config.note] : [] };
}
