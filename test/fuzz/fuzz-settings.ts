/**
 * How many cases each property runs, and how to replay a failure. `npm test` runs the suite's share;
 * `npm run fuzz` (jest.fuzz.config.js, which sets the global FUZZ_DEEP) runs the deep counts. A failing
 * property prints its seed and path: set FUZZ_SEED (and FUZZ_PATH) to replay exactly that case.
 */
import type fc from "fast-check";

/** True under `npm run fuzz`. */
export const DEEP = (globalThis as { FUZZ_DEEP?: boolean }).FUZZ_DEEP === true;

/** True when FUZZ_PATH replays one recorded case rather than running the property's cases. */
export const REPLAYING = (process.env.FUZZ_PATH ?? "") !== "";

/** fast-check parameters for a property that runs `suite` cases in `npm test` and `deep` under `npm run fuzz`. */
export function runs(suite: number, deep: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: DEEP ? deep : suite,
    ...(seed === undefined || seed === "" ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === "" ? {} : { path }),
  };
}
