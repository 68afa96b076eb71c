/**
 * Jest's global setup, run once before any test starts:
 * - rebuilds the policy pack when its sources changed since its last build. The plans the tests run would
 *   rebuild it too, but each in parallel, each printing the rebuild's note on a stderr the tests compare;
 * - on a fresh clone, runs one offline plan first, so that the transpile cache of tools/run-ts.js and the
 *   compile caches of the plan and its pack are warm before the workers start. Cold, every plan and pack the
 *   first tests start at once would each transpile and compile the same files.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ensurePackBuilt } from "../../tools/plan/policy-pack-build";

const ROOT = path.resolve(__dirname, "..", "..");

/** Where tools/run-ts.js keeps what it transpiled: empty or missing only on a fresh clone. */
const TRANSPILE_CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "run-ts");

/** True when tools/run-ts.js has transpiled nothing yet. */
function transpileCacheIsCold(dir = TRANSPILE_CACHE_DIR): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

export default function globalSetup(): void {
  ensurePackBuilt(path.join(ROOT, "policies"), () => undefined);
  if (transpileCacheIsCold()) {
    // Its outcome does not matter here: the tests that plan dev report any failure themselves.
    spawnSync(process.execPath, ["tools/run-ts.js", "tools/plan/main.ts", "--stack", "dev", "--json"], { cwd: ROOT, stdio: "ignore" });
  }
}
