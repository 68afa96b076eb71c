/**
 * aws-restrict-cross-account-trust: an IAM role that Databricks' control plane may assume demands this
 * Databricks account's id as external id, and no role may be assumed by everyone.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { AWS_IAM_ROLE } from "../lib/resource-types";
import { statementsOf } from "./aws-require-bucket-tls";

/** The AWS account of Databricks' control plane (commercial regions). */
export const DATABRICKS_CONTROL_PLANE_ACCOUNT = "414351767826";

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

/** The AWS principals a trust statement names; `*` for everyone. */
function awsPrincipals(principal: unknown): string[] {
  if (principal === "*") return ["*"];
  return asList((principal as { AWS?: unknown } | undefined)?.AWS);
}

/** True for a principal of Databricks' control plane account (its root or any role in it). */
function isDatabricks(principal: string): boolean {
  return principal === DATABRICKS_CONTROL_PLANE_ACCOUNT || principal.startsWith(`arn:aws:iam::${DATABRICKS_CONTROL_PLANE_ACCOUNT}:`);
}

/** Returns a message per Allow statement that lets everyone assume the role, or Databricks without an external id. */
export function findTrustGaps(roleName: string, assumeRolePolicy: unknown): string[] {
  const messages: string[] = [];
  for (const statement of statementsOf(assumeRolePolicy)) {
    if (statement.Effect !== "Allow") continue;
    const principals = awsPrincipals(statement.Principal);
    const sid = typeof statement.Sid === "string" ? ` (statement ${statement.Sid})` : "";
    if (principals.includes("*")) {
      messages.push(`Role '${roleName}' can be assumed by any AWS principal${sid}; name the account that needs it.`);
      continue;
    }
    if (!principals.some(isDatabricks)) continue;
    const externalId = (statement.Condition as { StringEquals?: Record<string, unknown> } | undefined)?.StringEquals?.["sts:ExternalId"];
    if (asList(externalId).filter((id) => id.trim() !== "").length === 0) {
      messages.push(
        `Role '${roleName}' lets Databricks' control plane assume it without an external id${sid}; add Condition ` +
          "StringEquals sts:ExternalId = your Databricks account id, so no other Databricks customer can make Databricks use it.",
      );
    }
  }
  return messages;
}

/** The rule object registered in the pack. */
export const awsRestrictCrossAccountTrust: DocumentedResourcePolicy = {
  name: "aws-restrict-cross-account-trust",
  description: "A role Databricks' control plane may assume demands your Databricks account id as external id; no role trusts everyone.",
  severity: "critical",
  remediationSteps:
    "In the role's assumeRolePolicy, give the statement that trusts arn:aws:iam::414351767826:root the condition " +
    "{ StringEquals: { \"sts:ExternalId\": \"<Databricks account id>\" } } (the program's crossAccountTrustPolicy does), " +
    "and replace any Principal \"*\" with the account that needs the role.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages: the cross-account role launches the stage's clusters in its VPC. Without the external id, any " +
      "Databricks customer who learns the role's ARN could register it as their credentials and have Databricks launch " +
      "compute in this account (the confused-deputy problem).",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "credential.tf: cross-account role trust with external_id = Databricks account id",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/credential.tf",
      },
    ],
  },
  validateResource: forResourceTypes([AWS_IAM_ROLE], (args, reportViolation) => {
    for (const message of findTrustGaps(args.name, args.props.assumeRolePolicy)) reportViolation(message);
  }),
};
