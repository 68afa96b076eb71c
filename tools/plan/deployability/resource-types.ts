/**
 * Type tokens the preconditions name, and at which API level each Databricks type works. Facts from the
 * Databricks Terraform provider, which `@pulumi/databricks` bridges.
 */

/** Type tokens of the resources the preconditions name. */
export const T = {
  mwsWorkspaces: "databricks:index/mwsWorkspaces:MwsWorkspaces",
  mwsCredentials: "databricks:index/mwsCredentials:MwsCredentials",
  metastoreAssignment: "databricks:index/metastoreAssignment:MetastoreAssignment",
  catalog: "databricks:index/catalog:Catalog",
  externalLocation: "databricks:index/externalLocation:ExternalLocation",
  storageCredential: "databricks:index/storageCredential:StorageCredential",
  registeredModel: "databricks:index/registeredModel:RegisteredModel",
  modelServing: "databricks:index/modelServing:ModelServing",
  mlflowExperiment: "databricks:index/mlflowExperiment:MlflowExperiment",
  directory: "databricks:index/directory:Directory",
  iamRole: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  sleep: "time:index/sleep:Sleep",
} as const;

/** The type token of a `@pulumi/databricks` resource class: `Catalog` -> `databricks:index/catalog:Catalog`. */
export function databricksType(name: string): string {
  return `databricks:index/${name[0].toLowerCase()}${name.slice(1)}:${name}`;
}
const db = databricksType;

/**
 * Types that work at account level and at workspace level, routed by the provider's host: the resources
 * with `IsDual: true` or `AccountOrWorkspaceRequest` (catalog/resource_metastore*.go,
 * catalog/resource_storage_credential.go, permissions/resource_access_control_rule_set.go) and the SCIM
 * identities (scim/resource_group.go, resource_service_principal.go, resource_user.go through
 * `DatabricksClient.Scim`, tokens/resource_service_principal_secret.go).
 */
export const DUAL_LEVEL_TYPES: ReadonlySet<string> = new Set(
  ["Metastore", "MetastoreAssignment", "MetastoreDataAccess", "StorageCredential", "AccessControlRuleSet", "Group", "ServicePrincipal", "User", "ServicePrincipalSecret"].map(db),
);

/** The API level a Databricks type needs: Mws* are account-only (mws/resource_mws_*.go call `AccountClient`). */
export function databricksLevel(type: string): "account" | "workspace" | "dual" {
  if (type.startsWith("databricks:index/mws")) return "account";
  return DUAL_LEVEL_TYPES.has(type) ? "dual" : "workspace";
}

/**
 * Unity Catalog types: every one needs the workspace's metastore (docs/index.md "Special configuration
 * for Unity Catalog": these are workspace-level APIs of the metastore assigned to the workspace).
 */
export const UNITY_CATALOG_TYPES: ReadonlySet<string> = new Set(
  [
    "Catalog", "Schema", "Grants", "Grant", "RegisteredModel", "SqlTable", "Volume", "QualityMonitor", "LakehouseMonitor",
    "WorkspaceBinding", "CatalogWorkspaceBinding", "StorageCredential", "ExternalLocation", "Credential", "Connection",
    "DefaultNamespaceSetting", "OnlineTable", "Share", "Recipient", "ArtifactAllowlist", "SystemSchema",
  ].map(db),
);

/** Workspace identity types that need identity federation, which assigning a metastore switches on. */
export const IDENTITY_FEDERATION_TYPES: ReadonlySet<string> = new Set(["PermissionAssignment", "Entitlements"].map(db));

/** Packages whose every resource must name an explicit provider of its stage. */
export const EXPLICIT_PROVIDER_PACKAGES: readonly string[] = ["databricks", "aws", "time"];

/** The package of a type token (`databricks:index/catalog:Catalog` -> `databricks`). */
export function packageOf(type: string): string {
  return type.slice(0, type.indexOf(":"));
}
