/**
 * Groups a stage's stack creates (`identities.createGroups`): only the stage's reader groups, by name. A created
 * group's members come from the account's identity administration, never the stack (identities-forbid-escalation),
 * so creating a reader group trusts nobody new; a group of another name is one no policy config trusts.
 */
import { canonicalPrincipal } from "../principals";
import { GROUP } from "../resource-types";
import { CONFIG_SOURCE, type StagePrincipalsConfig, quoted } from "./config";

/** The name of the group a `Group` (`displayName`) or `*IamGroupV2` (`groupName`) creates; undefined when unset. */
export function createdGroupName(type: string, props: Record<string, unknown>): string | undefined {
  const name = type === GROUP ? props.displayName : props.groupName;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

/** Returns a message when the stack creates a group that is not one of the stage's reader groups, or an account-wide one. */
export function findCreatedGroupViolations(typeName: string, type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const group = createdGroupName(type, props);
  const key = group === undefined ? undefined : canonicalPrincipal(group);
  const broad = key !== undefined && config.broadAudienceGroups.some((g) => canonicalPrincipal(g) === key);
  if (key !== undefined && !broad && config.readerGroups.some((g) => canonicalPrincipal(g) === key)) return [];
  return [
    `${typeName} '${name}' creates ${group === undefined ? "a group without a name" : `the group '${group}'`}, which is not one of this stage's reader groups ` +
      `(${config.readerGroups.length > 0 ? quoted(config.readerGroups) : "none"} in ${CONFIG_SOURCE}); a stage's stack creates only the groups ` +
      "the reviewers trust. Other groups come from the account's identity administration.",
  ];
}
