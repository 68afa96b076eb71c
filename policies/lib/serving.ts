/**
 * Reading `databricks.ModelServing` inputs as plain data: its name and AI gateway.
 */
import { objectOf, stringOf } from "./jobs";

/**
 * The parameter through which a deployment task receives the served entities it applies to an endpoint
 * (`update_config` field names). The program states the same name in components/serving/endpoint.ts.
 */
export const SERVING_DEPLOYMENT_PARAMETER = "serving_config";

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
