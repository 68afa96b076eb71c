/**
 * The Databricks jobs of an ML project, as `JobArgs` built by pure functions: code from Git on
 * the stage's ref, run as the stage's service principal, failure notifications, run-duration
 * health rules, timeouts, one run at a time, tags and sorted tasks.
 */
import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { isAutomatedStage, type Stage } from "../stages";
import { type JobPurpose, PROJECT_SCHEMAS, experimentPath, jobName, ucFullName } from "./names";
import type { ComputeConfig, MlProjectConfig, ScheduleConfig } from "./project-config";
import { byTaskKey } from "./task-graph";
import { onlineTableName } from "../online-store/store";
import { servingDeployment } from "../serving/endpoint";
import {
  TASK_KEYS,
  type TaskContext,
  type TaskSpec,
  batchInferenceTask,
  computeFeaturesTask,
  retrainingTriggerTasks,
  trainingWorkflowTasks,
} from "./tasks";

/** Timeout and run-duration warning of each kind of job, in seconds. */
export const JOB_LIMITS: Readonly<Record<JobPurpose, { timeoutSeconds: number; warnAfterSeconds: number }>> = {
  features: { timeoutSeconds: 2 * 3600, warnAfterSeconds: 3600 },
  training: { timeoutSeconds: 4 * 3600, warnAfterSeconds: 2 * 3600 },
  "batch-inference": { timeoutSeconds: 2 * 3600, warnAfterSeconds: 3600 },
  "retraining-trigger": { timeoutSeconds: 3600, warnAfterSeconds: 1800 },
  "integration-test": { timeoutSeconds: 2 * 3600, warnAfterSeconds: 3600 },
  "inference-unpack": { timeoutSeconds: 3600, warnAfterSeconds: 1800 },
};

/** The key of the one job cluster, when the project runs on job clusters. */
export const JOB_CLUSTER_KEY = "main";

/** Least time between two runs started by the retraining trigger: a monitor refresh writes several times. */
export const MIN_SECONDS_BETWEEN_RETRAINING_TRIGGERS = 3600;

/** What every job of a project on one stage shares. */
export interface JobContext {
  stage: Stage;
  project: MlProjectConfig;
  /** The stage's deployment service principal (application id); jobs run as it when set. */
  servicePrincipal?: string;
  tasks: TaskContext;
}

/** The job context of a project on a stage whose catalog is `catalogName`. */
export function projectJobContext(stage: Stage, project: MlProjectConfig, catalogName: string, servicePrincipal?: string): JobContext {
  return {
    stage,
    project,
    servicePrincipal,
    tasks: {
      stage,
      notebooks: project.notebooks,
      experiment: experimentPath(stage, project.name),
      modelFullName: ucFullName(catalogName, PROJECT_SCHEMAS.models, project.model.name),
      featureTable: ucFullName(catalogName, PROJECT_SCHEMAS.features, project.featureTable),
      predictionTable: ucFullName(catalogName, PROJECT_SCHEMAS.inference, project.predictionTable),
      ...(project.onlineStore === undefined ? {} : { onlineTable: onlineTableName(stage, project.name) }),
      ...(project.serving === undefined
        ? {}
        : { servingDeployment: JSON.stringify(servingDeployment(project.serving, ucFullName(catalogName, PROJECT_SCHEMAS.models, project.model.name))) }),
    },
  };
}

/** The monitor's metrics table the retraining trigger watches, or undefined when none is configured. */
export function metricsTableFullName(project: MlProjectConfig, catalogName: string): string | undefined {
  const table = project.retraining.metricsTable;
  return table === undefined ? undefined : ucFullName(catalogName, PROJECT_SCHEMAS.monitoring, table);
}

/** `git_source` of every job: the project's repository on the stage's ref. */
export function gitSource(project: MlProjectConfig): databricks.types.input.JobGitSource {
  return { url: project.repository.url, provider: project.repository.provider, ...project.repository.ref };
}

