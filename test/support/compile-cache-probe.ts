/**
 * Run by test/plan/startup-levers.test.ts in a fresh process: enables the plan's compile cache as main.ts
 * does, then prints where Node caches and what a policy pack launched now would inherit.
 */
import "../../tools/plan/enable-compile-cache";
import * as nodeModule from "node:module";
import { COMPILE_CACHE_DIR, PACK_COMPILE_CACHE_DIR } from "../../tools/plan/compile-cache";

process.stdout.write(
  JSON.stringify({ cacheDir: nodeModule.getCompileCacheDir(), inherited: process.env.NODE_COMPILE_CACHE, planDefault: COMPILE_CACHE_DIR, packDefault: PACK_COMPILE_CACHE_DIR }),
);
