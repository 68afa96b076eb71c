import { DEFAULT_VALIDATION_CONFIG, findUnvalidatedDeploys, jobsRequireValidationBeforeDeploy } from "../../policies/rules/jobs-require-validation-before-deploy";
import { invokeRule } from "./invoke-rule";
import { prodBatchInferenceJob, prodRetrainingTriggerJob, prodTrainingJob, taskOf, tasksOf } from "./job-fixtures";

/** The shipped stages' config: the default layout's deploy and validation notebooks. */
const config = { ...DEFAULT_VALIDATION_CONFIG, deployNotebookPaths: ["deployment/notebooks/Deploy"], validationNotebookPaths: ["validation/notebooks/Validate"] };
const fix = "make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.";
/** Why a deploy step fails with no validation notebook named (the schema's defaults). */
const notUpstreamAny = "does not depend, directly or through tasks that require success, on a task that runs the validation code";
const notUpstream = `${notUpstreamAny} (validation/notebooks/Validate)`;
const byKey = "its key matches deployTaskPattern";
const deployCode = "it runs the deploy notebook 'deployment/notebooks/Deploy'";
const servingParameter = "it passes the endpoint deployment parameter serving_config";
/** The reasons the fixture's deploy task (a project without an endpoint) is a deploy step: its key and its notebook. */
const shippedDeploy = `${byKey}; ${deployCode}`;

describe("jobs-require-validation-before-deploy", () => {
  test("the program's training workflow deploys after validate; jobs without deploy tasks pass", () => {
    expect(findUnvalidatedDeploys("r", prodTrainingJob(), config)).toEqual([]);
    expect(findUnvalidatedDeploys("r", prodBatchInferenceJob(), config)).toEqual([]);
  });

  test("transitively through a gate that requires success", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "fairness", dependsOns: [{ taskKey: "validate" }] });
    taskOf(job, "deploy").dependsOns = [{ taskKey: "fairness" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([]);
  });

  test("deploy without dependencies", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").dependsOns = undefined;
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' deploys (${shippedDeploy}) but ${notUpstream}; ${fix}`]);
  });

  test("deploy depending on train only", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").dependsOns = [{ taskKey: "train" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' deploys (${shippedDeploy}) but ${notUpstream}; ${fix}`]);
  });

  test("deploy that runs whatever validation did", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").runIf = "ALL_DONE";
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([
      `Job 'prod-churn-training' task 'deploy' deploys (${shippedDeploy}) but runs with runIf ALL_DONE, so it runs even when validation failed; ${fix}`,
    ]);
  });

  test("a task in between that runs even when validation failed", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "report", dependsOns: [{ taskKey: "validate" }], runIf: "AT_LEAST_ONE_SUCCESS" });
    taskOf(job, "deploy").dependsOns = [{ taskKey: "report" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' deploys (${shippedDeploy}) but ${notUpstream}; ${fix}`]);
  });

  test("a deploy task inside a for-each task is checked too", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "each", forEachTask: { inputs: "[1]", task: { taskKey: "deploy_region" } } });
    expect(findUnvalidatedDeploys("r", job, { ...config, deployTaskPattern: "deploy" })).toEqual([
      `Job 'prod-churn-training' task 'each/deploy_region' deploys (${byKey}) but ${notUpstream}; ${fix}`,
    ]);
  });
});

describe("jobs-require-validation-before-deploy, odd graphs", () => {
  test("a cycle without validation ends and is reported", () => {
    const job = {
      name: "j",
      tasks: [
        { taskKey: "a", dependsOns: [{ taskKey: "b" }] },
        { taskKey: "b", dependsOns: [{ taskKey: "a" }] },
        { taskKey: "deploy", dependsOns: [{ taskKey: "a" }] },
      ],
    };
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'j' task 'deploy' deploys (${byKey}) but ${notUpstream}; ${fix}`]);
  });

  test("a dependency on a task the job does not have validates nothing", () => {
    const job = { name: "j", tasks: [{ taskKey: "deploy", dependsOns: [{ taskKey: "missing" }] }] };
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'j' task 'deploy' deploys (${byKey}) but ${notUpstream}; ${fix}`]);
  });
});

/** A task that runs the validation notebook, as the program declares it. */
function validateTask(key = "validate"): Record<string, unknown> {
  return { taskKey: key, notebookTask: { notebookPath: "validation/notebooks/Validate", source: "GIT" } };
}

