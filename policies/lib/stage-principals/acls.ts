/**
 * Workspace access control lists (`Permissions`): the levels that change what an object does. Whoever
 * manages or edits a job, pipeline or query that runs as the stage's writer changes what the writer does,
 * so these levels are write power; viewing, running and querying are not.
 */
import { canonicalPrincipal } from "../principals";
import { type StagePrincipalsConfig, writerPhrase } from "./config";

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

/**
 * Returns a message per entry of a workspace access control list (`Permissions` on a job, pipeline, experiment,
 * endpoint, query, notebook, ...) that holds what it may not: a level that changes the object (IS_OWNER,
 * CAN_MANAGE, CAN_EDIT) for anyone but the writer, since a job or query that runs as the writer does what its
 * editor says; any level for an account-wide group. Viewing, running and querying are not write power.
 */
export function findAclViolations(name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  const writer = config.writerPrincipal === undefined ? undefined : canonicalPrincipal(config.writerPrincipal);
  const messages: string[] = [];
  for (const entry of aclEntriesOf(props)) {
    const key = canonicalPrincipal(entry.principal);
    if (entry.kind === "group" && broad.has(key)) {
      messages.push(
        `Permissions '${name}' gives the account-wide group '${entry.principal}' ${entry.level}; it contains every user, so it may hold ` +
          "nothing on this stage. Name a group.",
      );
    } else if (isChangeLevel(entry.level) && key !== writer) {
      messages.push(
        `Permissions '${name}' gives '${entry.principal}' ${entry.level}; whoever can change a job, pipeline or query that runs as the ` +
          `writer changes what the writer does, so ${CHANGE_LEVELS.join(", ")} belong to the writer alone, and ${writerPhrase(config)}. ` +
          "Give people CAN_VIEW, CAN_READ, CAN_RUN, CAN_MANAGE_RUN or CAN_QUERY.",
      );
    }
  }
  return messages;
}
