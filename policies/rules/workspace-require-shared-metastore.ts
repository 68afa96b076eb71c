/**
 * workspace-require-shared-metastore: every metastore assignment names the one metastore all stages share,
 * the one the policy config names.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { METASTORE_ASSIGNMENT } from "../lib/resource-types";

/** The config of this rule; an unset id allows no assignment (the rule fails closed). */
export interface SharedMetastoreConfig {
  /** The Unity Catalog metastore every stage's workspace is assigned to. */
  metastoreId?: string;
}

/** Returns a message when the assignment names another metastore than the configured one. */
export function findMetastoreMismatch(resourceName: string, metastoreId: unknown, config: SharedMetastoreConfig): string[] {
  const subject = `Metastore assignment '${resourceName}'`;
  if (config.metastoreId === undefined) {
    return [`${subject} cannot be accepted: this stage's policy config names no metastoreId, so no metastore is trusted.`];
  }
  if (typeof metastoreId === "string" && metastoreId.trim().toLowerCase() === config.metastoreId.toLowerCase()) return [];
  return [
    `${subject} assigns the workspace to metastore ${JSON.stringify(metastoreId)}, but every stage shares metastore '${config.metastoreId}' ` +
      "(metastoreId in this stage's policy config); dev can only see the prod catalog through the same metastore.",
  ];
}

/** The rule object registered in the pack. */
export const workspaceRequireSharedMetastore: DocumentedResourcePolicy = {
  name: "workspace-require-shared-metastore",
  description: "Every metastore assignment names the one metastore all stages share (the policy config's metastoreId).",
  severity: "high",
  remediationSteps:
    "Set `workspace.metastoreId` in the stack file to the shared metastore. To move every stage to another metastore, " +
    "a security reviewer changes metastoreId in all three policy configs together.",
  configSchema: {
    properties: {
      metastoreId: { type: "string", pattern: "^[0-9a-fA-F-]{36}$", description: "The metastore every stage shares. Unset: none." },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Separate stages, one governance: catalogs are bound across workspaces only within one metastore, so dev reads the " +
      "prod catalog (READ_ONLY binding) only when both workspaces share it; a second metastore would also split the audit trail.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "GOV-16",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "GOV-16 checks that a workspace is assigned to a metastore; this rule also checks which one.",
      },
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "unity_catalog_metastore_assignment: databricks_metastore_assignment",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_account/unity_catalog_metastore_assignment/main.tf",
      },
    ],
  },
  validateResource: forResourceTypes([METASTORE_ASSIGNMENT], (args, reportViolation) => {
    const config = args.getConfig<SharedMetastoreConfig>();
    for (const message of findMetastoreMismatch(args.name, args.props.metastoreId, config)) reportViolation(message);
  }),
};
