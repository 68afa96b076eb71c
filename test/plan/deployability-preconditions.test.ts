/**
 * Every precondition of the deployability check over a synthetic stage: the deployable stage passes, and
 * each way to break a precondition gives exactly the finding that names both resources and the edge.
 */
import { checkDeployability } from "../../tools/plan/deployability/check";
import type { DeployabilityFinding } from "../../tools/plan/deployability/findings";
import type { PlannedStep } from "../../tools/plan/types";
import { plannedStep, withInputs } from "../support/planned-steps";
import { deployableStage, onProvider, providerRef, withEdge, withoutEdge } from "../support/deployable-steps";

type Stage = ReturnType<typeof deployableStage>["s"];

/** The findings of the stage after `change` returns the steps to replace (by URN) or to add. */
function findingsAfter(change: (s: Stage) => PlannedStep[]): DeployabilityFinding[] {
  const { s, steps } = deployableStage();
  const changed = change(s);
  const byUrn = new Map(changed.map((c) => [c.urn, c]));
  const replaced = steps.map((step) => byUrn.get(step.urn) ?? step);
  const added = changed.filter((c) => !steps.some((step) => step.urn === c.urn));
  return checkDeployability([...replaced, ...added]).findings;
}

const messages = (findings: DeployabilityFinding[]) => findings.map((f) => f.message);

test("the deployable stage breaks no precondition", () => {
  expect(checkDeployability(deployableStage().steps).findings).toEqual([]);
});

describe("explicit-provider", () => {
  test.each([
    ["databricks", (s: Stage) => s.warehousePermissions],
    ["aws", (s: Stage) => s.rolePolicy],
    ["time", (s: Stage) => s.workspaceReady],
  ])("a %s resource on the default provider fails", (pkg, pick) => {
    const findings = findingsAfter((s) => [onProvider(pick(s), "")]);
    const step = pick(deployableStage().s);
    expect(findings).toContainEqual({
      precondition: "explicit-provider",
      urn: step.urn,
      message: `${step.name} (${step.type.split(":").pop()}) uses the default ${pkg} provider: the engine would configure it from the environment alone, not from the stage; pass the stage's provider`,
    });
  });

  test("an account-level resource on the workspace provider fails", () => {
    expect(messages(findingsAfter((s) => [onProvider(s.metastoreAssignment, s.account), onProvider(s.credentials, s.ws)]))).toContain(
      "prod-mlops-credentials (MwsCredentials) is an account-level resource on prod-mlops-workspace (databricks), whose host is not an accounts host: the account API is served only there (provider docs/index.md \"host argument\")",
    );
  });

  test("a workspace-level resource on the account provider fails", () => {
    expect(messages(findingsAfter((s) => [onProvider(s.warehouse, s.account)]))).toContain(
      "prod-mlops-monitoring-warehouse (SqlEndpoint) is a workspace-level resource on prod-mlops-account (databricks), whose host is the accounts host: workspace APIs are served only by the workspace's own host",
    );
  });

  test("a provider without host fails; a dual-level type (Group) may use either kind", () => {
    const group = (s: Stage) => plannedStep("databricks:index/group:Group", "prod-mlops-group-ds", s.stage, { displayName: "readers" }, { provider: providerRef(s.account) });
    expect(findingsAfter((s) => [group(s), { ...group(s), name: "prod-mlops-group-ws", urn: group(s).urn + "-ws", provider: providerRef(s.ws) }])).toEqual([]);
    expect(messages(findingsAfter((s) => [withInputs(s.account, { host: undefined })]))).toContain(
      "prod-mlops-credentials (MwsCredentials) is on prod-mlops-account (databricks), which sets no host: the environment (DATABRICKS_HOST) would decide what it calls",
    );
  });

  test("a provider of another package fails", () => {
    expect(messages(findingsAfter((s) => [onProvider(s.nat, s.time)]))).toEqual([
      "prod-mlops-nat (NatGateway) is on prod-mlops-time (time), a provider of another package: the engine refuses it",
    ]);
  });

  test("a host computed during preview counts as a workspace host, never as an accounts host", () => {
    const unknownHost = (s: Stage) => withInputs(s.ws, { host: "[unknown]" });
    expect(findingsAfter((s) => [unknownHost(s)])).toEqual([]);
    expect(messages(findingsAfter((s) => [unknownHost(s), onProvider(s.credentials, s.ws), onProvider(s.metastoreAssignment, s.account)]))).toContain(
      "prod-mlops-credentials (MwsCredentials) is an account-level resource on prod-mlops-workspace (databricks), whose host is not an accounts host: the account API is served only there (provider docs/index.md \"host argument\")",
    );
  });

  test("a provider reference outside the plan fails", () => {
    const findings = findingsAfter((s) => [{ ...s.nat, provider: "urn:pulumi:prod::databricks-mlops::pulumi:providers:aws::other::id" }]);
    expect(messages(findings)).toEqual(["prod-mlops-nat (NatGateway) names a provider that is not in the plan (urn:pulumi:prod::databricks-mlops::pulumi:providers:aws::other::id)"]);
  });
});

