/**
 * One ML project on one stage: its registered model (with grants), its MLflow experiment (with
 * permissions) and its jobs (features, training, batch inference, the retraining trigger when a
 * metrics table is configured, and the integration test on staging), each with permissions.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { PROJECT_NAME_ALLOWED, SHORT_NAME_PATTERN, UC_NAME_ALLOWED, UC_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import { type AddIssue, GROUP_ALLOWED, groupSchema } from "../config-fields";
import { isApplicationId } from "../principals";
import { isAutomatedStage, type Stage, STAGES } from "../stages";
import { experimentAccess, jobAccess, modelGrants, modelOwner } from "./access";
import { metricsTableFullName, projectJobContext, projectJobs, retrainingSummary, retrainingTriggerJob } from "./jobs";
import { JOB_PURPOSES, type JobPurpose, PROJECT_SCHEMAS, parentFolder, ucFullName } from "./names";
import type { MlProjectConfig } from "./project-config";
import { assertJobGraphs } from "./preflight";
import { dataProtection } from "../resource-options";

/** Inputs of an `MlProject`. */
export interface MlProjectArgs {
  /** The stage the project is deployed to. */
  stage: Stage;
  /** The validated project config (see `resolveMlProjects`). */
  project: MlProjectConfig;
  /** Name of the stage catalog, e.g. `prod_mlops`. */
  catalogName: string;
  /**
   * The `ml_assets` schema's name as an output of the schema resource, so the model is created after
   * the schema exists. Default: the plain name `ml_assets` (no ordering).
   */
  modelSchemaName?: pulumi.Input<string>;
  /** The stage's account groups. */
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's deployment service principal (application id): owns the model, runs the jobs. Required on staging and prod; default none (dev: jobs run as their owner). */
  servicePrincipal?: string;
  /** Protect the registered model and the experiment against deletion (`protect` and `retainOnDelete`). Default false; true on prod. */
  protectData?: boolean;
  /**
   * The workspace assignments of the stage's groups and service principal (`StageWorkspace.identities`). What
   * names them inside the workspace waits for them: the jobs and alerts that run as the service principal and the
   * ACLs that name the groups (the workspace resolves those principals among its members, server-side). Default
   * none: the principals are in the workspace already.
   */
  principalsAssigned?: pulumi.Resource[];
}

/**
 * What an `MlProject` refuses before it registers anything: what the API would reject at apply time (no service
 * principal to run the jobs on staging or prod) and a stage, project, catalog or group the stack file could not give.
 */
export function checkMlProjectArgs(args: MlProjectArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.project?.name, SHORT_NAME_PATTERN, PROJECT_NAME_ALLOWED, ["project", "name"], addIssue);
  checkTextArg(args.catalogName, UC_NAME_PATTERN, UC_NAME_ALLOWED, ["catalogName"], addIssue);
  for (const key of ["dataScientists", "mlEngineers"] as const) {
    if (!groupSchema.safeParse(args.groups?.[key]).success) addIssue(["groups", key], GROUP_ALLOWED);
  }
  if (args.servicePrincipal !== undefined && !isApplicationId(args.servicePrincipal)) addIssue(["servicePrincipal"], APPLICATION_ID_ALLOWED);
  if (STAGES.includes(args.stage) && isAutomatedStage(args.stage) && args.servicePrincipal === undefined) {
    addIssue(["servicePrincipal"], `required on ${args.stage}; jobs there run as the stage's service principal`);
  }
}

/** What a service principal application id looks like. */
const APPLICATION_ID_ALLOWED = "a service principal application id (UUID), e.g. \"6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f\"";

/**
 * An ML project's model, experiment and jobs on one stage. Its children are named from its own name:
 * `<name>-model`, `<name>-model-grants`, `<name>-experiment-folder`, `<name>-experiment`,
 * `<name>-experiment-permissions`, `<name>-<job purpose>` and `<name>-<job purpose>-permissions`; the model,
 * experiment path and job names come from the stage and the project. Bad args throw a `ComponentArgsError`
 * naming each argument before anything is declared.
 */
export class MlProject extends pulumi.ComponentResource {
  /** The registered model in `<catalog>.ml_assets`. */
  readonly model: databricks.RegisteredModel;
  /** `<catalog>.ml_assets.<model>`. */
  readonly modelFullName: pulumi.Output<string>;
  /** The workspace folder of the experiment (`/Shared/<project>`), created first: MLflow does not create parent folders. */
  readonly experimentFolder: databricks.Directory;
  /** The project's MLflow experiment. */
  readonly experiment: databricks.MlflowExperiment;
  /** The project's jobs by purpose; `retraining-trigger` only with a metrics table, `integration-test` only on staging. */
  readonly jobs: Partial<Record<JobPurpose, databricks.Job>>;
  /** How retraining starts, in words: the schedule, and the table-update trigger or why there is none. */
  readonly retraining: string;

