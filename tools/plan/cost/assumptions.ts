/**
 * The assumptions of the estimate and a stage's overrides of them. A stage overrides in `cost/<stage>.json`
 * (owned by the platform engineers, like the stack files): prices it negotiated, the tier, defaults, and
 * per resource (by its Pulumi name) the figures only its team knows (a job's run time, a table's traffic).
 * Every value the estimate uses is recorded with where it came from, so the plan can show its working.
 */
import { checkAgainstSchema, type JsonSchema } from "../json-schema-subset";
import { PRICE_TABLE, type AwsPriceKey, type DbuProduct, type PricingTier } from "./price-table";

/** Where a figure of the estimate came from. */
export type AssumptionSource = "price table" | "default" | "override" | "plan";

/** One figure a line of the estimate rests on. */
export interface Assumption {
  /** The figure's key as an override names it, e.g. `runHours`, `dbu.jobs-serverless`, `aws.natGatewayHour`. */
  key: string;
  value: number | string;
  unit: string;
  source: AssumptionSource;
}

/** Defaults for what the plan cannot know; each is shown as `default` and can be overridden. */
export const DEFAULT_ASSUMPTIONS = {
  /** Hours of one run of a job (no public figure; a guess to be replaced by the job's measured run time). */
  jobRunHours: { value: 0.5, unit: "h per run" },
  /** DBU per hour of a serverless job run (depends on the workload; measure in system.billing.usage). */
  serverlessJobDbuPerHour: { value: 4, unit: "DBU/h" },
  /** DBU of one Lakehouse monitor refresh (depends on the table's size and its metrics). */
  monitorDbuPerRefresh: { value: 1, unit: "DBU per refresh" },
  /** Minutes a warehouse runs a scheduled session's queries before its auto-stop counts down. */
  warehouseQueryMinutes: { value: 1, unit: "min per session" },
  /** Hours a day a scale-to-zero served entity is up (it costs nothing while scaled to zero). */
  servingActiveHoursPerDay: { value: 4, unit: "h/day" },
  /** GB a NAT gateway or an interface endpoint processes a month (traffic the plan cannot see). */
  gbProcessedPerMonth: { value: 0, unit: "GB/month" },
  /** GB stored in a bucket or a table. */
  gbStored: { value: 0, unit: "GB" },
  /** Million write and read request units a month of an on-demand DynamoDB table. */
  writeMillionsPerMonth: { value: 0, unit: "million WRU/month" },
  readMillionsPerMonth: { value: 0, unit: "million RRU/month" },
} as const;

export type DefaultKey = keyof typeof DEFAULT_ASSUMPTIONS;

/** Per-resource overrides: the defaults' keys, plus `runsPerMonth` (a job or monitor) and `activeHoursPerMonth` (a SQL warehouse). */
export type ResourceOverrideKey = DefaultKey | "runsPerMonth" | "activeHoursPerMonth";

/** A stage's `cost/<stage>.json`, validated. */
export interface CostOverrides {
  /** The workspace's pricing tier; default: the created workspace's `pricingTier`, else PREMIUM. */
  tier?: PricingTier;
  /** USD per DBU by product, e.g. a negotiated `jobs-serverless` price. */
  dbuPrices?: Partial<Record<DbuProduct, number>>;
  /** AWS prices by key, e.g. another region's `natGatewayHour`. */
  awsPrices?: Partial<Record<AwsPriceKey, number>>;
  /** The stage's defaults. */
  defaults?: Partial<Record<DefaultKey, number>>;
  /** Per resource, by its Pulumi name. */
  resources?: Record<string, Partial<Record<ResourceOverrideKey, number>>>;
  /** A note for readers; ignored. */
  $comment?: string;
}

const numbers = (keys: readonly string[]): JsonSchema => ({
  type: "object",
  properties: Object.fromEntries(keys.map((k) => [k, { type: "number", minimum: 0 }])),
  additionalProperties: false,
});
const DEFAULT_KEYS = Object.keys(DEFAULT_ASSUMPTIONS);
const RESOURCE_KEYS = [...DEFAULT_KEYS, "runsPerMonth", "activeHoursPerMonth"];