describe("metastore-before-unity-catalog", () => {
  const noAssignmentInHost = (s: Stage) => withoutEdge(s.workspaceReady, s.metastoreAssignment);

  test("resources that start beside the metastore assignment fail, once for everything behind the first", () => {
    const findings = findingsAfter((s) => [noAssignmentInHost(s)]);
    const { s } = deployableStage();
    expect(findings).toEqual([
      {
        precondition: "metastore-before-unity-catalog",
        urn: s.assignment.urn,
        waitFor: s.metastoreAssignment.urn,
        message:
          "prod-mlops-assignment-data-scientists (PermissionAssignment) does not wait for prod-mlops-metastore-assignment (MetastoreAssignment): workspace identity APIs need identity federation, which assigning the metastore turns on",
      },
      {
        precondition: "metastore-before-unity-catalog",
        urn: s.storageCredential.urn,
        waitFor: s.metastoreAssignment.urn,
        message:
          "prod-mlops-catalog-storage (StorageCredential) does not wait for prod-mlops-metastore-assignment (MetastoreAssignment): Unity Catalog calls fail until the workspace has a metastore assigned (4 more resources behind it miss the same edge)",
      },
    ]);
  });

  test("each identity resource is judged on its own; a resource on the account provider is not judged", () => {
    const findings = findingsAfter((s) => [noAssignmentInHost(s), withEdge(s.location, s.metastoreAssignment), onProvider(s.storageCredential, s.account)]);
    expect(messages(findings.filter((f) => f.precondition === "metastore-before-unity-catalog"))).toEqual([
      "prod-mlops-assignment-data-scientists (PermissionAssignment) does not wait for prod-mlops-metastore-assignment (MetastoreAssignment): workspace identity APIs need identity federation, which assigning the metastore turns on",
    ]);
  });
});

describe("role-policy-before-credentials", () => {
  test("credentials that wait for the role but not its policy fail", () => {
    // As the shipped stacks declare it today: roleArn straight from the role, no Sleep, no dependsOn.
    const findings = findingsAfter((s) => [{ ...s.credentials, dependencies: [s.role.urn], propertyDependencies: { roleArn: [s.role.urn] } }]);
    expect(findings).toEqual([
      {
        precondition: "role-policy-before-credentials",
        urn: deployableStage().s.credentials.urn,
        waitFor: deployableStage().s.rolePolicy.urn,
        message:
          'prod-mlops-credentials (MwsCredentials) does not wait for prod-mlops-cross-account (RolePolicy): Databricks validates the permissions of prod-mlops-cross-account when the credentials are registered and fails ("Failed credentials validation checks") until this policy is attached',
      },
    ]);
  });

  test("a role ARN through a Sleep that names the role only still needs the policy edge; a policy attachment counts too", () => {
    const attachment = (s: Stage) =>
      plannedStep("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-mlops-cross-account-managed", s.stage, { role: "prod-mlops-cross-account" }, { provider: providerRef(s.aws) });
    const findings = findingsAfter((s) => [withoutEdge(s.iamPropagation, s.rolePolicy), withoutEdge(s.credentials, s.rolePolicy), attachment(s)]);
    expect(messages(findings)).toEqual([
      'prod-mlops-credentials (MwsCredentials) does not wait for prod-mlops-cross-account (RolePolicy): Databricks validates the permissions of prod-mlops-cross-account when the credentials are registered and fails ("Failed credentials validation checks") until this policy is attached',
      'prod-mlops-credentials (MwsCredentials) does not wait for prod-mlops-cross-account-managed (RolePolicyAttachment): Databricks validates the permissions of prod-mlops-cross-account when the credentials are registered and fails ("Failed credentials validation checks") until this policy is attached',
    ]);
  });

  test("a role ARN given as a literal names no role of the plan: nothing to wait for", () => {
    expect(findingsAfter((s) => [{ ...s.credentials, dependencies: [], propertyDependencies: {} }])).toEqual([]);
  });
});

