/**
 * The pack launched before the program (prelaunch.ts) must be the one the plan then uses: prelaunch derives
 * the launch the way buildPlan does, and this test fails if the two drift apart (the plan would still be
 * right, only slower, and would start a second pack).
 */
import { allRules } from "../../policies/rules";
import type { PlanArgs } from "../../tools/plan/args";
import { buildPlan } from "../../tools/plan/plan";
import { PolicyPackProcess } from "../../tools/plan/policy-pack-process";
import { prelaunchPolicyPack } from "../../tools/plan/prelaunch";

test.each<[string, Partial<PlanArgs>]>([
  ["the defaults", { stack: "dev" }],
  ["an explicit stack file and policy pack", { stack: "prod", configFile: "Pulumi.prod.yaml", policyPack: "policies" }],
])("buildPlan adopts the pack prelaunched for its arguments: %s", async (_, given) => {
  const args: PlanArgs = { stack: "dev", format: "json", reportTimings: false, ...given };
  prelaunchPolicyPack(args);
  expect(PolicyPackProcess.waitingForAdoption).toBe(1);
  try {
    const result = await buildPlan(args);
    expect(result.policy.policyCount).toBe(allRules.length);
    expect(PolicyPackProcess.waitingForAdoption).toBe(0);
  } finally {
    PolicyPackProcess.discardPrelaunched();
  }
});