  constructor(name: string, args: MlProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("MlProject", name, (addIssue) => checkMlProjectArgs(args, addIssue));
    const { stage, project, catalogName } = args;
    const context = projectJobContext(stage, project, catalogName, args.servicePrincipal);
    const metricsTable = metricsTableFullName(project, catalogName);
    // Every job's task graph is checked before anything is registered; the retraining trigger's
    // training job id is a placeholder here, since only the graph matters.
    const planned = projectJobs(context, metricsTable, 0);
    assertJobGraphs(name, Object.values(planned));
    super("databricks-mlops:pipelines:MlProject", name, {}, opts);

    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const identities = { stage, groups: args.groups, servicePrincipal: args.servicePrincipal };
    const protectData = args.protectData ?? false;
    const principals = args.principalsAssigned ?? [];

    // A registered model holds every trained version, and the experiment the runs that produced them
    // (metrics, parameters, artifacts: the lineage of each version): on prod Pulumi refuses to delete
    // either, and removing one from the stack leaves it in Databricks.
    const dataOptions: pulumi.CustomResourceOptions = { parent: this, ...dataProtection(protectData) };
    // The model names its owner and the grants name the scoring groups: both wait for the principals too.
    this.model = new databricks.RegisteredModel(
      named("model"),
      {
        name: project.model.name,
        catalogName,
        schemaName: args.modelSchemaName ?? PROJECT_SCHEMAS.models,
        owner: modelOwner(identities),
        comment: `Model of the ${project.name} ML project on ${stage}; versions are registered by its training job. Managed by Pulumi.`,
      },
      { ...dataOptions, dependsOn: principals },
    );
    this.modelFullName = pulumi
      .all([this.model.catalogName, this.model.schemaName, this.model.name])
      .apply(([catalog, schema, model]) => ucFullName(catalog as string, schema as string, model as string));
    new databricks.Grants(
      named("model", "grants"),
      { model: this.modelFullName, grants: modelGrants(project.model.scoringGroups) },
      { parent: this, dependsOn: principals },
    );

    // The provider creates the experiment with one CreateExperiment call and no folders
    // (mlflow/resource_mlflow_experiment.go `Create`); MLflow answers RESOURCE_DOES_NOT_EXIST for a missing parent.
    // The folder is created with Workspace.MkdirsByPath (workspace/resource_directory.go `Create`), and is protected
    // like the experiment it holds.
    this.experimentFolder = new databricks.Directory(
      named("experiment", "folder"),
      { path: parentFolder(context.tasks.experiment), deleteRecursive: false },
      dataOptions,
    );
    // No tags: the provider reads them back as computed and its Update sends only the name, so a declared tag
    // could never change (mlflow/resource_mlflow_experiment.go). The path already names stage and project.
    this.experiment = new databricks.MlflowExperiment(
      named("experiment"),
      { name: context.tasks.experiment },
      { ...dataOptions, dependsOn: [this.experimentFolder] },
    );
    new databricks.Permissions(
      named("experiment", "permissions"),
      { experimentId: this.experiment.id, accessControls: experimentAccess(identities) },
      { parent: this, dependsOn: principals },
    );

    this.jobs = {};
    for (const purpose of JOB_PURPOSES) {
      // The trigger runs the training job, declared before it (JOB_PURPOSES order), by its numeric id.
      const training = this.jobs.training;
      const jobArgs = purpose === "retraining-trigger" && training ? retrainingTriggerJob(context, metricsTable, training.id.apply(Number)) : planned[purpose];
      if (!jobArgs) continue;
      // Its permissions wait for the job, so for the principals too.
      const job = new databricks.Job(named(purpose), jobArgs, { parent: this, dependsOn: principals });
      new databricks.Permissions(named(purpose, "permissions"), { jobId: job.id, accessControls: jobAccess(identities) }, { parent: this });
      this.jobs[purpose] = job;
    }
    this.retraining = retrainingSummary(project, metricsTable);

    this.registerOutputs({ model: this.model, modelFullName: this.modelFullName, experimentFolder: this.experimentFolder, experiment: this.experiment, jobs: this.jobs, retraining: this.retraining });
  }
}
