import { PIPELINE_PRIVILEGES, READ_PRIVILEGES } from "../../components/privileges";
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage, stepNamed, stepsOfType } from "../support/record-stage";
import { DEV_WORKSPACE_ID, SP_PROD, rawCreated, rawDev, rawProd, rawStaging } from "../support/stage-configs";
import { STORE } from "../online-store/fixtures";
import { rawProject } from "../pipelines/fixtures";

const CATALOG = "databricks:index/catalog:Catalog";
const SCHEMA = "databricks:index/schema:Schema";
const GRANTS = "databricks:index/grants:Grants";
const BINDING = "databricks:index/workspaceBinding:WorkspaceBinding";
const PROVIDER = "pulumi:providers:databricks";

let dev: PlannedStep[];
let staging: PlannedStep[];
let prod: PlannedStep[];

beforeAll(async () => {
  dev = await recordStage(rawDev(), "dev");
  staging = await recordStage(rawStaging(), "staging");
  prod = await recordStage(
    { ...rawProd(), unityCatalog: { extraGrants: [{ principal: "auditors", privileges: ["SELECT", "USE_SCHEMA"], schema: "monitoring" }] } },
    "prod",
  );
});

describe("MlopsStage resource tree", () => {
  it("nests every resource under the stage component, in Pulumi's URN format", () => {
    const stage = stepNamed(prod, "databricks-mlops:index:MlopsStage", "prod-mlops");
    expect(stage.urn).toBe("urn:pulumi:prod::databricks-mlops::databricks-mlops:index:MlopsStage::prod-mlops");
    // Named like the stage so its children keep their first names; the alias keeps the component's own first name.
    const catalogComponent = stepNamed(prod, "databricks-mlops:catalog:StageCatalog", "prod-mlops");
    expect(catalogComponent.parent).toBe(stage.urn);
    expect(catalogComponent.aliases).toEqual([
      "urn:pulumi:prod::databricks-mlops::databricks-mlops:index:MlopsStage$databricks-mlops:catalog:StageCatalog::prod-mlops-unity-catalog",
    ]);
    const catalog = stepNamed(prod, CATALOG, "prod-mlops-catalog");
    expect(catalog.urn).toBe(
      "urn:pulumi:prod::databricks-mlops::databricks-mlops:index:MlopsStage$databricks-mlops:catalog:StageCatalog$databricks:index/catalog:Catalog::prod-mlops-catalog",
    );
    expect(catalog.parent).toBe(catalogComponent.urn);
  });

  it("declares every workspace-level resource with the stage's workspace provider", () => {
    const provider = stepNamed(prod, PROVIDER, "prod-mlops-workspace");
    expect(provider.inputs).toMatchObject({ host: "https://dbc-prd00001-0003.cloud.databricks.com" });
    expect(provider.inputs).not.toHaveProperty("token");
    expect(provider.inputs).not.toHaveProperty("clientSecret");
    const custom = prod.filter((step) => step.custom && step.type.startsWith("databricks:"));
    expect(custom.length).toBeGreaterThan(0);
    for (const step of custom) {
      expect(step.provider.startsWith(`${provider.urn}::`)).toBe(true);
    }
  });

  it("creates the same resources, by type, on every stage apart from the dev-read binding", () => {
    const count = (steps: PlannedStep[], type: string) => stepsOfType(steps, type).length;
    for (const steps of [dev, staging, prod]) {
      expect(count(steps, CATALOG)).toBe(1);
      expect(count(steps, SCHEMA)).toBe(4);
    }
    expect([dev, staging, prod].map((steps) => count(steps, BINDING))).toEqual([1, 2, 2]);
  });
});

describe("the stage catalog and schemas", () => {
  it("isolates the catalog, names it <stage>_<mlProject>, owns it by the service principal and never force-destroys", () => {
    expect(stepNamed(prod, CATALOG, "prod-mlops-catalog").inputs).toEqual({
      name: "prod_mlops",
      comment: "prod catalog of the mlops ML project. Managed by Pulumi.",
      isolationMode: "ISOLATED",
      owner: SP_PROD,
      forceDestroy: false,
      properties: { "mlops.stage": "prod", "mlops.project": "mlops", "managed-by": "pulumi" },
    });
    expect(stepNamed(dev, CATALOG, "dev-mlops-catalog").inputs).not.toHaveProperty("owner");
  });

  it("creates the ML assets, features, inference and monitoring schemas in the stage catalog", () => {
    const schemas = stepsOfType(staging, SCHEMA).map((step) => [step.name, step.inputs.catalogName, step.inputs.name]);
    expect(schemas).toEqual([
      ["staging-mlops-schema-ml-assets", "staging_mlops", "ml_assets"],
      ["staging-mlops-schema-features", "staging_mlops", "features"],
      ["staging-mlops-schema-inference", "staging_mlops", "inference"],
      ["staging-mlops-schema-monitoring", "staging_mlops", "monitoring"],
    ]);
    const catalogUrn = stepNamed(staging, CATALOG, "staging-mlops-catalog").urn;
    for (const step of stepsOfType(staging, SCHEMA)) {
      expect(step.propertyDependencies.catalogName).toEqual([catalogUrn]);
      expect(step.inputs.forceDestroy).toBe(false);
    }
  });

  it("protects prod catalog and schemas against deletion and retains them on delete", () => {
    for (const step of [...stepsOfType(prod, CATALOG), ...stepsOfType(prod, SCHEMA)]) {
      expect({ name: step.name, protect: step.protect, retainOnDelete: step.retainOnDelete }).toEqual({
        name: step.name,
        protect: true,
        retainOnDelete: true,
      });
    }
  });

  it("leaves dev and staging data unprotected, so those stages can be torn down", () => {
    for (const step of [...stepsOfType(dev, CATALOG), ...stepsOfType(staging, SCHEMA)]) {
      expect([step.protect, step.retainOnDelete]).toEqual([false, false]);
    }
  });
});

