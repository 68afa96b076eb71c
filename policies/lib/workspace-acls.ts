/**
 * Workspace access control lists (`Permissions`): the levels that change what an object does. Whoever
 * manages or edits a job, pipeline or query that runs as the stage's writer changes what the writer does,
 * so these levels are write power; viewing, running and querying are not.
 */
/** Levels that let the holder change the object (and so what runs as its owner), or own it. */
export const CHANGE_LEVELS: readonly string[] = ["IS_OWNER", "CAN_MANAGE", "CAN_EDIT"];

/** One entry of an access control list, with its principal in the form the API names it. */
export interface AclEntry {
  principal: string;
  kind: "group" | "user" | "servicePrincipal";
  level: string;
}

/** The entries of a `Permissions` input (`accessControls: [{ groupName | userName | servicePrincipalName, permissionLevel }]`). */
export function aclEntriesOf(props: Record<string, unknown>): AclEntry[] {
  const controls = Array.isArray(props.accessControls) ? (props.accessControls as Record<string, unknown>[]) : [];
  const entries: AclEntry[] = [];
  for (const control of controls) {
    const level = typeof control?.permissionLevel === "string" ? control.permissionLevel.trim().toUpperCase() : "";
    for (const kind of ["groupName", "userName", "servicePrincipalName"] as const) {
      const principal = control?.[kind];
      if (typeof principal === "string") entries.push({ principal: principal.trim(), kind: kind.replace("Name", "") as AclEntry["kind"], level });
    }
  }
  return entries;
}

/** True for a level that changes the object; compared in upper case. */
export function isChangeLevel(level: string): boolean {
  return CHANGE_LEVELS.includes(level.trim().toUpperCase());
}
