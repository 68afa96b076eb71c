/**
 * Runs the Pulumi program the way the Node.js language host does: `require` its entry inside
 * `runInPulumiStack`, call an exported function, then wait until every registration is done.
 * What the program prints becomes diagnostics, so stdout stays the plan's alone.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Diagnostic } from "./types";


/** Outcome of running the program; `error` is the first failure, if any. */
export interface ProgramRun {
  diagnostics: Diagnostic[];
  error?: unknown;
}

/** The runtime's own log prefixes when no engine is attached (`@pulumi/pulumi/log`). */
const RUNTIME_PREFIX = /^(debug|info|warning|error): \[runtime\] /;

function format(args: unknown[]): string {
  return args.map(formatOne).join(" ");
}

function formatOne(a: unknown): string {
  if (typeof a === "string") return a;
  if (a instanceof Error) return a.stack ?? a.message;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a); // circular or otherwise unserialisable
  }
}

/** Routes console output into diagnostics while `fn` runs. */
async function capturingConsole<T>(diagnostics: Diagnostic[], fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const sink = (severity: Diagnostic["severity"]) => (...args: unknown[]) => {
    const text = format(args);
    const m = RUNTIME_PREFIX.exec(text);
    diagnostics.push({
      severity: m ? (m[1] as Diagnostic["severity"]) : severity,
      message: m ? text.slice(m[0].length) : text,
    });
  };
  console.log = sink("info");
  console.info = sink("info");
  console.debug = sink("debug");
  console.warn = sink("warning");
  console.error = sink("error");
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

/** Resolves once the runtime's queue of outstanding registrations is empty. */
async function waitForRegistrations(): Promise<void> {
  // `disconnect` is public and waits for the RPC queue first; the mock monitor has nothing to close.
  await pulumi.runtime.disconnect();
}

/**
 * Runs the program at `entry` (an absolute module path). Mocks must already be installed.
 * Errors, including unhandled rejections from inside the runtime, are returned, not thrown.
 */
export async function runProgram(entry: string): Promise<ProgramRun> {
  const diagnostics: Diagnostic[] = [];
  let error: unknown;
  const onRejection = (reason: unknown) => {
    error ??= reason;
  };
  // While the program runs, its rejections are the program's outcome (as in the language host, which
  // reports a failed program once): other listeners, such as the CLI's "internal error" handler, are
  // set aside and restored afterwards.
  const otherListeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", onRejection);
  try {
    await capturingConsole(diagnostics, async () => {
      try {
        await pulumi.runtime.runInPulumiStack(async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const exported: unknown = require(entry);
          return exported instanceof Function ? await exported() : exported;
        });
        await waitForRegistrations();
      } catch (err) {
        error ??= err;
      }
    });
  } finally {
    // A failed program leaves sibling promises of the stack resource rejected; Node reports them
    // after the current microtasks, so keep listening for one more turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onRejection);
    for (const listener of otherListeners) process.on("unhandledRejection", listener);
  }
  return { diagnostics, error };
}
