/**
 * The versioned price table of the cost estimate: public list prices as remembered on the date below, not
 * a quote. Every figure the estimate prints names the entry it used, so a reader can check it against the
 * source and a stage can override it (a negotiated DBU price) in its `cost/<stage>.json`.
 *
 * Review this table before relying on it: list prices change, differ by region, tier and commitment, and
 * were not fetched from the sources (the team's machines have no internet). Bump `version` and `asOf` on
 * every change, so that two plans priced by different tables are told apart.
 */

/** Databricks workspace pricing tiers the table prices (the workspace's `pricingTier`). */
export type PricingTier = "PREMIUM" | "ENTERPRISE";

/** A price or usage rate the estimate may use; keys are stable and quoted in every formula. */
export interface PriceEntry {
  /** Price in USD per `unit`, or a usage rate (DBU per hour) where `unit` says so. */
  value: number;
  unit: string;
  /** Where the figure comes from, and how sure the table is of it. */
  note: string;
}

/** A Databricks price in USD per DBU, by tier. */
export interface TieredPrice {
  PREMIUM: number;
  ENTERPRISE: number;
  note: string;
}

export const PRICE_TABLE = {
  version: "2026.12-1",
  asOf: "2026-12-07",
  currency: "USD",
  region: "us-east-1",
  source:
    "Databricks pricing pages for AWS (databricks.com/product/pricing: Jobs, SQL, Model Serving; docs: SQL warehouse sizes, " +
    "model serving workload sizes) and AWS pricing pages for us-east-1 (VPC NAT gateway, public IPv4, PrivateLink, KMS, " +
    "DynamoDB on-demand, S3 Standard): list prices without discounts, commitments, taxes or free tiers, recorded from " +
    "the public pages as known on the date above, not fetched; review before relying on them.",
  /** USD per DBU by product (SKU family) and tier. */
  dbuPrices: {
    "jobs-classic": { PREMIUM: 0.15, ENTERPRISE: 0.2, note: "Jobs Compute (classic job clusters); EC2 is billed by AWS on top" },
    "jobs-serverless": { PREMIUM: 0.35, ENTERPRISE: 0.45, note: "Serverless Jobs, compute included; Lakehouse monitor refreshes bill here" },
    "sql-classic": { PREMIUM: 0.22, ENTERPRISE: 0.22, note: "SQL Classic; EC2 billed by AWS on top" },
    "sql-pro": { PREMIUM: 0.55, ENTERPRISE: 0.55, note: "SQL Pro; EC2 billed by AWS on top" },
    "sql-serverless": { PREMIUM: 0.7, ENTERPRISE: 0.7, note: "SQL Serverless, compute included" },
    "model-serving": { PREMIUM: 0.07, ENTERPRISE: 0.07, note: "Model Serving / serverless real-time inference (CPU), compute included" },
  } satisfies Record<string, TieredPrice>,
  /** DBU per hour of one SQL warehouse cluster, by `clusterSize` (Databricks' documented sizes). */
  sqlWarehouseDbuPerHour: {
    "2X-Small": 4,
    "X-Small": 6,
    Small: 12,
    Medium: 24,
    Large: 40,
    "X-Large": 80,
    "2X-Large": 144,
    "3X-Large": 272,
    "4X-Large": 528,
  } as Record<string, number>,
  /**
   * Concurrency a served entity keeps provisioned when it does not scale to zero: the lower bound of the
   * workload size's range (Small 4, Medium 8-16, Large 16-64). Traffic above it scales up and costs more.
   */
  servingConcurrency: { Small: 4, Medium: 8, Large: 16 } as Record<string, number>,
  /** Usage rates: how many DBUs a thing consumes; assumptions of this table, to be measured and overridden. */
  rates: {
    servingDbuPerConcurrencyHour: {
      value: 1,
      unit: "DBU per provisioned concurrency per hour",
      note: "CPU serving; assumption of this table (not a published figure): measure in system.billing.usage",
    },
  } satisfies Record<string, PriceEntry>,
  /** Classic job-cluster node types: DBU per hour per node (Jobs Compute) and the EC2 on-demand price. */
  nodeTypes: {
    "i3.xlarge": { dbuPerHour: 1, ec2UsdPerHour: 0.312 },
    "i3.2xlarge": { dbuPerHour: 2, ec2UsdPerHour: 0.624 },
    "m5.xlarge": { dbuPerHour: 0.69, ec2UsdPerHour: 0.192 },
    "m5.2xlarge": { dbuPerHour: 1.37, ec2UsdPerHour: 0.384 },
  } as Record<string, { dbuPerHour: number; ec2UsdPerHour: number }>,
  /** AWS list prices, us-east-1. */
  aws: {
    natGatewayHour: { value: 0.045, unit: "USD per NAT gateway hour", note: "VPC pricing" },
    natGatewayGb: { value: 0.045, unit: "USD per GB processed", note: "VPC pricing" },
    publicIpv4Hour: { value: 0.005, unit: "USD per public IPv4 address hour", note: "VPC pricing, since February 2024" },
    interfaceEndpointAzHour: { value: 0.01, unit: "USD per interface endpoint per AZ hour", note: "PrivateLink pricing" },
    interfaceEndpointGb: { value: 0.01, unit: "USD per GB processed", note: "PrivateLink pricing, first PB" },
    kmsKeyMonth: { value: 1, unit: "USD per customer-managed key month", note: "KMS pricing; rotation surcharges and requests not included" },
    dynamodbWriteMillion: { value: 0.625, unit: "USD per million write request units", note: "DynamoDB on-demand, since November 2024" },
    dynamodbReadMillion: { value: 0.125, unit: "USD per million read request units", note: "DynamoDB on-demand, since November 2024" },
    dynamodbStorageGbMonth: { value: 0.25, unit: "USD per GB-month", note: "DynamoDB Standard table class" },
    dynamodbPitrGbMonth: { value: 0.2, unit: "USD per GB-month", note: "DynamoDB continuous backups (PITR)" },
    s3StandardGbMonth: { value: 0.023, unit: "USD per GB-month", note: "S3 Standard, first 50 TB; requests not included" },
  } satisfies Record<string, PriceEntry>,
} as const;

/** The AWS price keys (`aws.<key>` in formulas and overrides). */
export type AwsPriceKey = keyof typeof PRICE_TABLE.aws;
/** The Databricks products priced per DBU (`dbu.<product>` in formulas and overrides). */
export type DbuProduct = keyof typeof PRICE_TABLE.dbuPrices;

/** Hours in a month, AWS's convention for monthly prices (365 days x 24 h / 12, rounded). */
export const HOURS_PER_MONTH = 730;
