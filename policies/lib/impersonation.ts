/**
 * Ways to act as a service principal without holding a grant yourself: a role on it in an access control
 * rule set (`roles/servicePrincipal.user` runs jobs and endpoints as it; `.manager` can also mint its
 * credentials), and an on-behalf-of token created for it.
 */
import { canonicalPrincipal } from "./principals";

/** The rule-set roles that let their holder act as, or manage, a service principal. */
export const IMPERSONATION_ROLES: readonly string[] = ["roles/servicePrincipal.user", "roles/servicePrincipal.manager"];

/** One principal that may act as the service principal, and the role that lets it. */
export interface Impersonator {
  /** As the rule set names it: `users/<e-mail>`, `groups/<name>` or `servicePrincipals/<application id>`. */
  principal: string;
  role: string;
}

/**
 * Whether a rule set's `name` governs the service principal with this application id: its own rule set
 * (`accounts/<id>/servicePrincipals/<app id>/ruleSets/default`), or the account-wide one, whose grants reach
 * every service principal of the account.
 */
export function ruleSetGoverns(ruleSetName: string, applicationId: string): boolean {
  const name = canonicalPrincipal(ruleSetName);
  if (/^accounts\/[^/]+\/rulesets\/default$/.test(name)) return true;
  return name.includes(`/serviceprincipals/${canonicalPrincipal(applicationId)}/rulesets/`);
}

/**
 * The principals a rule set lets act as the service principal, other than the service principal itself.
 * Roles and principals compare case-insensitively.
 */
export function impersonatorsOf(props: Record<string, unknown>, applicationId: string): Impersonator[] {
  if (typeof props.name !== "string" || !ruleSetGoverns(props.name, applicationId)) return [];
  const rules = Array.isArray(props.grantRules) ? props.grantRules : [];
  const self = canonicalPrincipal(`servicePrincipals/${applicationId}`);
  const roles = new Set(IMPERSONATION_ROLES.map(canonicalPrincipal));
  const found: Impersonator[] = [];
  for (const rule of rules as Record<string, unknown>[]) {
    if (typeof rule?.role !== "string" || !roles.has(canonicalPrincipal(rule.role))) continue;
    const principals = Array.isArray(rule.principals) ? rule.principals : [];
    for (const principal of principals) {
      if (typeof principal === "string" && canonicalPrincipal(principal) !== self) found.push({ principal: principal.trim(), role: rule.role });
    }
  }
  return found;
}
