/**
 * One stage of the MLOps architecture: everything a `dev`, `staging` or `prod` stack declares.
 * Composes the per-concern components (workspace, catalog, ML projects and their serving, monitoring
 * and alerts), each fed from the same `StageConfig`.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import { planCatalogAccess } from "./catalog-access";
import { type CatalogAccessPlan, type CatalogStorage, MlProject, resourceName, StageCatalog } from "../components";
import { declareCatalogStorage } from "./stage-storage";
import type { StageConfig } from "./config";
import { type ProjectOperations, type StageOperations, declareProjectOperations, declareStageOperations } from "./project-operations";
import { StageWorkspace } from "./stage-workspace";

/** Inputs of an `MlopsStage`. */
export interface MlopsStageArgs {
  /** The validated stage configuration (see `parseStageConfig`); it carries every default. */
  config: StageConfig;
}

/** All resources of one stage, under one component. */
export class MlopsStage extends pulumi.ComponentResource {
  /** The stage's workspace (adopted or created), its baseline and identities. */
  readonly workspace: StageWorkspace;
  /** The provider every workspace-level resource of the stage is created with. */
  readonly workspaceProvider: databricks.Provider;
  /** The catalog's own storage (create mode without `unityCatalog.storageRoot`); undefined otherwise. */
  readonly catalogStorage?: CatalogStorage;
  /** The stage catalog with its schemas, grants and bindings. */
  readonly unityCatalog: StageCatalog;
  /** The access plan the catalog was built from: grants per principal and workspace bindings. */
  readonly access: CatalogAccessPlan;
  /** The stage's ML projects (models, experiments, jobs), by project name. */
  readonly mlProjects: Record<string, MlProject>;
  /** Each project's serving endpoint, monitoring and online store, by project name. */
  readonly operations: Record<string, ProjectOperations>;
  /** What the projects share: the SQL warehouse (when a project is monitored). */
  readonly shared: StageOperations;

  constructor(name: string, args: MlopsStageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:index:MlopsStage", name, {}, opts);
    const { config } = args;
    const named = (...purpose: string[]) => resourceName(config.stage, config.mlProject, ...purpose);

    this.workspace = new StageWorkspace(named("stage-workspace"), { config }, { parent: this });
    this.workspaceProvider = this.workspace.provider;
    this.access = planCatalogAccess(config, this.workspace.devWorkspaceId);
    // What names the stage's groups and service principal (owners, grants, ACLs, run-as) waits for the identities:
    // their workspace assignments, and the groups themselves when the stack creates them.
    const principalsAssigned = [this.workspace.identities];
    // The library's components are named `<stage>-<mlProject>`, so their children keep the names they were first
    // deployed with (`<stage>-<mlProject>-catalog`, ...); the alias keeps each component's own first name.
    this.catalogStorage = declareCatalogStorage(named(), config, this.workspace, { parent: this, aliases: [{ name: named("catalog-storage") }] }, {
      timeProvider: this.workspace.created?.timeProvider,
      dependsOn: principalsAssigned,
    });

    this.unityCatalog = new StageCatalog(
      named(),
      {
        stage: config.stage,
        mlProject: config.mlProject,
        catalogName: config.unityCatalog.catalogName,
        schemas: config.unityCatalog.schemas,
        access: this.access,
        owner: config.unityCatalog.owner,
        storageRoot: this.catalogStorage?.storageRoot ?? config.unityCatalog.storageRoot,
        protectData: config.unityCatalog.protectData,
        // The stage's workspace is the stage's own: its jobs and people default to its catalog.
        workspaceDefault: true,
        principalsAssigned,
      },
      { parent: this, providers: [this.workspaceProvider], aliases: [{ name: named("unity-catalog") }] },
    );

    this.mlProjects = {};
    this.operations = {};
    this.shared = {
      ...declareStageOperations(config, { parent: this, provider: this.workspaceProvider }, principalsAssigned),
      ...(this.workspace.awsProvider ? { awsProvider: this.workspace.awsProvider } : {}),
    };
    config.mlProjects.forEach((project) => {
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
          principalsAssigned,
        },
        { parent: this, providers: [this.workspaceProvider] },
      );
      this.mlProjects[project.name] = mlProject;
      this.operations[project.name] = declareProjectOperations({ config, catalog: this.unityCatalog, shared: this.shared, principalsAssigned }, project, mlProject);
    });

    this.registerOutputs({
      catalogName: this.unityCatalog.catalogName,
      schemaFullNames: this.unityCatalog.schemaFullNames,
    });
  }
}