/** A cron schedule as the Jobs API takes it. */
export function jobSchedule(schedule: ScheduleConfig): databricks.types.input.JobSchedule {
  return { quartzCronExpression: schedule.cron, timezoneId: schedule.timezone, pauseStatus: schedule.paused ? "PAUSED" : "UNPAUSED" };
}

/** Failure (and run-duration) notifications to the project's e-mails and notification destinations. */
function notifications(project: MlProjectConfig): Pick<databricks.JobArgs, "emailNotifications" | "webhookNotifications" | "notificationSettings"> {
  const { emails, destinationIds } = project.notifications;
  const destinations = destinationIds.map((id) => ({ id }));
  return {
    ...(emails.length > 0 ? { emailNotifications: { onFailures: [...emails], onDurationWarningThresholdExceededs: [...emails] } } : {}),
    ...(destinations.length > 0
      ? { webhookNotifications: { onFailures: destinations, onDurationWarningThresholdExceededs: destinations.map((d) => ({ ...d })) } }
      : {}),
    notificationSettings: { noAlertForSkippedRuns: true, noAlertForCanceledRuns: true },
  };
}

/** A task as the API takes it: dependencies sorted, compute attached to notebook tasks. */
function jobTask(task: TaskSpec, compute: ComputeConfig): databricks.types.input.JobTask {
  const base: databricks.types.input.JobTask = {
    taskKey: task.taskKey,
    description: task.description,
    ...(task.dependsOn.length > 0 ? { dependsOns: byTaskKey(task.dependsOn).map((d) => ({ ...d })), runIf: "ALL_SUCCESS" } : {}),
  };
  if (task.condition) return { ...base, conditionTask: { ...task.condition } };
  if (task.runJob) return { ...base, runJobTask: { jobId: task.runJob.jobId } };
  const notebook = task.notebook as NonNullable<TaskSpec["notebook"]>;
  const computeFields =
    compute.kind === "jobCluster" ? { jobClusterKey: JOB_CLUSTER_KEY } : compute.kind === "existingCluster" ? { existingClusterId: compute.clusterId } : {};
  return { ...base, notebookTask: { notebookPath: notebook.path, source: "GIT", baseParameters: { ...notebook.parameters } }, ...computeFields };
}

/** The job cluster of a project on job clusters, under its cluster policy. */
function jobClusters(compute: ComputeConfig, tasks: readonly TaskSpec[]): databricks.JobArgs["jobClusters"] {
  if (compute.kind !== "jobCluster" || !tasks.some((task) => task.notebook)) return undefined;
  return [
    {
      jobClusterKey: JOB_CLUSTER_KEY,
      newCluster: {
        policyId: compute.policyId,
        applyPolicyDefaultValues: true,
        sparkVersion: compute.sparkVersion,
        nodeTypeId: compute.nodeTypeId,
        numWorkers: compute.numWorkers,
        dataSecurityMode: "SINGLE_USER",
      },
    },
  ];
}

/** The args of one job of the project; `when` is its schedule or trigger. */
export function job(
  context: JobContext,
  purpose: JobPurpose,
  description: string,
  tasks: TaskSpec[],
  when: Pick<databricks.JobArgs, "schedule" | "trigger">,
): databricks.JobArgs {
  const { stage, project } = context;
  const limits = JOB_LIMITS[purpose];
  const clusters = jobClusters(project.compute, tasks);
  return {
    name: jobName(stage, project.name, purpose),
    description,
    tags: { stage, project: project.name, owner: project.owner, purpose },
    gitSource: gitSource(project),
    ...(context.servicePrincipal ? { runAs: { servicePrincipalName: context.servicePrincipal } } : {}),
    tasks: byTaskKey(tasks).map((task) => jobTask(task, project.compute)),
    ...(clusters ? { jobClusters: clusters } : {}),
    ...when,
    ...notifications(project),
    health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: limits.warnAfterSeconds }] },
    timeoutSeconds: limits.timeoutSeconds,
    maxConcurrentRuns: 1,
    queue: { enabled: true },
    editMode: isAutomatedStage(stage) ? "UI_LOCKED" : "EDITABLE",
  };
}

