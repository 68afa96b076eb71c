/**
 * Pulumi's runtime stamps a stack trace (`new Error().stack`) on every promise it creates
 * (`debuggablePromise` in runtime/debuggable.js), dozens per resource, and reads those traces only to
 * print leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set. tools/run-ts.js already declines to format
 * them; capturing them was still 2.0 s of the 10.6 s of a 1,099-resource plan, plus most of its garbage.
 *
 * Without that variable, `skipUnreadPromiseTraces` makes the runtime capture them with no frames. Nothing
 * else changes: the same promises, ids, contexts and leak detection. With the variable set, the traces
 * are captured in full as before.
 */

/** The part of runtime/debuggable.js that is patched (it is internal, so untyped). */
interface DebuggableModule {
  debuggablePromise: (promise: Promise<unknown>, context: unknown) => Promise<unknown>;
}

let skipped = false;

/**
 * Wraps the runtime's `debuggablePromise` so that its trace has no frames; callers read it from the
 * module on every call, so all of them get the wrapper. Returns whether traces are skipped.
 */
export function skipUnreadPromiseTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PULUMI_DEBUG_PROMISE_LEAKS) return false;
  if (skipped) return true;
  let debuggable: DebuggableModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  } catch {
    return false;
  }
  const original = debuggable.debuggablePromise;
  if (typeof original !== "function") return false;
  debuggable.debuggablePromise = (promise, context) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  skipped = true;
  return true;
}
