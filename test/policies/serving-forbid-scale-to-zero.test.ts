import { findDeploymentScaleToZero, findScaleToZero } from "../../policies/rules/serving-forbid-scale-to-zero";
import { trainingJob } from "../../components/pipelines/jobs";
import { jobContext, rawProject, stageWith } from "../pipelines/fixtures";
import { endpointWithServedEntities, prodEndpoint } from "./serving-fixtures";

describe("serving-forbid-scale-to-zero", () => {
  test("the program's prod endpoint declares no served entities; one that declares them warm passes", () => {
    expect(findScaleToZero("r", prodEndpoint())).toEqual([]);
    expect(findScaleToZero("r", endpointWithServedEntities())).toEqual([]);
  });

  test("a served entity that scales to zero", () => {
    const endpoint = endpointWithServedEntities();
    const entities = (endpoint.config as { servedEntities: Record<string, unknown>[] }).servedEntities;
    entities[1].scaleToZeroEnabled = true;
    expect(findScaleToZero("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' lets served entity 'challenger' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });

  test("a deprecated served model that scales to zero", () => {
    const endpoint = { ...endpointWithServedEntities(), config: { servedModels: [{ name: "legacy", modelName: "m", modelVersion: "1", scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("r", endpoint)).toHaveLength(1);
  });

  test("a deprecated served model that leaves scaleToZeroEnabled unset scales to zero (the provider's default)", () => {
    const endpoint = {
      ...prodEndpoint(),
      config: { servedModels: [{ name: "legacy", modelName: "m", modelVersion: "1" }, { name: "warm", modelName: "m", modelVersion: "2", scaleToZeroEnabled: false }, { name: "nulled", modelName: "m", modelVersion: "3", scaleToZeroEnabled: null }] },
    };
    const unset = (name: string) =>
      `Endpoint 'prod-churn' lets served entity '${name}' scale to zero (unset: its documented default is true), so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.`;
    expect(findScaleToZero("r", endpoint)).toEqual([unset("legacy"), unset("nulled")]);
  });

  test("a served entity that leaves scaleToZeroEnabled unset, or sets anything but false, is reported", () => {
    const endpoint = {
      ...prodEndpoint(),
      config: {
        servedEntities: [
          { name: "champion", entityName: "prod_mlops.models.churn", entityVersion: "3" },
          { name: "nulled", entityName: "prod_mlops.models.churn", entityVersion: "3", scaleToZeroEnabled: null },
          { name: "texted", entityName: "prod_mlops.models.churn", entityVersion: "4", scaleToZeroEnabled: "true" },
          { name: "warm", entityName: "prod_mlops.models.churn", entityVersion: "4", scaleToZeroEnabled: false },
        ],
      },
    };
    const tail = "so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.";
    expect(findScaleToZero("r", endpoint)).toEqual([
      `Endpoint 'prod-churn' lets served entity 'champion' scale to zero (unset: its documented default is true), ${tail}`,
      `Endpoint 'prod-churn' lets served entity 'nulled' scale to zero (unset: its documented default is true), ${tail}`,
      `Endpoint 'prod-churn' lets served entity 'texted' scale to zero ("true" is not false), ${tail}`,
    ]);
  });

  test("an external model's entity, which cannot scale, passes unset but not set to scale", () => {
    const externalModel = { name: "gpt", provider: "openai", task: "llm/v1/chat" };
    const endpoint = { ...endpointWithServedEntities(), config: { servedEntities: [{ name: "proxy", externalModel }, { name: "odd", externalModel, scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' lets served entity 'odd' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });

  test("a nameless served entity that scales to zero is still reported", () => {
    const endpoint = { config: { servedEntities: [{ entityName: "prod_mlops.models.churn", scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("prod-churn-endpoint", endpoint)).toEqual([
      "Endpoint 'prod-churn-endpoint' lets served entity '?' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });
});

describe("serving-forbid-scale-to-zero on a deployment task's serving_config", () => {
  const deployment = (entities: unknown[]) => JSON.stringify({ endpoint_name: "prod-churn", served_entities: entities, traffic_config: { routes: [] } });
  const warm = { name: "champion", entity_name: "prod_mlops.ml_assets.churn_model", alias: "Champion", workload_size: "Small", scale_to_zero_enabled: false };
  const training = (servingConfig: unknown, where: "task" | "job" | "for-each" = "task") => {
    const deploy = { taskKey: "deploy", notebookTask: { notebookPath: "deployment/notebooks/Deploy", source: "GIT", baseParameters: { serving_config: servingConfig } } };
    if (where === "job") return { name: "prod-churn-training", tasks: [], parameters: [{ name: "serving_config", default: servingConfig }] };
    if (where === "for-each") return { name: "prod-churn-training", tasks: [{ taskKey: "each", forEachTask: { inputs: "[1]", task: deploy } }] };
    return { name: "prod-churn-training", tasks: [deploy] };
  };

  test("the program's prod training job deploys warm entities only", () => {
    const job = structuredClone(trainingJob(jobContext(stageWith("prod", rawProject({ serving: { challenger: {} } }))))) as Record<string, unknown>;
    expect(JSON.stringify(job)).toContain("serving_config");
    expect(findDeploymentScaleToZero("r", job)).toEqual([]);
    expect(findDeploymentScaleToZero("r", training(deployment([warm])))).toEqual([]);
  });

  test("an entity that scales to zero, or leaves it unset, in a task, a for-each task or a job parameter", () => {
    const tail = "so a request after an idle period waits minutes for a cold start; set it to false.";
    expect(findDeploymentScaleToZero("r", training(deployment([warm, { ...warm, name: "challenger", scale_to_zero_enabled: true }])))).toEqual([
      `Job 'prod-churn-training' deploys served entity 'challenger' (task 'deploy', serving_config) with scale_to_zero_enabled true, ${tail}`,
    ]);
    const { scale_to_zero_enabled: _unset, ...unset } = warm;
    expect(findDeploymentScaleToZero("r", training(deployment([unset]), "for-each"))).toEqual([
      `Job 'prod-churn-training' deploys served entity 'champion' (task 'each/deploy', serving_config) with scale_to_zero_enabled unset, ${tail}`,
    ]);
    expect(findDeploymentScaleToZero("r", training(deployment([{ ...warm, scale_to_zero_enabled: "false" }]), "job"))).toEqual([
      `Job 'prod-churn-training' deploys served entity 'champion' (job parameter, serving_config) with scale_to_zero_enabled "false", ${tail}`,
    ]);
  });

  test("a serving_config that is not the JSON the deployment task reads cannot be judged, so it is reported", () => {
    const unreadable = (value: unknown) => findDeploymentScaleToZero("r", training(value));
    const message =
      "Job 'prod-churn-training' passes serving_config in task 'deploy', but not as JSON with served_entities, so whether its endpoint scales to zero cannot be judged; pass the JSON the program builds.";
    expect(unreadable("{not json")).toEqual([message]);
    expect(unreadable(JSON.stringify({ served_entities: "all" }))).toEqual([message]);
    expect(unreadable(42)).toEqual([message]);
  });
});
