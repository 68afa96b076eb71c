/**
 * What runs an ML project once its pipelines exist: the serving endpoint, the monitors, alerts and
 * retraining trigger, and the online store, each declared under the project's `MlProject` from its
 * config block; plus what the projects of a stage share (the SQL warehouse, the secret destination URLs).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import type * as databricks from "@pulumi/databricks";
import { CONFIG_NAMESPACE, type StageConfig } from "./config";
import { declareStageWarehouse, type MlProject, type MlProjectConfig, NOTIFICATION_SECRETS_KEY, OnlineStore, PROJECT_SCHEMAS, projectJobContext, ProjectMonitoring, resourceName, ServingEndpoint, type StageCatalog, ucFullName } from "../components";

/** What the projects of a stage share. */
export interface StageOperations {
  /** The SQL warehouse of the monitored tables and alerts; only when a project is monitored. */
  warehouse?: databricks.SqlEndpoint;
  /** The secret `notificationSecrets` config key; only when the stack sets it. */
  notificationSecrets?: pulumi.Output<Record<string, string>>;
  /** The AWS provider pinned to the stage's account and region; only when the stage names its AWS account (always in create mode). */
  awsProvider?: AwsProvider;
}

/** A project's endpoint, monitoring and online store; each only when its config block is set. */
export interface ProjectOperations {
  endpoint?: ServingEndpoint;
  monitoring?: ProjectMonitoring;
  onlineStore?: OnlineStore;
}

/**
 * Declares what the stage's projects share, under `opts.parent` with the workspace provider; what names the stage's
 * principals waits for `principalsAssigned` (default none).
 */
export function declareStageOperations(config: StageConfig, opts: pulumi.CustomResourceOptions, principalsAssigned: pulumi.Resource[] = []): StageOperations {
  const identities = { stage: config.stage, groups: config.groups, servicePrincipal: config.servicePrincipal?.applicationId };
  return {
    ...(config.mlProjects.some((project) => project.monitoring)
      ? { warehouse: declareStageWarehouse(resourceName(config.stage, config.mlProject, "monitoring", "warehouse"), identities, opts, principalsAssigned) }
      : {}),
    ...(config.notificationSecretNames.length > 0
      ? { notificationSecrets: new pulumi.Config(CONFIG_NAMESPACE).requireSecretObject<Record<string, string>>(NOTIFICATION_SECRETS_KEY) }
      : {}),
  };
}

/** Declares the operations of one project as children of its `MlProject`; `principalsAssigned` as in `MlProjectArgs`. */
export function declareProjectOperations(
  stage: { config: StageConfig; catalog: StageCatalog; shared: StageOperations; principalsAssigned?: pulumi.Resource[] },
  project: MlProjectConfig,
  mlProject: MlProject,
): ProjectOperations {
  const { config, catalog, shared } = stage;
  const principalsAssigned = stage.principalsAssigned ?? [];
  const catalogName = config.unityCatalog.catalogName;
  const servicePrincipal = config.servicePrincipal?.applicationId;
  const named = (...purpose: string[]) => resourceName(config.stage, project.name, ...purpose);
  const operations: ProjectOperations = {};
  if (project.serving) {
    operations.endpoint = new ServingEndpoint(
      named(),
      {
        serving: project.serving,
        placement: {
          stage: config.stage,
          project: project.name,
          catalogName,
          inferenceSchema: PROJECT_SCHEMAS.inference,
          modelFullName: ucFullName(catalogName, PROJECT_SCHEMAS.models, project.model.name),
        },
        after: [mlProject.model, catalog.schemas[PROJECT_SCHEMAS.inference]],
        groups: config.groups,
        servicePrincipal,
        principalsAssigned,
      },
      // Named `<stage>-<project>` so its children keep their names; the alias keeps the component's first name.
      { parent: mlProject, aliases: [{ name: named("serving") }] },
    );
  }
  const endpoint = operations.endpoint;
  if (project.monitoring && shared.warehouse) {
    operations.monitoring = new ProjectMonitoring(
      named(),
      {
        stage: config.stage,
        project: { ...project, monitoring: project.monitoring },
        jobContext: projectJobContext(config.stage, project, catalogName, servicePrincipal),
        catalogName,
        schemas: { inference: catalog.schemas[PROJECT_SCHEMAS.inference].name, monitoring: catalog.schemas[PROJECT_SCHEMAS.monitoring].name },
        owner: config.unityCatalog.owner ?? config.groups.dataScientists,
        servicePrincipal,
        groups: config.groups,
        warehouse: shared.warehouse,
        ...(endpoint && project.serving
          ? { endpoint: { endpoint: endpoint.endpoint, payloadTable: endpoint.payloadTableName, inferenceTablePrefix: project.serving.inferenceTablePrefix } }
          : {}),
        trainingJob: mlProject.jobs.training as databricks.Job,
        ...(shared.notificationSecrets ? { notificationSecrets: shared.notificationSecrets } : {}),
        protectData: config.unityCatalog.protectData,
        assetsFolder: mlProject.experimentFolder,
        principalsAssigned,
      },
      // Named `<stage>-<project>` so its children keep their names; the alias keeps the component's first name.
      { parent: mlProject, aliases: [{ name: named("monitoring") }] },
    );
  }
  if (project.onlineStore) {
    // The stage's pinned AWS provider: the store lands in the stage's account, and other credentials are
    // refused. The config requires one for every stage with a store (`workspace.aws` in adopt mode); a caller that
    // gives none gets the default provider, which the offline plan refuses (explicit-provider).
    operations.onlineStore = new OnlineStore(
      named("online-store"),
      { stage: config.stage, project: project.name, store: project.onlineStore, protectData: config.unityCatalog.protectData },
      { parent: mlProject, ...(shared.awsProvider ? { providers: [shared.awsProvider] } : {}) },
    );
  }
  return operations;
}
