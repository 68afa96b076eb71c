/** Ownership: an owner holds every privilege on what it owns, so only the writer owns. */
import { canonicalPrincipal } from "../principals";
import { typeDisplayName } from "../resource-types";
import { CONFIG_SOURCE, type StagePrincipalsConfig, writerPhrase } from "./config";

/** What the rule needs to know about one securable that has an owner. */
export interface OwnershipFacts {
  type: string;
  /** The Pulumi resource name. */
  name: string;
  /** The `owner` input; undefined when the resource leaves it to whoever runs `pulumi up`. */
  owner?: unknown;
}

/**
 * Returns a message when a securable's owner is not the writer. An owner holds every privilege on what it
 * owns; an unset owner becomes whoever runs `pulumi up`, which on staging and prod must never be a person.
 */
export function findOwnershipViolations(facts: OwnershipFacts, config: StagePrincipalsConfig): string[] {
  const resource = `${typeDisplayName(facts.type)} '${facts.name}'`;
  const writer = config.writerPrincipal;
  if (facts.owner === undefined || facts.owner === null || facts.owner === "") {
    return [
      `${resource} sets no owner, so it would be owned by whoever runs pulumi up and that identity would hold every ` +
        `privilege on it; set owner to the stage's writer (${writer ? `'${writer}'` : `none is named in ${CONFIG_SOURCE}`}).`,
    ];
  }
  const owner = String(facts.owner);
  if (writer !== undefined && canonicalPrincipal(owner) === canonicalPrincipal(writer)) return [];
  const broad = config.broadAudienceGroups.some((g) => canonicalPrincipal(g) === canonicalPrincipal(owner));
  return [
    `${resource} is owned by ${broad ? "the account-wide group " : ""}'${owner.trim()}'; an owner holds every privilege ` +
      `on what it owns, and ${writerPhrase(config)}. Set owner to the writer.`,
  ];
}
