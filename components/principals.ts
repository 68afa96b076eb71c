/**
 * Unity Catalog principals as grants address them: a service principal by its application id (a
 * UUID), a user by e-mail, a group by its display name.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,254}$/;

/** The kind of a principal, judged from its identifier alone. */
export type PrincipalKind = "servicePrincipal" | "user" | "group";

/** True for a service principal application id. */
export function isApplicationId(value: string): boolean {
  return UUID.test(value);
}

/** True for a user name (an e-mail address). */
export function isUserName(value: string): boolean {
  return EMAIL.test(value);
}

/**
 * True for a group name this project accepts. A UUID is refused: grants treat UUIDs as service
 * principals, so a group named like one would escape the human read-only rule.
 */
export function isGroupName(value: string): boolean {
  return GROUP_NAME.test(value) && value.trim() === value && !isApplicationId(value);
}

/** The kind of principal an identifier names, or undefined when it is none of them. */
export function principalKind(value: string): PrincipalKind | undefined {
  if (isApplicationId(value)) return "servicePrincipal";
  if (isUserName(value)) return "user";
  if (isGroupName(value)) return "group";
  return undefined;
}

/**
 * Built-in groups holding every identity of the account (`account users`) or of a workspace (`users`). A
 * grant to one is a grant to everybody, so this project never grants them anything.
 */
export const BROAD_AUDIENCE_GROUPS: readonly string[] = ["account users", "users"];

/** True when two principal identifiers name one principal: Unity Catalog compares them without regard to case. */
export function samePrincipal(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** True for an account-wide built-in group, in any spelling of its case. */
export function isBroadAudienceGroup(value: string): boolean {
  return BROAD_AUDIENCE_GROUPS.some((group) => samePrincipal(group, value));
}
