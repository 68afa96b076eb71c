/**
 * The job and model rules as the Pulumi CLI runs them: the launched pack, driven over the Analyzer
 * protocol with the stage's policy config, over a prod stage with an ML project recorded from the
 * real program.
 */
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlannedStep } from "../../tools/plan/types";
import { REPOSITORY, rawProject, rawStageWith } from "../pipelines/fixtures";
import { recordStage, stepNamed } from "../support/record-stage";
import { policyConfigWithoutInventory } from "../support/policy-config";
import { PROJECT, STACK, replaceStep, withInputs } from "./fixtures";

const PACK_DIR = path.resolve(__dirname, "../../policies");
const JOB = "databricks:index/job:Job";

let session: PolicyPackSession;
let recorded: PlannedStep[];

beforeAll(async () => {
  [session, recorded] = await Promise.all([
    PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK }),
    recordStage(rawStageWith("prod", rawProject({ retraining: { metricsTable: "drift_metrics" } })), "prod"),
  ]);
});

afterAll(async () => {
  await session?.close();
});

const steps = () => structuredClone(recorded);
const job = (name: string) => stepNamed(steps(), JOB, `prod-churn-${name}`);

/**
 * Policy name, level and message line of each violation of a job or model rule of `all` under the
 * stage's config. The project has no monitoring, which the monitoring rules judge in their own tests.
 */
async function verdicts(stage: string, all: PlannedStep[]) {
  // A stack with one feature set, not the shipped prod stack the inventory describes.
  await session.configureFromFile(policyConfigWithoutInventory(stage));
  const outcome = await session.evaluate(all);
  return outcome.violations
    .filter((v) => v.policyName.startsWith("jobs-") || v.policyName.startsWith("models-"))
    .map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]]);
}

