/**
 * Node's on-disk cache of compiled code, for the pack's own process. The pack loads about 15 MB of
 * JavaScript on every start (the policy SDK, most of the Pulumi SDK, gRPC, protobuf, the rules); with the
 * cache a warm start skips compiling it, which `pulumi preview` and the offline plan both wait for.
 *
 * Where: NODE_COMPILE_CACHE when the environment names a folder (Node then already caches everything the
 * launcher loaded before the pack, TypeScript included), else Node's default folder under the system's
 * temporary directory. The cache is keyed by file content and Node version, so a stale entry is never used.
 */
import * as nodeModule from "node:module";

/** Turns the cache on unless Node lacks it (before 22.1) or its folder cannot be written; never throws. */
export function enablePackCompileCache(): boolean {
  if (typeof nodeModule.enableCompileCache !== "function") return false;
  try {
    const { status } = nodeModule.enableCompileCache();
    const { ENABLED, ALREADY_ENABLED } = nodeModule.constants.compileCacheStatus;
    return status === ENABLED || status === ALREADY_ENABLED;
  } catch {
    return false; // the pack runs as before, only without the cache
  }
}

/**
 * Writes what was compiled so far to the cache now. Node writes it only at a normal exit, and the CLI
 * ends an analyzer with a signal, so without this the pack would never find a warm cache.
 */
export function flushPackCompileCache(): void {
  try {
    nodeModule.flushCompileCache?.();
  } catch {
    // a cache that cannot be written costs the next start its compile time, nothing else
  }
}
