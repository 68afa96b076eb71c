/** The MlProject component under Pulumi's mock runtime: what each stage registers, as the engine sees it. */
import { checkMlProjectArgs } from "../../components/pipelines/ml-project";
import { fakeNumericId } from "../../tools/plan/mock-outputs";
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage, stepNamed, stepsOfType } from "../support/record-stage";
import { SP_PROD, SP_STAGING } from "../support/stage-configs";
import { rawProject, rawStageWith, stageWith } from "./fixtures";

const JOB = "databricks:index/job:Job";
const MODEL = "databricks:index/registeredModel:RegisteredModel";
const GRANTS = "databricks:index/grants:Grants";
const PERMISSIONS = "databricks:index/permissions:Permissions";
const EXPERIMENT = "databricks:index/mlflowExperiment:MlflowExperiment";
const PROJECT = "databricks-mlops:pipelines:MlProject";

let dev: PlannedStep[];
let staging: PlannedStep[];
let prod: PlannedStep[];

beforeAll(async () => {
  const retraining = { metricsTable: "churn_model_predictions_drift_metrics" };
  dev = await recordStage(rawStageWith("dev", rawProject()), "dev");
  staging = await recordStage(rawStageWith("staging", rawProject({ retraining })), "staging");
  prod = await recordStage(rawStageWith("prod", rawProject({ retraining }), rawProject({ name: "fraud" })), "prod");
});

const names = (steps: PlannedStep[], type: string) => stepsOfType(steps, type).map((step) => step.name).sort();