describe("job and model rules through the launched pack", () => {
  test("the program's prod project (training, trigger, inference, features, model) has no violation", async () => {
    expect(await verdicts("prod", steps())).toEqual([]);
  });

  test("each way to break the training job is a mandatory violation on prod", async () => {
    const training = job("training");
    const tasks = (training.inputs.tasks as Record<string, unknown>[]).map((task) =>
      task.taskKey === "deploy" ? { ...task, dependsOns: [{ taskKey: "train" }], existingClusterId: "0123-456789-abcdefgh" } : task,
    );
    const broken = withInputs(training, {
      runAs: undefined,
      gitSource: { url: REPOSITORY, provider: "gitHub", branch: "main" },
      emailNotifications: undefined,
      schedule: { quartzCronExpression: "0 0 4 ? * MON", timezoneId: "UTC", pauseStatus: "PAUSED" },
      tasks,
    });
    expect(await verdicts("prod", replaceStep(steps(), broken))).toEqual([
      ["jobs-require-service-principal-run-as", "mandatory", "Job 'prod-churn-training' sets no runAs, so it runs as whoever deployed it; set runAs.servicePrincipalName to the stage's service principal."],
      ["jobs-require-git-source", "mandatory", "Job 'prod-churn-training' runs branch 'main', which this stage does not allow (allowed branches: ^release(/[A-Za-z0-9._-]+)?$)."],
      [
        "jobs-require-validation-before-deploy",
        "mandatory",
        "Job 'prod-churn-training' task 'deploy' deploys (its key matches deployTaskPattern; it runs the deploy notebook 'deployment/notebooks/Deploy') but does not depend, directly or through tasks that require success, on a task that runs the validation code (validation/notebooks/Validate); make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.",
      ],
      ["jobs-require-failure-notifications", "mandatory", "Job 'prod-churn-training' notifies nobody when a run fails; set emailNotifications.onFailures or webhookNotifications.onFailures."],
      [
        "jobs-forbid-all-purpose-clusters",
        "mandatory",
        "Job 'prod-churn-training' task 'deploy' runs on the all-purpose cluster '0123-456789-abcdefgh'; use serverless compute or a job cluster.",
      ],
      [
        "jobs-forbid-paused-retraining",
        "mandatory",
        "Job 'prod-churn-training' (purpose: training) has its schedule paused, so retraining does not run; set pauseStatus UNPAUSED.",
      ],
    ]);
  });

  test("a deploy step is known by what it runs: a renamed deploy task, and a validate task that runs other code, are refused on prod", async () => {
    const training = job("training");
    const tasks = (training.inputs.tasks as Record<string, unknown>[]).map((task) => {
      if (task.taskKey === "deploy") return { ...task, taskKey: "publish" };
      if (task.taskKey === "validate") return { ...task, notebookTask: { ...(task.notebookTask as object), notebookPath: "validation/notebooks/Skip" } };
      return task;
    });
    expect(await verdicts("prod", replaceStep(steps(), withInputs(training, { tasks })))).toEqual([
      [
        "jobs-require-validation-before-deploy",
        "mandatory",
        "Job 'prod-churn-training' task 'publish' deploys (it runs the deploy notebook 'deployment/notebooks/Deploy') " +
          "but does not depend, directly or through tasks that require success, on a task that runs the validation code (validation/notebooks/Validate); make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.",
      ],
    ]);
  });

  test("dev config: people may run jobs, schedules may pause, any branch and all-purpose clusters are fine", async () => {
    const training = job("training");
    const tasks = (training.inputs.tasks as Record<string, unknown>[]).map((task) => ({ ...task, existingClusterId: "0123-456789-abcdefgh" }));
    const devLike = withInputs(training, {
      runAs: undefined,
      gitSource: { url: REPOSITORY, provider: "gitHub", branch: "feature/new-model" },
      schedule: { quartzCronExpression: "0 0 4 ? * MON", timezoneId: "UTC", pauseStatus: "PAUSED" },
      tasks,
    });
    const model = stepNamed(steps(), "databricks:index/registeredModel:RegisteredModel", "prod-churn-model");
    const inDevCatalog = withInputs(model, { catalogName: "prod_mlops" });
    // The recorded stage is prod's, so the dev config's workspace ids flag its bindings; only the job and model rules are at stake here.
    const jobAndModelVerdicts = (await verdicts("dev", replaceStep(replaceStep(steps(), devLike), inDevCatalog))).filter(([rule]) => /^(jobs|models)-/.test(rule));
    expect(jobAndModelVerdicts).toEqual([
      ["models-require-stage-catalog", "advisory", "Registered model 'churn_model' is in catalog 'prod_mlops', but this stage's catalogs are dev_mlops."],
    ]);
  });

  test("a task of another key running the deploy notebook before validation is refused with the shipped prod config", async () => {
    const training = job("training");
    const tasks = training.inputs.tasks as Record<string, unknown>[];
    const deploy = tasks.find((task) => task.taskKey === "deploy") as Record<string, unknown>;
    const promote = { ...deploy, taskKey: "promote", description: "Promote", dependsOns: [{ taskKey: "train" }] };
    expect(await verdicts("prod", replaceStep(steps(), withInputs(training, { tasks: [...tasks, promote] })))).toEqual([
      [
        "jobs-require-validation-before-deploy",
        "mandatory",
        "Job 'prod-churn-training' task 'promote' deploys (it runs the deploy notebook 'deployment/notebooks/Deploy') but does not depend, directly or through tasks that require success, on a task that runs the validation code (validation/notebooks/Validate); make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.",
      ],
    ]);
  });

  test("a model in another stage's catalog is a stack violation on the model", async () => {
    const model = stepNamed(steps(), "databricks:index/registeredModel:RegisteredModel", "prod-churn-model");
    expect(await verdicts("prod", replaceStep(steps(), withInputs(model, { catalogName: "dev_mlops" })))).toEqual([
      [
        "models-require-stage-catalog",
        "mandatory",
        "Registered model 'churn_model' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops); models are registered in the stage's own catalog.",
      ],
    ]);
  });

  test("a paused retraining trigger on staging is mandatory; a staging job on a release branch is refused", async () => {
    const trigger = job("retraining-trigger");
    const paused = withInputs(trigger, { trigger: { ...(trigger.inputs.trigger as object), pauseStatus: "PAUSED" } });
    const results = await verdicts("staging", replaceStep(steps(), paused));
    expect(results).toContainEqual([
      "jobs-forbid-paused-retraining",
      "mandatory",
      "Job 'prod-churn-retraining-trigger' (purpose: retraining-trigger) has its trigger paused, so retraining does not run; set pauseStatus UNPAUSED.",
    ]);
    expect(results.filter(([name]) => name === "jobs-require-git-source")).toHaveLength(4); // each of the four prod jobs
  });
});
