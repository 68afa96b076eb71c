/**
 * The cost estimate of one stage: every planned resource through its estimator, summed. Pure and cheap (one
 * pass over the plan), so it runs in every plan. Prices come from the versioned price table, with the stage's
 * overrides applied; every line keeps its formula and figures.
 */
import type { PlannedStep } from "../types";
import { Assumptions, type CostOverrides } from "./assumptions";
import type { CostEstimate, CostLine, UnpricedItem } from "./estimate-types";
import { HOURS_PER_MONTH, PRICE_TABLE, type PricingTier } from "./price-table";
import { servingShapes, warehouseUses } from "./plan-facts";
import { coverageOf, PRICED, UNPRICED } from "./type-coverage";

/** The tier of the workspace the plan creates (`MwsWorkspaces.pricingTier`), when it is one the table prices. */
export function plannedTier(steps: readonly PlannedStep[]): PricingTier | undefined {
  const tier = steps.find((s) => s.type === "databricks:index/mwsWorkspaces:MwsWorkspaces")?.inputs.pricingTier;
  return tier === "PREMIUM" || tier === "ENTERPRISE" ? tier : undefined;
}

/** Estimates a stage's monthly cost from its planned resources and its overrides (`{}` when none). */
export function estimateCost(steps: readonly PlannedStep[], overrides: CostOverrides = {}, overridesFile?: string): CostEstimate {
  const assumptions = new Assumptions(overrides, plannedTier(steps));
  const facts = { assumptions, servingShapes: servingShapes(steps), warehouseUses: warehouseUses(steps) };
  const lines: CostLine[] = [];
  const unpriced: UnpricedItem[] = [];
  let freeResources = 0;
  for (const step of steps) {
    const coverage = coverageOf(step);
    const { urn, type, name } = step;
    if (coverage === "free") freeResources++;
    else if (coverage === "unpriced") unpriced.push({ urn, type, name, reason: UNPRICED[type] });
    else if (coverage === "unknown") unpriced.push({ urn, type, name, reason: "type not in the price table" });
    else {
      const result = PRICED[type](step, facts);
      if ("line" in result) lines.push({ urn, type, name, ...result.line, hourlyUsd: result.line.monthlyUsd / HOURS_PER_MONTH, hourlyDbu: result.line.monthlyDbu / HOURS_PER_MONTH });
      else if ("unpriced" in result) unpriced.push({ urn, type, name, reason: result.unpriced });
      else freeResources++;
    }
  }
  lines.sort((x, y) => y.monthlyUsd - x.monthlyUsd || x.name.localeCompare(y.name));
  const monthlyUsd = lines.reduce((n, l) => n + l.monthlyUsd, 0);
  const monthlyDbu = lines.reduce((n, l) => n + l.monthlyDbu, 0);
  const { version, asOf, region, currency, source } = PRICE_TABLE;
  return {
    priceTable: { version, asOf, region, currency, source },
    tier: assumptions.tier(),
    monthlyUsd,
    hourlyUsd: monthlyUsd / HOURS_PER_MONTH,
    monthlyDbu,
    hourlyDbu: monthlyDbu / HOURS_PER_MONTH,
    lines,
    unpriced,
    freeResources,
    ...(overridesFile === undefined ? {} : { overridesFile }),
    overrides,
    unusedOverrides: assumptions.unusedResourceOverrides(),
  };
}