const OVERRIDES_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    $comment: { type: "string" },
    tier: { enum: ["PREMIUM", "ENTERPRISE"] },
    dbuPrices: numbers(Object.keys(PRICE_TABLE.dbuPrices)),
    awsPrices: numbers(Object.keys(PRICE_TABLE.aws)),
    defaults: numbers(DEFAULT_KEYS),
    resources: { type: "object" },
  },
  additionalProperties: false,
};

/**
 * Validates a parsed overrides document. Throws an Error listing every bad field and what is allowed; values
 * are shown only when they are not strings (a misplaced string could be anything).
 */
export function parseCostOverrides(document: unknown, source: string): CostOverrides {
  const problems = checkAgainstSchema(document, OVERRIDES_SCHEMA);
  const resources = (document as { resources?: unknown } | null)?.resources;
  if (problems.length === 0 && resources !== undefined) {
    for (const [name, entry] of Object.entries(resources as Record<string, unknown>)) {
      problems.push(...checkAgainstSchema(entry, numbers(RESOURCE_KEYS), `resources["${name}"]`));
    }
  }
  if (problems.length === 0) return document as CostOverrides;
  const shown = (v: unknown) => (typeof v === "string" ? "a string" : JSON.stringify(v) ?? "missing");
  throw new Error(`invalid cost overrides ${source}:\n${problems.map((p) => `  - ${p.path || "(document)"}: given ${shown(p.given)}; allowed: ${p.expected}`).join("\n")}`);
}

/**
 * The figures of one estimate: table prices and defaults, with the stage's overrides applied, each looked up
 * with its source. Records which per-resource overrides were used, so that one naming no resource is reported.
 */
export class Assumptions {
  private readonly usedResources = new Set<string>();

  constructor(
    readonly overrides: CostOverrides,
    /** The tier the plan found (a created workspace's `pricingTier`), when it found one. */
    private readonly planTier?: PricingTier,
  ) {}

  /** The pricing tier and where it came from. */
  tier(): Assumption {
    if (this.overrides.tier) return { key: "tier", value: this.overrides.tier, unit: "pricing tier", source: "override" };
    if (this.planTier) return { key: "tier", value: this.planTier, unit: "pricing tier", source: "plan" };
    return { key: "tier", value: "PREMIUM", unit: "pricing tier", source: "default" };
  }

  /** USD per DBU of a product at the stage's tier. */
  dbuPrice(product: DbuProduct): Assumption {
    const key = `dbu.${product}`;
    const given = this.overrides.dbuPrices?.[product];
    if (given !== undefined) return { key, value: given, unit: "USD/DBU", source: "override" };
    return { key, value: PRICE_TABLE.dbuPrices[product][this.tier().value as PricingTier], unit: "USD/DBU", source: "price table" };
  }

  /** An AWS price. */
  awsPrice(price: AwsPriceKey): Assumption {
    const key = `aws.${price}`;
    const given = this.overrides.awsPrices?.[price];
    const unit = PRICE_TABLE.aws[price].unit;
    if (given !== undefined) return { key, value: given, unit, source: "override" };
    return { key, value: PRICE_TABLE.aws[price].value, unit, source: "price table" };
  }

  /** A per-resource figure: the resource's override, else the stage's default, else the table's default. */
  resource(name: string, key: DefaultKey): Assumption {
    const base = this.stageDefault(key);
    return this.ownOverride(name, key, base.unit) ?? { key, value: base.value, unit: base.unit, source: base.source };
  }

  /** The resource's own override of `key` (in `unit`), if it has one; figures without a default (`runsPerMonth`) are read so. */
  ownOverride(name: string, key: ResourceOverrideKey, unit: string): Assumption | undefined {
    const own = this.overrides.resources?.[name]?.[key];
    if (own === undefined) return undefined;
    this.usedResources.add(name);
    return { key, value: own, unit, source: "override" };
  }

  /** Resource names of the overrides file that name no resource the estimate priced. */
  unusedResourceOverrides(): string[] {
    return Object.keys(this.overrides.resources ?? {}).filter((name) => !this.usedResources.has(name));
  }

  private stageDefault(key: DefaultKey): { value: number; unit: string; source: AssumptionSource } {
    const given = this.overrides.defaults?.[key];
    const unit = DEFAULT_ASSUMPTIONS[key].unit;
    return given !== undefined ? { value: given, unit, source: "override" } : { value: DEFAULT_ASSUMPTIONS[key].value, unit, source: "default" };
  }
}
