/**
 * Node's on-disk cache of compiled code for the plan process, turned on before any other module of the
 * plan loads (main.ts imports `./enable-compile-cache` first). Loading the plan compiles about 25 MB of
 * JavaScript (the Pulumi SDK, the AWS and Databricks SDKs, zod, the program); with the cache a warm start
 * skips most of that compilation.
 *
 * Every policy pack the plan launches (policy-pack-process.ts) gets a folder as NODE_COMPILE_CACHE unless
 * the environment already names one, as a user may export it before `pulumi preview`, so Node caches what
 * Pulumi's pack launcher loads before the pack (TypeScript, ts-node, gRPC), which the pack's own cache
 * (policies/lib/startup/compile-cache.ts) comes too late for. The launch is otherwise unchanged;
 * docs/platform-engineer.md tells users how to give `pulumi preview` the same start.
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
 * Where the program's process (program-child.ts) keeps its compiled code, and its transpiled TypeScript
 * (tools/run-ts.js `--cache-dir`): apart from the judging process's, so that what the program writes
 * there is loaded by program processes only. (Against a program that writes to the tool's folders on
 * purpose, CI makes the trusted checkout read-only: docs/ci.md.)
 */
export const PROGRAM_COMPILE_CACHE_DIR = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "node-compile-cache-program");
export const RUN_TS_PROGRAM_CACHE_DIR = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "run-ts-program");

/**
 * Enables the cache in `dir` unless Node lacks it (before 22.1) or the folder cannot be written; never
 * throws. With NODE_COMPILE_CACHE already set, Node enabled it at start-up there: the user's choice stands.
 */
export function enablePlanCompileCache(dir = COMPILE_CACHE_DIR): boolean {
  if (typeof nodeModule.enableCompileCache !== "function") return false;
  if (process.env.NODE_COMPILE_CACHE) return nodeModule.getCompileCacheDir() !== undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const { status } = nodeModule.enableCompileCache(dir);
    const { ENABLED, ALREADY_ENABLED } = nodeModule.constants.compileCacheStatus;
    return status === ENABLED || status === ALREADY_ENABLED;
  } catch {
    return false; // a read-only tree still plans, only without the cache
  }
}

/**
 * The compile cache folder for a pack launched with environment `env`: the one the user exported as
 * NODE_COMPILE_CACHE (shared with the plan, their choice), else the packs' own. Node creates it when missing.
 */
export function packCompileCacheDir(env: NodeJS.ProcessEnv): string {
  return env.NODE_COMPILE_CACHE || PACK_COMPILE_CACHE_DIR;
}
