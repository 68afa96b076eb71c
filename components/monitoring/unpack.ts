/**
 * The job that turns the endpoint's raw request/response log into monitorable rows: it reads new
 * rows of the AI gateway's `<prefix>_payload` table, parses each request and response, and appends
 * one row per prediction, with the monitored columns, to `<prefix>_predictions`.
 */
import type * as databricks from "@pulumi/databricks";
import { type JobContext, job } from "../pipelines/jobs";
import type { TaskSpec } from "../pipelines/tasks";
import type { MonitoringConfig } from "./monitoring-config";

/** Daily at 06:30 UTC: after the night's traffic, before the 07:00 monitor refresh. */
export const UNPACK_SCHEDULE = { quartzCronExpression: "0 30 6 * * ?", timezoneId: "UTC" } as const;

/** The one task: its parameters name both tables and the columns to write. */
export function unpackTask(context: JobContext, payloadTable: string, outputTable: string, monitoring: MonitoringConfig): TaskSpec {
  return {
    taskKey: "unpack_inference",
    description: "Append the endpoint's new requests and responses to the unpacked inference table, one row per prediction.",
    dependsOn: [],
    notebook: {
      path: context.tasks.notebooks.unpackInference,
      parameters: {
        env: context.stage,
        payload_table: payloadTable,
        output_table: outputTable,
        timestamp_column: monitoring.timestampColumn,
        model_version_column: monitoring.modelIdColumn,
        prediction_column: monitoring.predictionColumn,
      },
    },
  };
}

/** The unpack job, with the project's Git source, identity, notifications and limits; paused when training is. */
export function unpackJob(context: JobContext, payloadTable: string, outputTable: string, monitoring: MonitoringConfig): databricks.JobArgs {
  return job(context, "inference-unpack", `Unpacks ${payloadTable} into ${outputTable} for the endpoint's monitor.`, [unpackTask(context, payloadTable, outputTable, monitoring)], {
    schedule: { ...UNPACK_SCHEDULE, pauseStatus: context.project.schedules.batchInference.paused ? "PAUSED" : "UNPAUSED" },
  });
}
