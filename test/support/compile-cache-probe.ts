/**
 * Run by test/plan/startup-levers.test.ts in a fresh process: enables the plan's compile cache as main.ts
 * does, then prints where Node caches, the plan's own environment's folder, and the folder a policy pack
 * launched now would get.
 */
import "../../tools/plan/enable-compile-cache";
import * as nodeModule from "node:module";
import { COMPILE_CACHE_DIR, PACK_COMPILE_CACHE_DIR } from "../../tools/plan/compile-cache";
import { packEnvironment } from "../../tools/plan/policy-pack-process";

process.stdout.write(
  JSON.stringify({
    cacheDir: nodeModule.getCompileCacheDir(),
    ownEnvironment: process.env.NODE_COMPILE_CACHE ?? null,
    pack: packEnvironment({ packDir: ".", project: "probe", stack: "probe" }).NODE_COMPILE_CACHE,
    planDefault: COMPILE_CACHE_DIR,
    packDefault: PACK_COMPILE_CACHE_DIR,
  }),
);