describe("jobs-require-validation-before-deploy, by what tasks run (issue 19)", () => {
  const message = (key: string, reasons: string, why = notUpstream) => `Job 'prod-churn-training' task '${key}' deploys (${reasons}) but ${why}; ${fix}`;

  test("a task named publish that runs the deploy notebook without validation before it", () => {
    const job = prodTrainingJob();
    const deploy = taskOf(job, "deploy");
    deploy.taskKey = "publish";
    deploy.dependsOns = [{ taskKey: "train" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("publish", deployCode)]);
  });

  test("the same task renamed but depending on validate passes; so does the deploy notebook run from a workspace path after validate", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").taskKey = "publish";
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([]);
    const workspace = prodTrainingJob();
    Object.assign(taskOf(workspace, "deploy"), { taskKey: "ship", notebookTask: { notebookPath: "/Repos/ci/mlops/Deployment/notebooks/Deploy", source: "WORKSPACE" } });
    expect(findUnvalidatedDeploys("r", workspace, config)).toEqual([]);
  });

  test("a task that only passes serving_config is a deploy step", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "refresh", notebookTask: { notebookPath: "tools/Refresh", baseParameters: { serving_config: '{"served_entities":[]}' } } });
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("refresh", servingParameter)]);
  });

  test("a Python file task that runs deployment code, or passes serving_config as an argument", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "py", sparkPythonTask: { pythonFile: "deployment/notebooks/Deploy.py" } });
    tasksOf(job).push({ taskKey: "args", sparkPythonTask: { pythonFile: "tools/apply.py", parameters: ["--serving_config={}"] } });
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("py", "it runs the deploy notebook 'deployment/notebooks/Deploy.py'"), message("args", servingParameter)]);
  });

  test("a task named validate that runs something else validates nothing", () => {
    const job = prodTrainingJob();
    (taskOf(job, "validate").notebookTask as Record<string, unknown>).notebookPath = "validation/notebooks/AlwaysPass";
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("deploy", shippedDeploy)]);
  });

  test("a condition task named validate validates nothing", () => {
    const job = prodTrainingJob();
    const validate = taskOf(job, "validate");
    delete validate.notebookTask;
    validate.conditionTask = { left: "1", op: "EQUAL_TO", right: "1" };
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("deploy", shippedDeploy)]);
  });

  test("a condition task between validate and deploy keeps the chain when it requires success, breaks it when it runs regardless", () => {
    const gated = prodTrainingJob();
    tasksOf(gated).push({ taskKey: "gate", dependsOns: [{ taskKey: "validate" }], conditionTask: { left: "1", op: "EQUAL_TO", right: "1" } });
    taskOf(gated, "deploy").dependsOns = [{ taskKey: "gate", outcome: "true" }];
    expect(findUnvalidatedDeploys("r", gated, config)).toEqual([]);
    const bypass = prodTrainingJob();
    tasksOf(bypass).push({ taskKey: "gate", dependsOns: [{ taskKey: "validate" }], runIf: "ALL_DONE", conditionTask: { left: "1", op: "EQUAL_TO", right: "1" } });
    taskOf(bypass, "deploy").dependsOns = [{ taskKey: "gate", outcome: "true" }];
    expect(findUnvalidatedDeploys("r", bypass, config)).toEqual([message("deploy", shippedDeploy)]);
  });

  test("a for-each task wrapping the deploy notebook: gated by the for-each task's own dependencies and runIf", () => {
    const inner = { taskKey: "each_region", notebookTask: { notebookPath: "deployment/notebooks/Deploy", source: "GIT" } };
    const unvalidated = prodTrainingJob();
    tasksOf(unvalidated).push({ taskKey: "regions", dependsOns: [{ taskKey: "train" }], forEachTask: { inputs: "[1]", task: inner } });
    expect(findUnvalidatedDeploys("r", unvalidated, config)).toEqual([message("regions/each_region", deployCode)]);
    const validated = prodTrainingJob();
    tasksOf(validated).push({ taskKey: "regions", dependsOns: [{ taskKey: "validate" }], forEachTask: { inputs: "[1]", task: inner } });
    expect(findUnvalidatedDeploys("r", validated, config)).toEqual([]);
    const regardless = prodTrainingJob();
    tasksOf(regardless).push({ taskKey: "regions", dependsOns: [{ taskKey: "validate" }], runIf: "ALL_DONE", forEachTask: { inputs: "[1]", task: inner } });
    expect(findUnvalidatedDeploys("r", regardless, config)).toEqual([
      message("regions/each_region", deployCode, "runs with runIf ALL_DONE (its for-each task 'regions'), so it runs even when validation failed"),
    ]);
  });

  test("validation wrapped in a for-each task validates nothing (an empty input runs it zero times)", () => {
    const job = prodTrainingJob();
    const validate = taskOf(job, "validate");
    const notebook = validate.notebookTask;
    delete validate.notebookTask;
    validate.forEachTask = { inputs: "[]", task: { taskKey: "inner", notebookTask: notebook } };
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([message("deploy", shippedDeploy)]);
  });

  test("a run-job task that overrides the called job's parameters is a deploy step; one that overrides nothing is not", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "rerun", runJobTask: { jobId: 42, jobParameters: { model_version: "1" } } });
    tasksOf(job).push({ taskKey: "legacy", runJobTask: { jobId: 43, notebookParams: { serving_config: "{}" } } });
    tasksOf(job).push({ taskKey: "plain", runJobTask: { jobId: 44, jobParameters: {} } });
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([
      message("rerun", "it runs job 42 with jobParameters, which override that job's own parameters, its deployment's included"),
      message("legacy", "it runs job 43 with notebookParams, which override that job's own parameters, its deployment's included"),
    ]);
    taskOf(job, "rerun").dependsOns = [{ taskKey: "validate" }];
    taskOf(job, "legacy").dependsOns = [{ taskKey: "rerun" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([]);
  });

  test("the program's retraining trigger runs the training job without overrides and passes", () => {
    expect(findUnvalidatedDeploys("r", prodRetrainingTriggerJob(), config)).toEqual([]);
  });
});

