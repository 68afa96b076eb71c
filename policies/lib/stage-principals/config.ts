/**
 * The identities a stage trusts, as the policy config of access-restrict-principals names them, and how
 * messages name them.
 */
import { DEFAULT_BROAD_AUDIENCE_GROUPS, DEFAULT_READ_ONLY_PRIVILEGES } from "../principals";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface StagePrincipalsConfig {
  /** The one principal that may write and own (the stage's deployment service principal); unset: nobody. */
  writerPrincipal?: string;
  /** Groups that may hold read-only privileges. */
  readerGroups: string[];
  /** Privileges a reader may hold; anything else (including unknown privileges) is write power. */
  readOnlyPrivileges: string[];
  /** Groups that never hold any privilege, read included, whatever else the config says. */
  broadAudienceGroups: string[];
  /** Workspace admins (a break-glass group) that may hold a secret scope's ACL beside the writer; default none. */
  adminPrincipals: string[];
  /** Delta Sharing recipients a share of the stage may be granted to; default none. */
  shareRecipients: string[];
}

/** Where the trusted identities come from, for messages: security reviewers own this file, not the stack. */
export const CONFIG_SOURCE = "this stage's policy config";

export function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(", ");
}

export function writerPhrase(config: StagePrincipalsConfig): string {
  return config.writerPrincipal
    ? `only '${config.writerPrincipal}' may write (writerPrincipal in ${CONFIG_SOURCE})`
    : `no principal may write: ${CONFIG_SOURCE} names no writerPrincipal`;
}

/** The config with the schema defaults, for callers (tests) that do not go through the CLI's merge. */
export function resolvedConfig(config: Partial<StagePrincipalsConfig>): StagePrincipalsConfig {
  return {
    writerPrincipal: config.writerPrincipal,
    readerGroups: config.readerGroups ?? [],
    readOnlyPrivileges: config.readOnlyPrivileges ?? [...DEFAULT_READ_ONLY_PRIVILEGES],
    broadAudienceGroups: config.broadAudienceGroups ?? [...DEFAULT_BROAD_AUDIENCE_GROUPS],
    adminPrincipals: config.adminPrincipals ?? [],
    shareRecipients: config.shareRecipients ?? [],
  };
}
