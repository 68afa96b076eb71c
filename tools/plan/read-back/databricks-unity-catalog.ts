/**
 * Read-back models of the Unity Catalog resources, from the Databricks Terraform provider's source (the
 * provider `@pulumi/databricks` bridges). Each entry names the file and the function it was read in.
 */
import type { TypeModel } from "./model";
import { computed, forceNew, normalised } from "./fields";
import { asSet, columnType, grantForm, lowerCase, normalisePrivilege, withoutTrailingSlash } from "./normalise";

const CATALOG = "catalog/resource_catalog.go ResourceCatalog";
const SCHEMA = "catalog/resource_schema.go ResourceSchema (SchemaInfo tags)";
const MODEL = "catalog/resource_registered_model.go ResourceRegisteredModel";
const TABLE = "catalog/resource_sql_table.go SqlTableInfo.CustomizeSchema and ResourceSqlTable.Read";
const GRANTS = "catalog/resource_grants.go ResourceGrants (set hashes) and catalog/permissions/permissions.go NormalizePrivilege";
const BINDING = "catalog/resource_workspace_binding.go ResourceWorkspaceBinding";
const MONITOR = "catalog/resource_quality_monitor.go ResourceQualityMonitor";
const CREDENTIAL = "catalog/resource_storage_credential.go StorageCredentialInfo tags and ResourceStorageCredential";
const LOCATION = "catalog/resource_external_location.go ResourceExternalLocation";
const ASSIGNMENT = "catalog/resource_metastore_assignment.go ResourceMetastoreAssignment";

const caseInsensitive = (path: string, source: string, force = false) =>
  normalised(path, { compareAs: lowerCase, forceNew: force }, "compared case-insensitively (EqualFoldDiffSuppress)", source);

