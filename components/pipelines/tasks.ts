/**
 * The tasks of an ML project's jobs, as plain data, and the parameters each notebook of the ML
 * repository receives (docs/data-scientist.md lists them). Task values flow between the tasks of
 * the training workflow through dynamic value references.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExtraTaskConfig } from "./project-config";
import { PREDICTION_COLUMNS } from "./names";
import { SERVING_DEPLOYMENT_PARAMETER } from "../serving/endpoint";
import { type TaskNode, taskValueReference } from "./task-graph";
import type { NotebookPaths } from "./code-layout";

/** Task keys of the training workflow and the other jobs. */
export const TASK_KEYS = {
  computeFeatures: "compute_features",
  train: "train",
  validate: "validate",
  deploy: "deploy",
  batchInference: "batch_inference",
  checkMetrics: "check_metrics",
  retrainNeeded: "retrain_needed",
  retrain: "retrain",
} as const;

/** The task values the Train task sets (`dbutils.jobs.taskValues.set`) for later tasks. */
export const TRAIN_TASK_VALUES = ["model_uri", "model_name", "model_version"] as const;

/** The task value CheckRetrainingSignal sets: the drift score the condition task compares. */
export const DRIFT_SCORE_VALUE = "drift_score";

/** The aliases of the reference design: Validate sets Challenger, Deploy moves Champion. */
export const MODEL_ALIASES = { challenger: "Challenger", champion: "Champion" } as const;

export { PREDICTION_COLUMNS } from "./names";

/** One dependency of a task; `outcome` only after a condition task. */
export interface TaskDependency {
  taskKey: string;
  outcome?: "true" | "false";
}

/** A task as the builders describe it, before compute is attached. Exactly one of notebook, condition, runJob. */
export interface TaskSpec {
  taskKey: string;
  description: string;
  dependsOn: TaskDependency[];
  notebook?: { path: string; parameters: Record<string, string> };
  condition?: { left: string; op: "GREATER_THAN" | "EQUAL_TO"; right: string };
  /** Runs another job; its id is known only once that job exists. */
  runJob?: { jobId: pulumi.Input<number> };
}

/** What the task builders need to know about the project on this stage. */
export interface TaskContext {
  /** The stage, passed to every notebook as `env`. */
  stage: string;
  /** The project's MLflow experiment path. */
  experiment: string;
  /** `<catalog>.ml_assets.<model>`. */
  modelFullName: string;
  /** `<catalog>.features.<table>`. */
  featureTable: string;
  /** `<catalog>.inference.<table>`. */
  predictionTable: string;
  /** The DynamoDB table batch inference also publishes to, when the project has an online store. */
  onlineTable?: string;
  /**
   * What Deploy applies to the project's serving endpoint after moving the aliases (`ServingDeployment` as JSON);
   * absent when the project serves no endpoint.
   */
  servingDeployment?: string;
  /** The notebook each task runs, relative to the repository root (`MlProjectConfig.notebooks`). */
  notebooks: NotebookPaths;
}

/** Parameters of the small-data variant the staging integration test passes to its notebooks. */
export interface SampleParameters {
  sampleFraction: number;
  maxIterations: number;
}

const trainValue = (key: (typeof TRAIN_TASK_VALUES)[number]) => taskValueReference(TASK_KEYS.train, key);

function notebookTask(taskKey: string, description: string, path: string, parameters: Record<string, string>, dependsOn: string[] = []): TaskSpec {
  return { taskKey, description, dependsOn: dependsOn.map((key) => ({ taskKey: key })), notebook: { path, parameters } };
}

/** Refreshes the feature table. */
export function computeFeaturesTask(context: TaskContext, sample?: SampleParameters): TaskSpec {
  return notebookTask(TASK_KEYS.computeFeatures, "Refresh the project's feature table.", context.notebooks.features, {
    env: context.stage,
    output_table: context.featureTable,
    ...(sample ? { sample_fraction: String(sample.sampleFraction) } : {}),
  });
}

/**
 * The training workflow: train -> validate -> deploy, plus the project's extra tasks. Train
 * registers a model version and passes its URI, name and version as task values; Validate and
 * Deploy read them. Deploy waits for Validate (and for every extra task that gates it).
 */
