/**
 * A second ML project whose repository follows Databricks' MLOps Stacks layout, through the plan CLI as users
 * run it: the staging stack of test/fixtures/Pulumi.mlops-stacks-staging.yaml plans clean with the policy-config
 * entries docs/configuration.md says such a project needs, and is refused without them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument } from "../../tools/plan/types";
import { shippedPolicyConfig } from "../support/policy-config";
import { type CliRun, ROOT, runPlanCli } from "./run-cli";

const FIXTURE = "test/fixtures/Pulumi.mlops-stacks-staging.yaml";
const CHURN_REPOSITORY = "https://github.com/example-org/churn-mlops-stacks";
const PRESET = {
  compute_features: "churn/feature_engineering/notebooks/GenerateAndWriteFeatures",
  train: "churn/training/notebooks/Train",
  validate: "churn/validation/notebooks/ModelValidation",
  deploy: "churn/deployment/model_deployment/notebooks/ModelDeployment",
  batch_inference: "churn/deployment/batch_inference/notebooks/BatchInference",
  check_metrics: "churn/monitoring/notebooks/CheckRetrainingSignal",
  unpack_inference: "churn/monitoring/notebooks/UnpackInferenceTable",
};

/** The staging policy config with the entries a security reviewer adds for the churn project, as the guide lists them. */
function reviewedPolicyConfig(): string {
  const config = JSON.parse(fs.readFileSync(shippedPolicyConfig("staging"), "utf8")) as Record<string, Record<string, string[]>>;
  config["jobs-require-git-source"].allowedRepositories.push(CHURN_REPOSITORY);
  config["jobs-require-validation-before-deploy"].deployNotebookPaths.push(PRESET.deploy);
  config["jobs-require-validation-before-deploy"].validationNotebookPaths.push(PRESET.validate);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "staging.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * The fixture with two ways around validation in the churn project's own config: an extra task that runs the
 * deploy notebook right after training, and the validate task pointed at the deploy notebook.
 */
function bypassingStackFile(): string {
  const bypass = [
    "      training:",
    "        extraTasks:",
    "          - key: promote",
    `            notebook: ${PRESET.deploy}`,
    "            dependsOn: [train]",
  ];
  const text = fs.readFileSync(path.join(ROOT, FIXTURE), "utf8").replace("        layout: mlops-stacks\n", `        layout: mlops-stacks\n        notebooks:\n          validate: ${PRESET.deploy}\n`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-")), "Pulumi.staging.yaml");
  fs.writeFileSync(file, `${text}${bypass.join("\n")}\n`);
  return file;
}

const runs = {} as Record<"reviewed" | "shipped" | "bypass", CliRun>;

beforeAll(async () => {
  const args = (stackFile: string) => ["--stack", "staging", "--config-file", stackFile, "--json"];
  const reviewed = reviewedPolicyConfig();
  [runs.reviewed, runs.shipped, runs.bypass] = await Promise.all([
    runPlanCli([...args(FIXTURE), "--policy-pack-config", reviewed]),
    runPlanCli(args(FIXTURE)),
    runPlanCli([...args(bypassingStackFile()), "--policy-pack-config", reviewed]),
  ]);
}, 120000);

type Job = { name: string; inputs: { gitSource: Record<string, string>; tasks: { taskKey: string; notebookTask?: { notebookPath: string; source: string } }[] } };

const churnJobs = (run: CliRun): Job[] =>
  (JSON.parse(run.stdout) as PlanDocument).steps.filter((s) => s.type === "databricks:index/job:Job" && s.name.startsWith("staging-churn-")) as unknown as Job[];

test("with the reviewers' entries the stack plans clean, and the churn jobs run the preset's notebooks from its repository", () => {
  expect([runs.reviewed.code, runs.reviewed.stderr]).toEqual([0, ""]);
  expect((JSON.parse(runs.reviewed.stdout) as PlanDocument).policyViolations).toEqual([]);
  const jobs = churnJobs(runs.reviewed);
  expect(jobs.map((job) => job.name).sort()).toEqual(
    ["batch-inference", "features", "inference-unpack", "integration-test", "retraining-trigger", "training"].map((purpose) => `staging-churn-${purpose}`),
  );
  const notebooks: Record<string, string> = {};
  for (const job of jobs) {
    expect(job.inputs.gitSource).toEqual({ url: CHURN_REPOSITORY, provider: "gitHub", branch: "main" });
    for (const task of job.inputs.tasks.filter((t) => t.notebookTask)) {
      expect(task.notebookTask!.source).toBe("GIT");
      notebooks[task.taskKey] = task.notebookTask!.notebookPath;
    }
  }
  expect(notebooks).toEqual(PRESET);
});

test("the shipped project keeps the default layout beside it", () => {
  const training = (JSON.parse(runs.reviewed.stdout) as PlanDocument).steps.find((s) => s.name === "staging-mlops-training") as unknown as Job;
  expect(training.inputs.tasks.map((task) => task.notebookTask?.notebookPath)).toEqual(["deployment/notebooks/Deploy", "training/notebooks/Train", "validation/notebooks/Validate"]);
});

test("with the shipped policy config, the new repository and its deploy notebook are refused until a reviewer names them", () => {
  expect(runs.shipped.code).toBe(1);
  const violations = (JSON.parse(runs.shipped.stdout) as PlanDocument).policyViolations;
  const byRule = (rule: string) => violations.filter((v) => v.policyName === rule).map((v) => v.message.split("\n")[1]);
  expect(byRule("jobs-require-git-source")).toHaveLength(6);
  expect(byRule("jobs-require-git-source")).toContain(
    "Job 'staging-churn-training' runs code from repository 'https://github.com/example-org/churn-mlops-stacks', which this stage does not allow (allowed repositories: https://github.com/example-org/mlops-ml-code).",
  );
  expect(byRule("jobs-require-validation-before-deploy")).toContain(
    `Job 'staging-churn-training' task 'deploy' runs '${PRESET.deploy}', which is not a deploy notebook of this stage (deployNotebookPaths: deployment/notebooks/Deploy); ` +
      "a security reviewer adds a new repository layout's deploy notebook to this policy's config.",
  );
  expect(new Set(violations.map((v) => v.policyName))).toEqual(new Set(["jobs-require-git-source", "jobs-require-validation-before-deploy"]));
});

test("a task that runs the deploy notebook before validation is refused, whatever its key or the key it replaces", () => {
  expect(runs.bypass.code).toBe(1);
  const violations = (JSON.parse(runs.bypass.stdout) as PlanDocument).policyViolations;
  expect(new Set(violations.map((v) => v.policyName))).toEqual(new Set(["jobs-require-validation-before-deploy"]));
  const notValidated = "does not depend, directly or through tasks that require success, on a task that runs the validation code " +
    "(validation/notebooks/Validate or churn/validation/notebooks/ModelValidation); make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.";
  const runsDeploy = "it runs the deploy notebook 'churn/deployment/model_deployment/notebooks/ModelDeployment'";
  const messages = violations.filter((v) => v.urn.endsWith("::staging-churn-training")).map((v) => v.message.split("\n")[1]);
  expect(messages).toEqual([
    `Job 'staging-churn-training' task 'deploy' deploys (its key matches deployTaskPattern; ${runsDeploy}; it passes the endpoint deployment parameter serving_config) but ${notValidated}`,
    `Job 'staging-churn-training' task 'promote' deploys (${runsDeploy}) but ${notValidated}`,
    `Job 'staging-churn-training' task 'validate' deploys (${runsDeploy}) but ${notValidated}`,
  ]);
});
