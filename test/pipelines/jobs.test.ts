import type * as databricks from "@pulumi/databricks";
import {
  batchInferenceJob,
  featuresJob,
  integrationTestJob,
  metricsTableFullName,
  projectJobs,
  retrainingSummary,
  retrainingTriggerJob,
  trainingJob,
} from "../../components/pipelines/jobs";
import { jobGraphProblems } from "../../components/pipelines/preflight";
import { SP_PROD, SP_STAGING } from "../support/stage-configs";
import { EMAIL, REPOSITORY, jobContext, rawProject, stageWith } from "./fixtures";

type Task = databricks.types.input.JobTask & { notebookTask?: { baseParameters: Record<string, string> } };
const tasksOf = (job: databricks.JobArgs) => job.tasks as Task[];
const task = (job: databricks.JobArgs, key: string) => tasksOf(job).find((t) => t.taskKey === key) as Task;
const graph = (job: databricks.JobArgs) => tasksOf(job).map((t) => [t.taskKey, (t.dependsOns as { taskKey: string }[] | undefined)?.map((d) => d.taskKey) ?? []]);

const dev = jobContext(stageWith("dev"));
const staging = jobContext(stageWith("staging"));
const prod = jobContext(stageWith("prod"));

describe("the training workflow", () => {
  const job = trainingJob(prod);

  test("is train -> validate -> deploy, declared sorted by task key, deploy only after validate succeeded", () => {
    expect(graph(job)).toEqual([
      ["deploy", ["validate"]],
      ["train", []],
      ["validate", ["train"]],
    ]);
    expect(task(job, "deploy").runIf).toBe("ALL_SUCCESS");
    expect(jobGraphProblems([job])).toEqual([]);
  });

  test("train gets the stage's tables and experiment; validate and deploy read train's task values", () => {
    expect(task(job, "train").notebookTask).toEqual({
      notebookPath: "training/notebooks/Train",
      source: "GIT",
      baseParameters: {
        env: "prod",
        experiment_name: "/Shared/churn/prod-churn-experiment",
        model_name: "prod_mlops.ml_assets.churn_model",
        training_table: "prod_mlops.features.churn_features",
      },
    });
    expect(task(job, "validate").notebookTask?.baseParameters).toEqual({
      env: "prod",
      experiment_name: "/Shared/churn/prod-churn-experiment",
      model_uri: "{{tasks.train.values.model_uri}}",
      model_name: "{{tasks.train.values.model_name}}",
      model_version: "{{tasks.train.values.model_version}}",
      evaluation_table: "prod_mlops.features.churn_features",
    });
    expect(task(job, "deploy").notebookTask?.baseParameters).toEqual({
      env: "prod",
      model_name: "{{tasks.train.values.model_name}}",
      model_version: "{{tasks.train.values.model_version}}",
      challenger_alias: "Challenger",
      champion_alias: "Champion",
      evaluation_table: "prod_mlops.features.churn_features",
    });
  });

  test("runs as the stage's service principal on staging and prod, as its deployer on dev", () => {
    expect(trainingJob(prod).runAs).toEqual({ servicePrincipalName: SP_PROD });
    expect(trainingJob(staging).runAs).toEqual({ servicePrincipalName: SP_STAGING });
    expect(trainingJob(dev)).not.toHaveProperty("runAs");
  });

  test("runs code from Git: dev branch on dev, main on staging, release on prod, or a configured tag", () => {
    expect([dev, staging, prod].map((context) => trainingJob(context).gitSource)).toEqual([
      { url: REPOSITORY, provider: "gitHub", branch: "dev" },
      { url: REPOSITORY, provider: "gitHub", branch: "main" },
      { url: REPOSITORY, provider: "gitHub", branch: "release" },
    ]);
    const tagged = jobContext(stageWith("prod", rawProject({ repository: { url: REPOSITORY, tag: "v1.4.0" } })));
    expect(trainingJob(tagged).gitSource).toEqual({ url: REPOSITORY, provider: "gitHub", tag: "v1.4.0" });
    for (const t of tasksOf(job).filter((t) => t.notebookTask)) expect(t.notebookTask).toMatchObject({ source: "GIT" });
  });

  test("is scheduled weekly, paused on dev only", () => {
    expect(trainingJob(dev).schedule).toEqual({ quartzCronExpression: "0 0 4 ? * MON", timezoneId: "UTC", pauseStatus: "PAUSED" });
    expect(trainingJob(staging).schedule).toMatchObject({ pauseStatus: "UNPAUSED" });
    expect(job.schedule).toMatchObject({ pauseStatus: "UNPAUSED" });
  });

  test("carries notifications, a run-duration health rule, a timeout, one run at a time, tags and a locked UI", () => {
    expect(job).toMatchObject({
      name: "prod-churn-training",
      tags: { stage: "prod", project: "churn", owner: "mlops-ml-engineers", purpose: "training" },
      emailNotifications: { onFailures: [EMAIL], onDurationWarningThresholdExceededs: [EMAIL] },
      notificationSettings: { noAlertForSkippedRuns: true, noAlertForCanceledRuns: true },
      health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: 7200 }] },
      timeoutSeconds: 14400,
      maxConcurrentRuns: 1,
      queue: { enabled: true },
      editMode: "UI_LOCKED",
    });
    expect(job).not.toHaveProperty("webhookNotifications");
    expect(trainingJob(dev).editMode).toBe("EDITABLE");
  });

  test("notifies destinations by id when configured", () => {
    const id = "0f4e6c7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
    const context = jobContext(stageWith("prod", rawProject({ notifications: { destinationIds: [id] } })));
    expect(trainingJob(context)).toMatchObject({ webhookNotifications: { onFailures: [{ id }], onDurationWarningThresholdExceededs: [{ id }] } });
    expect(trainingJob(context)).not.toHaveProperty("emailNotifications");
  });

  test("extra tasks join the graph; one that gates deploy becomes a dependency of deploy", () => {
    const extraTasks = [{ key: "fairness", notebook: "validation/notebooks/Fairness", dependsOn: ["validate"], parameters: { model_uri: "{{tasks.train.values.model_uri}}" }, gatesDeploy: true }];
    const job = trainingJob(jobContext(stageWith("prod", rawProject({ training: { extraTasks } }))));
    expect(graph(job)).toEqual([
      ["deploy", ["fairness", "validate"]],
      ["fairness", ["validate"]],
      ["train", []],
      ["validate", ["train"]],
    ]);
    expect(task(job, "fairness").notebookTask).toEqual({
      notebookPath: "validation/notebooks/Fairness",
      source: "GIT",
      baseParameters: { env: "prod", model_uri: "{{tasks.train.values.model_uri}}" },
    });
  });
});

