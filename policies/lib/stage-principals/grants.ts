/** Grants (`Grants` entries, a single `Grant`): who may hold which privileges on a stage's securables. */
import { canonicalPrincipal, normalizePrivilege, principalGrantsOf } from "../principals";
import { describeSecurable, securableOf } from "../securables";
import { CONFIG_SOURCE, type StagePrincipalsConfig, quoted, writerPhrase } from "./config";

/**
 * The grants on a share: each principal is a Delta Sharing recipient (an organisation outside the account, or
 * another metastore), never a group of the account, so a reader group's name confers nothing here. Only the
 * recipients the policy config names may be granted a share.
 */
function findShareGrantViolations(props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const securable = describeSecurable(securableOf(props));
  const allowed = new Set(config.shareRecipients.map(canonicalPrincipal));
  return principalGrantsOf(props)
    .filter((grant) => grant.privileges.length > 0 && !allowed.has(canonicalPrincipal(grant.principal)))
    .map(
      (grant) =>
        `Recipient '${grant.principal.trim()}' is granted ${grant.privileges.map(normalizePrivilege).join(", ")} on ${securable}; a share's ` +
          "grants send the stage's data to a Delta Sharing recipient outside its workspaces, and a recipient is never a reader group, " +
          `whatever its name. Only ${config.shareRecipients.length > 0 ? quoted(config.shareRecipients) : "no recipient"} may receive a share ` +
          `(shareRecipients in ${CONFIG_SOURCE}).`,
    );
}

/**
 * Returns one message per principal of a Grants/Grant input that holds what it may not: any privilege for
 * an account-wide group; privileges outside the read-only set for anyone but the writer; any privilege for a
 * principal that is neither the writer nor a reader group. Principals compare case-insensitively, privileges
 * in canonical form; a principal listed twice is judged on the union of its entries.
 */
export function findPrincipalGrantViolations(props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  if (securableOf(props)?.kind === "share") return findShareGrantViolations(props, config);
  const securable = describeSecurable(securableOf(props));
  const readOnly = new Set(config.readOnlyPrivileges.map(normalizePrivilege));
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  const readers = new Set(config.readerGroups.map(canonicalPrincipal));
  const writer = config.writerPrincipal === undefined ? undefined : canonicalPrincipal(config.writerPrincipal);

  const byPrincipal = new Map<string, { shown: string; privileges: Set<string> }>();
  for (const grant of principalGrantsOf(props)) {
    const key = canonicalPrincipal(grant.principal);
    const entry = byPrincipal.get(key) ?? { shown: grant.principal.trim(), privileges: new Set<string>() };
    grant.privileges.forEach((p) => entry.privileges.add(normalizePrivilege(p)));
    byPrincipal.set(key, entry);
  }

  const messages: string[] = [];
  for (const [key, { shown, privileges }] of byPrincipal) {
    const held = [...privileges];
    // The writer may hold anything, unless it is an account-wide group (a misconfiguration refused below).
    if (held.length === 0 || (key === writer && !broad.has(key))) continue;
    if (broad.has(key)) {
      messages.push(
        `Account-wide group '${shown}' is granted ${held.join(", ")} on ${securable}; it contains every user, so it ` +
          "may hold nothing on this stage, read included. Grant a named reader group instead.",
      );
    } else if (readers.has(key)) {
      const writes = held.filter((p) => !readOnly.has(p));
      if (writes.length > 0) {
        messages.push(
          `Reader group '${shown}' is granted ${writes.join(", ")} on ${securable}; readers may hold only ` +
            `${[...readOnly].join(", ")}, and ${writerPhrase(config)}.`,
        );
      }
    } else {
      const writes = held.filter((p) => !readOnly.has(p));
      const what = writes.length > 0 ? `write privileges ${writes.join(", ")}` : `${held.join(", ")}`;
      messages.push(
        `Principal '${shown}' is granted ${what} on ${securable}, but it is neither this stage's writer nor one of ` +
          `its reader groups: ${writerPhrase(config)}, and the reader groups are ` +
          `${config.readerGroups.length > 0 ? quoted(config.readerGroups) : "(none)"}. ` +
          "A stack cannot widen access by itself: change the policy config first, in a reviewed change.",
      );
    }
  }
  return messages;
}
