/**
 * providers-restrict-databricks-hosts (stack rule): every Databricks provider talks to the stage's own account or
 * workspace. The account-level provider's host is the accounts console and its account id the stage's (both from
 * the policy config); a workspace-level provider's host is an adopted workspace the policy config names, or the URL
 * of a workspace this stack creates (`MwsWorkspaces`), read from it. A provider pointed elsewhere deploys the stage's
 * grants, jobs and endpoints into a workspace no rule here describes, with the stage's credentials.
 *
 * A created workspace's URL is unknown during its first preview, and so is the provider's host. The rule then
 * accepts the host only when it is derived from nothing but the stack's MwsWorkspaces (its property dependencies),
 * the only way the pack can tell the provider follows that workspace; once the URL is known it must match exactly.
 * When the host is known but the workspace's URL is not among what the pack sees (the offline plan records inputs,
 * not a created workspace's outputs), the host must come from that workspace alone and have the shape of a workspace
 * URL of Databricks on AWS.
 */
import type { PolicyResource } from "@pulumi/policy";
import { failingClosed, readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { DATABRICKS_PROVIDER, MWS_WORKSPACES } from "../lib/resource-types";
import { isWorkspaceProvider } from "./workspace-require-legacy-disabled";

/** The accounts console of Databricks on AWS, the provider's account-level host. */
export const DEFAULT_ACCOUNTS_HOST = "https://accounts.cloud.databricks.com";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface DatabricksHostsConfig {
  /** The accounts console host. */
  accountsHost: string;
  /** The stage's Databricks account id; unset: no account-level provider is trusted. */
  accountId?: string;
  /** Hosts of workspaces the stage adopts (not created by the stack); unset: none. */
  workspaceHosts?: string[];
}

/** What the rule needs to know about one Databricks provider. */
export interface DatabricksProviderFacts {
  urn: string;
  name: string;
  /** Whether it manages a workspace (see `isWorkspaceProvider`) rather than the account. */
  workspaceLevel: boolean;
  /** `host`: a string, absent (undefined), or unknown during preview. */
  host: { known: true; value: unknown } | { known: false };
  accountId: { known: true; value: unknown } | { known: false };
  /** The resources the `host` input is derived from: their types and, for a workspace, its known URL. */
  hostSources: { urn: string; type: string; workspaceUrl?: string }[];
}

/** The shape of a workspace URL of Databricks on AWS, as MwsWorkspaces reports it (`workspaceUrl`). */
export const AWS_WORKSPACE_HOST = /^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?\.cloud\.databricks\.com$/;

/** `https://Host.example/` -> `https://host.example`; a host without a scheme gets the provider's https. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, "").toLowerCase();
  return /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** Returns one finding per provider that does not talk to the stage's account or workspace. */
export function findHostGaps(providers: readonly DatabricksProviderFacts[], config: DatabricksHostsConfig): { urn: string; message: string }[] {
  const findings: { urn: string; message: string }[] = [];
  const report = (p: DatabricksProviderFacts, message: string) => findings.push({ urn: p.urn, message: `Databricks provider '${p.name}' ${message}` });
  const accountsHost = normalizeHost(config.accountsHost);
  const workspaceHosts = (config.workspaceHosts ?? []).map(normalizeHost);
  for (const p of providers) {
    if (!p.workspaceLevel) {
      const host = p.host.known ? text(p.host.value) : undefined;
      if (host === undefined || normalizeHost(host) !== accountsHost) {
        report(p, `manages the account through host ${host === undefined ? "(none: the environment would choose)" : `'${host}'`}; only the accounts console '${accountsHost}' (accountsHost in this stage's policy config) is trusted.`);
      }
      const account = p.accountId.known ? text(p.accountId.value) : undefined;
      const expected = text(config.accountId);
      if (expected === undefined) {
        report(p, "manages a Databricks account, and this stage's policy config names no accountId, so no account is trusted on this stage; a security reviewer names it there.");
      } else if (account !== expected) {
        report(p, `manages the Databricks account '${account ?? "(unknown)"}'; only the stage's account '${expected}' (accountId in this stage's policy config) is trusted.`);
      }
      continue;
    }
    const workspaces = p.hostSources.filter((s) => s.type === MWS_WORKSPACES);
    if (!p.host.known) {
      if (p.hostSources.length === 0 || workspaces.length !== p.hostSources.length) {
        report(p, "has a host unknown during preview that does not come from a workspace this stack creates (MwsWorkspaces) alone, so the pack cannot tell which workspace it manages; derive it from the stage's workspace, or name an adopted workspace's host literally.");
      }
      continue;
    }
    const host = text(p.host.value);
    if (host === undefined) {
      report(p, "sets no host, so the deploying environment chooses the workspace; set the stage's workspace host.");
      continue;
    }
    const normalized = normalizeHost(host);
    if (workspaceHosts.includes(normalized)) continue;
    if (workspaces.some((w) => w.workspaceUrl !== undefined && normalizeHost(w.workspaceUrl) === normalized)) continue;
    const derivedOnly = workspaces.length > 0 && workspaces.length === p.hostSources.length;
    if (derivedOnly && workspaces.every((w) => w.workspaceUrl === undefined)) {
      // The workspace's URL is not among what the pack sees (a created workspace before its outputs exist): the host
      // must at least come from it alone and be a workspace host of Databricks on AWS.
      if (AWS_WORKSPACE_HOST.test(normalized)) continue;
      report(p, `manages '${host}', derived from a workspace this stack creates but not a workspace host of Databricks on AWS (https://<name>.cloud.databricks.com); use the workspace's workspaceUrl.`);
      continue;
    }
    const trusted = workspaceHosts.length === 0 ? "the policy config names no adopted workspace (workspaceHosts)" : `the adopted workspaces are ${workspaceHosts.map((h) => `'${h}'`).join(", ")} (workspaceHosts)`;
    report(p, `manages the workspace at '${host}', which is neither the URL of a workspace this stack creates nor an adopted workspace of this stage: ${trusted}.`);
  }
  return findings;
}

/** The facts of one provider resource, with the sources of its host looked up among the stack's resources. */
function providerFacts(resource: PolicyResource): DatabricksProviderFacts {
  const sources = resource.propertyDependencies.host ?? [];
  return {
    urn: resource.urn,
    name: resource.name,
    workspaceLevel: isWorkspaceProvider(resource),
    host: readIfKnown(() => resource.props.host),
    accountId: readIfKnown(() => resource.props.accountId),
    hostSources: sources.map((s) => {
      const url = s.type === MWS_WORKSPACES ? readIfKnown(() => s.props.workspaceUrl) : { known: false as const };
      return { urn: s.urn, type: s.type, ...(url.known && typeof url.value === "string" ? { workspaceUrl: url.value } : {}) };
    }),
  };
}

/** The rule object registered in the pack. */
export const providersRestrictDatabricksHosts: DocumentedStackPolicy = {
  name: "providers-restrict-databricks-hosts",
  description: "Every Databricks provider talks to the stage's account (accounts console, account id) or to the stage's own workspace.",
  severity: "critical",
  remediationSteps:
    "Give the account-level provider `host: \"https://accounts.cloud.databricks.com\"` and the stage's `accountId`; build the workspace " +
    "provider's `host` from the stage's MwsWorkspaces (`workspace.workspaceUrl`), as the program does, or, for an adopted workspace, " +
    "from its literal URL. A security reviewer names the stage's account (`accountId`) and adopted workspace hosts (`workspaceHosts`) " +
    "in policies/config/<stage>.json.",
  configSchema: {
    properties: {
      accountsHost: { type: "string", minLength: 1, default: DEFAULT_ACCOUNTS_HOST, description: "The accounts console host. Default: Databricks on AWS's." },
      accountId: {
        type: "string",
        pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description: "The stage's Databricks account id. Unset: no account-level provider is trusted.",
      },
      workspaceHosts: {
        type: "array",
        items: { type: "string", pattern: "^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?/?$" },
        uniqueItems: true,
        description: "Hosts of workspaces the stage adopts (the stack file's workspace.host). Unset: none; a created workspace needs no entry.",
      },
    },
  },
  documentation: {
    judgedTypes: [DATABRICKS_PROVIDER],
    waivers: "refused-on-prod",
    rationale:
      "Separate stages; stack files cannot decide places. The providers decide where every Databricks resource of the stage lands: " +
      "a workspace provider pointed at another stage's workspace deploys prod's grants, jobs and endpoints there (or the reverse), " +
      "and an account provider of another account registers the workspace outside the reviewed account. The account and adopted " +
      "hosts come from the policy config, which security reviewers own; a created workspace's URL comes from its MwsWorkspaces, " +
      "which the other workspace rules judge. During a created workspace's first preview the URL is unknown, so the host is " +
      "accepted when it is derived from the stack's MwsWorkspaces alone; from then on it must match the workspace's URL exactly.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const providers = args.resources.filter((r) => r.type === DATABRICKS_PROVIDER);
    if (providers.length === 0) args.notApplicable(`Policy only applies to stacks with a '${DATABRICKS_PROVIDER}'`);
    const config = args.getConfig<DatabricksHostsConfig>();
    for (const finding of findHostGaps(providers.map(providerFacts), config)) reportViolation(finding.message, finding.urn);
  }),
};
