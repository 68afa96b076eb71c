import type { PolicyResource } from "@pulumi/policy";
import * as types from "../../policies/lib/resource-types";
import { findLegacyGaps, type LegacySettingFacts, workspaceRequireLegacyDisabled } from "../../policies/rules/workspace-require-legacy-disabled";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const ACCESS = "databricks:index/disableLegacyAccessSetting:DisableLegacyAccessSetting";
const DBFS = "databricks:index/disableLegacyDbfsSetting:DisableLegacyDbfsSetting";
const provider = { urn: "urn:provider", name: "prod-mlops-workspace" };
const setting = (type: string, value: unknown, providerUrn = provider.urn): LegacySettingFacts => ({ urn: `urn:${type}`, type, name: type.split(":").pop()!, providerUrn, value });

describe("workspace-require-legacy-disabled", () => {
  test("both settings on, through the workspace's provider, pass", () => {
    expect(findLegacyGaps([provider], [setting(ACCESS, true), setting(DBFS, true)])).toEqual([]);
  });

  test("a workspace missing either setting is reported", () => {
    expect(findLegacyGaps([provider], [setting(ACCESS, true)])).toEqual([
      {
        urn: "urn:provider",
        message:
          "The workspace of provider 'prod-mlops-workspace' does not disable the legacy DBFS root and mounts; declare a DisableLegacyDbfsSetting with disableLegacyDbfs: { value: true } through this provider.",
      },
    ]);
    expect(findLegacyGaps([provider], [setting(DBFS, true)]).map((f) => f.message)).toEqual([
      expect.stringContaining("does not disable legacy access; declare a DisableLegacyAccessSetting"),
    ]);
  });

  test("a setting that re-enables legacy features is reported", () => {
    expect(findLegacyGaps([provider], [setting(ACCESS, false), setting(DBFS, true)])).toEqual([
      {
        urn: `urn:${ACCESS}`,
        message: "Setting 'DisableLegacyAccessSetting' sets disableLegacyAccess value false; set it to true to disable legacy access.",
      },
    ]);
  });

  test("settings through another workspace's provider do not count for this one", () => {
    const other = { urn: "urn:other", name: "dev-mlops-workspace" };
    const findings = findLegacyGaps([provider, other], [setting(ACCESS, true), setting(DBFS, true)]);
    expect(findings.map((f) => f.urn)).toEqual(["urn:other", "urn:other"]);
  });
});

describe("workspace-require-legacy-disabled, messages per setting", () => {
  test("each setting is named with its own field and feature", () => {
    expect(findLegacyGaps([], [setting(DBFS, false)])).toEqual([
      {
        urn: `urn:${DBFS}`,
        message: "Setting 'DisableLegacyDbfsSetting' sets disableLegacyDbfs value false; set it to true to disable the legacy DBFS root and mounts.",
      },
    ]);
  });

  test("a setting of a type the rule does not know is described generically", () => {
    expect(findLegacyGaps([], [setting("databricks:index/other:Other", "yes")])).toEqual([
      { urn: "urn:databricks:index/other:Other", message: `Setting 'Other' sets its value "yes"; set it to true to disable the legacy feature.` },
    ]);
  });
});

describe("workspace-require-legacy-disabled, the registered rule", () => {
  const at = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
  const missingBoth = (name: string) => [
    { urn: at(types.DATABRICKS_PROVIDER, name), message: `The workspace of provider '${name}' does not disable legacy access; declare a DisableLegacyAccessSetting with disableLegacyAccess: { value: true } through this provider.` },
    {
      urn: at(types.DATABRICKS_PROVIDER, name),
      message: `The workspace of provider '${name}' does not disable the legacy DBFS root and mounts; declare a DisableLegacyDbfsSetting with disableLegacyDbfs: { value: true } through this provider.`,
    },
  ];

  test("an account id on a provider whose host is a workspace does not exempt that workspace", () => {
    const disguised = res(types.DATABRICKS_PROVIDER, "workspace", { host: "https://dbc-1234.cloud.databricks.com", accountId: "acc" });
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [disguised])).toEqual({ violations: missingBoth("workspace") });
  });

  test("a provider of the accounts console, or naming an account without a host (the environment gives it), manages no workspace", () => {
    for (const props of [{ host: "https://accounts.cloud.databricks.com", accountId: "acc" }, { host: " https://accounts-dod.cloud.databricks.mil", accountId: "acc" }, { accountId: "acc" }, { accountId: "acc", host: " " }, { accountId: "acc", host: null }, { accountId: "acc", host: "accounts.cloud.databricks.com" }]) {
      expect(invokeStackRule(workspaceRequireLegacyDisabled, [res(types.DATABRICKS_PROVIDER, "account", props)]).notApplicable).toBe(
        "Policy only applies to stacks that manage a Databricks workspace",
      );
    }
  });

  test("no account id (unset, empty or null) names no account; a workspace's host, or one unknown during preview, is a workspace's", () => {
    for (const props of [{}, { accountId: "" }, { accountId: null }, { accountId: "acc", host: "https://dbc-accounts-team.cloud.databricks.com" }, unknownHost({ accountId: "acc" })]) {
      expect(invokeStackRule(workspaceRequireLegacyDisabled, [res(types.DATABRICKS_PROVIDER, "workspace", props)])).toEqual({ violations: missingBoth("workspace") });
    }
  });

  test("only Databricks providers are workspaces", () => {
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [res("pulumi:providers:aws", "aws", {})]).notApplicable).toBe("Policy only applies to stacks that manage a Databricks workspace");
  });

  test("both settings through the workspace's provider pass; through no provider they count for no workspace", () => {
    const provider = res(types.DATABRICKS_PROVIDER, "workspace", { host: "https://w" });
    const access = (via?: PolicyResource) => res(types.DISABLE_LEGACY_ACCESS_SETTING, "access", { disableLegacyAccess: { value: true } }, { provider: via });
    const dbfs = (via?: PolicyResource) => res(types.DISABLE_LEGACY_DBFS_SETTING, "dbfs", { disableLegacyDbfs: { value: true } }, { provider: via });
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [provider, access(provider), dbfs(provider)])).toEqual({ violations: [] });
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [provider, access(), dbfs()])).toEqual({ violations: missingBoth("workspace") });
  });

  test("a stack with settings but no provider is checked: a setting that holds no value disables nothing", () => {
    const empty = res(types.DISABLE_LEGACY_DBFS_SETTING, "dbfs", { disableLegacyDbfs: {} });
    const wrongField = res(types.DISABLE_LEGACY_ACCESS_SETTING, "access", { disableLegacyDbfs: { value: true } });
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [empty, wrongField])).toEqual({
      violations: [
        { urn: at(types.DISABLE_LEGACY_ACCESS_SETTING, "access"), message: "Setting 'access' sets disableLegacyAccess value undefined; set it to true to disable legacy access." },
        { urn: at(types.DISABLE_LEGACY_DBFS_SETTING, "dbfs"), message: "Setting 'dbfs' sets disableLegacyDbfs value undefined; set it to true to disable the legacy DBFS root and mounts." },
      ],
    });
  });
});

/** Provider props whose `host` is unknown, as the SDK's proxy shows it during preview. */
function unknownHost(known: Record<string, unknown>): Record<string, unknown> {
  class UnknownValueError extends Error {}
  return Object.defineProperty({ ...known }, "host", {
    enumerable: true,
    get: () => {
      throw new UnknownValueError("string value at .host can't be known during preview");
    },
  });
}
