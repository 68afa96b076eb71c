/**
 * Jest's global setup, run once before any test starts:
 * - rebuilds the policy pack when its sources changed since its last build. The plans the tests run would
 *   rebuild it too, but each in parallel, each printing the rebuild's note on a stderr the tests compare;
 * - creates this run's folder of shared plan results (shared-plan-runs.ts), which global-teardown.ts removes;
 * - on a fresh clone, runs one offline plan first (dev's shared JSON plan), so that the transpile cache of
 *   tools/run-ts.js and the compile caches of the plan and its pack are warm before the workers start. Cold,
 *   every plan and pack the first tests start at once would each transpile and compile the same files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePackBuilt } from "../../tools/plan/policy-pack-build";
import { SHARED_PLAN_RUNS_ENV, sharedPlanRun } from "./shared-plan-runs";

const ROOT = path.resolve(__dirname, "..", "..");

/** Where tools/run-ts.js keeps what it transpiled: empty or missing only on a fresh clone. */
const TRANSPILE_CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "run-ts");

/** True when tools/run-ts.js has transpiled nothing yet. */
function transpileCacheIsCold(dir = TRANSPILE_CACHE_DIR): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

export default async function globalSetup(): Promise<void> {
  ensurePackBuilt(path.join(ROOT, "policies"), () => undefined);
  // Set here, before the workers start, so that every worker inherits it.
  process.env[SHARED_PLAN_RUNS_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), "shared-plan-runs-"));
  if (transpileCacheIsCold()) {
    // The shared dev plan, which plan-e2e.test.ts then reads instead of planning dev again. Its outcome
    // does not matter here: that test reports any failure itself.
    await sharedPlanRun(["--stack", "dev", "--json"]);
  }
}
