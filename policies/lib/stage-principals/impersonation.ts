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
  if (type !== OBO_TOKEN) return [...impersonationOfWriter(name, props, writer), ...otherRoleGrants(name, props, writer)];
  if (writer === undefined) return [];
  if (typeof props.applicationId !== "string" || canonicalPrincipal(props.applicationId) !== canonicalPrincipal(writer)) return [];
  return [
    `OboToken '${name}' mints a token that acts as the writer '${writer}'; its value would sit in the stack's state for anyone ` +
      "who can read it. Let automation authenticate as the service principal itself (OAuth, workload identity federation).",
  ];
}

/** The rule set's roles that let someone act as the writer. */
function impersonationOfWriter(name: string, props: Record<string, unknown>, writer: string | undefined): string[] {
  if (writer === undefined) return [];
  return impersonatorsOf(props, writer).map(
    ({ principal, role }) =>
      `AccessControlRuleSet '${name}' gives '${principal}' ${role} on the writer '${writer}', so it could act as the writer and ` +
        "hold its write power; only the writer acts as itself.",
  );
}

/**
 * Every other role a rule set gives to anyone but the writer: `roles/group.manager` adds and removes a group's
 * members (a reader group's, an admin group's), a service principal role lets its holder act as or manage another
 * service principal, and the account-wide rule set reaches every group and service principal. Each changes who
 * holds what without a grant, ownership or ACL the access rules could judge, so on a stage only the writer holds one.
 */
function otherRoleGrants(name: string, props: Record<string, unknown>, writer: string | undefined): string[] {
  const ruleSet = typeof props.name === "string" ? props.name.trim() : "?";
  const self = writer === undefined ? undefined : canonicalPrincipal(`servicePrincipals/${writer}`);
  const onWriter = writer !== undefined && typeof props.name === "string" && ruleSetGoverns(props.name, writer);
  const impersonation = new Set(IMPERSONATION_ROLES.map(canonicalPrincipal));
  const messages: string[] = [];
  for (const rule of (Array.isArray(props.grantRules) ? props.grantRules : []) as Record<string, unknown>[]) {
    const role = typeof rule?.role === "string" ? rule.role.trim() : "";
    // Reported above, with the writer named.
    if (onWriter && impersonation.has(canonicalPrincipal(role))) continue;
    for (const principal of Array.isArray(rule?.principals) ? rule.principals : []) {
      if (typeof principal !== "string" || canonicalPrincipal(principal) === self) continue;
      messages.push(
        `AccessControlRuleSet '${name}' gives '${principal.trim()}' ${role || "an unnamed role"} on '${ruleSet}'; a rule-set role manages a ` +
          "group's members or a service principal, or acts as one, which changes who holds what without a grant the access rules see. " +
          "On this stage rule sets give roles to the writer alone; the account's identity administrators manage the rest.",
      );
    }
  }
  return messages;
}
