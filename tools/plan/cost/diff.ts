/**
 * What a change does to a stage's cost: the earlier plan repriced by today's price table on its own
 * overrides (so that the change shows what the pull request changed, not a newer price table), compared
 * resource by resource with the new estimate. Pure.
 */
import type { PlanDocument } from "../types";
import type { CostOverrides } from "./assumptions";
import { estimateCost } from "./estimate";
import type { CostEstimate, UnpricedItem } from "./estimate-types";

/** One resource whose monthly cost changed. */
export interface CostLineChange {
  urn: string;
  type: string;
  name: string;
  beforeUsd: number;
  afterUsd: number;
  deltaUsd: number;
}

/** The cost side of a diff. */
export interface CostChange {
  beforeMonthlyUsd: number;
  afterMonthlyUsd: number;
  deltaMonthlyUsd: number;
  /** Percent of the earlier total; undefined when the earlier plan cost nothing. */
  deltaPercent?: number;
  /** Every resource whose cost changed, largest change first. */
  changes: CostLineChange[];
  /** Unpriced resources the change adds: the change is larger than the figure by what they cost. */
  newUnpriced: UnpricedItem[];
}

/** How many changed resources the renderers show first. */
export const TOP_CHANGES = 5;

/** The earlier plan's estimate: its own overrides when it recorded them, else the current ones. */
export function earlierEstimate(earlier: PlanDocument, currentOverrides: CostOverrides): CostEstimate {
  return estimateCost(earlier.steps, earlier.cost?.overrides ?? currentOverrides);
}

/** Compares two estimates resource by resource (by URN). Changes under a cent are not changes. */
export function diffCost(before: CostEstimate, after: CostEstimate): CostChange {
  const old = new Map(before.lines.map((l) => [l.urn, l]));
  const now = new Map(after.lines.map((l) => [l.urn, l]));
  const changes: CostLineChange[] = [];
  for (const urn of new Set([...now.keys(), ...old.keys()])) {
    const b = old.get(urn);
    const a = now.get(urn);
    const line = (a ?? b)!;
    const deltaUsd = (a?.monthlyUsd ?? 0) - (b?.monthlyUsd ?? 0);
    if (Math.abs(deltaUsd) >= 0.005) changes.push({ urn, type: line.type, name: line.name, beforeUsd: b?.monthlyUsd ?? 0, afterUsd: a?.monthlyUsd ?? 0, deltaUsd });
  }
  changes.sort((x, y) => Math.abs(y.deltaUsd) - Math.abs(x.deltaUsd) || x.name.localeCompare(y.name));
  const unpricedBefore = new Set(before.unpriced.map((u) => u.urn));
  const deltaMonthlyUsd = after.monthlyUsd - before.monthlyUsd;
  return {
    beforeMonthlyUsd: before.monthlyUsd,
    afterMonthlyUsd: after.monthlyUsd,
    deltaMonthlyUsd,
    ...(before.monthlyUsd > 0 ? { deltaPercent: (deltaMonthlyUsd / before.monthlyUsd) * 100 } : {}),
    changes,
    newUnpriced: after.unpriced.filter((u) => !unpricedBefore.has(u.urn)),
  };
}

/** `+$204.40/month (+47.3%)`: the headline of a change. */
export function changeHeadline(change: CostChange, signed: (n: number) => string): string {
  const pct = change.deltaPercent === undefined ? "" : ` (${change.deltaPercent >= 0 ? "+" : ""}${change.deltaPercent.toFixed(1)}%)`;
  return `${signed(change.deltaMonthlyUsd)}/month${pct}`;
}
