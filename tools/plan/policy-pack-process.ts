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
 * No Engine service is hosted: run-policy-pack drops the engine address argument (cmd/run-policy-pack
 * index.js, "Remove <engine-address> so we simply execute the program"), and the SDK's logger only talks to
 * an engine named by PULUMI_NODEJS_ENGINE, which the CLI does not set for analyzers. The pack's log calls
 * therefore go to stdout/stderr, which the CLI relays line by line; so does this class.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

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
  /** Stack config (`<project>:<key>` -> string) passed as PULUMI_CONFIG, as the CLI does. */
  stackConfig?: Record<string, string>;
  /** Preview (true, the offline plan's mode) or update. */
  dryRun?: boolean;
  /** Give up when the pack has not printed its port after this long (default 60 s: ts-node type-checks the pack). */
  startTimeoutMs?: number;
}

/** Passed where the CLI passes its engine address; run-policy-pack discards it (see above). */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

/** The child process of a running pack. */
export class PolicyPackProcess {
  /** The port the pack's analyzer server listens on (127.0.0.1); 0 until it printed it. */
  port = 0;
  private readonly output: PackOutputLine[] = [];
  private readonly stderrTail: string[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private portPrinted: (port: number) => void = () => undefined;

  private constructor(private readonly child: ChildProcess) {
    // "close" (not "exit") so that every line of stdout/stderr has been read when it fires.
    this.exited = new Promise((resolve) => child.once("close", (code, signal) => ((this.exit = { code, signal }), resolve())));
    createInterface({ input: child.stdout! }).on("line", (text) => {
      const port = Number(text.trim());
      if (this.port === 0 && Number.isInteger(port) && port > 0) {
        this.port = port;
        this.portPrinted(port);
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

  /** Launches the pack and resolves once it printed its port; rejects with its stderr if it dies first. */
  static async start(options: PackLaunchOptions): Promise<PolicyPackProcess> {
    const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [options.packDir] });
    const child = spawn(process.execPath, [launcher, UNUSED_ENGINE_ADDRESS, "."], {
      cwd: options.packDir,
      env: packEnvironment(options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pack = new PolicyPackProcess(child);
    const timeoutMs = options.startTimeoutMs ?? 60000;
    let timer: NodeJS.Timeout | undefined;
    const failure = await new Promise<string | undefined>((resolve) => {
      pack.portPrinted = () => resolve(undefined);
      child.once("error", (err) => resolve(`could not be started: ${err.message}`));
      pack.exited.then(() => resolve(`exited with ${pack.exitDescription} before it printed its port`));
      timer = setTimeout(() => resolve(`did not print its port within ${timeoutMs} ms`), timeoutMs);
    });
    clearTimeout(timer);
    if (failure === undefined) return pack;
    await pack.stop(0);
    const stderr = pack.recentStderr;
    throw new Error(`policy pack ${options.packDir} ${failure}${stderr ? `:\n${stderr}` : ""}`);
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

  /** Returns and forgets the lines the pack printed (besides its port) since the last call. */
  takeOutput(): PackOutputLine[] {
    return this.output.splice(0, this.output.length);
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

/** The environment the CLI gives a policy pack (`constructEnv`), without stale language-host variables. */
export function packEnvironment(options: PackLaunchOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A test runner may carry these from a mocked program run; the CLI never sets them for an analyzer.
  delete env.PULUMI_NODEJS_ENGINE;
  delete env.PULUMI_NODEJS_MONITOR;
  const set = (key: string, value: string | undefined) => {
    if (value) env[key] = value;
  };
  const config = options.stackConfig ?? {};
  set("PULUMI_CONFIG", Object.keys(config).length > 0 ? JSON.stringify(config) : undefined);
  const dryRun = String(options.dryRun ?? true);
  for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
    set(`${prefix}ORGANIZATION`, options.organization);
    set(`${prefix}PROJECT`, options.project);
    set(`${prefix}STACK`, options.stack);
    set(`${prefix}DRY_RUN`, dryRun);
  }
  return env;
}
