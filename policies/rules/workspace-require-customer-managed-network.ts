/**
 * workspace-require-customer-managed-network: every workspace the stack creates runs its compute in a
 * customer-managed VPC (an MwsNetworks registration), not in a VPC Databricks creates.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MWS_WORKSPACES } from "../lib/resource-types";

/** Returns a message when the workspace sets no `networkId`. */
export function findCustomerNetworkGap(resourceName: string, props: Record<string, unknown>): string[] {
  const networkId = readIfKnown(() => props.networkId);
  // Unknown during preview: the id of the MwsNetworks the stack registers in the same run.
  if (!networkId.known || (typeof networkId.value === "string" && networkId.value !== "")) return [];
  return [
    `Workspace '${resourceName}' sets no networkId, so Databricks would create and manage its VPC; register the stage's VPC (MwsNetworks) and set networkId.`,
  ];
}

/** The rule object registered in the pack. */
export const workspaceRequireCustomerManagedNetwork: DocumentedResourcePolicy = {
  name: "workspace-require-customer-managed-network",
  description: "Every created workspace runs its compute in a customer-managed VPC.",
  severity: "high",
  remediationSteps:
    "Create the VPC, private subnets and security group, register them with databricks.MwsNetworks and set the " +
    "workspace's networkId (the program does this in create mode).",
  documentation: {
    waivers: "allowed",
    rationale:
      "Separate stages and protected production data: in the stage's own VPC the security group, routes and VPC " +
      "endpoints decide where cluster traffic may go, which a Databricks-managed VPC does not let the account control.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "NS-4",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
      },
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "network.tf: customer-managed VPC + databricks_mws_networks",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/network.tf",
      },
    ],
  },
  validateResource: forResourceTypes([MWS_WORKSPACES], (args, reportViolation) => {
    for (const message of findCustomerNetworkGap(args.name, args.props)) reportViolation(message);
  }),
};
