import { findLegacyGaps, type LegacySettingFacts } from "../../policies/rules/workspace-require-legacy-disabled";

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
