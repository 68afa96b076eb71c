/**
 * Monitoring of one ML project on one stage, and the loop back to retraining:
 *
 *   endpoint -> unpacked inference table -> monitor -> metric tables -> alerts -> retraining trigger -> training job
 *   batch predictions table ---------------> monitor ---^
 *
 * Each monitored table is declared here, in the stage's own catalog, so its monitor never starts
 * before the table exists; the endpoint's table is declared after the endpoint. Alerts read the
 * metric tables the monitors report (an empty result is OK until they appear), and the retraining
 * trigger, ordered after the alerts, checks the drift table on a schedule (see retraining.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { PROJECT_NAME_ALLOWED, SHORT_NAME_PATTERN, UC_NAME_ALLOWED, UC_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import type { AddIssue } from "../config-fields";
import { jobAccess } from "../pipelines/access";
import type { JobContext } from "../pipelines/jobs";
import { type JobPurpose, PROJECT_SCHEMAS, projectResourceName, ucFullName } from "../pipelines/names";
import type { MlProjectConfig } from "../pipelines/project-config";
import type { Stage } from "../stages";
import { alertAccess, alertArgs, destinationArgs, driftCondition, driftQuery, qualityCondition, qualityQuery } from "./alerts";
import type { AlertsConfig } from "./alerts-config";
import { metricsTableNames, monitorArgs } from "./monitor";
import { type MonitoringConfig, type RawMonitoring, checkMonitoring } from "./monitoring-config";
import { monitoredTableArgs, servedPredictionsTableName } from "./tables";
import { unpackJob } from "./unpack";
import { monitoredRetrainingJob, monitoredRetrainingSummary } from "./retraining";
import { dataProtection } from "../resource-options";

/** The project's serving endpoint, when it has one. */
export interface MonitoredEndpoint {
  /** The endpoint resource: the unpacked table and the unpack job are created after it. */
  endpoint: databricks.ModelServing;
  /** Full name of the gateway's payload table. */
  payloadTable: string;
  /** Prefix of the gateway's inference tables. */
  inferenceTablePrefix: string;
}

/** Inputs of a `ProjectMonitoring`. */
export interface ProjectMonitoringArgs {
  /** The stage the project is deployed to. */
  stage: Stage;
  /** The validated project; its `monitoring` block is required, `alerts` optional. */
  project: MlProjectConfig & { monitoring: MonitoringConfig };
  /** The jobs' shared context (see `projectJobContext`). */
  jobContext: JobContext;
  /** Name of the stage catalog, e.g. `prod_mlops`; every monitored table is in it. */
  catalogName: string;
  /** The `inference` and `monitoring` schema names, as outputs of the schema resources so tables wait for them. */
  schemas: { inference: pulumi.Input<string>; monitoring: pulumi.Input<string> };
  /** The stage's writer: owns the tables (the service principal on staging and prod). */
  owner: string;
  /** The stage's service principal (application id), when it has one: runs the alerts and the jobs. Default none. */
  servicePrincipal?: string;
  /** The stage's account groups (job permissions). */
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's SQL warehouse. */
  warehouse: databricks.SqlEndpoint;
  /** The project's endpoint. Default none: only the batch predictions are monitored. */
  endpoint?: MonitoredEndpoint;
  /** The training job the retraining trigger starts. */
  trainingJob: databricks.Job;
  /** Entries of the secret `notificationSecrets` config key, as a Pulumi secret. Default none (e-mail destinations only). */
  notificationSecrets?: pulumi.Output<Record<string, string>>;
  /** Protect the tables (`protect` and `retainOnDelete`). Default false; true on prod. */
  protectData?: boolean;
  /**
   * The workspace folder the monitors' assets folder goes into (`/Shared/<project>`, the project's experiment
   * folder); the monitors wait for it. The provider creates no folders (catalog/resource_quality_monitor.go
   * `Create` calls QualityMonitors.Create only). Default: none (the folder already exists).
   */
  assetsFolder?: pulumi.Resource;
  /**
   * The workspace assignments of the stage's groups and service principal (`StageWorkspace.identities`). What
   * names them inside the workspace waits for them: the jobs and alerts that run as the service principal and the
   * ACLs that name the groups (the workspace resolves those principals among its members, server-side). Default
   * none: the principals are in the workspace already.
   */
  principalsAssigned?: pulumi.Resource[];
}

/** One monitored table and its monitor. */
export interface MonitoredTable {
  /** The monitored table. */
  table: databricks.SqlTable;
  /** Its monitor. */
  monitor: databricks.QualityMonitor;
  /** Full names of the two metric tables the monitor writes. */
  metrics: { profile: string; drift: string };
}

