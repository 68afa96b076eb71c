/**
 * workspace-restrict-private-access: private access settings admit at most the VPC endpoints registered in
 * the Databricks account (ACCOUNT), or an explicit list of them (ENDPOINT), and say so explicitly.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MWS_PRIVATE_ACCESS_SETTINGS } from "../lib/resource-types";

/** Returns one message per way the settings are wider than the account, or left to a default. */
export function findPrivateAccessGaps(resourceName: string, props: Record<string, unknown>): string[] {
  const subject = `Private access settings '${resourceName}'`;
  const level = props.privateAccessLevel;
  if (level === "ACCOUNT") return [];
  if (level === "ENDPOINT") {
    const allowed = props.allowedVpcEndpointIds;
    if (Array.isArray(allowed) && allowed.length > 0) return [];
    return [`${subject} set privateAccessLevel ENDPOINT but list no allowedVpcEndpointIds; list the VPC endpoints that may connect, or use ACCOUNT.`];
  }
  const what = level === undefined ? "do not set privateAccessLevel" : `set privateAccessLevel ${JSON.stringify(level)}`;
  return [`${subject} ${what}; set it to "ACCOUNT" (endpoints registered in this Databricks account) or "ENDPOINT" with allowedVpcEndpointIds.`];
}

/** The rule object registered in the pack. */
export const workspaceRestrictPrivateAccess: DocumentedResourcePolicy = {
  name: "workspace-restrict-private-access",
  description: "Private access settings admit no VPC endpoint beyond the Databricks account's own.",
  severity: "high",
  remediationSteps:
    "Set `privateAccessLevel: \"ACCOUNT\"` on the MwsPrivateAccessSettings, or \"ENDPOINT\" with the allowed " +
    "`allowedVpcEndpointIds`.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Separate stages: private connectivity to a stage's workspace must come only from network paths the account " +
      "registered, never from endpoints another Databricks account controls.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "databricks_mws_private_access_settings private_access_level = \"ACCOUNT\"",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_account/workspace/main.tf",
      },
      {
        framework: "Databricks Security Analysis Tool",
        id: "NS-3",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "NS-3 checks that a workspace has private access settings; this rule checks how wide they are.",
      },
    ],
  },
  validateResource: forResourceTypes([MWS_PRIVATE_ACCESS_SETTINGS], (args, reportViolation) => {
    for (const message of findPrivateAccessGaps(args.name, args.props)) reportViolation(message);
  }),
};