describe("folder-before-contents", () => {
  test("an experiment whose folder no Directory creates fails", () => {
    const findings = findingsAfter((s) => [{ ...withoutEdge(s.experiment, s.folder) }, withInputs(s.folder, { path: "/Shared/other" })]);
    expect(findings).toEqual([
      {
        precondition: "folder-before-contents",
        urn: deployableStage().s.experiment.urn,
        message:
          "prod-mlops-experiment (MlflowExperiment) needs the folder /Shared/mlops, and no Directory in the plan creates it: MLflow does not create parent folders (RESOURCE_DOES_NOT_EXIST)",
      },
    ]);
  });

  test("an experiment that does not wait for its folder's Directory fails", () => {
    expect(messages(findingsAfter((s) => [withoutEdge(s.experiment, s.folder)]))).toEqual([
      "prod-mlops-experiment (MlflowExperiment) does not wait for prod-mlops-experiments-folder (Directory): MLflow does not create the parent folder /Shared/mlops (RESOURCE_DOES_NOT_EXIST)",
    ]);
  });

  test.each(["/Shared/prod-mlops-experiment", "/Users/someone@example.com/prod-mlops-experiment", "/Repos/someone@example.com/exp", "/top-level"])(
    "%s lives in a folder every workspace has",
    (name) => {
      expect(findingsAfter((s) => [withInputs(withoutEdge(s.experiment, s.folder), { name })])).toEqual([]);
    },
  );
});

describe("version-before-serving", () => {
  const serving = (entityName: string, versions: string[]) => ({
    config: { servedEntities: versions.map((v, i) => ({ entityName, entityVersion: v, name: `e${i}` })) },
  });

  test("an endpoint serving versions of a model the plan creates fails, naming endpoint, model and version", () => {
    const findings = findingsAfter((s) => [withInputs(s.endpoint, serving("PROD_MLOPS.ml_assets.MLOPS_MODEL", ["1", "2"]))]);
    const tail = ", which prod-mlops-model (RegisteredModel) creates in this same plan: a new model has no versions until a training run registers one, so the endpoint's creation fails (and the provider deletes it); declare the endpoint without config until a version exists";
    expect(findings.map((f) => [f.precondition, f.message])).toEqual([
      ["version-before-serving", `prod-mlops-endpoint (ModelServing) serves version 1 of PROD_MLOPS.ml_assets.MLOPS_MODEL${tail}`],
      ["version-before-serving", `prod-mlops-endpoint (ModelServing) serves version 2 of PROD_MLOPS.ml_assets.MLOPS_MODEL${tail}`],
    ]);
  });

  test("the legacy servedModels fail the same way", () => {
    const findings = findingsAfter((s) => [withInputs(s.endpoint, { config: { servedModels: [{ modelName: "prod_mlops.ml_assets.mlops_model", modelVersion: "3" }] } })]);
    expect(findings[0].message).toMatch(/^prod-mlops-endpoint \(ModelServing\) serves version 3 of prod_mlops\.ml_assets\.mlops_model, which prod-mlops-model/);
  });

  test("a model the plan does not create may be served; no config serves nothing", () => {
    expect(findingsAfter((s) => [withInputs(s.endpoint, serving("shared.models.other", ["4"]))])).toEqual([]);
    expect(findingsAfter((s) => [withInputs(s.endpoint, { config: undefined })])).toEqual([]);
  });
});

describe("workspace-settle-before-settings", () => {
  test("a workspace provider whose host comes straight from the workspace fails on every root resource, naming the Sleep", () => {
    const findings = findingsAfter((s) => [{ ...s.ws, dependencies: [s.workspace.urn], propertyDependencies: { host: [s.workspace.urn] } }]);
    const settle = findings.filter((f) => f.precondition === "workspace-settle-before-settings");
    const { s } = deployableStage();
    expect(settle.map((f) => f.urn)).toEqual([s.assignment.urn, s.folder.urn, s.storageCredential.urn, s.warehouse.urn]);
    expect(settle[0].message).toBe(
      "prod-mlops-assignment-data-scientists (PermissionAssignment) does not wait for prod-mlops-workspace-ready (Sleep): settings applied right after prod-mlops-workspace (MwsWorkspaces) is created can fail to find the workspace; take the workspace provider's host from a time Sleep that waits for it",
    );
  });

  test("a plan without any Sleep after the workspace says so", () => {
    const findings = findingsAfter((s): PlannedStep[] => [
      { ...s.ws, dependencies: [s.workspace.urn, s.metastoreAssignment.urn], propertyDependencies: { host: [s.workspace.urn, s.metastoreAssignment.urn] } },
      { ...s.workspaceReady, dependencies: [], propertyDependencies: {} },
    ]).filter((f) => f.precondition === "workspace-settle-before-settings");
    expect(findings[0]).toEqual({
      precondition: "workspace-settle-before-settings",
      urn: deployableStage().s.assignment.urn,
      message:
        "prod-mlops-assignment-data-scientists (PermissionAssignment) does not wait for a time Sleep after prod-mlops-workspace (MwsWorkspaces), and the plan has none: settings applied right after prod-mlops-workspace (MwsWorkspaces) is created can fail to find the workspace; take the workspace provider's host from a time Sleep that waits for it",
    });
  });
});