/**
 * What a `ProjectMonitoring` refuses before it registers anything: the stack file's `monitoring` checks (one
 * wording either way) on `project.monitoring`, and a stage, project or catalog name the stack file could not give.
 */
export function checkProjectMonitoringArgs(args: ProjectMonitoringArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.project?.name, SHORT_NAME_PATTERN, PROJECT_NAME_ALLOWED, ["project", "name"], addIssue);
  checkTextArg(args.catalogName, UC_NAME_PATTERN, UC_NAME_ALLOWED, ["catalogName"], addIssue);
  if (args.project?.monitoring === undefined) return addIssue(["project", "monitoring"], "the project's resolved monitoring block (see resolveMonitoring)");
  // The resolved block is a valid stack-file block (every default spelled out), so the file's checks apply as they are.
  checkMonitoring(args.project.monitoring as RawMonitoring, ["project"], addIssue);
}

/**
 * A project's monitored tables, monitors, alerts and retraining trigger. Its children are named from its own
 * name: `<name>-<table>-table`, `<name>-<table>-monitor`, `<name>-inference-unpack`, `<name>-destination-<d>`,
 * `<name>-<table>-drift-alert`, `<name>-<table>-quality-alert`, `<name>-retraining-trigger` and their
 * `-permissions` (tables `predictions`, `served-predictions`); alert names, destinations and the monitors'
 * folder come from the stage and the project. Bad args throw a `ComponentArgsError` before anything is declared.
 */
export class ProjectMonitoring extends pulumi.ComponentResource {
  /** `predictions` (the batch predictions) and, with an endpoint, `served` (its unpacked inference table). */
  readonly tables: { predictions: MonitoredTable; served?: MonitoredTable };
  /** The alerts, by Pulumi resource name. */
  readonly alerts: Record<string, databricks.AlertV2>;
  /** The job that starts retraining when the predictions drift. */
  readonly retrainingTrigger: databricks.Job;
  /** The jobs declared here, by purpose: `retraining-trigger` and, with an endpoint, `inference-unpack`. */
  readonly jobs: Partial<Record<JobPurpose, databricks.Job>>;
  /** How retraining starts, in words: the schedule and the trigger on the predictions monitor's drift table. */
  readonly retraining: string;

  constructor(name: string, args: ProjectMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("ProjectMonitoring", name, (addIssue) => checkProjectMonitoringArgs(args, addIssue));
    super("databricks-mlops:monitoring:ProjectMonitoring", name, {}, opts);
    const { stage, project, catalogName } = args;
    const monitoring = project.monitoring;
    // Pulumi names come from the component's name; what Databricks shows (alert names, folders) from stage and project.
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const physical = (...purpose: string[]) => projectResourceName(stage, project.name, ...purpose);
    const protectData = args.protectData ?? false;
    const principals = args.principalsAssigned ?? [];
    const identities = { stage, groups: args.groups, servicePrincipal: args.servicePrincipal };
    const outputSchemaFullName = `${catalogName}.${PROJECT_SCHEMAS.monitoring}`;
    const placement = { catalogName, schemaName: args.schemas.inference, owner: args.owner, warehouseId: args.warehouse.id };

    const monitorTable = (purpose: string, tableName: string, comment: string, after: pulumi.Resource[]): MonitoredTable => {
      // Tables hold what the stage served and predicted: protected and retained on prod.
      const table = new databricks.SqlTable(
        named(purpose, "table"),
        monitoredTableArgs(tableName, monitoring.columns, placement, comment),
        // The table names its owner: it waits for the principals too.
        { parent: this, ...dataProtection(protectData), dependsOn: [...after, ...principals] },
      );
      const tableFullName = pulumi.interpolate`${table.catalogName}.${table.schemaName}.${table.name}`;
      const monitor = new databricks.QualityMonitor(
        named(purpose, "monitor"),
        {
          ...monitorArgs(tableFullName, monitoring, {
            catalogName,
            outputSchemaFullName,
            assetsDir: `/Shared/${project.name}/${physical("monitoring")}`,
            failureEmails: project.notifications.emails,
          }),
          // The same name, read from the schema resource so the monitor waits for its output schema.
          outputSchemaName: pulumi.interpolate`${catalogName}.${args.schemas.monitoring}`,
        },
        { parent: this, dependsOn: args.assetsFolder ? [args.assetsFolder] : [] },
      );
      return { table, monitor, metrics: metricsTableNames(outputSchemaFullName, ucFullName(catalogName, PROJECT_SCHEMAS.inference, tableName)) };
    };

    const predictions = monitorTable("predictions", project.predictionTable, `Batch predictions of ${project.name}, written by its batch inference job.`, []);
    let served: MonitoredTable | undefined;
    this.jobs = {};
    if (args.endpoint) {
      const servedTable = servedPredictionsTableName(args.endpoint.inferenceTablePrefix);
      served = monitorTable("served-predictions", servedTable, `Predictions served by the ${project.name} endpoint, unpacked from ${args.endpoint.payloadTable}.`, [args.endpoint.endpoint]);
      const unpack = new databricks.Job(named("inference-unpack"), unpackJob(args.jobContext, args.endpoint.payloadTable, ucFullName(catalogName, PROJECT_SCHEMAS.inference, servedTable), monitoring), {
        parent: this,
        dependsOn: [args.endpoint.endpoint, served.table, ...principals],
      });
      new databricks.Permissions(named("inference-unpack", "permissions"), { jobId: unpack.id, accessControls: jobAccess(identities) }, { parent: this });
      this.jobs["inference-unpack"] = unpack;
    }
    this.tables = { predictions, ...(served ? { served } : {}) };

    const monitored: [string, MonitoredTable][] = [["predictions", predictions], ...(served ? [["served-predictions", served] as [string, MonitoredTable]] : [])];
    this.alerts = project.alerts ? this.declareAlerts(args, project.alerts, monitored, { named, physical }) : {};

    // The loop's last link: retrain when the predictions drift past the threshold the alerts use.
    this.retrainingTrigger = new databricks.Job(
      named("retraining-trigger"),
      monitoredRetrainingJob(args.jobContext, predictions.metrics.drift, args.trainingJob.id.apply(Number)),
      { parent: this, dependsOn: [predictions.monitor, ...Object.values(this.alerts), ...principals] },
    );
    new databricks.Permissions(named("retraining-trigger", "permissions"), { jobId: this.retrainingTrigger.id, accessControls: jobAccess(identities) }, { parent: this });
    this.jobs["retraining-trigger"] = this.retrainingTrigger;
    this.retraining = monitoredRetrainingSummary(args.jobContext, predictions.metrics.drift);

    this.registerOutputs({ tables: this.tables, alerts: this.alerts, jobs: this.jobs, retraining: this.retraining });
  }

