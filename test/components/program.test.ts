/**
 * The program entry (`index.ts`) under the mock runtime: bad config stops it before any resource
 * is registered, and the read-only privilege set it grants is the one the policy pack
 * enforces (each states it independently; this is where they are held equal).
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { READ_PRIVILEGES, normalizePrivilege } from "../../components/privileges";
import { DEFAULT_READ_ONLY_PRIVILEGES, normalizePrivilege as packNormalizePrivilege } from "../../policies/lib/principals";
import { installMockRuntime } from "../../tools/plan/mock-runtime";

describe("index.ts", () => {
  it("registers nothing when the config is invalid, and fails with the config error", async () => {
    const recording = installMockRuntime({
      project: "databricks-mlops",
      stack: "prod",
      config: {
        "databricks-mlops:stage": "production",
        "databricks-mlops:workspace": JSON.stringify({ host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1" }),
      },
      secretKeys: [],
    });
    // Loaded outside runInPulumiStack, so only the program's own registrations could appear.
    let thrown: unknown;
    jest.isolateModules(() => {
      try {
        require(path.join(__dirname, "..", "..", "index.ts"));
      } catch (error) {
        thrown = error;
      }
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect((thrown as Error).name).toBe("StageConfigError");
    expect((thrown as Error).message).toContain('  - databricks-mlops:stage: got "production"; expected one of "dev", "staging", "prod"');
    expect(recording.steps).toEqual([]);
  });
});

describe("index.ts stack outputs", () => {
  it("say in words who may do what on the catalog and where it is visible", async () => {
    const sp = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
    installMockRuntime({
      project: "databricks-mlops",
      stack: "prod",
      config: {
        "databricks-mlops:stage": "prod",
        "databricks-mlops:workspace": JSON.stringify({ host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1000000000000003" }),
        "databricks-mlops:groups": JSON.stringify({ dataScientists: "mlops-data-scientists", mlEngineers: "mlops-ml-engineers" }),
        "databricks-mlops:servicePrincipal": JSON.stringify({ applicationId: sp }),
        "databricks-mlops:devAccess": JSON.stringify({ workspaceId: "1000000000000001", readerGroups: ["mlops-data-scientists"] }),
      },
      secretKeys: [],
    });
    let outputs: Record<string, unknown> = {};
    jest.isolateModules(() => {
      outputs = require(path.join(__dirname, "..", "..", "index.ts")) as Record<string, unknown>;
    });
    const resolved = Object.fromEntries(
      await Promise.all(
        Object.entries(outputs).map(
          async ([key, value]) => [key, pulumi.Output.isInstance(value) ? await new Promise((resolve) => value.apply(resolve)) : value] as const,
        ),
      ),
    );
    expect(resolved).toMatchObject({
      stageName: "prod",
      workspaceMode: "adopt",
      workspaceUrl: "https://dbc-prd00001-0003.cloud.databricks.com",
      workspaceId: "1000000000000003",
      catalogGrants: {
        [sp]: "BROWSE, CREATE_FUNCTION, CREATE_MATERIALIZED_VIEW, CREATE_MODEL, CREATE_TABLE, CREATE_VOLUME, EXECUTE, MODIFY, READ_VOLUME, REFRESH, SELECT, USE_CATALOG, USE_SCHEMA, WRITE_VOLUME",
        "mlops-data-scientists": "BROWSE, EXECUTE, READ_VOLUME, SELECT, USE_CATALOG, USE_SCHEMA",
      },
      catalogBindings: { "1000000000000003": "READ_WRITE", "1000000000000001": "READ_ONLY" },
      dataProtected: true,
    });
    const schemas = await new Promise((resolve) => (outputs.schemas as pulumi.Output<unknown>).apply(resolve));
    expect(schemas).toEqual({
      ml_assets: "prod_mlops.ml_assets",
      features: "prod_mlops.features",
      inference: "prod_mlops.inference",
      monitoring: "prod_mlops.monitoring",
    });
    await pulumi.runtime.disconnect(); // let the program's registrations finish inside this test
  });
});

describe("program and policy pack agree", () => {
  it("on the read-only privilege set", () => {
    expect([...READ_PRIVILEGES].sort()).toEqual([...DEFAULT_READ_ONLY_PRIVILEGES].sort());
  });

  it("on how a privilege name is spelled", () => {
    for (const spelling of ["use catalog", " Use_Schema ", "read-volume", "USE__CATALOG", "all privileges", "MODIFY"]) {
      expect(packNormalizePrivilege(spelling)).toBe(normalizePrivilege(spelling));
    }
  });
});
