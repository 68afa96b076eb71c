/**
 * One stage of the MLOps architecture: everything a `dev`, `staging` or `prod` stack declares.
 * Composes the per-concern components; each later capability (workspace on AWS, ML pipelines,
 * serving, monitoring) is another child here, fed from the same `StageConfig`.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import { planCatalogAccess, type CatalogAccessPlan } from "./catalog-access";
import { CONFIG_NAMESPACE, type StageConfig } from "./config";
import { resourceName } from "./naming";
import { workspaceProvider } from "./providers";
import { StageCatalog } from "./stage-catalog";
import { MlProject } from "./pipelines/ml-project";
import { projectJobContext } from "./pipelines/jobs";
import { PROJECT_SCHEMAS, ucFullName } from "./pipelines/names";
import { ServingEndpoint } from "./serving/serving-endpoint";
import { ProjectMonitoring } from "./monitoring/project-monitoring";
import { declareStageWarehouse } from "./monitoring/warehouse";
import { NOTIFICATION_SECRETS_KEY } from "./monitoring/alerts-config";
import { OnlineStore } from "./online-store/online-store";

/** Inputs of an `MlopsStage`. */
export interface MlopsStageArgs {
  /** The validated stage configuration (see `parseStageConfig`); it carries every default. */
  config: StageConfig;
}

/** All resources of one stage, under one component. */
export class MlopsStage extends pulumi.ComponentResource {
  /** The provider every workspace-level resource of the stage is created with. */
  readonly workspaceProvider: databricks.Provider;
  /** The stage catalog with its schemas, grants and bindings. */
  readonly unityCatalog: StageCatalog;
  /** The access plan the catalog was built from: grants per principal and workspace bindings. */
  readonly access: CatalogAccessPlan;
  /** The stage's ML projects (models, experiments, jobs), by project name. */
  readonly mlProjects: Record<string, MlProject>;
  /** Serving endpoints of the projects with a `serving` block, by project name. */
  readonly servingEndpoints: Record<string, ServingEndpoint>;
  /** Monitors, alerts and retraining triggers of the projects with a `monitoring` block, by project name. */
  readonly monitoring: Record<string, ProjectMonitoring>;
  /** Online stores of the projects with an `onlineStore` block, by project name. */
  readonly onlineStores: Record<string, OnlineStore>;
  /** The SQL warehouse of the monitored tables and alerts; only when a project is monitored. */
  readonly warehouse?: databricks.SqlEndpoint;

  constructor(name: string, args: MlopsStageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:index:MlopsStage", name, {}, opts);
    const { config } = args;
    const named = (...purpose: string[]) => resourceName(config.stage, config.mlProject, ...purpose);

    this.workspaceProvider = workspaceProvider(named("workspace"), { host: config.workspace.host }, { parent: this });
    this.access = planCatalogAccess(config);

    this.unityCatalog = new StageCatalog(
      named("unity-catalog"),
      {
        stage: config.stage,
        mlProject: config.mlProject,
        catalogName: config.unityCatalog.catalogName,
        schemas: config.unityCatalog.schemas,
        access: this.access,
        owner: config.unityCatalog.owner,
        storageRoot: config.unityCatalog.storageRoot,
        protectData: config.unityCatalog.protectData,
      },
      { parent: this, providers: [this.workspaceProvider] },
    );

    this.mlProjects = {};
    this.servingEndpoints = {};
    this.monitoring = {};
    this.onlineStores = {};
    const identities = { stage: config.stage, groups: config.groups, servicePrincipal: config.servicePrincipal?.applicationId };
    if (config.mlProjects.some((project) => project.monitoring)) {
      this.warehouse = declareStageWarehouse(named("monitoring", "warehouse"), identities, { parent: this, provider: this.workspaceProvider });
    }
    const notificationSecrets =
      config.notificationSecretNames.length > 0
        ? new pulumi.Config(CONFIG_NAMESPACE).requireSecretObject<Record<string, string>>(NOTIFICATION_SECRETS_KEY)
        : undefined;
    config.mlProjects.forEach((project, projectIndex) => {
      const mlProject = new MlProject(
        resourceName(config.stage, project.name),
        {
          stage: config.stage,
          project,
          catalogName: config.unityCatalog.catalogName,
          modelSchemaName: this.unityCatalog.schemas.ml_assets.name,
          groups: config.groups,
          servicePrincipal: config.servicePrincipal?.applicationId,
          protectData: config.unityCatalog.protectData,
        },
        { parent: this, providers: [this.workspaceProvider] },
      );
      this.mlProjects[project.name] = mlProject;
      const catalogName = config.unityCatalog.catalogName;
      const inferenceSchema = this.unityCatalog.schemas.inference;
      let endpoint: ServingEndpoint | undefined;
      if (project.serving) {
        endpoint = new ServingEndpoint(
          resourceName(config.stage, project.name, "serving"),
          {
            serving: project.serving,
            placement: {
              stage: config.stage,
              project: project.name,
              catalogName,
              inferenceSchema: PROJECT_SCHEMAS.inference,
              modelFullName: ucFullName(catalogName, PROJECT_SCHEMAS.models, project.model.name),
            },
            projectIndex,
            after: [mlProject.model, inferenceSchema],
            groups: config.groups,
            servicePrincipal: identities.servicePrincipal,
          },
          { parent: mlProject },
        );
        this.servingEndpoints[project.name] = endpoint;
      }
      if (project.monitoring && this.warehouse) {
        this.monitoring[project.name] = new ProjectMonitoring(
          resourceName(config.stage, project.name, "monitoring"),
          {
            stage: config.stage,
            project: { ...project, monitoring: project.monitoring },
            jobContext: projectJobContext(config.stage, project, catalogName, identities.servicePrincipal),
            catalogName,
            schemas: { inference: inferenceSchema.name, monitoring: this.unityCatalog.schemas.monitoring.name },
            owner: config.unityCatalog.owner ?? config.groups.dataScientists,
            servicePrincipal: identities.servicePrincipal,
            groups: config.groups,
            warehouse: this.warehouse,
            ...(endpoint?.endpoint && project.serving
              ? {
                  endpoint: {
                    endpoint: endpoint.endpoint,
                    payloadTable: endpoint.payloadTableName as string,
                    inferenceTablePrefix: project.serving.inferenceTablePrefix,
                  },
                }
              : {}),
            trainingJob: mlProject.jobs.training as databricks.Job,
            ...(notificationSecrets ? { notificationSecrets } : {}),
            protectData: config.unityCatalog.protectData,
          },
          { parent: mlProject },
        );
      }
      if (project.onlineStore) {
        // AWS resources take the default AWS provider (region and credentials from the environment).
        this.onlineStores[project.name] = new OnlineStore(
          resourceName(config.stage, project.name, "online-store"),
          { stage: config.stage, project: project.name, store: project.onlineStore, protectData: config.unityCatalog.protectData },
          { parent: mlProject },
        );
      }
    });

    this.registerOutputs({
      catalogName: this.unityCatalog.catalogName,
      schemaFullNames: this.unityCatalog.schemaFullNames,
    });
  }
}
