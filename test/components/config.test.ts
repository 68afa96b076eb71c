import { parseStageConfig } from "../../stack/config";
import { rawConfigFromPulumi } from "../../stack/config-source";
import { SP_PROD, rawDev, rawProd, rawStaging } from "../support/stage-configs";
import { problemsOf } from "../support/config-problems";

describe("parseStageConfig: valid stacks", () => {
  it("fills every default of a minimal dev stage", () => {
    const config = parseStageConfig(rawDev(), "dev");
    expect(config).toEqual({
      stage: "dev",
      mlProject: "mlops",
      workspace: { mode: "adopt", host: "https://dbc-dev00001-0001.cloud.databricks.com", id: "1000000000000001" },
      groups: { dataScientists: "mlops-data-scientists", mlEngineers: "mlops-ml-engineers" },
      servicePrincipal: undefined,
      devAccess: undefined,
      unityCatalog: {
        catalogName: "dev_mlops",
        storageRoot: undefined,
        createStorage: false,
        owner: undefined,
        protectData: false,
        schemas: [
          { name: "ml_assets", comment: "Registered models and other ML assets of the stage." },
          { name: "features", comment: "Feature tables written by the feature engineering pipeline." },
          { name: "inference", comment: "Batch predictions and serving endpoint inference tables." },
          { name: "monitoring", comment: "Lakehouse monitor output: profile and drift metric tables." },
        ],
        extraGrants: [],
      },
      identities: { createGroups: false },
      mlProjects: [],
      notificationSecretNames: [],
    });
  });

  it("protects prod data, makes the service principal the owner and lets both groups read from dev", () => {
    const config = parseStageConfig(rawProd(), "prod");
    expect(config.unityCatalog.protectData).toBe(true);
    expect(config.unityCatalog.owner).toBe(SP_PROD);
    expect(config.unityCatalog.catalogName).toBe("prod_mlops");
    expect(config.devAccess).toEqual({
      workspaceId: "1000000000000001",
      readerGroups: ["mlops-data-scientists", "mlops-ml-engineers"],
    });
  });

  it("does not protect staging data unless asked", () => {
    expect(parseStageConfig(rawStaging(), "staging").unityCatalog.protectData).toBe(false);
    const raw = { ...rawStaging(), unityCatalog: { protectData: true } };
    expect(parseStageConfig(raw, "staging").unityCatalog.protectData).toBe(true);
  });

  it("normalizes extra grant privileges and strips a trailing slash from the host", () => {
    const raw = {
      ...rawProd(),
      workspace: { host: "https://dbc-prd00001-0003.cloud.databricks.com/", id: "1000000000000003" },
      unityCatalog: {
        extraSchemas: [{ name: "reports" }],
        extraGrants: [{ principal: "analysts", privileges: ["select", "use schema", "SELECT"], schema: "reports" }],
      },
    };
    const config = parseStageConfig(raw, "prod");
    expect(config.workspace).toEqual({ mode: "adopt", host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1000000000000003" });
    expect(config.unityCatalog.extraGrants).toEqual([{ principal: "analysts", privileges: ["SELECT", "USE_SCHEMA"], schema: "reports" }]);
    expect(config.unityCatalog.schemas.at(-1)).toEqual({ name: "reports", comment: "Schema reports of the prod stage." });
  });
});

describe("parseStageConfig: each kind of bad input names the key, what was given and what is allowed", () => {
  it("a wrong stage name", () => {
    expect(problemsOf({ ...rawProd(), stage: "production" })).toEqual([
      '  - databricks-mlops:stage: got "production"; expected one of "dev", "staging", "prod"',
    ]);
  });

  it("a bad group name, including one that looks like a service principal", () => {
    const raw = { ...rawDev(), groups: { dataScientists: "data scientists!", mlEngineers: SP_PROD } };
    const allowed =
      "expected a group name: letters, digits, spaces, '.', '_' or '-', starting with a letter or digit, at most 255 characters, not a UUID (UUIDs name service principals)";
    expect(problemsOf(raw, "dev")).toEqual([
      `  - databricks-mlops:groups.dataScientists: got "data scientists!"; ${allowed}`,
      `  - databricks-mlops:groups.mlEngineers: got "${SP_PROD}"; ${allowed}`,
    ]);
  });

  it("a missing required field", () => {
    const { workspace: _omitted, ...raw } = rawDev();
    expect(problemsOf(raw, "dev")).toEqual([
      "  - databricks-mlops:workspace: missing; expected an object with keys mode, host, id, databricksAccountId, metastoreId, aws",
    ]);
    expect(problemsOf({ ...rawDev(), workspace: { host: "https://x.cloud.databricks.com" } }, "dev")).toEqual([
      '  - databricks-mlops:workspace.id: missing; required in adopt mode: the numeric workspace id as a quoted string, e.g. "1234567890123456" (unquoted, large ids lose precision)',
    ]);
  });

  it("a wrong type", () => {
    expect(problemsOf({ ...rawDev(), workspace: { host: "https://x.cloud.databricks.com", id: 1000000000000001 } }, "dev")).toEqual([
      '  - databricks-mlops:workspace.id: got 1000000000000001; expected the numeric workspace id as a quoted string, e.g. "1234567890123456" (unquoted, large ids lose precision)',
    ]);
    expect(problemsOf({ ...rawDev(), groups: "everyone" }, "dev")).toEqual([
      '  - databricks-mlops:groups: got "everyone"; expected an object with keys dataScientists, mlEngineers',
    ]);
  });

  it("an unknown key, at the top and nested", () => {
    expect(problemsOf({ ...rawDev(), grups: {}, workspace: { host: "https://x.cloud.databricks.com", id: "1", region: "us" } }, "dev")).toEqual([
      "  - databricks-mlops:grups: got {}; unknown key; allowed keys: stage, mlProject, workspace, groups, servicePrincipal, devAccess, unityCatalog, identities, mlProjects, notificationSecrets",
      '  - databricks-mlops:workspace.region: got a string (not shown: values of unknown keys are never echoed); unknown key; allowed keys: mode, host, id, databricksAccountId, metastoreId, aws',
    ]);
  });

  it("a workspace URL that is not https or has a path", () => {
    const allowed = 'expected the workspace URL: https://<host> without a path, e.g. "https://dbc-1234abcd-5678.cloud.databricks.com"';
    expect(problemsOf({ ...rawDev(), workspace: { host: "http://x.cloud.databricks.com", id: "1" } }, "dev")).toEqual([
      `  - databricks-mlops:workspace.host: got "http://x.cloud.databricks.com"; ${allowed}`,
    ]);
    expect(problemsOf({ ...rawDev(), workspace: { host: "https://x.cloud.databricks.com/a", id: "1" } }, "dev")).toEqual([
      `  - databricks-mlops:workspace.host: got "https://x.cloud.databricks.com/a"; ${allowed}`,
    ]);
  });

  it("staging and prod without their service principal or dev access", () => {
    const { servicePrincipal: _sp, devAccess: _dev, ...raw } = rawProd();
    expect(problemsOf(raw)).toEqual([
      "  - databricks-mlops:devAccess: missing; required on prod: an object with keys workspaceId or stack, readerGroups (read access from the dev workspace)",
      "  - databricks-mlops:servicePrincipal: missing; required on prod: an object with key applicationId (the stage's deployment service principal)",
    ]);
  });

  it("a service principal that is not an application id", () => {
    expect(problemsOf({ ...rawProd(), servicePrincipal: { applicationId: "prod-sp" } })).toEqual([
      '  - databricks-mlops:servicePrincipal.applicationId: got "prod-sp"; expected a service principal application id (UUID), e.g. "6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f"',
    ]);
  });

  it("dev access on dev, or pointing at the stage's own workspace", () => {
    expect(problemsOf({ ...rawDev(), devAccess: { workspaceId: "2" } }, "dev")).toEqual([
      '  - databricks-mlops:devAccess: got {"workspaceId":"2"}; not allowed on dev: dev is the workspace that reads from staging and prod, set devAccess there',
    ]);
    expect(problemsOf({ ...rawProd(), devAccess: { workspaceId: "1000000000000003" } })).toEqual([
      '  - databricks-mlops:devAccess.workspaceId: got "1000000000000003"; must differ from workspace.id (1000000000000003): stages are separate workspaces',
    ]);
  });

  it("unprotected prod data", () => {
    expect(problemsOf({ ...rawProd(), unityCatalog: { protectData: false } })).toEqual([
      "  - databricks-mlops:unityCatalog.protectData: got false; must be true on prod: production data is protected against deletion",
    ]);
  });

  it("extra grants with ALL_PRIVILEGES, an unknown privilege or an unknown schema", () => {
    const raw = {
      ...rawProd(),
      unityCatalog: { extraGrants: [{ principal: "analysts", privileges: ["all privileges", "FLY"], schema: "nope" }] },
    };
    expect(problemsOf(raw)).toEqual([
      '  - databricks-mlops:unityCatalog.extraGrants[0].privileges[0]: got "all privileges"; ALL_PRIVILEGES is not accepted: name the privileges the principal needs',
      '  - databricks-mlops:unityCatalog.extraGrants[0].privileges[1]: got "FLY"; not a privilege grantable on a schema; allowed: APPLY_TAG, CREATE_FUNCTION, CREATE_MATERIALIZED_VIEW, CREATE_MODEL, CREATE_TABLE, CREATE_VOLUME, EXECUTE, EXTERNAL_USE_SCHEMA, MANAGE, MODIFY, READ_VOLUME, REFRESH, SELECT, USE_SCHEMA, WRITE_VOLUME',
      '  - databricks-mlops:unityCatalog.extraGrants[0].schema: got "nope"; no such schema in the stage catalog; allowed: ml_assets, features, inference, monitoring',
    ]);
  });

  it("an extra schema that duplicates a standard one", () => {
    expect(problemsOf({ ...rawProd(), unityCatalog: { extraSchemas: [{ name: "features" }] } })).toEqual([
      '  - databricks-mlops:unityCatalog.extraSchemas[0].name: got "features"; a schema named "features" already exists; the standard schemas are ml_assets, features, inference, monitoring',
    ]);
  });

  it("reports every problem at once, with a header and the fix", () => {
    const raw = { ...rawDev(), stage: "qa", mlProject: "ML Project" };
    expect(() => parseStageConfig(raw, "qa")).toThrow(
      [
        "Invalid configuration of stack 'qa' (2 problems); nothing was deployed:",
        '  - databricks-mlops:mlProject: got "ML Project"; expected lower-case letters, digits and \'-\', starting with a letter, at most 30 characters (e.g. "mlops")',
        '  - databricks-mlops:stage: got "qa"; expected one of "dev", "staging", "prod"',
        "Fix each value with `pulumi config set --path '<key>' <value> --stack qa` (see docs/configuration.md).",
      ].join("\n"),
    );
  });
});

describe("rawConfigFromPulumi", () => {
  it("keeps the project's keys, parses structured values and leaves scalars as text", () => {
    const raw = rawConfigFromPulumi(
      {
        "databricks-mlops:stage": "prod",
        "databricks-mlops:workspace": '{"host":"https://x","id":"1"}',
        "databricks-mlops:groups": "[not json",
        "databricks:host": "https://elsewhere",
        "aws:region": "us-east-1",
      },
      "databricks-mlops",
    );
    expect(raw).toEqual({ stage: "prod", workspace: { host: "https://x", id: "1" }, groups: "[not json" });
  });
});