/** Refreshes the feature table on its schedule. */
export function featuresJob(context: JobContext): databricks.JobArgs {
  return job(context, "features", `Feature engineering of ${context.project.name}: refreshes ${context.tasks.featureTable}.`, [computeFeaturesTask(context.tasks)], {
    schedule: jobSchedule(context.project.schedules.features),
  });
}

/** Train -> Validate -> Deploy, on the retraining schedule. */
export function trainingJob(context: JobContext): databricks.JobArgs {
  return job(
    context,
    "training",
    `Training workflow of ${context.project.name}: train, validate, deploy (${context.tasks.modelFullName}).`,
    trainingWorkflowTasks(context.tasks, context.project.extraTasks),
    { schedule: jobSchedule(context.project.schedules.training) },
  );
}

/** Scores the latest features with the Champion model on its schedule. */
export function batchInferenceJob(context: JobContext): databricks.JobArgs {
  return job(context, "batch-inference", `Batch inference of ${context.project.name}: writes ${context.tasks.predictionTable}.`, [batchInferenceTask(context.tasks)], {
    schedule: jobSchedule(context.project.schedules.batchInference),
  });
}

/**
 * Runs the training job when the monitor's metrics table is updated and the drift score exceeds
 * the threshold; paused exactly when the training schedule is. Undefined without a metrics table.
 */
export function retrainingTriggerJob(context: JobContext, metricsTableFullName: string | undefined, trainingJobId: pulumi.Input<number>): databricks.JobArgs | undefined {
  if (metricsTableFullName === undefined) return undefined;
  const { project } = context;
  const tasks = retrainingTriggerTasks(context.tasks, metricsTableFullName, project.retraining.driftThreshold, trainingJobId);
  return job(
    context,
    "retraining-trigger",
    `Retraining trigger of ${project.name}: runs the training job when ${metricsTableFullName} shows drift above ${project.retraining.driftThreshold}.`,
    tasks,
    {
      trigger: {
        pauseStatus: project.schedules.training.paused ? "PAUSED" : "UNPAUSED",
        tableUpdate: { tableNames: [metricsTableFullName], condition: "ANY_UPDATED", minTimeBetweenTriggersSeconds: MIN_SECONDS_BETWEEN_RETRAINING_TRIGGERS },
      },
    },
  );
}

/** The staging integration test CI runs: every pipeline in order, on a small sample. Unscheduled. */
export function integrationTestJob(context: JobContext): databricks.JobArgs {
  const sample = context.project.integrationTest;
  const tasks = [
    computeFeaturesTask(context.tasks, sample),
    ...trainingWorkflowTasks(context.tasks, context.project.extraTasks, sample, [TASK_KEYS.computeFeatures]),
    batchInferenceTask(context.tasks, [TASK_KEYS.deploy]),
  ];
  return job(context, "integration-test", `Integration test of ${context.project.name}: features, training and batch inference on a small sample.`, tasks, {});
}

/** Every job of a project on its stage, by purpose; undefined where the stage or config has none. */
export function projectJobs(context: JobContext, metricsTable: string | undefined, trainingJobId: pulumi.Input<number>): Record<JobPurpose, databricks.JobArgs | undefined> {
  return {
    features: featuresJob(context),
    training: trainingJob(context),
    "batch-inference": batchInferenceJob(context),
    "retraining-trigger": retrainingTriggerJob(context, metricsTable, trainingJobId),
    "integration-test": context.stage === "staging" ? integrationTestJob(context) : undefined,
    // Only with an endpoint to unpack; declared with the project's monitoring (components/monitoring).
    "inference-unpack": undefined,
  };
}

/** How retraining starts, in words, e.g. for a stack output. */
export function retrainingSummary(project: MlProjectConfig, metricsTable: string | undefined): string {
  const { cron, timezone, paused } = project.schedules.training;
  const schedule = `schedule "${cron}" (${timezone})${paused ? ", paused" : ""}`;
  return metricsTable === undefined
    ? `${schedule}; no table-update trigger (retraining.metricsTable not set)`
    : `${schedule}; table-update trigger on ${metricsTable} when drift > ${project.retraining.driftThreshold}`;
}

