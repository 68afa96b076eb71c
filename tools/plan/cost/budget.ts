/**
 * The budget guard: an optional monthly budget per stage, set by the security reviewers in the stage's policy
 * config under the entry `cost-restrict-monthly-budget` (`{"enforcementLevel": "advisory", "monthlyUsd": 2000}`).
 * A plan whose estimate exceeds it gets a finding at that level (advisory when none is given; a file-wide
 * `all` does not raise it: a budget blocks only where a reviewer chose so).
 *
 * Why a plan finding and not a rule of the pack: the estimate (price table, overrides, schedules) lives in the
 * plan, and the pack imports nothing from the tools. The entry sits in the policy config because the budget is a
 * reviewers' decision, not one a pull request that changes the stack can make. The plan removes the entry before
 * it configures the pack; under `pulumi preview` the CLI hands it to the pack, which ignores names it does not
 * define (give it an `enforcementLevel` there).
 */
import type { EnforcementLevel, PolicyViolation } from "../types";
import type { CostEstimate } from "./estimate-types";
import { signedUsd, usd } from "./format";

/** The policy config entry the plan reads, and no rule of the pack defines. */
export const BUDGET_ENTRY = "cost-restrict-monthly-budget";
/** `policyPack` of the plan's own findings. */
export const PLAN_FINDINGS_SOURCE = "offline-plan";

export interface CostBudget {
  monthlyUsd: number;
  enforcementLevel: EnforcementLevel;
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

/**
 * The budget of a policy config's text, or undefined when it sets none.
 * @throws Error naming the bad field and what is allowed (the plan reports it as invalid input).
 */
export function readBudget(policyConfigText: string | undefined, source: string): CostBudget | undefined {
  if (policyConfigText === undefined || policyConfigText.trim() === "") return undefined;
  const entry = (JSON.parse(policyConfigText) as Record<string, unknown>)[BUDGET_ENTRY];
  if (entry === undefined) return undefined;
  const fail = (what: string) => new Error(`invalid policy pack config ${source}: ${BUDGET_ENTRY}.${what}`);
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw fail(`: must be an object {"enforcementLevel"?, "monthlyUsd"}`);
  const { enforcementLevel = "advisory", monthlyUsd, ...rest } = entry as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw fail(`${unknown[0]}: unknown property; allowed: enforcementLevel, monthlyUsd`);
  if (typeof monthlyUsd !== "number" || !(monthlyUsd >= 0)) throw fail("monthlyUsd: must be a number >= 0 (USD a month)");
  if (!LEVELS.includes(enforcementLevel as EnforcementLevel)) throw fail(`enforcementLevel: must be one of ${LEVELS.map((l) => `"${l}"`).join(", ")}`);
  return { monthlyUsd, enforcementLevel: enforcementLevel as EnforcementLevel };
}

/** The finding of an estimate over its budget (none within it, or when disabled). */
export function budgetFindings(estimate: CostEstimate, budget: CostBudget | undefined): PolicyViolation[] {
  if (budget === undefined || budget.enforcementLevel === "disabled" || estimate.monthlyUsd <= budget.monthlyUsd) return [];
  const over = estimate.monthlyUsd - budget.monthlyUsd;
  const top = estimate.lines.slice(0, 3).map((l) => `${l.name} ${usd(l.monthlyUsd)}`).join(", ");
  const overridden = estimate.overridesFile ? ` The estimate uses the overrides in ${estimate.overridesFile}.` : "";
  return [
    {
      policyPack: PLAN_FINDINGS_SOURCE,
      policyName: BUDGET_ENTRY,
      enforcementLevel: budget.enforcementLevel,
      severity: "medium",
      urn: "",
      message:
        `The stage's estimated cost, ${usd(estimate.monthlyUsd)}/month, exceeds its budget of ${usd(budget.monthlyUsd)}/month by ${signedUsd(over).slice(1)}. ` +
        `Largest: ${top}.${overridden} Lower the cost, or ask a security reviewer to raise ${BUDGET_ENTRY}.monthlyUsd in the stage's policy config.`,
    },
  ];
}