describe("MlProject", () => {
  test("is one component per project, a child of the stage, on the stage's workspace provider", () => {
    const stage = stepNamed(prod, "databricks-mlops:index:MlopsStage", "prod-mlops");
    const projects = stepsOfType(prod, PROJECT);
    expect(projects.map((p) => [p.name, p.parent])).toEqual([
      ["prod-churn", stage.urn],
      ["prod-fraud", stage.urn],
    ]);
    const provider = stepNamed(prod, "pulumi:providers:databricks", "prod-mlops-workspace");
    const children = prod.filter((step) => projects.some((p) => p.urn === step.parent));
    expect(children.length).toBeGreaterThan(0);
    for (const step of children) expect(step.provider.startsWith(`${provider.urn}::`)).toBe(true);
  });

  test("declares per stage: model, grants, experiment, jobs with permissions; the trigger with a metrics table, the integration test on staging", () => {
    expect(names(dev, JOB)).toEqual(["dev-churn-batch-inference", "dev-churn-features", "dev-churn-training"]);
    expect(names(staging, JOB)).toEqual([
      "staging-churn-batch-inference",
      "staging-churn-features",
      "staging-churn-integration-test",
      "staging-churn-retraining-trigger",
      "staging-churn-training",
    ]);
    expect(names(prod, JOB)).toHaveLength(4 + 3);
    expect(names(staging, PERMISSIONS)).toEqual([
      "staging-churn-batch-inference-permissions",
      "staging-churn-experiment-permissions",
      "staging-churn-features-permissions",
      "staging-churn-integration-test-permissions",
      "staging-churn-retraining-trigger-permissions",
      "staging-churn-training-permissions",
    ]);
    for (const steps of [dev, staging]) {
      expect(stepsOfType(steps, MODEL)).toHaveLength(1);
      expect(stepsOfType(steps, EXPERIMENT)).toHaveLength(1);
    }
  });

  test("registers the model in the stage catalog's ml_assets schema, owned by the service principal, protected on prod", () => {
    const model = stepNamed(prod, MODEL, "prod-churn-model");
    expect(model.inputs).toEqual({
      name: "churn_model",
      catalogName: "prod_mlops",
      schemaName: "ml_assets",
      owner: SP_PROD,
      comment: "Model of the churn ML project on prod; versions are registered by its training job. Managed by Pulumi.",
    });
    expect(model.propertyDependencies.schemaName).toEqual([stepNamed(prod, "databricks:index/schema:Schema", "prod-mlops-schema-ml-assets").urn]);
    expect([model.protect, model.retainOnDelete]).toEqual([true, true]);
    const stagingModel = stepNamed(staging, MODEL, "staging-churn-model");
    expect([stagingModel.inputs.owner, stagingModel.protect, stagingModel.retainOnDelete]).toEqual([SP_STAGING, false, false]);
    expect(stepNamed(dev, MODEL, "dev-churn-model").inputs.owner).toBe("mlops-data-scientists");
  });

  test("grants EXECUTE on the model to the scoring groups, in one authoritative Grants", () => {
    const grants = stepNamed(prod, GRANTS, "prod-churn-model-grants");
    expect(grants.inputs).toEqual({
      model: "prod_mlops.ml_assets.churn_model",
      grants: [
        { principal: "mlops-data-scientists", privileges: ["EXECUTE"] },
        { principal: "mlops-ml-engineers", privileges: ["EXECUTE"] },
      ],
    });
    expect(grants.dependencies).toContain(stepNamed(prod, MODEL, "prod-churn-model").urn);
    expect(stepsOfType(prod, "databricks:index/grant:Grant")).toEqual([]);
  });

  test("an experiment per project and stage: read-only for people on prod, managed by the service principal", () => {
    const experiment = stepNamed(prod, EXPERIMENT, "prod-churn-experiment");
    // No tags: the provider never updates them (mlflow/resource_mlflow_experiment.go), so they could only drift.
    expect(experiment.inputs).toEqual({ name: "/Shared/churn/prod-churn-experiment" });
    // MLflow creates no parent folders: the experiment waits for its folder, protected like it on prod.
    const folder = stepNamed(prod, "databricks:index/directory:Directory", "prod-churn-experiment-folder");
    expect(folder.inputs).toEqual({ path: "/Shared/churn", deleteRecursive: false });
    expect(experiment.dependencies).toContain(folder.urn);
    expect([folder.protect, folder.retainOnDelete]).toEqual([true, true]);
    expect(stepNamed(prod, PERMISSIONS, "prod-churn-experiment-permissions").inputs).toEqual({
      experimentId: "prod-churn-experiment-id",
      accessControls: [
        { servicePrincipalName: SP_PROD, permissionLevel: "CAN_MANAGE" },
        { groupName: "mlops-data-scientists", permissionLevel: "CAN_READ" },
        { groupName: "mlops-ml-engineers", permissionLevel: "CAN_READ" },
      ],
    });
    expect(stepNamed(dev, PERMISSIONS, "dev-churn-experiment-permissions").inputs.accessControls).toEqual([
      { groupName: "mlops-data-scientists", permissionLevel: "CAN_MANAGE" },
      { groupName: "mlops-ml-engineers", permissionLevel: "CAN_MANAGE" },
    ]);
  });

  test("job permissions: the service principal owns, ML engineers manage runs, data scientists view on prod", () => {
    const training = stepNamed(prod, JOB, "prod-churn-training");
    expect(stepNamed(prod, PERMISSIONS, "prod-churn-training-permissions").inputs).toEqual({
      jobId: fakeNumericId("prod-churn-training"),
      accessControls: [
        { servicePrincipalName: SP_PROD, permissionLevel: "IS_OWNER" },
        { groupName: "mlops-data-scientists", permissionLevel: "CAN_VIEW" },
        { groupName: "mlops-ml-engineers", permissionLevel: "CAN_VIEW" },
      ],
    });
    expect(stepNamed(prod, PERMISSIONS, "prod-churn-training-permissions").dependencies).toContain(training.urn);
    expect(stepNamed(dev, PERMISSIONS, "dev-churn-training-permissions").inputs.accessControls).toEqual([
      { groupName: "mlops-data-scientists", permissionLevel: "CAN_MANAGE" },
      { groupName: "mlops-ml-engineers", permissionLevel: "CAN_MANAGE" },
    ]);
  });

  test("the retraining trigger runs the training job by its numeric id", () => {
    const trigger = stepNamed(staging, JOB, "staging-churn-retraining-trigger");
    const retrain = (trigger.inputs.tasks as { taskKey: string; runJobTask?: { jobId: number } }[]).find((task) => task.taskKey === "retrain");
    expect(retrain?.runJobTask).toEqual({ jobId: Number(fakeNumericId("staging-churn-training")) });
    expect(trigger.dependencies).toContain(stepNamed(staging, JOB, "staging-churn-training").urn);
    expect(trigger.inputs.trigger).toMatchObject({ tableUpdate: { tableNames: ["staging_mlops.monitoring.churn_model_predictions_drift_metrics"] } });
  });

  test("the job inputs are the builders' output, with tasks sorted by key", () => {
    const training = stepNamed(prod, JOB, "prod-churn-training");
    expect((training.inputs.tasks as { taskKey: string }[]).map((task) => task.taskKey)).toEqual(["deploy", "train", "validate"]);
    expect(training.inputs).toMatchObject({ runAs: { servicePrincipalName: SP_PROD }, gitSource: { branch: "release" }, maxConcurrentRuns: 1 });
  });
});

describe("checkMlProjectArgs", () => {
  test("refuses a staging or prod project without the stage's service principal, before anything is registered", () => {
    const config = stageWith("staging");
    const args = { stage: config.stage, project: config.mlProjects[0], catalogName: "staging_mlops", groups: config.groups };
    const issuesOf = (checked: Parameters<typeof checkMlProjectArgs>[0]) => {
      const issues: string[] = [];
      checkMlProjectArgs(checked, (path, reason) => issues.push(`${path.join(".")}: ${reason}`));
      return issues;
    };
    expect(issuesOf(args)).toEqual(["servicePrincipal: required on staging; jobs there run as the stage's service principal"]);
    expect(issuesOf({ ...args, servicePrincipal: SP_STAGING })).toEqual([]);
  });
});

