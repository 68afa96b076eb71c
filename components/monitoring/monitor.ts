/**
 * A Lakehouse monitor (`QualityMonitor`) with an inference-log profile, as plain args: problem type,
 * prediction, label, model id and timestamp columns, granularities, slices, baseline, custom metrics,
 * output to the stage's `monitoring` schema, a refresh schedule and failure notifications.
 */
import type * as databricks from "@pulumi/databricks";
import type { CustomMetricConfig, MonitoringConfig, ProblemType } from "./monitoring-config";

/** The API's names of the problem types. */
export const PROBLEM_TYPE_API: Readonly<Record<ProblemType, string>> = {
  classification: "PROBLEM_TYPE_CLASSIFICATION",
  regression: "PROBLEM_TYPE_REGRESSION",
};

/** At most this many addresses receive a monitor's failure notification (API limit). */
export const MAX_FAILURE_EMAILS = 5;

/** The two metric tables a monitor writes into its output schema, named after the monitored table. */
export function metricsTableNames(outputSchemaFullName: string, tableFullName: string): { profile: string; drift: string } {
  const table = tableFullName.split(".").pop() as string;
  return { profile: `${outputSchemaFullName}.${table}_profile_metrics`, drift: `${outputSchemaFullName}.${table}_drift_metrics` };
}

/** A custom metric as the API takes it: its output type as a Spark struct field in JSON. */
export function customMetric(metric: CustomMetricConfig): databricks.types.input.QualityMonitorCustomMetric {
  return {
    name: metric.name,
    type: `CUSTOM_METRIC_TYPE_${metric.type.toUpperCase()}`,
    definition: metric.definition,
    inputColumns: [...metric.inputColumns],
    outputDataType: JSON.stringify({ name: "output", type: metric.outputType, nullable: true, metadata: {} }),
  };
}

/** Where a monitor writes and whom it tells. */
export interface MonitorPlacement {
  /** `<catalog>` of the stage: the baseline table is looked up there. */
  catalogName: string;
  /** `<catalog>.monitoring`. */
  outputSchemaFullName: string;
  /** Workspace folder of the monitor's dashboard and assets. */
  assetsDir: string;
  /** Addresses told when a refresh fails. */
  failureEmails: readonly string[];
}

/** The monitor of one table; `tableName` may be the table resource's output so the monitor waits for it. */
export function monitorArgs<T>(tableName: T, monitoring: MonitoringConfig, placement: MonitorPlacement) {
  const emails = placement.failureEmails.slice(0, MAX_FAILURE_EMAILS);
  return {
    tableName,
    assetsDir: placement.assetsDir,
    outputSchemaName: placement.outputSchemaFullName,
    inferenceLog: {
      problemType: PROBLEM_TYPE_API[monitoring.problemType],
      timestampCol: monitoring.timestampColumn,
      modelIdCol: monitoring.modelIdColumn,
      predictionCol: monitoring.predictionColumn,
      ...(monitoring.labelColumn === undefined ? {} : { labelCol: monitoring.labelColumn }),
      granularities: [...monitoring.granularities],
    },
    ...(monitoring.slicingExprs.length > 0 ? { slicingExprs: [...monitoring.slicingExprs] } : {}),
    ...(monitoring.baselineTable === undefined ? {} : { baselineTableName: `${placement.catalogName}.${monitoring.baselineTable}` }),
    ...(monitoring.customMetrics.length > 0 ? { customMetrics: monitoring.customMetrics.map(customMetric) } : {}),
    schedule: { quartzCronExpression: monitoring.schedule.cron, timezoneId: monitoring.schedule.timezone },
    ...(emails.length > 0 ? { notifications: { onFailure: { emailAddresses: emails } } } : {}),
    skipBuiltinDashboard: !monitoring.dashboard,
  };
}
