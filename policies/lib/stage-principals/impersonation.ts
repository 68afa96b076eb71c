/**
 * Ways to act as a service principal without holding a grant yourself: a role on it in an access control
 * rule set (`roles/servicePrincipal.user` runs jobs and endpoints as it; `.manager` can also mint its
 * credentials), and an on-behalf-of token created for it.
 */
import { canonicalPrincipal } from "../principals";
import { OBO_TOKEN } from "../resource-types";
import { type StagePrincipalsConfig } from "./config";

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

/**
 * Returns a message per way the resource lets someone act as the writer: a rule-set role on it (the holder
 * runs jobs as the writer, or mints its credentials), or an on-behalf-of token for it (its value lands in the
 * stack's state, readable by whoever can read the state). Whoever acts as the writer holds its write power.
 */
export function findImpersonationViolations(type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const writer = config.writerPrincipal;
  if (writer === undefined) return [];
  if (type === OBO_TOKEN) {
    if (typeof props.applicationId !== "string" || canonicalPrincipal(props.applicationId) !== canonicalPrincipal(writer)) return [];
    return [
      `OboToken '${name}' mints a token that acts as the writer '${writer}'; its value would sit in the stack's state for anyone ` +
        "who can read it. Let automation authenticate as the service principal itself (OAuth, workload identity federation).",
    ];
  }
  return impersonatorsOf(props, writer).map(
    ({ principal, role }) =>
      `AccessControlRuleSet '${name}' gives '${principal}' ${role} on the writer '${writer}', so it could act as the writer and ` +
        "hold its write power; only the writer acts as itself.",
  );
}
