/**
 * The retraining trigger of a monitored project. It runs on a schedule, after the monitor refresh and
 * the alerts, rather than on updates of the drift metrics table: the Jobs API refuses a table-update
 * trigger on a table that does not exist yet, and a new monitor writes its tables only 8-20 minutes
 * after it was created, so such a job could never be created in the same `pulumi up`.
 */
import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { type JobContext, job } from "../pipelines/jobs";
import { retrainingTriggerTasks } from "../pipelines/tasks";

/** Daily at 08:30 UTC: after the 07:00 monitor refresh and the 08:00 alerts. */
export const RETRAINING_CHECK_SCHEDULE = { cron: "0 30 8 * * ?", timezone: "UTC" } as const;

/** Checks the drift of the latest window and runs the training job when it exceeds the threshold; paused when training is. */
export function monitoredRetrainingJob(context: JobContext, driftTable: string, trainingJobId: pulumi.Input<number>): databricks.JobArgs {
  const { project } = context;
  const threshold = project.retraining.driftThreshold;
  return job(
    context,
    "retraining-trigger",
    `Retraining trigger of ${project.name}: runs the training job when ${driftTable} shows drift above ${threshold}.`,
    retrainingTriggerTasks(context.tasks, driftTable, threshold, trainingJobId),
    {
      schedule: {
        quartzCronExpression: RETRAINING_CHECK_SCHEDULE.cron,
        timezoneId: RETRAINING_CHECK_SCHEDULE.timezone,
        pauseStatus: project.schedules.training.paused ? "PAUSED" : "UNPAUSED",
      },
    },
  );
}

/** How retraining starts, in words, for the project's stack output. */
export function monitoredRetrainingSummary(context: JobContext, driftTable: string): string {
  const { cron, timezone, paused } = context.project.schedules.training;
  const check = RETRAINING_CHECK_SCHEDULE;
  return (
    `schedule "${cron}" (${timezone})${paused ? ", paused" : ""}; ` +
    `drift check "${check.cron}" (${check.timezone})${paused ? ", paused" : ""} of ${driftTable}, retrains when drift > ${context.project.retraining.driftThreshold}`
  );
}