describe("catalog-storage", () => {
  test("a catalog whose storage root lies in a location it does not wait for fails", () => {
    expect(messages(findingsAfter((s) => [withoutEdge(s.catalog, s.location)]))).toEqual([
      "prod-mlops-catalog (Catalog) does not wait for prod-mlops-catalog-storage (ExternalLocation): its storage root s3://prod-mlops-catalog/catalog lies in that external location, which must exist before the catalog can use it",
    ]);
  });

  test("a storage root outside every location of the plan needs no edge (s3://prod-mlops-catalog-2 is not under s3://prod-mlops-catalog)", () => {
    expect(findingsAfter((s) => [withInputs(withoutEdge(s.catalog, s.location), { storageRoot: "s3://prod-mlops-catalog-2/catalog" })])).toEqual([]);
  });

  test("a location that does not wait for its credential fails", () => {
    expect(messages(findingsAfter((s) => [withoutEdge(s.location, s.storageCredential)]))).toEqual([
      "prod-mlops-catalog-storage (ExternalLocation) does not wait for prod-mlops-catalog-storage (StorageCredential): an external location is created with its storage credential, which must exist first",
    ]);
  });

  test("a location that does not wait for the policy of its credential's role fails, unless it skips validation", () => {
    expect(messages(findingsAfter((s) => [withoutEdge(s.location, s.ucPolicy)]))).toEqual([
      "prod-mlops-catalog-storage (ExternalLocation) does not wait for prod-mlops-catalog-storage (RolePolicy): Unity Catalog validates the location with prod-mlops-catalog-storage (StorageCredential), whose role prod-mlops-catalog-storage cannot reach the bucket until this policy is attached",
    ]);
    expect(findingsAfter((s) => [withInputs(withoutEdge(s.location, s.ucPolicy), { skipValidation: true })])).toEqual([]);
  });
});

describe("unique-urns", () => {
  test("a URN registered twice fails with the engine's own words", () => {
    const { s, steps } = deployableStage();
    const twice = checkDeployability([...steps, { ...s.catalog }]).findings;
    expect(twice).toEqual([
      {
        precondition: "unique-urns",
        urn: s.catalog.urn,
        message: `prod-mlops-catalog (Catalog) is registered 2 times: the engine stops with "Duplicate resource URN '${s.catalog.urn}'; try giving it a unique name"`,
      },
    ]);
  });
});

