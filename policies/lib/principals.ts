/**
 * Principals and privileges of Unity Catalog grants, normalized the way Databricks compares them.
 */

/** Privileges a human may hold on a securable of a stage where humans are read-only (access model). */
export const DEFAULT_READ_ONLY_PRIVILEGES: readonly string[] = [
  "USE_CATALOG",
  "USE_SCHEMA",
  "SELECT",
  "EXECUTE",
  "READ_VOLUME",
  "BROWSE",
];

const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when a grant principal is a service principal. Grants name a service principal by its application
 * id (a UUID); every other principal (a group name, a user's e-mail) is a human or a group of humans.
 */
export function isServicePrincipal(principal: string): boolean {
  return APPLICATION_ID.test(principal.trim());
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
    if (typeof entry !== "object" || entry === null) return undefined;
    const { principal, privileges } = entry as Record<string, unknown>;
    if (typeof principal !== "string") return undefined;
    const names = Array.isArray(privileges) ? privileges.filter((p): p is string => typeof p === "string") : [];
    return { principal, privileges: names };
  };
  const entries = Array.isArray(props.grants) ? props.grants : [props];
  return entries.map(toGrant).filter((g): g is PrincipalGrant => g !== undefined);
}