describe("jobs-require-validation-before-deploy, the registered rule", () => {
  const job = (tasks: Record<string, unknown>[]) => ({ type: "databricks:index/job:Job", name: "training", props: { name: "j", tasks } });
  const release = [{ taskKey: "release" }];

  test("without a config the default task patterns apply", () => {
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job([{ taskKey: "deploy" }]), {}).violations).toEqual([
      `Job 'j' task 'deploy' deploys (${byKey}) but ${notUpstreamAny}; ${fix}`,
    ]);
  });

  test("with no validation notebook named, a condition or for-each task keyed like validation still validates nothing", () => {
    const condition = [{ taskKey: "validate", conditionTask: { left: "1", op: "EQUAL_TO", right: "1" } }, { taskKey: "deploy", dependsOns: [{ taskKey: "validate" }] }];
    const forEach = [{ taskKey: "validate", forEachTask: { inputs: "[]", task: { taskKey: "inner", notebookTask: { notebookPath: "validation/notebooks/Validate" } } } }, { taskKey: "deploy", dependsOns: [{ taskKey: "validate" }] }];
    for (const tasks of [condition, forEach]) {
      expect(invokeRule(jobsRequireValidationBeforeDeploy, job(tasks), {}).violations).toEqual([`Job 'j' task 'deploy' deploys (${byKey}) but ${notUpstreamAny}; ${fix}`]);
    }
  });

  test("a config that sets only the deploy pattern keeps the default validation pattern", () => {
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job(release), { deployTaskPattern: "^release" }).violations).toEqual([
      `Job 'j' task 'release' deploys (${byKey}) but ${notUpstreamAny}; ${fix}`,
    ]);
    const validated = [validateTask(), { taskKey: "release", dependsOns: [{ taskKey: "validate" }] }];
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job(validated), { deployTaskPattern: "^release" })).toEqual({ violations: [] });
  });
});