export const UNITY_CATALOG_MODELS: TypeModel[] = [
  {
    type: "databricks:index/catalog:Catalog",
    source: CATALOG,
    fields: [
      ...["owner", "isolationMode", "metastoreId", "enablePredictiveOptimization"].map((f) =>
        computed(f, "Optional+Computed: the server fills it when absent", CATALOG),
      ),
      computed("forceDestroy", "schema default false", CATALOG),
      caseInsensitive("name", CATALOG),
      normalised("storageRoot", { compareAs: withoutTrailingSlash, forceNew: true }, "a trailing slash does not diff (ucDirectoryPathSlashOnlySuppressDiff); a change replaces", CATALOG),
      ...["connectionName", "providerName", "shareName"].map((f) => forceNew(f, CATALOG)),
    ],
  },
  {
    type: "databricks:index/schema:Schema",
    source: SCHEMA,
    fields: [
      ...["owner", "enablePredictiveOptimization", "metastoreId"].map((f) => computed(f, "tf:\"computed\": the server fills it when absent", SCHEMA)),
      computed("forceDestroy", "schema default false", SCHEMA),
      caseInsensitive("name", SCHEMA, true),
      caseInsensitive("catalogName", SCHEMA, true),
      normalised("storageRoot", { compareAs: withoutTrailingSlash, forceNew: true }, "a trailing slash does not diff; a change replaces", SCHEMA),
    ],
  },
  {
    type: "databricks:index/registeredModel:RegisteredModel",
    source: MODEL,
    fields: [
      computed("owner", "Optional+Computed: the creator when absent", MODEL),
      caseInsensitive("name", MODEL, true),
      caseInsensitive("catalogName", MODEL, true),
      caseInsensitive("schemaName", MODEL, true),
      { ...computed("storageLocation", "Optional+Computed, a change replaces", MODEL), forceNew: true },
    ],
  },
  {
    type: "databricks:index/sqlTable:SqlTable",
    source: TABLE,
    fields: [
      caseInsensitive("name", TABLE),
      caseInsensitive("catalogName", TABLE, true),
      caseInsensitive("schemaName", TABLE, true),
      forceNew("tableType", TABLE),
      normalised("dataSourceFormat", { compareAs: lowerCase, forceNew: true, computed: true }, "compared case-insensitively, absent input does not diff; a change replaces", TABLE),
      normalised(
        "columns[].type",
        { readBack: lowerCase, compareAs: columnType, computed: true },
        "the server returns type_text in lower case; compared without backticks, lower case, aliases resolved (getColumnType)",
        TABLE,
      ),
      computed("columns[].nullable", "schema default true", TABLE),
      computed("columns[].typeJson", "tf:\"computed\"", TABLE),
      ...["owner", "clusterId", "effectiveProperties"].map((f) => computed(f, "tf:\"computed\"", TABLE)),
      normalised("storageLocation", { compareAs: withoutTrailingSlash, computed: true }, "trailing slash and absent input do not diff (ucDirectoryPathSlashAndEmptySuppressDiff)", TABLE),
      ...["storageCredentialName", "options"].map((f) => forceNew(f, TABLE)),
      { ...computed("partitions", "tf:\"force_new,computed\"", TABLE), forceNew: true },
    ],
  },
  {
    type: "databricks:index/grants:Grants",
    source: GRANTS,
    fields: [
      normalised(
        "grants",
        { compareAs: asSet(grantForm) },
        "a set hashed by lower-case principal and normalised privileges: order, privilege case and principal case do not diff",
        GRANTS,
      ),
      normalised("grants[].privileges", { readBack: normalisePrivilege }, "the server returns privileges upper case with underscores", GRANTS),
      ...["catalog", "schema", "table", "volume", "model", "function", "externalLocation", "storageCredential", "metastore"].map((f) => forceNew(f, GRANTS)),
    ],
  },
  {
    type: "databricks:index/workspaceBinding:WorkspaceBinding",
    source: BINDING,
    fields: [
      computed("securableName", "Optional+Computed", BINDING),
      computed("securableType", "schema default \"catalog\"", BINDING),
      computed("bindingType", "schema default BINDING_TYPE_READ_WRITE", BINDING),
      // No Update API: NamespaceCustomizeSchemaMapImmutable makes the binding replace on change.
      forceNew("workspaceId", BINDING),
    ],
  },
  {
    type: "databricks:index/metastoreAssignment:MetastoreAssignment",
    source: ASSIGNMENT,
    fields: [computed("defaultCatalogName", "Computed", ASSIGNMENT), forceNew("workspaceId", ASSIGNMENT), forceNew("metastoreId", ASSIGNMENT)],
  },
  {
    type: "databricks:index/qualityMonitor:QualityMonitor",
    source: MONITOR,
    fields: [
      ...["monitorVersion", "driftMetricsTableName", "profileMetricsTableName", "status", "dashboardId", "schedule.pauseStatus"].map((f) =>
        computed(f, "read-only: the server sets it", MONITOR),
      ),
    ],
  },
  {
    type: "databricks:index/storageCredential:StorageCredential",
    source: CREDENTIAL,
    fields: [
      forceNew("name", CREDENTIAL),
      ...["owner", "metastoreId", "isolationMode", "databricksGcpServiceAccount", "awsIamRole.externalId", "awsIamRole.unityCatalogIamArn"].map((f) =>
        computed(f, "tf:\"computed\": the server fills it", CREDENTIAL),
      ),
    ],
  },
  {
    type: "databricks:index/externalLocation:ExternalLocation",
    source: LOCATION,
    fields: [
      normalised("name", { compareAs: lowerCase, forceNew: true }, "compared case-insensitively; a change replaces", LOCATION),
      normalised("url", { compareAs: withoutTrailingSlash }, "a trailing slash does not diff (ucDirectoryPathSlashOnlySuppressDiff)", LOCATION),
      ...["isolationMode", "owner", "metastoreId"].map((f) => computed(f, "Optional+Computed", LOCATION)),
      computed("skipValidation", "diff suppressed after create", LOCATION),
    ],
  },
];