describe("compute", () => {
  test("is serverless by default: no cluster on any task", () => {
    for (const t of tasksOf(trainingJob(prod))) {
      expect(Object.keys(t).filter((key) => /[cC]luster/.test(key))).toEqual([]);
    }
    expect(trainingJob(prod)).not.toHaveProperty("jobClusters");
  });

  test("a job cluster runs under the configured cluster policy", () => {
    const compute = { policyId: "E0631F5C0D0000B3", sparkVersion: "15.4.x-cpu-ml-scala2.12", nodeTypeId: "i3.xlarge", numWorkers: 2 };
    const job = trainingJob(jobContext(stageWith("prod", rawProject({ compute }))));
    expect(job.jobClusters).toEqual([
      { jobClusterKey: "main", newCluster: { ...compute, applyPolicyDefaultValues: true, dataSecurityMode: "SINGLE_USER" } },
    ]);
    for (const t of tasksOf(job)) expect(t.jobClusterKey).toBe("main");
  });

  test("an existing all-purpose cluster is possible on dev", () => {
    const job = trainingJob(jobContext(stageWith("dev", rawProject({ compute: { existingClusterId: "0123-456789-abcdefgh" } }))));
    for (const t of tasksOf(job)) expect(t.existingClusterId).toBe("0123-456789-abcdefgh");
  });
});

describe("the other jobs", () => {
  test("the feature job refreshes the feature table daily", () => {
    const job = featuresJob(prod);
    expect(job.name).toBe("prod-churn-features");
    expect(job.schedule).toEqual({ quartzCronExpression: "0 0 3 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" });
    expect(task(job, "compute_features").notebookTask?.baseParameters).toEqual({ env: "prod", output_table: "prod_mlops.features.churn_features" });
  });

  test("batch inference loads the Champion and writes predictions with model version and timestamp columns", () => {
    const job = batchInferenceJob(prod);
    expect(job.schedule).toEqual({ quartzCronExpression: "0 0 6 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" });
    expect(task(job, "batch_inference").notebookTask?.baseParameters).toEqual({
      env: "prod",
      model_name: "prod_mlops.ml_assets.churn_model",
      model_alias: "Champion",
      input_table: "prod_mlops.features.churn_features",
      output_table: "prod_mlops.inference.churn_model_predictions",
      model_version_column: "model_version",
      timestamp_column: "scored_at",
    });
  });

  test("configured schedules and time zones are used as given", () => {
    const schedules = { batchInference: { cron: "0 15 7 ? * MON-FRI", timezone: "Europe/Berlin", paused: true } };
    const job = batchInferenceJob(jobContext(stageWith("prod", rawProject({ schedules }))));
    expect(job.schedule).toEqual({ quartzCronExpression: "0 15 7 ? * MON-FRI", timezoneId: "Europe/Berlin", pauseStatus: "PAUSED" });
  });

  test("the staging integration test runs every pipeline in order on a small sample, unscheduled", () => {
    const job = integrationTestJob(staging);
    expect(graph(job)).toEqual([
      ["batch_inference", ["deploy"]],
      ["compute_features", []],
      ["deploy", ["validate"]],
      ["train", ["compute_features"]],
      ["validate", ["train"]],
    ]);
    expect(task(job, "train").notebookTask?.baseParameters).toMatchObject({ sample_fraction: "0.05", max_iterations: "2" });
    expect(task(job, "compute_features").notebookTask?.baseParameters).toMatchObject({ sample_fraction: "0.05" });
    expect(job).not.toHaveProperty("schedule");
    expect(job).not.toHaveProperty("trigger");
    expect(jobGraphProblems([job])).toEqual([]);
  });
});

