/**
 * A small created-workspace stage as the engine would receive it, deployable as the finished components
 * declare it: stage providers everywhere, the IAM propagation and workspace-ready Sleeps, the metastore
 * assignment before Unity Catalog, the experiment's folder, catalog storage, an endpoint without config.
 * Tests break one edge at a time and expect exactly the finding that names it.
 */
import type { PlannedStep } from "../../tools/plan/types";
import { plannedStep } from "./planned-steps";

/** The reference a resource sends for `provider`: `<provider urn>::<provider id>`. */
export function providerRef(provider: PlannedStep): string {
  return `${provider.urn}::${provider.name}-id`;
}

/** Options that make `step` wait for `sources` through input `property` (as `from` in the SDK's request). */
function from(property: string, ...sources: PlannedStep[]): Partial<PlannedStep> {
  const urns = sources.map((s) => s.urn);
  return { dependencies: urns, propertyDependencies: { [property]: urns } };
}

/** Merges wait options: dependencies united, property dependencies merged. */
function waits(...parts: Partial<PlannedStep>[]): Partial<PlannedStep> {
  const dependencies = [...new Set(parts.flatMap((p) => p.dependencies ?? []))];
  const propertyDependencies = Object.assign({}, ...parts.map((p) => p.propertyDependencies ?? {})) as Record<string, string[]>;
  return { dependencies, propertyDependencies };
}

/** `dependsOn` alone. */
function dependsOn(...steps: PlannedStep[]): Partial<PlannedStep> {
  return { dependencies: steps.map((s) => s.urn) };
}

const on = (provider: PlannedStep, extra: Partial<PlannedStep> = {}): Partial<PlannedStep> => ({ provider: providerRef(provider), ...extra });

