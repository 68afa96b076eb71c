/**
 * Turns on Node's on-disk cache of compiled code for the plan process, before any other module of the plan
 * loads (main.ts imports this first). Loading the plan compiles about 25 MB of JavaScript (the Pulumi SDK,
 * the AWS and Databricks SDKs, TypeScript, zod, the program); with the cache a warm start skips most of
 * that compilation. It is this process's own business: the policy pack is launched with the environment the
 * CLI would give it, which does not enable the cache.
 */
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as path from "node:path";

/** Where the compiled code is kept: beside the transpile cache of tools/run-ts.js. */
export const COMPILE_CACHE_DIR = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "node-compile-cache");

/** Enables the cache unless Node lacks it (before 22.1) or the folder cannot be written; never throws. */
export function enablePlanCompileCache(dir = COMPILE_CACHE_DIR): boolean {
  if (typeof nodeModule.enableCompileCache !== "function") return false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const { status } = nodeModule.enableCompileCache(dir);
    return status === nodeModule.constants.compileCacheStatus.ENABLED || status === nodeModule.constants.compileCacheStatus.ALREADY_ENABLED;
  } catch {
    return false; // a read-only tree still plans, only without the cache
  }
}

enablePlanCompileCache();
