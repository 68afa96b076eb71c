/**
 * secrets-forbid-broad-access: no secret scope is open to an account-wide group. On staging and prod
 * access-restrict-principals allows only the writer in a scope's ACL; on dev, where people author and that
 * rule is off, a scope may be shared with the stage's groups but never with `users` or `account users`, who
 * are every user: whoever reads a scope holds the credentials in it, and a credential once read stays read.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import { DEFAULT_BROAD_AUDIENCE_GROUPS, canonicalPrincipal } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { SECRET_ACL, SECRET_SCOPE } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface BroadSecretAccessConfig {
  /** Groups that contain every user (compared case-insensitively). Default `account users`, `users`. */
  broadAudienceGroups: string[];
}

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/**
 * Returns a message when a `SecretAcl` names an account-wide group (any permission: READ is enough), or a
 * `SecretScope` sets `initialManagePrincipal` at all: the API accepts only `users` there, so any value hands
 * MANAGE (read, write, share) to every user from the scope's creation.
 */
export function findBroadSecretAccess(type: string, name: string, props: Record<string, unknown>, config: BroadSecretAccessConfig): string[] {
  if (type === SECRET_SCOPE) {
    const initial = readIfKnown(() => props.initialManagePrincipal);
    if (initial.known && text(initial.value) === "") return [];
    const who = initial.known ? `'${text(initial.value)}'` : "a principal unknown until apply";
    return [
      `SecretScope '${name}' gives ${who} MANAGE on the scope from its creation (initialManagePrincipal, which the API accepts only as ` +
        "'users', every user of the workspace), so everyone reads and shares the credentials in it. Leave initialManagePrincipal unset and " +
        "give the stage's groups what they need with SecretAcl.",
    ];
  }
  const principal = text(props.principal);
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  if (!broad.has(canonicalPrincipal(principal))) return [];
  const permission = text(props.permission).toUpperCase() || "an unnamed permission";
  return [
    `SecretAcl '${name}' gives the account-wide group '${principal}' ${permission} on secret scope '${text(props.scope)}'; it contains every ` +
      "user, and whoever reads a scope holds the credentials in it. Name a group of the stage instead.",
  ];
}

/** The rule object registered in the pack. */
export const secretsForbidBroadAccess: DocumentedResourcePolicy = {
  name: "secrets-forbid-broad-access",
  description: "No secret scope is readable or managed by an account-wide group (`users`, `account users`), dev included.",
  severity: "high",
  remediationSteps:
    "Give a secret scope's READ, WRITE or MANAGE to a group of the stage (on staging and prod: the writer alone, which " +
    "access-restrict-principals checks), never to `users` or `account users`, and leave a scope's `initialManagePrincipal` unset.",
  configSchema: {
    properties: {
      broadAudienceGroups: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_BROAD_AUDIENCE_GROUPS],
        description: "Groups that contain every user and may appear in no secret scope's ACL (compared case-insensitively).",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "A secret scope holds the credentials a stage's jobs use, and READ on it is as good as holding them. " +
      "access-restrict-principals keeps staging and prod scopes to the writer, but it is off on dev, where people author and " +
      "share scopes with the stage's groups. An account-wide group is every user of the workspace, whoever they are, so a " +
      "scope shared with it is shared with people the stage never named; unlike most dev findings the harm happens on dev " +
      "itself (nothing is promoted that would fix it), so the rule is mandatory there. On staging and prod it is off: " +
      "access-restrict-principals refuses the same entries and more.",
    controls: [],
  },
  validateResource: forResourceTypes([SECRET_ACL, SECRET_SCOPE], (args, reportViolation) => {
    const config = args.getConfig<BroadSecretAccessConfig>();
    for (const message of findBroadSecretAccess(args.type, args.name, args.props, config)) reportViolation(message);
  }),
};
