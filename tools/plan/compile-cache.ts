/**
 * Node's on-disk cache of compiled code for the plan process, turned on before any other module of the
 * plan loads (main.ts imports `./enable-compile-cache` first). Loading the plan compiles about 25 MB of
 * JavaScript (the Pulumi SDK, the AWS and Databricks SDKs, zod, the program); with the cache a warm start
 * skips most of that compilation.
 *
 * The plan also exports a folder as NODE_COMPILE_CACHE unless the environment already names one, as a user
 * may export it before `pulumi preview`: the policy pack inherits the environment (as it inherits the
 * CLI's), so Node caches what Pulumi's pack launcher loads before the pack (TypeScript, ts-node, gRPC), which
 * the pack's own cache (policies/lib/startup/compile-cache.ts) comes too late for. The launch is otherwise
 * unchanged; docs/platform-engineer.md tells users how to give `pulumi preview` the same start.
 *
 * The pack's folder is not the plan's: Pulumi's launcher sets a V8 flag (`--allow-natives-syntax`, in
 * runtime/closure/v8Hooks.js) before it loads the SDK, and Node refuses code cached under other flags. In
 * one folder the plan and its pack overwrote each other's entries for the modules both load (the Pulumi
 * SDK, gRPC, protobuf), so every pack started half cold.
 */
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as path from "node:path";

/** Where the plan process's compiled code is kept: beside the transpile cache of tools/run-ts.js. */
export const COMPILE_CACHE_DIR = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "node-compile-cache");

/** Where the policy packs the plan launches keep theirs (see above for why apart). */
export const PACK_COMPILE_CACHE_DIR = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "node-compile-cache-pack");

/**
 * Enables the cache in `dir`, and exports `packDir` for the pack, unless Node lacks it (before 22.1) or the
 * folder cannot be written; never throws. With NODE_COMPILE_CACHE already set, Node enabled it at start-up
 * there, and the pack shares that folder: the user's choice stands.
 */
export function enablePlanCompileCache(dir = COMPILE_CACHE_DIR, packDir = PACK_COMPILE_CACHE_DIR): boolean {
  if (typeof nodeModule.enableCompileCache !== "function") return false;
  if (process.env.NODE_COMPILE_CACHE) return nodeModule.getCompileCacheDir() !== undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const { status } = nodeModule.enableCompileCache(dir);
    const { ENABLED, ALREADY_ENABLED } = nodeModule.constants.compileCacheStatus;
    if (status !== ENABLED && status !== ALREADY_ENABLED) return false;
    process.env.NODE_COMPILE_CACHE = packDir;
    return true;
  } catch {
    return false; // a read-only tree still plans, only without the cache
  }
}