  /** The destinations and, per monitored table, a drift alert and (when configured) a quality alert. */
  private declareAlerts(
    args: ProjectMonitoringArgs,
    alerts: AlertsConfig,
    tables: [string, MonitoredTable][],
    { named, physical }: Record<"named" | "physical", (...purpose: string[]) => string>,
  ): Record<string, databricks.AlertV2> {
    const { stage, project } = args;
    const destinationIds: pulumi.Input<string>[] = [...alerts.existingDestinationIds];
    for (const destination of alerts.destinations) {
      const secretUrl = destination.type === "email" ? undefined : args.notificationSecrets?.apply((secrets) => secrets[destination.urlSecret] ?? "");
      const resource = new databricks.NotificationDestination(
        named("destination", destination.name),
        destinationArgs(physical(destination.name), destination, secretUrl === undefined ? undefined : pulumi.secret(secretUrl)),
        // The provider does not mark nested URLs secret by itself: keep the whole config encrypted in the state.
        { parent: this, ...(destination.type === "email" ? {} : { additionalSecretOutputs: ["config"] }) },
      );
      destinationIds.push(resource.id);
    }
    const delivery = { warehouseId: args.warehouse.id, destinationIds, schedule: alerts.schedule, runAs: args.servicePrincipal };
    const declared: Record<string, databricks.AlertV2> = {};
    const access = alertAccess({ stage, groups: args.groups, servicePrincipal: args.servicePrincipal });
    for (const [purpose, table] of tables) {
      const driftName = named(purpose, "drift-alert");
      declared[driftName] = new databricks.AlertV2(
        driftName,
        alertArgs(physical(purpose, "drift-alert"), table.monitor.driftMetricsTableName.apply((drift) => driftQuery(drift, project.monitoring.predictionColumn)), driftCondition(alerts), delivery),
        // Alerts run as the service principal; their permissions wait for them, so for the principals too.
        { parent: this, dependsOn: args.principalsAssigned ?? [] },
      );
      if (alerts.quality) {
        const quality = alerts.quality;
        const qualityName = named(purpose, "quality-alert");
        declared[qualityName] = new databricks.AlertV2(
          qualityName,
          alertArgs(physical(purpose, "quality-alert"), table.monitor.profileMetricsTableName.apply((profile) => qualityQuery(profile, quality.metric)), qualityCondition(quality), delivery),
          { parent: this, dependsOn: args.principalsAssigned ?? [] },
        );
      }
    }
    for (const [alertName, alert] of Object.entries(declared)) {
      new databricks.Permissions(`${alertName}-permissions`, { alertV2Id: alert.id, accessControls: access }, { parent: this });
    }
    return declared;
  }
}
