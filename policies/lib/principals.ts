/**
 * Principals and privileges of Unity Catalog grants, compared the way Databricks compares them.
 */

/** Privileges a reader may hold on a stage where only the stage's writer changes data (the access model). */
export const DEFAULT_READ_ONLY_PRIVILEGES: readonly string[] = [
  "USE_CATALOG",
  "USE_SCHEMA",
  "SELECT",
  "EXECUTE",
  "READ_VOLUME",
  "BROWSE",
];

/**
 * Built-in groups that contain every identity of the account (`account users`) or of a workspace
 * (`users`): a grant to them is a grant to everyone, so they never hold privileges on staging or prod.
 */
export const DEFAULT_BROAD_AUDIENCE_GROUPS: readonly string[] = ["account users", "users"];

const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a service principal's application id (a UUID), the form jobs' `runAs.servicePrincipalName` and
 * grants use. Anchored at both ends: `evil-<uuid>` is not an application id.
 */
export function isApplicationId(principal: string): boolean {
  return APPLICATION_ID.test(principal.trim());
}

/**
 * The form in which principals are compared: trimmed and lower case. Unity Catalog resolves user names
 * (e-mails), group names and application ids without regard to case, so `Ana@x.com` and `ana@x.com` are
 * one principal and must never count as two.
 */
export function canonicalPrincipal(principal: string): string {
  return principal.trim().toLowerCase();
}

/** True when two principal identifiers name the same principal. */
export function samePrincipal(a: string, b: string): boolean {
  return canonicalPrincipal(a) === canonicalPrincipal(b);
}

/**
 * The canonical spelling of a privilege: upper case, words joined by underscores ("use catalog" ->
 * "USE_CATALOG"). The API accepts both spellings, so rules must compare canonical forms.
 */
export function normalizePrivilege(privilege: string): string {
  return privilege.trim().toUpperCase().replace(/[\s_-]+/g, "_");
}

/** One principal's privileges on a securable, as a Grants entry or a Grant resource declares them. */
export interface PrincipalGrant {
  principal: string;
  privileges: string[];
}

/** Reads the principal entries of a Grants (`grants: [...]`) or Grant (`principal`, `privileges`) input. */
export function principalGrantsOf(props: Record<string, unknown>): PrincipalGrant[] {
  const toGrant = (entry: unknown): PrincipalGrant | undefined => {
    // A text or number entry has no principal to destructure, like an object without one.
    const { principal, privileges } = (entry ?? {}) as Record<string, unknown>;
    if (typeof principal !== "string") return undefined;
    const names = Array.isArray(privileges) ? privileges.filter((p): p is string => typeof p === "string") : [];
    return { principal, privileges: names };
  };
  const entries = Array.isArray(props.grants) ? props.grants : [props];
  return entries.map(toGrant).filter((g): g is PrincipalGrant => g !== undefined);
}