/** Builds the stage; `s` names every step. */
export function deployableStage() {
  const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
  const stage = plannedStep("databricks-mlops:index:MlopsStage", "prod-mlops", stack);
  const account = plannedStep("pulumi:providers:databricks", "prod-mlops-account", stage, { accountId: "acc", host: "https://accounts.cloud.databricks.com" });
  const aws = plannedStep("pulumi:providers:aws", "prod-mlops-aws", stage, { region: "us-east-1" });
  const time = plannedStep("pulumi:providers:time", "prod-mlops-time", stage);
  const role = plannedStep("aws:iam/role:Role", "prod-mlops-cross-account", stage, { name: "prod-mlops-cross-account" }, on(aws));
  const rolePolicy = plannedStep("aws:iam/rolePolicy:RolePolicy", "prod-mlops-cross-account", stage, { role: "prod-mlops-cross-account" }, on(aws, from("role", role)));
  const iamPropagation = plannedStep(
    "time:index/sleep:Sleep",
    "prod-mlops-iam-propagation",
    stage,
    { createDuration: "30s", triggers: { roleArn: "arn:aws:iam::123456789012:role/prod-mlops-cross-account", policy: "p" } },
    on(time, from("triggers", role, rolePolicy)),
  );
  const credentials = plannedStep(
    "databricks:index/mwsCredentials:MwsCredentials",
    "prod-mlops-credentials",
    stage,
    { credentialsName: "prod-mlops-credentials", roleArn: "arn:aws:iam::123456789012:role/prod-mlops-cross-account" },
    on(account, waits(from("roleArn", iamPropagation), dependsOn(rolePolicy))),
  );
  const nat = plannedStep("aws:ec2/natGateway:NatGateway", "prod-mlops-nat", stage, {}, on(aws));
  const workspace = plannedStep("databricks:index/mwsWorkspaces:MwsWorkspaces", "prod-mlops-workspace", stage, { workspaceName: "prod-mlops" }, on(account, waits(from("credentialsId", credentials), from("networkId", nat))));
  const metastoreAssignment = plannedStep(
    "databricks:index/metastoreAssignment:MetastoreAssignment",
    "prod-mlops-metastore-assignment",
    stage,
    { metastoreId: "m", workspaceId: "4632005859852244" },
    on(account, from("workspaceId", workspace)),
  );
  const workspaceReady = plannedStep(
    "time:index/sleep:Sleep",
    "prod-mlops-workspace-ready",
    stage,
    { createDuration: "60s", triggers: { workspaceUrl: "https://prod-mlops.cloud.databricks.com", metastoreAssignment: "a" } },
    on(time, from("triggers", workspace, metastoreAssignment)),
  );
  const ws = plannedStep("pulumi:providers:databricks", "prod-mlops-workspace", stage, { host: "https://prod-mlops.cloud.databricks.com" }, from("host", workspaceReady));
  const assignment = plannedStep("databricks:index/permissionAssignment:PermissionAssignment", "prod-mlops-assignment-data-scientists", stage, { groupName: "ds", permissions: ["USER"] }, on(ws));
  const folder = plannedStep("databricks:index/directory:Directory", "prod-mlops-experiments-folder", stage, { path: "/Shared/mlops" }, on(ws));
  const experiment = plannedStep("databricks:index/mlflowExperiment:MlflowExperiment", "prod-mlops-experiment", stage, { name: "/Shared/mlops/prod-mlops-experiment" }, on(ws, dependsOn(folder)));
  const ucRole = plannedStep("aws:iam/role:Role", "prod-mlops-catalog-storage", stage, { name: "prod-mlops-catalog-storage" }, on(aws));
  const ucPolicy = plannedStep("aws:iam/rolePolicy:RolePolicy", "prod-mlops-catalog-storage", stage, { role: "prod-mlops-catalog-storage" }, on(aws, from("role", ucRole)));
  const storageCredential = plannedStep(
    "databricks:index/storageCredential:StorageCredential",
    "prod-mlops-catalog-storage",
    stage,
    { name: "prod-mlops-catalog-storage", awsIamRole: { roleArn: "arn:aws:iam::123456789012:role/prod-mlops-catalog-storage" } },
    on(ws, from("awsIamRole", ucRole)),
  );
  const location = plannedStep(
    "databricks:index/externalLocation:ExternalLocation",
    "prod-mlops-catalog-storage",
    stage,
    { name: "prod-mlops-catalog-storage", url: "s3://prod-mlops-catalog/", credentialName: "prod-mlops-catalog-storage" },
    on(ws, waits(from("credentialName", storageCredential), dependsOn(ucPolicy))),
  );
  const catalog = plannedStep("databricks:index/catalog:Catalog", "prod-mlops-catalog", stage, { name: "prod_mlops", storageRoot: "s3://prod-mlops-catalog/catalog" }, on(ws, dependsOn(location)));
  const schema = plannedStep("databricks:index/schema:Schema", "prod-mlops-schema-ml-assets", stage, { catalogName: "prod_mlops", name: "ml_assets" }, on(ws, from("catalogName", catalog)));
  const model = plannedStep("databricks:index/registeredModel:RegisteredModel", "prod-mlops-model", stage, { catalogName: "prod_mlops", schemaName: "ml_assets", name: "mlops_model" }, on(ws, from("schemaName", schema)));
  const endpoint = plannedStep("databricks:index/modelServing:ModelServing", "prod-mlops-endpoint", stage, { name: "prod-mlops-endpoint" }, on(ws, dependsOn(model)));
  const warehouse = plannedStep("databricks:index/sqlEndpoint:SqlEndpoint", "prod-mlops-monitoring-warehouse", stage, { enableServerlessCompute: true }, on(ws));
  const warehousePermissions = plannedStep("databricks:index/permissions:Permissions", "prod-mlops-monitoring-warehouse-permissions", stage, {}, on(ws, from("sqlEndpointId", warehouse)));
  const s = {
    stack, stage, account, aws, time, role, rolePolicy, iamPropagation, credentials, nat, workspace, metastoreAssignment, workspaceReady, ws,
    assignment, folder, experiment, ucRole, ucPolicy, storageCredential, location, catalog, schema, model, endpoint, warehouse, warehousePermissions,
  };
  return { s, steps: Object.values(s) };
}

/** A copy of `step` that no longer waits directly for `target` (neither by `dependsOn` nor by any input). */
export function withoutEdge(step: PlannedStep, target: PlannedStep): PlannedStep {
  const keep = (urns: string[]) => urns.filter((u) => u !== target.urn);
  const propertyDependencies = Object.fromEntries(Object.entries(step.propertyDependencies).map(([k, v]) => [k, keep(v)]));
  return { ...step, dependencies: keep(step.dependencies), propertyDependencies };
}

/** A copy of `step` that also waits for `targets` (`dependsOn`). */
export function withEdge(step: PlannedStep, ...targets: PlannedStep[]): PlannedStep {
  return { ...step, dependencies: [...step.dependencies, ...targets.map((t) => t.urn)] };
}

/** A copy of `step` on `provider` ("" for the default provider). */
export function onProvider(step: PlannedStep, provider: PlannedStep | ""): PlannedStep {
  return { ...step, provider: provider === "" ? "" : providerRef(provider) };
}
