/**
 * Which input changes force a replacement, decided offline without a provider.
 *
 * A real preview asks the provider (`Diff`), which answers from its schema: the Databricks provider
 * bridges the Terraform provider, whose fields marked `ForceNew` (or a resource without an update
 * API) cannot change in place. This table lists those fields, by Pulumi input name, for the resource
 * types this program declares, as the Terraform provider's source states them (databricks/
 * terraform-provider-databricks, snapshot of 2026-08). It is an approximation: a provider's custom
 * diff can force or suppress a replacement for reasons a table cannot hold (case-only renames,
 * normalised paths), and a type not listed is assumed to update in place. docs/ci.md says so.
 */
import { schemaPath } from "./property-diff";

/** The securable fields of `Grants`/`Grant`: each names the object, so changing it means a new grant set. */
const GRANT_SECURABLES = [
  "catalog", "credential", "foreignConnection", "externalLocation", "function", "mcpService", "metastore", "model",
  "modelProviderService", "modelService", "pipeline", "recipient", "schema", "share", "storageCredential", "table", "volume",
];

/** The object fields of `Permissions`: each names the workspace object whose ACL it manages. */
const PERMISSION_OBJECTS = [
  "appName", "authorization", "clusterId", "clusterPolicyId", "dashboardId", "databaseInstanceName", "databaseProjectName",
  "directoryId", "directoryPath", "experimentId", "instancePoolId", "jobId", "knowledgeAssistantId", "notebookId",
  "notebookPath", "pipelineId", "registeredModelId", "repoId", "repoPath", "servingEndpointId", "sqlAlertId",
  "sqlDashboardId", "sqlEndpointId", "sqlQueryId", "supervisorAgentId", "vectorSearchEndpointId", "workspaceFileId",
  "workspaceFilePath",
];

/**
 * Create-only input paths per type token (dotted, without array indices). A change at such a path, or
 * below it, replaces the resource. Types without an entry change in place.
 */
export const CREATE_ONLY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "databricks:index/catalog:Catalog": ["storageRoot", "connectionName", "providerName", "shareName"],
  "databricks:index/schema:Schema": ["name", "catalogName", "storageRoot"],
  "databricks:index/registeredModel:RegisteredModel": ["name", "catalogName", "schemaName", "storageLocation"],
  // catalog/resource_storage_credential.go (`name` tf:"force_new"), catalog/resource_external_location.go (SetForceNew).
  "databricks:index/storageCredential:StorageCredential": ["name"],
  "databricks:index/externalLocation:ExternalLocation": ["name"],
  // No update API: every input is create-only.
  "databricks:index/workspaceBinding:WorkspaceBinding": ["workspaceId", "securableName", "securableType", "bindingType", "catalogName"],
  "databricks:index/grants:Grants": GRANT_SECURABLES,
  "databricks:index/grant:Grant": [...GRANT_SECURABLES, "principal"],
  "databricks:index/permissions:Permissions": PERMISSION_OBJECTS,
  "databricks:index/mlflowExperiment:MlflowExperiment": ["artifactLocation", "traceLocation"],
  "databricks:index/modelServing:ModelServing": [
    "name",
    "routeOptimized",
    "config.autoCaptureConfig.catalogName",
    "config.autoCaptureConfig.schemaName",
    "config.autoCaptureConfig.tableNamePrefix",
  ],
  "databricks:index/sqlTable:SqlTable": [
    "catalogName", "schemaName", "tableType", "dataSourceFormat", "partitions", "storageCredentialName", "options",
  ],
  "databricks:index/notificationDestination:NotificationDestination": [
    "config.slack", "config.pagerduty", "config.microsoftTeams", "config.genericWebhook", "config.email",
  ],
  "databricks:index/alert:Alert": ["parentPath"],
  "databricks:index/query:Query": ["parentPath"],
};

/**
 * The create-only paths among a resource's changed input paths (Pulumi property paths). A path matches
 * an entry equal to it or above it (`config.slack.url` matches `config.slack`; array indices are
 * ignored), and an entry below it (`config` changed as a whole covers `config.slack`).
 */
export function replacementReasons(type: string, changedPaths: readonly string[]): string[] {
  const createOnly = CREATE_ONLY_INPUTS[type] ?? [];
  const under = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + ".");
  return changedPaths.filter((p) => {
    const s = schemaPath(p);
    return createOnly.some((c) => under(s, c) || under(c, s));
  });
}
