/**
 * Reading `databricks.ModelServing` inputs as plain data: its name, AI gateway and served entities.
 */
import { listOf, objectOf, stringOf } from "./jobs";

/** `Endpoint 'prod-churn'`, by its endpoint name or else its resource name. */
export function describeEndpoint(resourceName: string, props: Record<string, unknown>): string {
  return `Endpoint '${stringOf(props.name) ?? resourceName}'`;
}

/** The AI gateway's inference table config, when enabled: where its tables go. */
export function inferenceTableOf(props: Record<string, unknown>): { enabled: boolean; catalogName?: string; schemaName?: string; tableNamePrefix?: string } {
  const table = objectOf(objectOf(props.aiGateway).inferenceTableConfig);
  return {
    enabled: table.enabled === true,
    catalogName: stringOf(table.catalogName),
    schemaName: stringOf(table.schemaName),
    tableNamePrefix: stringOf(table.tableNamePrefix),
  };
}

/** Every served entity and (deprecated) served model of the endpoint's config. */
export function servedOf(props: Record<string, unknown>): Record<string, unknown>[] {
  const config = objectOf(props.config);
  return [...listOf(config.servedEntities), ...listOf(config.servedModels)].map(objectOf);
}
