import { budgetFindings, BUDGET_ENTRY, readBudget } from "../../../tools/plan/cost/budget";
import { parseCostOverrides } from "../../../tools/plan/cost/assumptions";
import { estimateCost } from "../../../tools/plan/cost/estimate";
import { parsePolicyPackConfig, reconcilePolicyPackConfig } from "../../../tools/plan/policy-config";
import { plannedStep } from "../../support/planned-steps";

const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
const nat = plannedStep("aws:ec2/natGateway:NatGateway", "prod-mlops-nat", stack);
const estimate = estimateCost([stack, nat]); // $32.85 a month

describe("the budget guard", () => {
  const config = (entry: unknown) => JSON.stringify({ all: "mandatory", [BUDGET_ENTRY]: entry });

  test("over budget: one finding against the stack, advisory unless the reviewers set a level (a file-wide all does not)", () => {
    const budget = readBudget(config({ monthlyUsd: 30 }), "prod.json");
    expect(budget).toEqual({ monthlyUsd: 30, enforcementLevel: "advisory" });
    expect(budgetFindings(estimate, budget)).toEqual([
      {
        policyPack: "offline-plan",
        policyName: BUDGET_ENTRY,
        enforcementLevel: "advisory",
        severity: "medium",
        urn: "",
        message:
          "The stage's estimated cost, $32.85/month, exceeds its budget of $30.00/month by $2.85. Largest: prod-mlops-nat $32.85. " +
          `Lower the cost, or ask a security reviewer to raise ${BUDGET_ENTRY}.monthlyUsd in the stage's policy config.`,
      },
    ]);
    expect(budgetFindings(estimate, readBudget(config({ monthlyUsd: 30, enforcementLevel: "mandatory" }), "p"))[0].enforcementLevel).toBe("mandatory");
  });

  test("within budget, disabled, or no budget: no finding", () => {
    expect(budgetFindings(estimate, readBudget(config({ monthlyUsd: 32.85 }), "p"))).toEqual([]);
    expect(budgetFindings(estimate, readBudget(config({ monthlyUsd: 1, enforcementLevel: "disabled" }), "p"))).toEqual([]);
    expect(readBudget(JSON.stringify({ all: "advisory" }), "p")).toBeUndefined();
    expect(readBudget(undefined, "p")).toBeUndefined();
  });

  test.each([
    [5000, /must be an object/],
    [{}, /monthlyUsd: must be a number >= 0/],
    [{ monthlyUsd: -1 }, /monthlyUsd: must be a number >= 0/],
    [{ monthlyUsd: "100" }, /monthlyUsd: must be a number >= 0/],
    [{ monthlyUsd: 1, enforcementLevel: "remediate" }, /enforcementLevel: must be one of "advisory", "mandatory", "disabled"/],
    [{ monthlyUsd: 1, monthly: 2 }, /monthly: unknown property; allowed: enforcementLevel, monthlyUsd/],
  ])("a bad budget %j is refused naming the field", (entry, reason) => {
    expect(() => readBudget(config(entry), "policies/config/prod.json")).toThrow(reason);
    expect(() => readBudget(config(entry), "policies/config/prod.json")).toThrow(/^invalid policy pack config policies\/config\/prod.json: cost-restrict-monthly-budget/);
  });

  test("the pack never sees the entry, and it is not an unknown policy name", () => {
    const file = parsePolicyPackConfig({ [BUDGET_ENTRY]: { enforcementLevel: "mandatory", monthlyUsd: 10 }, "a-rule": "advisory" }, "prod.json");
    const effective = reconcilePolicyPackConfig([{ name: "a-rule", enforcementLevel: "mandatory" }], new Map(), file, "prod.json");
    expect([...effective.keys()]).toEqual(["a-rule"]);
  });
});

describe("the cost overrides file", () => {
  test("a valid file is taken as given", () => {
    const doc = { $comment: "x", tier: "PREMIUM", dbuPrices: { "jobs-serverless": 0.2 }, awsPrices: { natGatewayHour: 0.05 }, defaults: { jobRunHours: 1 }, resources: { j: { runsPerMonth: 3 } } };
    expect(parseCostOverrides(doc, "cost/prod.json")).toEqual(doc);
  });

  test("every bad field is named with what is allowed; a string is not echoed", () => {
    const doc = { tier: "GOLD", dbuPrices: { "jobs-serverles": 0.2 }, defaults: { jobRunHours: -1 }, extra: 1 };
    expect(() => parseCostOverrides(doc, "cost/prod.json")).toThrow(
      [
        "invalid cost overrides cost/prod.json:",
        '  - tier: given a string; allowed: one of "PREMIUM", "ENTERPRISE"',
      ].join("\n"),
    );
    let message = "";
    try {
      parseCostOverrides(doc, "cost/prod.json");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("dbuPrices.jobs-serverles: given 0.2; allowed: nothing: no such property");
    expect(message).toContain("defaults.jobRunHours: given -1; allowed: a number >= 0");
    expect(message).toContain("extra: given 1; allowed: nothing: no such property");
    expect(message).not.toContain("GOLD");
    expect(() => parseCostOverrides({ resources: { j: { runHours: 1 } } }, "f")).toThrow('resources["j"].runHours: given 1; allowed: nothing: no such property');
  });
});