describe("the retraining trigger", () => {
  const config = stageWith("prod", rawProject({ retraining: { metricsTable: "churn_model_predictions_drift_metrics", driftThreshold: 0.3 } }));
  const context = jobContext(config);
  const table = metricsTableFullName(context.project, config.unityCatalog.catalogName);

  test("is not declared without a metrics table", () => {
    expect(metricsTableFullName(prod.project, "prod_mlops")).toBeUndefined();
    expect(retrainingTriggerJob(prod, undefined, 42)).toBeUndefined();
  });

  test("watches the metrics table in the stage's monitoring schema and runs the training job when drift exceeds the threshold", () => {
    const job = retrainingTriggerJob(context, table, 42) as databricks.JobArgs;
    expect(table).toBe("prod_mlops.monitoring.churn_model_predictions_drift_metrics");
    expect(job.trigger).toEqual({
      pauseStatus: "UNPAUSED",
      tableUpdate: { tableNames: [table], condition: "ANY_UPDATED", minTimeBetweenTriggersSeconds: 3600 },
    });
    expect(job).not.toHaveProperty("schedule");
    expect(tasksOf(job)).toEqual([
      expect.objectContaining({
        taskKey: "check_metrics",
        notebookTask: {
          notebookPath: "monitoring/notebooks/CheckRetrainingSignal",
          source: "GIT",
          baseParameters: { env: "prod", metrics_table: table, model_name: "prod_mlops.ml_assets.churn_model" },
        },
      }),
      expect.objectContaining({ taskKey: "retrain", dependsOns: [{ taskKey: "retrain_needed", outcome: "true" }], runJobTask: { jobId: 42 } }),
      expect.objectContaining({
        taskKey: "retrain_needed",
        dependsOns: [{ taskKey: "check_metrics" }],
        conditionTask: { left: "{{tasks.check_metrics.values.drift_score}}", op: "GREATER_THAN", right: "0.3" },
      }),
    ]);
    expect(jobGraphProblems([job])).toEqual([]);
  });

  test("is paused exactly when the training schedule is", () => {
    const devConfig = stageWith("dev", rawProject({ retraining: { metricsTable: "m" } }));
    const devJob = retrainingTriggerJob(jobContext(devConfig), "dev_mlops.monitoring.m", 1) as databricks.JobArgs;
    expect(devJob.trigger).toMatchObject({ pauseStatus: "PAUSED" });
  });
});

describe("the jobs of a project", () => {
  test("the integration test exists on staging only, the trigger only with a metrics table", () => {
    const declared = (context: typeof dev, table?: string) => Object.entries(projectJobs(context, table, 1)).filter(([, job]) => job).map(([purpose]) => purpose);
    expect(declared(dev)).toEqual(["features", "training", "batch-inference"]);
    expect(declared(staging, "staging_mlops.monitoring.m")).toEqual(["features", "training", "batch-inference", "retraining-trigger", "integration-test"]);
  });

  test("retraining is summarised in words, saying why there is no trigger", () => {
    expect(retrainingSummary(dev.project, undefined)).toBe('schedule "0 0 4 ? * MON" (UTC), paused; no table-update trigger (retraining.metricsTable not set)');
    expect(retrainingSummary(prod.project, "prod_mlops.monitoring.m")).toBe(
      'schedule "0 0 4 ? * MON" (UTC); table-update trigger on prod_mlops.monitoring.m when drift > 0.2',
    );
  });
});

describe("preflight of built jobs", () => {
  test("names the job, task and field of each graph problem, and duplicate job names", () => {
    const job = trainingJob(prod);
    const broken = { ...job, tasks: [...tasksOf(job), { taskKey: "report", dependsOns: [{ taskKey: "publish" }] }] };
    expect(jobGraphProblems([broken, featuresJob(prod), featuresJob(prod)])).toEqual([
      'job prod-churn-training, task report, dependsOn.0: no task "publish" in this job; tasks: deploy, train, validate, report',
      "job name prod-churn-features is declared twice; job names must be unique in a workspace",
    ]);
  });
});
