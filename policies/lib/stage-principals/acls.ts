/**
 * Workspace access control lists (`Permissions`): the levels that change what an object does. Whoever
 * manages or edits a job, pipeline or query that runs as the stage's writer changes what the writer does,
 * so these levels are write power, and so are the levels that start the writer's runs with the holder's own
 * parameters; viewing, reading and querying are not, and only the stage's reader groups hold them. Each entry names its principal by kind (`groupName`, `userName`, `servicePrincipalName`),
 * and the kind counts: a reader group is trusted as a group, never as a user or service principal that
 * carries its name, and the writer (an application id) as a service principal.
 */
import { canonicalPrincipal, isApplicationId } from "../principals";
import { CONFIG_SOURCE, type StagePrincipalsConfig, quoted, writerPhrase } from "./config";

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

/**
 * Levels that start what runs as the writer with the holder's own parameters: `CAN_MANAGE_RUN` on a job (run now,
 * repair, with job or notebook parameters overridden, a deploy task's `serving_config` included) and `CAN_RUN` on a
 * pipeline (an update, a full refresh that rewrites its tables). A notebook's `CAN_RUN` runs as its runner and is
 * not one of them.
 */
export function startsWritersRuns(level: string, props: Record<string, unknown>): boolean {
  const upper = level.trim().toUpperCase();
  return (upper === "CAN_MANAGE_RUN" && props.pipelineId === undefined) || (upper === "CAN_RUN" && props.pipelineId !== undefined);
}

/** True for a level that changes the object; compared in upper case. */
export function isChangeLevel(level: string): boolean {
  return CHANGE_LEVELS.includes(level.trim().toUpperCase());
}

/** True when the entry names the writer in the form the writer has: a service principal for an application id. */
export function isWriterEntry(entry: AclEntry, config: StagePrincipalsConfig): boolean {
  const writer = config.writerPrincipal;
  if (writer === undefined || canonicalPrincipal(entry.principal) !== canonicalPrincipal(writer)) return false;
  return isApplicationId(writer) ? entry.kind === "servicePrincipal" : entry.kind !== "group";
}

/** True when the entry names one of the stage's reader groups, as a group. */
export function isReaderGroupEntry(entry: AclEntry, config: StagePrincipalsConfig): boolean {
  return entry.kind === "group" && config.readerGroups.some((group) => canonicalPrincipal(group) === canonicalPrincipal(entry.principal));
}

/** `group 'x'`, `user 'x'`, `service principal 'x'`, for messages. */
function describeEntry(entry: AclEntry): string {
  return `${entry.kind === "servicePrincipal" ? "service principal" : entry.kind} '${entry.principal}'`;
}

/**
 * Returns a message per entry of a workspace access control list (`Permissions` on a job, pipeline, experiment,
 * endpoint, warehouse, query, alert, notebook, directory, ...) that holds what it may not: a level that changes
 * the object (IS_OWNER, CAN_MANAGE, CAN_EDIT) for anyone but the writer, since a job or query that runs as the
 * writer does what its editor says; any level for an account-wide group; and any level, read levels included,
 * for a principal that is neither the writer (as a service principal) nor a reader group (as a group).
 */
export function findAclViolations(name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  const messages: string[] = [];
  for (const entry of aclEntriesOf(props)) {
    const key = canonicalPrincipal(entry.principal);
    const writer = isWriterEntry(entry, config);
    if (entry.kind === "group" && broad.has(key)) {
      messages.push(
        `Permissions '${name}' gives the account-wide group '${entry.principal}' ${entry.level}; it contains every user, so it may hold ` +
          "nothing on this stage. Name a group.",
      );
    } else if (isChangeLevel(entry.level) && !writer) {
      messages.push(
        `Permissions '${name}' gives '${entry.principal}' ${entry.level}; whoever can change a job, pipeline or query that runs as the ` +
          `writer changes what the writer does, so ${CHANGE_LEVELS.join(", ")} belong to the writer alone, and ${writerPhrase(config)}. ` +
          "Give people CAN_VIEW, CAN_READ or CAN_QUERY.",
      );
    } else if (!writer && !isReaderGroupEntry(entry, config)) {
      messages.push(
        `Permissions '${name}' gives ${describeEntry(entry)} ${entry.level || "an unnamed level"}, but it is neither this stage's writer (as a ` +
          `service principal) nor one of its reader groups (as a group): ${writerPhrase(config)}, and the reader groups are ` +
          `${config.readerGroups.length > 0 ? quoted(config.readerGroups) : "(none)"} in ${CONFIG_SOURCE}. A user or service principal ` +
          "that carries a group's name is not that group. Give access through a reader group.",
      );
    } else if (startsWritersRuns(entry.level, props) && !writer) {
      messages.push(
        `Permissions '${name}' gives '${entry.principal}' ${entry.level}; its holder starts runs of what runs as the writer with their own ` +
          "parameters (a deploy task's serving_config included), so the writer does what they say. People are read-only on this stage: " +
          "give them CAN_VIEW; runs come from the schedules, the retraining trigger and CI.",
      );
    }
  }
  return messages;
}
