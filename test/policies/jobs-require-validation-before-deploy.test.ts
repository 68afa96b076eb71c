import { DEFAULT_VALIDATION_CONFIG, findUnvalidatedDeploys, jobsRequireValidationBeforeDeploy } from "../../policies/rules/jobs-require-validation-before-deploy";
import { invokeRule } from "./invoke-rule";
import { prodBatchInferenceJob, prodTrainingJob, taskOf, tasksOf } from "./job-fixtures";

const config = DEFAULT_VALIDATION_CONFIG;
const fix = "make it depend on the validation task with runIf ALL_SUCCESS.";
const notUpstream = "does not depend, directly or through tasks that require success, on a validation task";

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
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' ${notUpstream}; ${fix}`]);
  });

  test("deploy depending on train only", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").dependsOns = [{ taskKey: "train" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' ${notUpstream}; ${fix}`]);
  });

  test("deploy that runs whatever validation did", () => {
    const job = prodTrainingJob();
    taskOf(job, "deploy").runIf = "ALL_DONE";
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([
      `Job 'prod-churn-training' task 'deploy' runs with runIf ALL_DONE, so it runs even when validation failed; ${fix}`,
    ]);
  });

  test("a task in between that runs even when validation failed", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "report", dependsOns: [{ taskKey: "validate" }], runIf: "AT_LEAST_ONE_SUCCESS" });
    taskOf(job, "deploy").dependsOns = [{ taskKey: "report" }];
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'prod-churn-training' task 'deploy' ${notUpstream}; ${fix}`]);
  });

  test("a deploy task inside a for-each task is checked too", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "each", forEachTask: { inputs: "[1]", task: { taskKey: "deploy_region" } } });
    expect(findUnvalidatedDeploys("r", job, { ...config, deployTaskPattern: "deploy" })).toEqual([
      `Job 'prod-churn-training' task 'each/deploy_region' ${notUpstream}; ${fix}`,
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
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'j' task 'deploy' ${notUpstream}; ${fix}`]);
  });

  test("a dependency on a task the job does not have validates nothing", () => {
    const job = { name: "j", tasks: [{ taskKey: "deploy", dependsOns: [{ taskKey: "missing" }] }] };
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([`Job 'j' task 'deploy' ${notUpstream}; ${fix}`]);
  });
});

describe("jobs-require-validation-before-deploy, the registered rule", () => {
  const job = (tasks: Record<string, unknown>[]) => ({ type: "databricks:index/job:Job", name: "training", props: { name: "j", tasks } });
  const release = [{ taskKey: "release" }];

  test("without a config the default task patterns apply", () => {
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job([{ taskKey: "deploy" }]), {}).violations).toEqual([
      `Job 'j' task 'deploy' ${notUpstream}; ${fix}`,
    ]);
  });

  test("a config that sets only the deploy pattern keeps the default validation pattern", () => {
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job(release), { deployTaskPattern: "^release" }).violations).toEqual([
      `Job 'j' task 'release' ${notUpstream}; ${fix}`,
    ]);
    const validated = [{ taskKey: "validate" }, { taskKey: "release", dependsOns: [{ taskKey: "validate" }] }];
    expect(invokeRule(jobsRequireValidationBeforeDeploy, job(validated), { deployTaskPattern: "^release" })).toEqual({ violations: [] });
  });
});

describe("jobs-require-validation-before-deploy, with the stage's deploy and validation notebooks named", () => {
  const named = { ...config, deployNotebookPaths: ["deployment/notebooks/Deploy"], validationNotebookPaths: ["validation/notebooks/Validate"] };
  const notebook = (path: string) => ({ notebookPath: path, source: "GIT", baseParameters: {} });
  const notUpstreamNamed = `${notUpstream} (one that runs validation/notebooks/Validate)`;

  test("the program's training workflow passes: its tasks run the named notebooks", () => {
    expect(findUnvalidatedDeploys("r", prodTrainingJob(), named)).toEqual([]);
    expect(findUnvalidatedDeploys("r", prodBatchInferenceJob(), named)).toEqual([]);
  });

  test("a task of another key that runs the deploy notebook before validation is a deploy task", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "promote", dependsOns: [{ taskKey: "train" }], notebookTask: notebook("deployment/notebooks/Deploy") });
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([`Job 'prod-churn-training' task 'promote' ${notUpstreamNamed}; ${fix}`]);
    // Without the named notebooks the key alone decides, and the renamed task slips through: why the shipped configs name them.
    expect(findUnvalidatedDeploys("r", job, config)).toEqual([]);
  });

  test.each(["./deployment/notebooks/Deploy", "deployment//notebooks/Deploy/", "deployment/notebooks/Deploy.py", "training/../deployment/notebooks/Deploy"])(
    "the deploy notebook written as %s is the same notebook",
    (path) => {
      const job = prodTrainingJob();
      tasksOf(job).push({ taskKey: "promote", sparkPythonTask: { pythonFile: path, source: "GIT" } });
      expect(findUnvalidatedDeploys("r", job, named)).toEqual([`Job 'prod-churn-training' task 'promote' ${notUpstreamNamed}; ${fix}`]);
    },
  );

  test("a validate task pointed at the deploy notebook deploys before any validation", () => {
    const job = prodTrainingJob();
    taskOf(job, "validate").notebookTask = notebook("deployment/notebooks/Deploy");
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([
      `Job 'prod-churn-training' task 'deploy' ${notUpstreamNamed}; ${fix}`,
      `Job 'prod-churn-training' task 'validate' ${notUpstreamNamed}; ${fix}`,
    ]);
  });

  test("a task keyed like validation that runs another notebook validates nothing", () => {
    const job = prodTrainingJob();
    tasksOf(job).push({ taskKey: "validate_quick", dependsOns: [{ taskKey: "train" }], notebookTask: notebook("scratch/AlwaysPass") });
    taskOf(job, "deploy").dependsOns = [{ taskKey: "validate_quick" }];
    expect(findUnvalidatedDeploys("r", job, named)).toEqual([`Job 'prod-churn-training' task 'deploy' ${notUpstreamNamed}; ${fix}`]);
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
      `Job 'prod-churn-training' task 'deploy' ${notUpstreamNamed}; ${fix}`,
    ]);
  });

  test("through the registered rule, the config's notebook paths apply", () => {
    const tasks = [
      { taskKey: "validate", notebookTask: notebook("validation/notebooks/Validate") },
      { taskKey: "ship", notebookTask: notebook("deployment/notebooks/Deploy") },
    ];
    const resource = { type: "databricks:index/job:Job", name: "training", props: { name: "j", tasks } };
    expect(invokeRule(jobsRequireValidationBeforeDeploy, resource, { deployNotebookPaths: ["deployment/notebooks/Deploy"] }).violations).toEqual([
      `Job 'j' task 'ship' ${notUpstream}; ${fix}`,
    ]);
  });
});
