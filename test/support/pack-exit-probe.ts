// Run by test/plan/policy-pack-process.test.ts in a fresh process (tools/run-ts.js): starts the bench's
// baseline pack as the plan does, prints its pid, and exits at once without stopping it, as the plan does
// when a signal ends it half-way through the policy calls.
import * as path from "path";
import { PolicyPackProcess } from "../../tools/plan/policy-pack-process";

const packDir = path.resolve(__dirname, "..", "..", "tools", "bench", "baseline-pack");
void PolicyPackProcess.start({ packDir, project: "probe", stack: "dev" }).then((pack) => {
  process.stdout.write(`${pack.pid}\n`, () => process.exit(0));
});
