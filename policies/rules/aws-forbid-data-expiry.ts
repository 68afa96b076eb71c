/**
 * aws-forbid-data-expiry: no expiry deletes a production stage's stored data on a timer: no S3 lifecycle rule
 * that expires objects or their older versions, and no DynamoDB time-to-live, unless a security reviewer names
 * the table in the policy config. Protection against `pulumi destroy` means little if AWS deletes the data by itself.
 */
import { forResourceTypes } from "../lib/applicability";
import { AWS_S3_BUCKET_LIFECYCLE, AWS_S3_BUCKET_LIFECYCLE_V2 } from "../lib/aws-setting-types";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { AWS_DYNAMODB_TABLE, AWS_S3_BUCKET, AWS_S3_BUCKET_V2, typeDisplayName } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface DataExpiryConfig {
  /** DynamoDB table names whose items may expire (a reviewed decision); default none. */
  expiringTables?: string[];
}

/** The types whose inputs can expire data. */
export const EXPIRY_TYPES: readonly string[] = [AWS_S3_BUCKET_LIFECYCLE, AWS_S3_BUCKET_LIFECYCLE_V2, AWS_S3_BUCKET, AWS_S3_BUCKET_V2, AWS_DYNAMODB_TABLE];

const present = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];

/** The expiring parts of one lifecycle rule that is not off; `off` says how the rule's form marks it disabled. */
function expiringParts(rule: Record<string, unknown>, off: boolean): string[] {
  if (off) return [];
  return ["expiration", "noncurrentVersionExpiration"].filter((key) => present(rule[key]));
}

/** Returns one message per lifecycle rule that expires objects or versions, and for a table's time-to-live. */
export function findDataExpiry(type: string, name: string, props: Record<string, unknown>, config: DataExpiryConfig): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const messages: string[] = [];
  const report = (rule: Record<string, unknown>, index: number, parts: string[]) => {
    const id = typeof rule.id === "string" && rule.id !== "" ? ` '${rule.id}'` : "";
    messages.push(
      `${subject}: lifecycle rule #${index + 1}${id} sets ${parts.join(" and ")}, so S3 deletes the stage's objects on a timer; remove it ` +
        "(transitions to colder storage classes keep the data and pass).",
    );
  };
  if (type === AWS_S3_BUCKET_LIFECYCLE || type === AWS_S3_BUCKET_LIFECYCLE_V2) {
    // S3 takes `status` "Enabled" or "Disabled"; anything but "Disabled" is judged as enabled.
    asRecords(props.rules).forEach((rule, i) => {
      const parts = expiringParts(rule, rule.status === "Disabled");
      if (parts.length > 0) report(rule, i, parts);
    });
  } else if (type === AWS_S3_BUCKET || type === AWS_S3_BUCKET_V2) {
    asRecords(props.lifecycleRules).forEach((rule, i) => {
      const parts = expiringParts(rule, rule.enabled === false);
      if (parts.length > 0) report(rule, i, parts);
    });
  } else if (type === AWS_DYNAMODB_TABLE) {
    const ttl = props.ttl as { enabled?: unknown } | undefined;
    const on = ttl?.enabled === true || String(ttl?.enabled).toLowerCase() === "true";
    const table = typeof props.name === "string" ? props.name : undefined;
    if (on && (table === undefined || !(config.expiringTables ?? []).includes(table))) {
      messages.push(
        `${subject} turns on time-to-live, so DynamoDB deletes its items on a timer, and its table ` +
          `${table === undefined ? "has no literal name" : `'${table}'`} is not among expiringTables in this stage's policy config; ` +
          "turn ttl off, or have a security reviewer name the table there.",
      );
    }
  }
  return messages;
}

/** The rule object registered in the pack. */
export const awsForbidDataExpiry: DocumentedResourcePolicy = {
  name: "aws-forbid-data-expiry",
  description: "No S3 lifecycle rule expires a stage's objects or their versions, and no DynamoDB table expires items unless the policy config names it.",
  severity: "high",
  remediationSteps:
    "Remove `expiration` and `noncurrentVersionExpiration` from the bucket's lifecycle rules (or set the rule's status to \"Disabled\"); turn off " +
    "a table's `ttl`, or, where expiring items is the design (a cache of predictions), a security reviewer names the table in `expiringTables`.",
  configSchema: {
    properties: {
      expiringTables: {
        type: "array",
        items: { type: "string" },
        description: "DynamoDB table names (literal `name`) whose items may expire by time-to-live. Default none.",
        default: [],
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Protected production data: deletion protection and the inventory stop Pulumi from deleting prod data, but a lifecycle expiry or a " +
      "time-to-live makes AWS delete it by itself, object by object, with no plan showing a delete. Lifecycle types are not admitted on prod " +
      "today (resources-restrict-types), and this rule judges them anyway, so a reviewer who admits one admits its judge too. Prod only: dev " +
      "and staging data are rebuilt by their pipelines.",
    controls: [],
  },
  validateResource: forResourceTypes(EXPIRY_TYPES, (args, reportViolation) => {
    for (const message of findDataExpiry(args.type, args.name, args.props, args.getConfig<DataExpiryConfig>())) reportViolation(message);
  }),
};
