/**
 * data-require-deletion-protection: data-holding Unity Catalog resources are protected against deletion.
 */
import { forResourceTypes } from "../lib/applicability";
import { GUARD_TYPES, findDisabledGuards } from "../lib/deletion-guards";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import * as types from "../lib/resource-types";

/**
 * Resource types whose deletion loses data, models or the container of either: every such type of
 * @pulumi/databricks 1.110 (a test classifies each of the provider's resources, so a new one cannot slip
 * by), and the AWS stores a stage keeps its data in. A KMS key counts: deleting it makes what it
 * encrypts unreadable. So do a storage credential and an external location: deleting them (with
 * `forceDestroy`, past their dependents) cuts Unity Catalog off the catalog storage they give access to.
 */
export const DATA_HOLDING_TYPES: readonly string[] = [
  types.METASTORE,
  types.CATALOG,
  types.SCHEMA,
  types.STORAGE_CREDENTIAL,
  types.EXTERNAL_LOCATION,
  types.VOLUME,
  types.REGISTERED_MODEL,
  types.SQL_TABLE,
  types.TABLE,
  types.MLFLOW_EXPERIMENT,
  types.DIRECTORY,
  types.MLFLOW_MODEL,
  types.ONLINE_TABLE,
  types.ONLINE_STORE,
  types.VECTOR_SEARCH_INDEX,
  types.AI_SEARCH_INDEX,
  types.PIPELINE,
  types.MATERIALIZED_FEATURE,
  types.DATABASE_INSTANCE,
  types.DATABASE_DATABASE_CATALOG,
  types.DATABASE_SYNCED_TABLE,
  types.POSTGRES_PROJECT,
  types.POSTGRES_BRANCH,
  types.POSTGRES_DATABASE,
  types.POSTGRES_SYNCED_TABLE,
  types.DBFS_FILE,
  types.FILE,
  types.MWS_WORKSPACES,
  types.AWS_S3_BUCKET,
  types.AWS_S3_BUCKET_V2,
  types.AWS_KMS_KEY,
  types.AWS_DYNAMODB_TABLE,
];

/** What the rule needs to know about one data-holding resource. */
export interface DeletionProtectionFacts {
  type: string;
  /** The Pulumi resource name. */
  name: string;
  /** The `protect` resource option. */
  protect: boolean;
  /** The `forceDestroy` input, when the resource type has one. */
  forceDestroy?: unknown;
  /** A Directory's `deleteRecursive` input. */
  deleteRecursive?: unknown;
}

/**
 * Returns one message per missing protection: `protect` not set, `forceDestroy: true` set (any type that has it),
 * `deleteRecursive: true` on a folder (the provider's Directory delete passes it as the Workspace API's `recursive`,
 * workspace/resource_directory.go ResourceDirectory, so the experiments in the folder go with it).
 */
export function findDeletionProtectionGaps(facts: DeletionProtectionFacts): string[] {
  const resource = `${types.typeDisplayName(facts.type)} '${facts.name}'`;
  const messages: string[] = [];
  if (facts.protect !== true) {
    messages.push(`${resource} is not protected; set the resource option protect: true so Pulumi refuses to delete it.`);
  }
  if (facts.forceDestroy === true) {
    messages.push(`${resource} sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.`);
  }
  if (facts.deleteRecursive === true) {
    messages.push(`${resource} sets deleteRecursive: true, so deleting it would also delete every experiment and notebook in it; remove deleteRecursive.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const dataRequireDeletionProtection: DocumentedResourcePolicy = {
  name: "data-require-deletion-protection",
  description:
    "Data-holding resources (Unity Catalog securables and the storage credentials and locations under them, models, experiments and their folders, tables, databases, workspaces, buckets, keys) are protected against deletion, and the cloud's own deletion guards stay on.",
  severity: "high",
  remediationSteps:
    "Pass `protect: true` (and `retainOnDelete: true`) in the resource options of the data-holding resource " +
    "and drop `forceDestroy` (a Directory: `deleteRecursive`). Keep the cloud's own guards on: a DynamoDB table's " +
    "`deletionProtectionEnabled: true`, a KMS key's deletion window at 30 days and bucket versioning Enabled. " +
    "To delete such a resource on purpose, unprotect it in a reviewed change first.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: production data-holding resources (catalogs, schemas, volumes, registered models, " +
      "inference and monitor tables) are protected against deletion, so a refactoring or a renamed resource " +
      "cannot drop production data or model versions. Pulumi's protect stops only Pulumi, so the cloud's own guards " +
      "(DynamoDB deletion protection, the KMS deletion window, S3 versioning) must stay on " +
      "too. retainOnDelete is not visible over the analyzer " +
      "protocol (AnalyzerResourceOptions in pulumi/analyzer.proto carries protect, ignoreChanges, " +
      "deleteBeforeReplace, additionalSecretOutputs, aliases, customTimeouts and parent only), so the " +
      "offline plan refuses a prod data-holding resource without retainOnDelete as a deployability finding.",
    controls: [],
  },
  validateResource: forResourceTypes([...new Set([...DATA_HOLDING_TYPES, ...GUARD_TYPES])], (args, reportViolation) => {
    if (DATA_HOLDING_TYPES.includes(args.type)) {
      const facts: DeletionProtectionFacts = {
        type: args.type,
        name: args.name,
        protect: args.opts.protect,
        forceDestroy: args.props.forceDestroy,
        deleteRecursive: args.props.deleteRecursive,
      };
      for (const message of findDeletionProtectionGaps(facts)) reportViolation(message);
    }
    for (const message of findDisabledGuards(args.type, args.name, args.props)) reportViolation(message);
  }),
};
