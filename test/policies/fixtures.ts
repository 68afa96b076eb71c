/**
 * Planned steps shaped like the ones the program emits for one stage (root stack, workspace provider,
 * MlopsStage and StageCatalog components, catalog, schemas, grants, workspace bindings).
 */
import type { PlannedStep } from "../../tools/plan/types";

export const PROJECT = "databricks-mlops";
export const STACK = "prod";
/** Application id of the prod service principal. */
export const PROD_SP = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
export const PROD_WORKSPACE_ID = "1111111111111111";
export const DEV_WORKSPACE_ID = "2222222222222222";
export const DATA_SCIENTIST_READ = ["BROWSE", "EXECUTE", "READ_VOLUME", "SELECT", "USE_CATALOG", "USE_SCHEMA"];
export const SP_WRITE = ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "CREATE_MODEL", "MODIFY", "SELECT", "EXECUTE"];

const ROOT_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN: the part between `<project>::` and `::<name>`. */
function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2];
}

/** Builds one planned step; the URN follows the engine's rule (parent chain joined by `$`, root omitted). */
export function plannedStep(
  type: string,
  name: string,
  parent: PlannedStep | undefined,
  inputs: Record<string, unknown> = {},
  extra: Partial<PlannedStep> = {},
): PlannedStep {
  const qualified = parent && parent.type !== ROOT_TYPE ? `${qualifiedTypeOf(parent.urn)}$${type}` : type;
  const custom = !type.startsWith("pulumi:pulumi:") && !type.startsWith(`${PROJECT}:`);
  return {
    op: "create",
    urn: `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`,
    type,
    name,
    parent: parent?.urn ?? "",
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    provider: "",
    custom,
    inputs,
    ...extra,
  };
}

/** The resources of a compliant prod stage, by role, plus `all` in registration order. */
export function prodStage() {
  const stack = plannedStep(ROOT_TYPE, `${PROJECT}-${STACK}`, undefined);
  const provider = plannedStep("pulumi:providers:databricks", "prod-workspace", stack, { host: "https://dbc-prod.cloud.databricks.com" });
  const providerRef = `${provider.urn}::prod-workspace-id`;
  const stage = plannedStep(`${PROJECT}:index:MlopsStage`, "prod-mlops", stack);
  const stageCatalog = plannedStep(`${PROJECT}:catalog:StageCatalog`, "prod-mlops-catalog", stage);
  const onWorkspace = { provider: providerRef, dependencies: [] as string[] };
  const catalog = plannedStep(
    "databricks:index/catalog:Catalog",
    "prod-mlops",
    stageCatalog,
    { name: "prod_mlops", isolationMode: "ISOLATED", comment: "prod catalog", properties: { "mlops.stage": "prod" }, owner: PROD_SP },
    { ...onWorkspace, protect: true, retainOnDelete: true },
  );
  const dependsOnCatalog = { ...onWorkspace, dependencies: [catalog.urn], propertyDependencies: { catalogName: [catalog.urn] } };
  const schemas = ["ml_assets", "features", "inference", "monitoring"].map((schema) =>
    plannedStep(
      "databricks:index/schema:Schema",
      `prod-mlops-${schema.replace("_", "-")}`,
      stageCatalog,
      { catalogName: "prod_mlops", name: schema, comment: `${schema} schema` },
      { ...dependsOnCatalog, protect: true, retainOnDelete: true },
    ),
  );
  const grants = plannedStep(
    "databricks:index/grants:Grants",
    "prod-mlops-catalog-grants",
    stageCatalog,
    {
      catalog: "prod_mlops",
      grants: [
        { principal: PROD_SP, privileges: SP_WRITE },
        { principal: "data-scientists", privileges: DATA_SCIENTIST_READ },
      ],
    },
    { ...onWorkspace, dependencies: [catalog.urn], propertyDependencies: { catalog: [catalog.urn] } },
  );
  const ownBinding = plannedStep(
    "databricks:index/workspaceBinding:WorkspaceBinding",
    "prod-mlops-binding-own",
    stageCatalog,
    { securableName: "prod_mlops", securableType: "catalog", workspaceId: PROD_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_WRITE" },
    { ...onWorkspace, dependencies: [catalog.urn], propertyDependencies: { securableName: [catalog.urn] } },
  );
  const devBinding = plannedStep(
    "databricks:index/workspaceBinding:WorkspaceBinding",
    "prod-mlops-binding-dev-read",
    stageCatalog,
    { securableName: "prod_mlops", securableType: "catalog", workspaceId: DEV_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_ONLY" },
    { ...onWorkspace, dependencies: [catalog.urn], propertyDependencies: { securableName: [catalog.urn] } },
  );
  const all = [stack, provider, stage, stageCatalog, catalog, ...schemas, grants, ownBinding, devBinding];
  return { stack, provider, stage, stageCatalog, catalog, schemas, grants, ownBinding, devBinding, all };
}

/** A copy of `step` with some inputs replaced (undefined removes an input). */
export function withInputs(step: PlannedStep, inputs: Record<string, unknown>): PlannedStep {
  const merged = { ...step.inputs, ...inputs };
  for (const [key, value] of Object.entries(inputs)) if (value === undefined) delete merged[key];
  return { ...step, inputs: merged };
}

/** Replaces the step with the same URN in `steps`. */
export function replaceStep(steps: PlannedStep[], replacement: PlannedStep): PlannedStep[] {
  return steps.map((s) => (s.urn === replacement.urn ? replacement : s));
}
