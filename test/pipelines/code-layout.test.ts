/** `mlProjects[].code`: where each task's notebook lives, from a layout preset and per-task overrides. */
import { DEFAULT_NOTEBOOKS, REPOSITORY_PATH_ALLOWED } from "../../components/pipelines/code-layout";
import { batchInferenceJob, featuresJob, integrationTestJob, retrainingTriggerJob, trainingJob } from "../../components/pipelines/jobs";
import { unpackTask } from "../../components/monitoring/unpack";
import { resolveMonitoring } from "../../components/monitoring/monitoring-config";
import { jobContext, problemsOf, rawProject, rawStageWith, stageWith } from "./fixtures";
import { configProblems } from "../support/config-problems";

const key = (path: string) => `  - databricks-mlops:mlProjects[0].${path}`;

/** Task key -> notebook path of a job's notebook tasks. */
function notebookPaths(job: { tasks?: unknown }): Record<string, string> {
  const tasks = job.tasks as { taskKey: string; notebookTask?: { notebookPath: string; source: string } }[];
  return Object.fromEntries(tasks.filter((task) => task.notebookTask).map((task) => [task.taskKey, task.notebookTask!.notebookPath]));
}

/** Every notebook task of the project's jobs on staging (with the retraining trigger and the unpack task). */
function allNotebooks(code?: Record<string, unknown>): Record<string, string> {
  const context = jobContext(stageWith("staging", rawProject({ ...(code ? { code } : {}), retraining: { metricsTable: "drift" } })));
  const unpack = unpackTask(context, "p", "o", resolveMonitoring({ problemType: "classification" }));
  return {
    ...notebookPaths(featuresJob(context)),
    ...notebookPaths(trainingJob(context)),
    ...notebookPaths(batchInferenceJob(context)),
    ...notebookPaths(retrainingTriggerJob(context, "staging_mlops.monitoring.drift", 1) as { tasks?: unknown }),
    [unpack.taskKey]: unpack.notebook!.path,
  };
}

describe("mlProjects[].code: layouts", () => {
  test("without code, every task runs the default layout's notebook (the shipped stacks' paths)", () => {
    expect(stageWith("prod").mlProjects[0].notebooks).toEqual(DEFAULT_NOTEBOOKS);
    expect(allNotebooks()).toEqual({
      compute_features: "feature_engineering/notebooks/ComputeFeatures",
      train: "training/notebooks/Train",
      validate: "validation/notebooks/Validate",
      deploy: "deployment/notebooks/Deploy",
      batch_inference: "batch_inference/notebooks/BatchInference",
      check_metrics: "monitoring/notebooks/CheckRetrainingSignal",
      unpack_inference: "monitoring/notebooks/UnpackInferenceTable",
    });
    expect(allNotebooks({ layout: "default" })).toEqual(allNotebooks());
  });

  test("layout mlops-stacks: the template's notebooks under the project's folder, named after the project by default", () => {
    expect(allNotebooks({ layout: "mlops-stacks" })).toEqual({
      compute_features: "churn/feature_engineering/notebooks/GenerateAndWriteFeatures",
      train: "churn/training/notebooks/Train",
      validate: "churn/validation/notebooks/ModelValidation",
      deploy: "churn/deployment/model_deployment/notebooks/ModelDeployment",
      batch_inference: "churn/deployment/batch_inference/notebooks/BatchInference",
      check_metrics: "churn/monitoring/notebooks/CheckRetrainingSignal",
      unpack_inference: "churn/monitoring/notebooks/UnpackInferenceTable",
    });
    expect(allNotebooks({ layout: "mlops-stacks", root: "churn_model/src" }).train).toBe("churn_model/src/training/notebooks/Train");
  });

  test("a per-task override replaces that task's path, in every job that runs it; the rest keep the preset", () => {
    const code = { layout: "mlops-stacks", notebooks: { validate: "shared/validation/Validate", batchInference: "scoring/Score" } };
    const paths = allNotebooks(code);
    expect(paths).toMatchObject({ validate: "shared/validation/Validate", batch_inference: "scoring/Score", train: "churn/training/notebooks/Train" });
    const integration = notebookPaths(integrationTestJob(jobContext(stageWith("staging", rawProject({ code })))));
    expect(integration).toMatchObject({ validate: "shared/validation/Validate", batch_inference: "scoring/Score", train: "churn/training/notebooks/Train" });
    expect(allNotebooks({ notebooks: { deploy: "ops/Promote" } })).toEqual({ ...allNotebooks(), deploy: "ops/Promote" });
  });

  test("every configured path is a notebook from Git, as jobs-require-git-source requires", () => {
    const context = jobContext(stageWith("prod", rawProject({ code: { layout: "mlops-stacks" } })));
    const tasks = trainingJob(context).tasks as { notebookTask?: { source: string } }[];
    expect(tasks.map((task) => task.notebookTask?.source)).toEqual(["GIT", "GIT", "GIT"]);
  });
});

describe("mlProjects[].code: each bad input names the key", () => {
  test.each([
    ["an absolute path", "/Workspace/Users/me/Deploy"],
    ["a parent segment", "deployment/../../other/Deploy"],
    ["a leading parent segment", "../Deploy"],
    ["a dot segment", "./deployment/Deploy"],
    ["a URL", "https://example.com/Deploy"],
    ["a cloud storage path", "s3://bucket/Deploy"],
    ["an empty segment", "deployment//Deploy"],
    ["a trailing slash", "deployment/Deploy/"],
    ["an empty string", ""],
  ])("%s is refused", (_what, path) => {
    expect(problemsOf(rawStageWith("prod", rawProject({ code: { notebooks: { deploy: path } } })), "prod")).toEqual([
      key(`code.notebooks.deploy: got ${JSON.stringify(path)}; expected ${REPOSITORY_PATH_ALLOWED}`),
    ]);
  });

  test("an extra task's notebook follows the same rule", () => {
    const extraTasks = [{ key: "fairness", notebook: "./deployment/notebooks/Deploy", dependsOn: ["train"] }];
    expect(problemsOf(rawStageWith("prod", rawProject({ training: { extraTasks } })), "prod")).toEqual([
      key(`training.extraTasks[0].notebook: got "./deployment/notebooks/Deploy"; expected ${REPOSITORY_PATH_ALLOWED}`),
    ]);
    expect(configProblems(rawStageWith("prod", rawProject({ training: { extraTasks: [{ ...extraTasks[0], notebook: "training/notebooks/Fairness" }] } })), "prod")).toEqual([]);
  });

  test("a bad root, an unknown layout and an unknown task", () => {
    const code = { layout: "bundles", root: "/abs", notebooks: { fairness: "x/Fairness" } };
    expect(problemsOf(rawStageWith("prod", rawProject({ code })), "prod")).toEqual([
      key('code.layout: got "bundles"; expected one of default, mlops-stacks'),
      key("code.notebooks.fairness: got a string (not shown: values of unknown keys are never echoed); unknown key; allowed keys: features, train, validate, deploy, batchInference, checkRetraining, unpackInference"),
      key(`code.root: got "/abs"; expected ${REPOSITORY_PATH_ALLOWED}`),
    ]);
  });

  test("root without the mlops-stacks layout would do nothing, and is refused", () => {
    expect(problemsOf(rawStageWith("prod", rawProject({ code: { root: "churn" } })), "prod")).toEqual([
      key('code.root: got "churn"; only used with layout mlops-stacks (the folder of the project inside the repository); with the default layout give each path in notebooks'),
    ]);
  });
});
