import { changeHeadline, diffCost, earlierEstimate } from "../../../tools/plan/cost/diff";
import { estimateCost } from "../../../tools/plan/cost/estimate";
import { signedUsd } from "../../../tools/plan/cost/format";
import { render } from "../../../tools/plan/render-plan";
import type { PlanDocument } from "../../../tools/plan/types";
import { samplePlan } from "../../fixtures/plan-result";
import { plannedStep } from "../../support/planned-steps";

const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
const nat = plannedStep("aws:ec2/natGateway:NatGateway", "nat", stack);
const key = plannedStep("aws:kms/key:Key", "key", stack);
const job = plannedStep("databricks:index/job:Job", "j", stack, { tasks: [{ taskKey: "t", notebookTask: { notebookPath: "n" } }], schedule: { quartzCronExpression: "0 0 3 * * ?" } });
const doc = (steps = [stack, nat], cost?: PlanDocument["cost"]): PlanDocument => ({
  project: "databricks-mlops",
  stack: "prod",
  steps,
  changeSummary: { create: steps.length },
  policyViolations: [],
  diagnostics: [],
  waivers: [],
  ...(cost ? { cost } : {}),
});

describe("the cost change of a diff", () => {
  test("per resource, largest first; deletes count as negative; the headline has the sign and the percentage", () => {
    const before = estimateCost([stack, nat, key]);
    const after = estimateCost([stack, nat, job]);
    const change = diffCost(before, after);
    expect(change.changes.map((c) => [c.name, c.beforeUsd, c.afterUsd])).toEqual([
      ["j", 0, after.lines.find((l) => l.name === "j")!.monthlyUsd],
      ["key", 1, 0],
    ]);
    expect(change.deltaMonthlyUsd).toBeCloseTo(after.monthlyUsd - before.monthlyUsd, 9);
    expect(changeHeadline(diffCost(before, estimateCost([stack, nat])), signedUsd)).toBe(`-$1.00/month (-${((1 / 33.85) * 100).toFixed(1)}%)`);
  });

  test("from nothing there is no percentage", () => {
    expect(changeHeadline(diffCost(estimateCost([stack]), estimateCost([stack, key])), signedUsd)).toBe("+$1.00/month");
  });

  test("the earlier plan is repriced on its own recorded overrides, else on the current ones", () => {
    const current = { resources: { nat: { gbProcessedPerMonth: 100 } } };
    expect(earlierEstimate(doc(), current).monthlyUsd).toBeCloseTo(32.85 + 4.5, 9);
    expect(earlierEstimate(doc([stack, nat], estimateCost([stack, nat], {})), current).monthlyUsd).toBeCloseTo(32.85, 9);
  });

  test("the JSON plan carries the estimate, and its diff the cost change", () => {
    const result = samplePlan([]);
    result.document.steps.push(nat);
    result.document.cost = estimateCost(result.document.steps);
    const change = diffCost(estimateCost([stack]), result.document.cost);
    const json = JSON.parse(render(result, "json", { diff: { stack: "prod", changes: [], summary: { create: 0, update: 0, replace: 0, delete: 0, same: 0 }, protectedAtRisk: [], newFindings: [], resolvedFindings: [], cost: change }, against: "base.json" })) as PlanDocument & { diff: { cost: typeof change } };
    expect(json.cost!.monthlyUsd).toBeCloseTo(32.85, 9);
    expect(json.diff.cost.deltaMonthlyUsd).toBeCloseTo(32.85, 9);
  });
});
