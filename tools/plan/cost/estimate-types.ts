/** The data model of the cost estimate, as the plan's JSON carries it (`cost`) and the renderers read it. */
import type { Assumption, CostOverrides } from "./assumptions";

/** The estimate of one resource: its monthly cost, how it was computed, and on what. */
export interface CostLine {
  urn: string;
  type: string;
  name: string;
  /** USD a month (730 h). */
  monthlyUsd: number;
  /** DBUs a month (0 for AWS resources). */
  monthlyDbu: number;
  /** `monthlyUsd` / 730: the average hour, not the price of an hour of use. */
  hourlyUsd: number;
  /** `monthlyDbu` / 730. */
  hourlyDbu: number;
  /** The formula with its figures, one term per entry, e.g. `4 concurrency × 1 DBU/h × 730 h × $0.07/DBU`. */
  formula: string[];
  /** Every figure the formula used, with where it came from. */
  assumptions: Assumption[];
  /**
   * Usage figures the plan cannot see that stand at a default of zero (GB stored, requests): the line
   * then prices only the fixed part, and the renderers say so.
   */
  usageNotEstimated?: string[];
}

/** A resource the estimate did not price, and why. */
export interface UnpricedItem {
  urn: string;
  type: string;
  name: string;
  reason: string;
}

/** The estimate of a whole stage. */
export interface CostEstimate {
  priceTable: { version: string; asOf: string; region: string; currency: string; source: string };
  /** The workspace's pricing tier used for DBU prices. */
  tier: Assumption;
  monthlyUsd: number;
  /** `monthlyUsd` / 730. */
  hourlyUsd: number;
  monthlyDbu: number;
  /** `monthlyDbu` / 730. */
  hourlyDbu: number;
  /** Priced resources, most expensive first (ties by name). */
  lines: CostLine[];
  unpriced: UnpricedItem[];
  /** Resources that cost nothing by themselves (metadata, IAM, network plumbing, components). */
  freeResources: number;
  /** The overrides file, relative to the project, when the stage has one. */
  overridesFile?: string;
  /** The overrides applied, so that a later diff reprices this plan on the same assumptions. */
  overrides: CostOverrides;
  /** Per-resource override entries that name no resource of the plan (likely stale or misspelt). */
  unusedOverrides: string[];
}

/** What one estimator makes of one resource. */
export type Estimated = { line: Omit<CostLine, "urn" | "type" | "name" | "hourlyUsd" | "hourlyDbu"> } | { unpriced: string } | { free: true };