describe("securable-before-reference", () => {
  const tail = (input: string, name: string) =>
    `its ${input} names ${name}, which prod-mlops-catalog (Catalog) creates in this plan; pass that resource's output (or dependsOn) so the engine creates it first`;

  test("a schema that names the plan's catalog without waiting for it fails; the model behind it is counted", () => {
    expect(messages(findingsAfter((s) => [withoutEdge(s.schema, s.catalog)]))).toEqual([
      `prod-mlops-schema-ml-assets (Schema) does not wait for prod-mlops-catalog (Catalog): ${tail("catalogName", "prod_mlops")} (1 more resource behind it misses the same edge)`,
    ]);
  });

  test("names compare case-insensitively (grants on PROD_MLOPS)", () => {
    const grants = (s: Stage) => plannedStep("databricks:index/grants:Grants", "prod-mlops-catalog-grants", s.stage, { catalog: "PROD_MLOPS", grants: [] }, { provider: providerRef(s.ws) });
    expect(messages(findingsAfter((s) => [grants(s)]))).toEqual([`prod-mlops-catalog-grants (Grants) does not wait for prod-mlops-catalog (Catalog): ${tail("catalog", "prod_mlops")}`]);
    expect(findingsAfter((s) => [withEdge(grants(s), s.catalog)])).toEqual([]);
  });

  test("a monitor waits for the table and the output schema it names", () => {
    const table = (s: Stage) =>
      plannedStep("databricks:index/sqlTable:SqlTable", "prod-mlops-predictions-table", s.stage, { catalogName: "prod_mlops", schemaName: "ml_assets", name: "predictions" }, { provider: providerRef(s.ws), dependencies: [s.schema.urn] });
    const monitor = (s: Stage, ...after: PlannedStep[]) =>
      plannedStep("databricks:index/qualityMonitor:QualityMonitor", "prod-mlops-predictions-monitor", s.stage, { tableName: "prod_mlops.ml_assets.predictions", outputSchemaName: "prod_mlops.ml_assets" }, { provider: providerRef(s.ws), dependencies: after.map((a) => a.urn) });
    expect(messages(findingsAfter((s) => [table(s), monitor(s, s.schema)]))).toEqual([
      "prod-mlops-predictions-monitor (QualityMonitor) does not wait for prod-mlops-predictions-table (SqlTable): its tableName names prod_mlops.ml_assets.predictions, which prod-mlops-predictions-table (SqlTable) creates in this plan; pass that resource's output (or dependsOn) so the engine creates it first",
    ]);
    expect(findingsAfter((s) => [table(s), monitor(s, table(s))])).toEqual([]);
  });
});

describe("group-before-reference", () => {
  const group = (s: Stage) => plannedStep("databricks:index/group:Group", "prod-mlops-group-data-scientists", s.stage, { displayName: "ds" }, { provider: providerRef(s.account) });

  test("a workspace assignment of a group the plan creates fails unless it waits for the group", () => {
    expect(findingsAfter((s) => [group(s)])).toEqual([
      {
        precondition: "group-before-reference",
        urn: deployableStage().s.assignment.urn,
        waitFor: group(deployableStage().s).urn,
        message:
          "prod-mlops-assignment-data-scientists (PermissionAssignment) does not wait for prod-mlops-group-data-scientists (Group): it names the group ds, which this plan creates; the API resolves the name to an existing group",
      },
    ]);
    expect(findingsAfter((s) => [group(s), withEdge(s.assignment, group(s))])).toEqual([]);
  });

  test("a grant to a group the plan creates fails unless it waits for the group; other principals need nothing", () => {
    const grants = (s: Stage, principal: string) =>
      plannedStep("databricks:index/grants:Grants", "prod-mlops-catalog-grants", s.stage, { catalog: "prod_mlops", grants: [{ principal, privileges: ["USE_CATALOG"] }] }, { provider: providerRef(s.ws), dependencies: [s.catalog.urn] });
    expect(messages(findingsAfter((s) => [group(s), withEdge(s.assignment, group(s)), grants(s, "ds")]))).toEqual([
      "prod-mlops-catalog-grants (Grants) does not wait for prod-mlops-group-data-scientists (Group): it names the group ds, which this plan creates; the API resolves the name to an existing group",
    ]);
    expect(findingsAfter((s) => [group(s), withEdge(s.assignment, group(s)), grants(s, "someone-else")])).toEqual([]);
  });
});

describe("retain-protected-data", () => {
  const finding = (step: PlannedStep) => ({
    precondition: "retain-protected-data",
    urn: step.urn,
    message:
      `${step.name} (${step.type.split(":").pop()}) is protected but not retained on delete: once unprotected, replaced or destroyed, Pulumi would ` +
      "delete the cloud object and its data; set the resource option retainOnDelete: true",
  });

  test("protected data-holding resources that are retained pass; unprotected ones (dev, staging) are not judged", () => {
    expect(findingsAfter((s) => [{ ...s.catalog, protect: true, retainOnDelete: true }, { ...s.schema, protect: false, retainOnDelete: false }])).toEqual([]);
  });

  test("a protected catalog, schema or experiment folder without retainOnDelete is a finding, each on its own", () => {
    const findings = findingsAfter((s) => [{ ...s.catalog, protect: true }, { ...s.schema, protect: true }, { ...s.folder, protect: true }]);
    const { s } = deployableStage();
    expect(findings).toEqual([finding(s.folder), finding(s.catalog), finding(s.schema)]);
  });

  test("a protected resource that holds no data (a warehouse) is not judged", () => {
    expect(findingsAfter((s) => [{ ...s.warehouse, protect: true }])).toEqual([]);
  });
});
