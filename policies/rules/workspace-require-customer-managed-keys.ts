/**
 * workspace-require-customer-managed-keys: every workspace the stack creates encrypts its workspace storage
 * and its managed services with customer-managed keys.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MWS_WORKSPACES } from "../lib/resource-types";

/** The two key ids a workspace takes, and what each protects. */
const KEY_FIELDS = {
  storageCustomerManagedKeyId: "workspace storage (root bucket, cluster volumes)",
  managedServicesCustomerManagedKeyId: "managed services (notebooks, secrets, queries)",
} as const;

/** True when a key id is set: a known non-empty string, or an unknown output of a key the stack registers. */
function isSet(read: () => unknown): boolean {
  const value = readIfKnown(read);
  return !value.known || (typeof value.value === "string" && value.value !== "");
}

/** Returns one message per key id the workspace leaves unset. */
export function findCustomerManagedKeyGaps(resourceName: string, props: Record<string, unknown>): string[] {
  return Object.entries(KEY_FIELDS)
    .filter(([field]) => !isSet(() => props[field]))
    .map(([field, what]) => `Workspace '${resourceName}' does not set ${field}; register a customer-managed key for ${what} (MwsCustomerManagedKeys) and set it.`);
}

/** The rule object registered in the pack. */
export const workspaceRequireCustomerManagedKeys: DocumentedResourcePolicy = {
  name: "workspace-require-customer-managed-keys",
  description: "Every created workspace encrypts workspace storage and managed services with customer-managed keys.",
  severity: "high",
  remediationSteps:
    "Register the stage's KMS keys with the account (databricks.MwsCustomerManagedKeys, use cases STORAGE and " +
    "MANAGED_SERVICES) and set storageCustomerManagedKeyId and managedServicesCustomerManagedKeyId on the MwsWorkspaces " +
    "(config: workspace.aws.customerManagedKeys, required on prod).",
  documentation: {
    waivers: "allowed",
    rationale:
      "Protected production data: with the stage's own keys, the stage's AWS account decides who can decrypt its " +
      "notebooks, secrets, query results and DBFS data, and can revoke Databricks' access by disabling a key.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "DP-3",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
      },
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "cmk.tf + databricks_mws_customer_managed_keys (STORAGE, MANAGED_SERVICES)",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/cmk.tf",
      },
    ],
  },
  validateResource: forResourceTypes([MWS_WORKSPACES], (args, reportViolation) => {
    for (const message of findCustomerManagedKeyGaps(args.name, args.props)) reportViolation(message);
  }),
};