describe("grants and workspace bindings", () => {
  it("grants on prod: the service principal writes, the people only read", () => {
    expect(stepNamed(prod, GRANTS, "prod-mlops-catalog-grants").inputs).toEqual({
      catalog: "prod_mlops",
      grants: [
        { principal: SP_PROD, privileges: [...PIPELINE_PRIVILEGES] },
        { principal: "mlops-data-scientists", privileges: [...READ_PRIVILEGES] },
        { principal: "mlops-ml-engineers", privileges: [...READ_PRIVILEGES] },
      ],
    });
  });

  it("grants on dev: both groups author", () => {
    const grants = stepNamed(dev, GRANTS, "dev-mlops-catalog-grants").inputs.grants as { principal: string; privileges: string[] }[];
    expect(grants.map((grant) => grant.principal)).toEqual(["mlops-data-scientists", "mlops-ml-engineers"]);
    expect(grants[0].privileges).toContain("MODIFY");
  });

  it("puts schema-level extra grants in one authoritative Grants per schema", () => {
    expect(stepNamed(prod, GRANTS, "prod-mlops-schema-monitoring-grants").inputs).toEqual({
      schema: "prod_mlops.monitoring",
      grants: [{ principal: "auditors", privileges: ["SELECT", "USE_SCHEMA"] }],
    });
    expect(stepsOfType(prod, "databricks:index/grant:Grant")).toEqual([]);
  });

  it("binds the prod catalog read-write to prod and read-only to dev", () => {
    expect(stepNamed(prod, BINDING, "prod-mlops-catalog-binding-own").inputs).toEqual({
      securableName: "prod_mlops",
      securableType: "catalog",
      workspaceId: "1000000000000003",
      bindingType: "BINDING_TYPE_READ_WRITE",
    });
    const devRead = stepNamed(prod, BINDING, "prod-mlops-catalog-binding-dev-read");
    expect(devRead.inputs).toEqual({
      securableName: "prod_mlops",
      securableType: "catalog",
      workspaceId: DEV_WORKSPACE_ID,
      bindingType: "BINDING_TYPE_READ_ONLY",
    });
    expect(devRead.dependencies).toContain(stepNamed(prod, CATALOG, "prod-mlops-catalog").urn);
  });
});

describe("the library's components in a shipped stage", () => {
  it("are named <stage>-<mlProject> or <stage>-<project>, each with an alias of the name it was first deployed with", async () => {
    const steps = await recordStage(
      { ...rawCreated("prod"), mlProjects: [rawProject({ monitoring: { problemType: "regression" }, onlineStore: STORE, serving: {} })] },
      "prod",
    );
    const components = steps
      .filter((step) => !step.custom && step.type.startsWith("databricks-mlops:") && !/:(MlopsStage|StageWorkspace)$/.test(step.type))
      .map((step) => [step.type.split(":").pop(), step.name, (step.aliases ?? []).map((alias) => alias.split("::").pop())])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(components).toEqual([
      // Its own alias first; the engine adds the ones it derives from its parent's alias (the parent's old name as prefix).
      ["AwsFoundation", "prod-mlops", ["prod-mlops-aws-foundation", "prod-mlops-created-workspace", "prod-mlops-created-workspace-aws-foundation"]],
      ["CatalogStorage", "prod-mlops", ["prod-mlops-catalog-storage"]],
      ["CreatedWorkspace", "prod-mlops", ["prod-mlops-created-workspace"]],
      ["MlProject", "prod-churn", []],
      ["OnlineStore", "prod-churn-online-store", []],
      ["ProjectMonitoring", "prod-churn", ["prod-churn-monitoring"]],
      ["ServingEndpoint", "prod-churn", ["prod-churn-serving"]],
      ["StageCatalog", "prod-mlops", ["prod-mlops-unity-catalog"]],
      ["WorkspaceBaseline", "prod-mlops", ["prod-mlops-baseline"]],
      ["WorkspaceIdentities", "prod-mlops", ["prod-mlops-identities"]],
    ]);
  });
});
