/**
 * workspace-require-legacy-disabled (stack rule): in every workspace the stack manages, legacy access (direct
 * Hive metastore access, runtimes before 13.3) and the DBFS root and mounts are disabled, by settings the
 * stack declares through that workspace's provider.
 */
import type { PolicyResource } from "@pulumi/policy";
import { failingClosed, readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { DATABRICKS_PROVIDER, DISABLE_LEGACY_ACCESS_SETTING, DISABLE_LEGACY_DBFS_SETTING } from "../lib/resource-types";

/** The two settings, and the input that holds each one's `{ value }`. */
export const LEGACY_SETTINGS = [
  { type: DISABLE_LEGACY_ACCESS_SETTING, field: "disableLegacyAccess", what: "legacy access" },
  { type: DISABLE_LEGACY_DBFS_SETTING, field: "disableLegacyDbfs", what: "the legacy DBFS root and mounts" },
] as const;

/** What the rule needs to know about one workspace-level provider. */
export interface WorkspaceProviderFacts {
  urn: string;
  /** The Pulumi resource name. */
  name: string;
}

/** What the rule needs to know about one legacy setting. */
export interface LegacySettingFacts {
  urn: string;
  type: string;
  /** The Pulumi resource name. */
  name: string;
  /** URN of the provider it is managed through. */
  providerUrn?: string;
  /** Its `{ value }`. */
  value: unknown;
}

/** Returns the findings: each workspace provider missing a setting, and each setting that does not disable. */
export function findLegacyGaps(providers: readonly WorkspaceProviderFacts[], settings: readonly LegacySettingFacts[]): { urn: string; message: string }[] {
  const findings: { urn: string; message: string }[] = [];
  for (const setting of settings) {
    if (setting.value !== true) {
      const kind = LEGACY_SETTINGS.find((s) => s.type === setting.type);
      findings.push({
        urn: setting.urn,
        message: `Setting '${setting.name}' sets ${kind?.field ?? "its"} value ${JSON.stringify(setting.value)}; set it to true to disable ${kind?.what ?? "the legacy feature"}.`,
      });
    }
  }
  for (const provider of providers) {
    for (const kind of LEGACY_SETTINGS) {
      if (!settings.some((s) => s.type === kind.type && s.providerUrn === provider.urn)) {
        findings.push({
          urn: provider.urn,
          message: `The workspace of provider '${provider.name}' does not disable ${kind.what}; declare a ${kind.type.split(":").pop()} with ${kind.field}: { value: true } through this provider.`,
        });
      }
    }
  }
  return findings;
}

/** True for the host of an accounts console (accounts.cloud.databricks.com and its GovCloud, GCP and Azure peers). */
export function isAccountHost(host: string): boolean {
  return /^(https:\/\/)?accounts[.-]/i.test(host.trim());
}

/**
 * A Databricks provider is workspace-level unless it names an account and no workspace host: an account id
 * next to a workspace's host still manages that workspace, so it cannot take the workspace out of this rule.
 * A host unknown during preview is a workspace's (the accounts console's is a literal).
 */
export function isWorkspaceProvider(resource: PolicyResource): boolean {
  if (resource.type !== DATABRICKS_PROVIDER) return false;
  const accountId = resource.props.accountId;
  if (accountId === undefined || accountId === null || accountId === "") return true;
  const host = readIfKnown(() => resource.props.host);
  if (!host.known) return true;
  // Without a host of its own (the environment gives it) the account id decides.
  return typeof host.value === "string" && host.value.trim() !== "" && !isAccountHost(host.value);
}

/** The rule object registered in the pack. */
export const workspaceRequireLegacyDisabled: DocumentedStackPolicy = {
  name: "workspace-require-legacy-disabled",
  description: "Every workspace the stack manages has legacy access and the legacy DBFS root disabled.",
  severity: "high",
  remediationSteps:
    "Declare databricks.DisableLegacyAccessSetting { disableLegacyAccess: { value: true } } and " +
    "databricks.DisableLegacyDbfsSetting { disableLegacyDbfs: { value: true } } with the workspace's provider " +
    "(the program's WorkspaceBaseline does, in both modes). Set the default catalog away from hive_metastore first.",
  documentation: {
    judgedTypes: [DISABLE_LEGACY_ACCESS_SETTING, DISABLE_LEGACY_DBFS_SETTING],
    waivers: "allowed",
    rationale:
      "Access model: legacy access reaches Hive metastore tables and DBFS paths that no Unity Catalog grant governs, so " +
      "a stage's read-only or write rules would not hold for data kept there.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "disable_legacy_settings: databricks_disable_legacy_access_setting and databricks_disable_legacy_dbfs_setting (value = true)",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/disable_legacy_settings/main.tf",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const providers = args.resources.filter(isWorkspaceProvider).map((r) => ({ urn: r.urn, name: r.name }));
    const settings = LEGACY_SETTINGS.flatMap((kind) =>
      args.resources
        .filter((r) => r.type === kind.type)
        .map((r) => ({ urn: r.urn, type: r.type, name: r.name, providerUrn: r.provider?.urn, value: (r.props[kind.field] as { value?: unknown } | undefined)?.value })),
    );
    if (providers.length === 0 && settings.length === 0) {
      args.notApplicable("Policy only applies to stacks that manage a Databricks workspace");
    }
    for (const finding of findLegacyGaps(providers, settings)) reportViolation(finding.message, finding.urn);
  }),
};
