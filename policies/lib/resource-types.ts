/**
 * Type tokens of the resources the rules look at. The pack matches by token string instead of importing
 * `@pulumi/databricks`, so it stays self-contained and loads fast.
 */
export const CATALOG = "databricks:index/catalog:Catalog";
export const SCHEMA = "databricks:index/schema:Schema";
export const VOLUME = "databricks:index/volume:Volume";
export const REGISTERED_MODEL = "databricks:index/registeredModel:RegisteredModel";
export const SQL_TABLE = "databricks:index/sqlTable:SqlTable";
export const GRANTS = "databricks:index/grants:Grants";
export const GRANT = "databricks:index/grant:Grant";
export const WORKSPACE_BINDING = "databricks:index/workspaceBinding:WorkspaceBinding";
/** Deprecated predecessor of WorkspaceBinding with the same fields; still bound by the same rules. */
export const CATALOG_WORKSPACE_BINDING = "databricks:index/catalogWorkspaceBinding:CatalogWorkspaceBinding";

/** The class name at the end of a type token: `databricks:index/catalog:Catalog` -> `Catalog`. */
export function typeDisplayName(typeToken: string): string {
  const parts = typeToken.split(":");
  return parts[parts.length - 1] || typeToken;
}
export const JOB = "databricks:index/job:Job";
/** An all-purpose (interactive) cluster. */
export const CLUSTER = "databricks:index/cluster:Cluster";
/** A model serving endpoint. */
export const MODEL_SERVING = "databricks:index/modelServing:ModelServing";
/** A Lakehouse monitor on a table. */
export const QUALITY_MONITOR = "databricks:index/qualityMonitor:QualityMonitor";
/** A self-scheduled SQL alert. */
export const ALERT_V2 = "databricks:index/alertV2:AlertV2";
