/**
 * The estimate through the plan CLI: the JSON plan carries `cost`, and a budget in the policy config that the
 * estimate exceeds is a finding at the reviewers' level (here mandatory: exit 1, named on stderr).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUDGET_ENTRY } from "../../../tools/plan/cost/budget";
import type { PlanDocument } from "../../../tools/plan/types";
import { runPlanCli, ROOT, type CliRun } from "../run-cli";

let run: CliRun;
beforeAll(async () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", "prod.json"), "utf8")) as Record<string, unknown>;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cost-budget-")), "prod.json");
  fs.writeFileSync(file, JSON.stringify({ ...config, [BUDGET_ENTRY]: { enforcementLevel: "mandatory", monthlyUsd: 500 } }));
  run = await runPlanCli(["--stack", "prod", "--policy-pack-config", file, "--json"]);
}, 120_000);

test("prod over a mandatory budget of $500: exit 1, the finding against the stack, the estimate in the JSON", () => {
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`plan of stack prod failed: 1 mandatory policy violation\n  ${BUDGET_ENTRY}: the stack as a whole`);
  const doc = JSON.parse(run.stdout) as PlanDocument;
  expect(doc.cost!.monthlyUsd).toBeCloseTo(620.82, 2);
  expect(doc.cost!.overridesFile).toBe(path.join("cost", "prod.json"));
  expect(doc.policyViolations.map((v) => [v.policyPack, v.policyName, v.enforcementLevel, v.urn])).toEqual([["offline-plan", BUDGET_ENTRY, "mandatory", ""]]);
  expect(doc.policyViolations[0].message).toMatch(/^The stage's estimated cost, \$620\.82\/month, exceeds its budget of \$500\.00\/month by \$120\.82\./);
});