describe("jobs-require-validation-before-deploy, with the stage's deploy and validation notebooks named", () => {
  const named = { ...config, deployNotebookPaths: ["deployment/notebooks/Deploy"], validationNotebookPaths: ["validation/notebooks/Validate"] };
  const notebook = (path: string) => ({ notebookPath: path, source: "GIT", baseParameters: {} });
  const notUpstreamNamed = notUpstream;
  const runsDeploy = (path: string) => `it runs the deploy notebook '${path}'`;

  test("the program's training workflow passes: its tasks run the named notebooks", () => {
    expect(findUnvalidatedDeploys("r", prodTrainingJob(), named)).toEqual([]);
    expect(findUnvalidatedDeploys("r", prodBatchInferenceJob(), named)).toEqual([]);
  });

  test("a task of another key that runs the deploy notebook before validation is a deploy task", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "promote", dependsOns: [{ taskKey: "train" }], notebookTask: notebook("deployment/notebooks/Deploy") });
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([
      `Job 'prod-churn-training' task 'promote' deploys (${runsDeploy("deployment/notebooks/Deploy")}) but ${notUpstreamNamed}; ${fix}`,
    ]);
    // Without the named notebooks the key alone decides, and the renamed task slips through: why the shipped configs name them.
    expect(findUnvalidatedDeploys("r", job, DEFAULT_VALIDATION_CONFIG)).toEqual([]);
  });

  test.each(["./deployment/notebooks/Deploy", "deployment//notebooks/Deploy/", "deployment/notebooks/Deploy.py", "training/../deployment/notebooks/Deploy"])(
    "the deploy notebook written as %s is the same notebook",
    (path) => {
      const job = prodTrainingJob();
      tasksOf(job).push({ taskKey: "promote", sparkPythonTask: { pythonFile: path, source: "GIT" } });
      expect(findUnvalidatedDeploys("r", job, named)).toEqual([`Job 'prod-churn-training' task 'promote' deploys (${runsDeploy(path)}) but ${notUpstreamNamed}; ${fix}`]);
    },
  );

  test("a validate task pointed at the deploy notebook deploys before any validation", () => {
    const job = prodTrainingJob();
    taskOf(job, "validate").notebookTask = notebook("deployment/notebooks/Deploy");
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([
      `Job 'prod-churn-training' task 'deploy' deploys (${byKey}; ${runsDeploy("deployment/notebooks/Deploy")}) but ${notUpstreamNamed}; ${fix}`,
      `Job 'prod-churn-training' task 'validate' deploys (${runsDeploy("deployment/notebooks/Deploy")}) but ${notUpstreamNamed}; ${fix}`,
    ]);
  });

  test("a task keyed like validation that runs another notebook validates nothing", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "validate_quick", dependsOns: [{ taskKey: "train" }], notebookTask: notebook("scratch/AlwaysPass") });
    taskOf(job, "deploy").dependsOns = [{ taskKey: "validate_quick" }];
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([`Job 'prod-churn-training' task 'deploy' deploys (${shippedDeploy}) but ${notUpstreamNamed}; ${fix}`]);
  });

  test("a deploy task that runs a notebook the stage does not name is refused", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").notebookTask = notebook("scratch/Promote");
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([
      "Job 'prod-churn-training' task 'deploy' runs 'scratch/Promote', which is not a deploy notebook of this stage (deployNotebookPaths: deployment/notebooks/Deploy); " +
        "a security reviewer adds a new repository layout's deploy notebook to this policy's config.",
    ]);
  });

  test("a project on the mlops-stacks layout passes once its notebooks are named, and not before", () => {
    const job = prodTrainingJob();
    taskOf(job, "validate").notebookTask = notebook("churn/validation/notebooks/ModelValidation");
    taskOf(job, "deploy").notebookTask = notebook("churn/deployment/model_deployment/notebooks/ModelDeployment");
    const both = {
      ...named,
      deployNotebookPaths: [...named.deployNotebookPaths, "churn/deployment/model_deployment/notebooks/ModelDeployment"],
      validationNotebookPaths: [...named.validationNotebookPaths, "churn/validation/notebooks/ModelValidation"],
    };
    expect(findUnvalidatedDeploys("r", job, both)).toEqual([]);
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([
      "Job 'prod-churn-training' task 'deploy' runs 'churn/deployment/model_deployment/notebooks/ModelDeployment', which is not a deploy notebook of this stage (deployNotebookPaths: deployment/notebooks/Deploy); " +
        "a security reviewer adds a new repository layout's deploy notebook to this policy's config.",
      `Job 'prod-churn-training' task 'deploy' deploys (${byKey}) but ${notUpstreamNamed}; ${fix}`,
    ]);
  });

  test("through the registered rule, the config's notebook paths apply", () => {
    const tasks = [
      { taskKey: "validate", notebookTask: notebook("validation/notebooks/Validate") },
      { taskKey: "ship", notebookTask: notebook("deployment/notebooks/Deploy") },
    ];
    const resource = { type: "databricks:index/job:Job", name: "training", props: { name: "j", tasks } };
    expect(invokeRule(jobsRequireValidationBeforeDeploy, resource, { deployNotebookPaths: ["deployment/notebooks/Deploy"] }).violations).toEqual([
      `Job 'j' task 'ship' deploys (${runsDeploy("deployment/notebooks/Deploy")}) but ${notUpstreamAny}; ${fix}`,
    ]);
  });
});
