/**
 * Secret scopes: who may read, write or manage the stage's secrets. A scope holds credentials the stage's
 * automation uses (tokens, keys, passwords), so READ on it is as good as holding them: on a stage whose data
 * only its writer changes, only the writer (and the workspace admins the policy config names, who manage
 * every scope anyway) may appear in a scope's access control list. Readers read data, never credentials.
 */
import { canonicalPrincipal } from "../principals";
import { SECRET_ACL } from "../resource-types";
import { CONFIG_SOURCE, type StagePrincipalsConfig, quoted } from "./config";

/** The principals a secret scope may name: the writer and the admin principals of the config. */
function trustedSecretPrincipals(config: StagePrincipalsConfig): Set<string> {
  const trusted = config.adminPrincipals.map(canonicalPrincipal);
  if (config.writerPrincipal !== undefined) trusted.push(canonicalPrincipal(config.writerPrincipal));
  // An account-wide group is never trusted, even when a careless config names it.
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  return new Set(trusted.filter((p) => !broad.has(p)));
}

/** Who may hold a scope's ACL, for messages. */
function trustedPhrase(config: StagePrincipalsConfig): string {
  const names = [...(config.writerPrincipal === undefined ? [] : [config.writerPrincipal]), ...config.adminPrincipals];
  return names.length > 0
    ? `only ${quoted(names)} may hold a secret scope's ACL (writerPrincipal and adminPrincipals in ${CONFIG_SOURCE})`
    : `nobody may hold a secret scope's ACL: ${CONFIG_SOURCE} names no writerPrincipal`;
}

/** Why this principal in particular may not, for messages. */
function whyNot(principal: string, config: StagePrincipalsConfig): string {
  const key = canonicalPrincipal(principal);
  if (config.broadAudienceGroups.some((g) => canonicalPrincipal(g) === key)) return "it is an account-wide group, so every user would read the stage's credentials";
  if (config.readerGroups.some((g) => canonicalPrincipal(g) === key)) return "reader groups read data, never the credentials of the writer";
  return "it is neither the writer nor a workspace admin the config names";
}

/**
 * Returns a message when a `SecretAcl` gives a scope's READ, WRITE or MANAGE (any permission: an unknown one is
 * refused too) to a principal other than the writer and the admin principals, or when a `SecretScope` hands its
 * initial MANAGE to a principal (the API only accepts `users`, every user). A scope without
 * `initialManagePrincipal` is managed by whoever creates it: on staging and prod, the writer.
 */
export function findSecretViolations(type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const trusted = trustedSecretPrincipals(config);
  if (type === SECRET_ACL) {
    const principal = typeof props.principal === "string" ? props.principal.trim() : "";
    const permission = typeof props.permission === "string" ? props.permission.trim().toUpperCase() : "";
    const scope = typeof props.scope === "string" ? props.scope.trim() : "";
    if (principal !== "" && trusted.has(canonicalPrincipal(principal))) return [];
    return [
      `SecretAcl '${name}' gives '${principal}' ${permission || "an unnamed permission"} on secret scope '${scope}'; whoever reads a scope holds ` +
        `the credentials in it, and ${whyNot(principal, config)}: ${trustedPhrase(config)}.`,
    ];
  }
  const initial = props.initialManagePrincipal;
  if (typeof initial !== "string" || initial.trim() === "" || trusted.has(canonicalPrincipal(initial))) return [];
  return [
    `SecretScope '${name}' gives '${initial.trim()}' MANAGE on the scope from its creation (initialManagePrincipal); ${whyNot(initial, config)}: ` +
      `${trustedPhrase(config)}. Leave initialManagePrincipal unset, so the writer that creates the scope manages it alone.`,
  ];
}
