/**
 * Runs the real program entry (`index.ts`) under Pulumi's mock runtime, once per config, as the Node.js
 * language host runs it: inside `runInPulumiStack`, then waits for every registration. Each run
 * evaluates `index.ts` afresh with the modules it imports already loaded (as a second `require` in one
 * process would find them), so a run costs the program, not a reload of `@pulumi/*`.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as stack from "../../stack";
import * as components from "../../components";
import { installMockRuntime, type Recording } from "../../tools/plan/mock-runtime";
import type { PolicyInputStep } from "../../tools/plan/policy-runner";

const ROOT = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(ROOT, "index.ts");

/** The outcome of one run: what was registered, what the program logged, and its failure if it failed. */
export interface EntryRun {
  recording: Recording;
  /** Console output of the program and the runtime, as the plan turns it into diagnostics (kept off the test output). */
  logged: string[];
  error?: unknown;
}

/** Runs `fn` with the console captured into `logged`, as the plan does while the program runs. */
async function capturingConsole<T>(logged: string[], fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const sink = (...args: unknown[]) => logged.push(args.map(String).join(" "));
  Object.assign(console, { log: sink, info: sink, warn: sink, error: sink, debug: sink });
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * Evaluates `index.ts` once more, sharing every module it imports: `@pulumi/pulumi` (the mock runtime
 * lives there), the stack layer and the library. A module evaluated afresh on each run would stay
 * reachable (`@pulumi/aws` adds a `beforeExit` listener per load), about 1.3 MB a run, which ran the
 * 10,000 runs of `npm run fuzz` out of heap.
 */
function loadEntryAfresh(): unknown {
  let exported: unknown;
  jest.isolateModules(() => {
    jest.doMock("@pulumi/pulumi", () => pulumi);
    jest.doMock(path.join(ROOT, "stack"), () => stack);
    jest.doMock(path.join(ROOT, "components"), () => components);
    exported = require(ENTRY); // eslint-disable-line @typescript-eslint/no-require-imports
  });
  return exported;
}

/** Installs the mocks for `config`, runs `body` with the console captured, waits for the runtime's queue. */
async function recordRun(config: Record<string, string>, secretKeys: string[], stack: string, body: () => Promise<unknown>): Promise<EntryRun> {
  const recording = installMockRuntime({ project: "databricks-mlops", stack, config, secretKeys });
  const logged: string[] = [];
  let error: unknown;
  await capturingConsole(logged, async () => {
    try {
      await body();
    } catch (err) {
      error = err;
    }
    await pulumi.runtime.disconnect();
  });
  return { recording, logged, error };
}

/**
 * Runs the program with `config` (namespaced keys, string values as the language host gives them) inside
 * `runInPulumiStack`, as the language host does, and waits for every registration.
 */
export function runEntry(config: Record<string, string>, secretKeys: string[], stack: string): Promise<EntryRun> {
  return recordRun(config, secretKeys, stack, () => pulumi.runtime.runInPulumiStack(async () => loadEntryAfresh()));
}

/**
 * Loads the program with `config` outside `runInPulumiStack`, for configs it must refuse: the runtime then
 * registers no root stack resource, so every registration recorded would be one the program made (and a
 * refusal leaves no rejected stack outputs behind). Waits for the runtime's queue before returning.
 */
export function loadEntry(config: Record<string, string>, secretKeys: string[], stack: string): Promise<EntryRun> {
  return recordRun(config, secretKeys, stack, async () => loadEntryAfresh());
}

/** The registrations of a run as the policy pack receives them (the engine's inputs, secrets real). */
export function policyInputs(recording: Recording): PolicyInputStep[] {
  return recording.steps.map((step) => ({ ...step, engineInputs: recording.engineInputs.get(step.urn) }));
}
