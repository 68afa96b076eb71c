/**
 * Jest's global setup: rebuilds the policy pack once, before any test starts, when its sources changed
 * since its last build. The plans the tests run would rebuild it too, but each in parallel, each printing
 * the rebuild's note on a stderr the tests compare.
 */
import * as path from "path";
import { ensurePackBuilt } from "../../tools/plan/policy-pack-build";

export default function buildPackFirst(): void {
  ensurePackBuilt(path.resolve(__dirname, "..", "..", "policies"), () => undefined);
}