export function trainingWorkflowTasks(context: TaskContext, extraTasks: readonly ExtraTaskConfig[], sample?: SampleParameters, trainAfter: string[] = []): TaskSpec[] {
  const sampleParameters: Record<string, string> = sample
    ? { sample_fraction: String(sample.sampleFraction), max_iterations: String(sample.maxIterations) }
    : {};
  const train = notebookTask(
    TASK_KEYS.train,
    "Train the model, log it to the experiment and register a new version; sets the task values model_uri, model_name, model_version.",
    context.notebooks.train,
    { env: context.stage, experiment_name: context.experiment, model_name: context.modelFullName, training_table: context.featureTable, ...sampleParameters },
    trainAfter,
  );
  const validate = notebookTask(
    TASK_KEYS.validate,
    `Validate the new version: tag model_validation_status PENDING, then PASSED or FAILED; on PASSED set the ${MODEL_ALIASES.challenger} alias, on FAILED fail the run.`,
    context.notebooks.validate,
    {
      env: context.stage,
      experiment_name: context.experiment,
      model_uri: trainValue("model_uri"),
      model_name: trainValue("model_name"),
      model_version: trainValue("model_version"),
      evaluation_table: context.featureTable,
    },
    [TASK_KEYS.train],
  );
  const deploy = notebookTask(
    TASK_KEYS.deploy,
    `Compare ${MODEL_ALIASES.challenger} with ${MODEL_ALIASES.champion} and move ${MODEL_ALIASES.champion} to the better one; ` +
      `with ${SERVING_DEPLOYMENT_PARAMETER}, point the endpoint's served entities at the versions the aliases name. Runs only after Validate succeeded.`,
    context.notebooks.deploy,
    {
      env: context.stage,
      model_name: trainValue("model_name"),
      model_version: trainValue("model_version"),
      challenger_alias: MODEL_ALIASES.challenger,
      champion_alias: MODEL_ALIASES.champion,
      evaluation_table: context.featureTable,
      ...(context.servingDeployment === undefined ? {} : { [SERVING_DEPLOYMENT_PARAMETER]: context.servingDeployment }),
    },
    [TASK_KEYS.validate, ...extraTasks.filter((task) => task.gatesDeploy).map((task) => task.key)],
  );
  const extras = extraTasks.map((task) =>
    notebookTask(task.key, `Extra task of the training workflow (${task.notebook}).`, task.notebook, { env: context.stage, ...task.parameters }, task.dependsOn),
  );
  return [train, validate, deploy, ...extras];
}

/** Scores the latest features with the Champion model and appends to the predictions table. */
export function batchInferenceTask(context: TaskContext, dependsOn: string[] = []): TaskSpec {
  return notebookTask(
    TASK_KEYS.batchInference,
    `Score the latest features with the ${MODEL_ALIASES.champion} version and append to the predictions table.`,
    context.notebooks.batchInference,
    {
      env: context.stage,
      model_name: context.modelFullName,
      model_alias: MODEL_ALIASES.champion,
      input_table: context.featureTable,
      output_table: context.predictionTable,
      model_version_column: PREDICTION_COLUMNS.modelVersion,
      timestamp_column: PREDICTION_COLUMNS.timestamp,
      ...(context.onlineTable === undefined ? {} : { online_table: context.onlineTable }),
    },
    dependsOn,
  );
}

/**
 * The retraining trigger's tasks: read the monitor's metrics, compare the drift score with the
 * threshold in a condition task, and run the training job only when it is exceeded.
 */
export function retrainingTriggerTasks(context: TaskContext, metricsTable: string, driftThreshold: number, trainingJobId: pulumi.Input<number>): TaskSpec[] {
  const check = notebookTask(
    TASK_KEYS.checkMetrics,
    `Read the latest drift metrics; sets the task value ${DRIFT_SCORE_VALUE}.`,
    context.notebooks.checkRetraining,
    { env: context.stage, metrics_table: metricsTable, model_name: context.modelFullName },
  );
  const condition: TaskSpec = {
    taskKey: TASK_KEYS.retrainNeeded,
    description: `True when the drift score exceeds ${driftThreshold}.`,
    dependsOn: [{ taskKey: TASK_KEYS.checkMetrics }],
    condition: { left: taskValueReference(TASK_KEYS.checkMetrics, DRIFT_SCORE_VALUE), op: "GREATER_THAN", right: String(driftThreshold) },
  };
  const retrain: TaskSpec = {
    taskKey: TASK_KEYS.retrain,
    description: "Run the training workflow again.",
    dependsOn: [{ taskKey: TASK_KEYS.retrainNeeded, outcome: "true" }],
    runJob: { jobId: trainingJobId },
  };
  return [check, condition, retrain];
}

/** The graph view of tasks, for `taskGraphProblems`: condition operands count as parameters. */
export function taskNodes(tasks: readonly TaskSpec[]): TaskNode[] {
  return tasks.map((task) => ({
    key: task.taskKey,
    dependsOn: task.dependsOn.map((dependency) => dependency.taskKey),
    parameters: task.notebook?.parameters ?? (task.condition ? { left: task.condition.left, right: task.condition.right } : {}),
  }));
}
