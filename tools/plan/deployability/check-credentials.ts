/**
 * `role-policy-before-credentials`: `MwsCredentials` waits for every inline policy and policy attachment
 * of the cross-account role its `roleArn` comes from.
 *
 * Source: Databricks validates the role's permissions and answers `MALFORMED_REQUEST: Failed credentials
 * validation checks` while the policy is missing or not yet propagated; the provider's AWS guide
 * (docs/guides/aws-workspace.md, `databricks_mws_credentials ... depends_on = [aws_iam_role_policy.this]`
 * and "Credentials validation checks errors") and SRA (modules/databricks_account/workspace/main.tf, a
 * `time_sleep` before the credentials) order it after the policy (provider-evidence finding 5).
 */
import { missingEdge, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";
import { policiesOf, rolesBehind } from "./iam-roles";
import { T } from "./resource-types";

export const ROLE_POLICY_BEFORE_CREDENTIALS = "role-policy-before-credentials";

/** Findings of `role-policy-before-credentials` over one plan. */
export function checkCredentialsAfterPolicies(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  for (const credentials of plan.ofType(T.mwsCredentials)) {
    for (const role of rolesBehind(plan, credentials, "roleArn")) {
      for (const policy of policiesOf(plan, role)) {
        if (plan.waitsFor(credentials, policy)) continue;
        out.push(
          missingEdge(ROLE_POLICY_BEFORE_CREDENTIALS, credentials, policy, `Databricks validates the permissions of ${role.name} when the credentials are registered and fails ("Failed credentials validation checks") until this policy is attached`),
        );
      }
    }
  }
  return out;
}
