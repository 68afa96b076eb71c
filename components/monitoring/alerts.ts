/**
 * SQL alerts on a monitor's metric tables, the notification destinations they notify, and the SQL
 * warehouse that runs them, as plain args built by pure functions.
 */
import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import type { AccessControlSpec, ProjectIdentities } from "../pipelines/access";
import { isAutomatedStage } from "../stages";
import { QUALITY_METRICS, type AlertsConfig, type DestinationConfig, type QualityMetric } from "./alerts-config";

/** How far back an alert looks: the latest windows of a daily monitor. */
export const ALERT_LOOKBACK = "INTERVAL 7 DAYS";

/** A warehouse that starts in seconds (serverless) and stops after 10 idle minutes. */
export const WAREHOUSE_AUTO_STOP_MINUTES = 10;

/**
 * The largest drift of the predictions against the previous window, over the whole table (no
 * slice), in the lookback period: Jensen-Shannon distance, between 0 and 1.
 */
export function driftQuery(driftTable: string, predictionColumn: string): string {
  return [
    "SELECT MAX(js_distance) AS drift_score",
    `FROM ${driftTable}`,
    `WHERE drift_type = 'CONSECUTIVE' AND column_name = '${predictionColumn}' AND slice_key IS NULL`,
    `  AND window.end >= current_timestamp() - ${ALERT_LOOKBACK}`,
  ].join("\n");
}

/** The worst value of a model quality metric over the whole table in the lookback period. */
export function qualityQuery(profileTable: string, metric: QualityMetric): string {
  const { column, bad } = QUALITY_METRICS[metric];
  return [
    `SELECT ${bad === "below" ? "MIN" : "MAX"}(${column}) AS ${metric}`,
    `FROM ${profileTable}`,
    `WHERE column_name = ':table' AND slice_key IS NULL`,
    `  AND window.end >= current_timestamp() - ${ALERT_LOOKBACK}`,
  ].join("\n");
}

/** One alert condition: the query's result column, the comparison that fires and the threshold. */
export interface AlertCondition {
  /** The query's result column. */
  column: string;
  /** How the value compares with the threshold when the alert fires. */
  operator: "GREATER_THAN" | "LESS_THAN";
  threshold: number;
}

/** The drift condition: fires above the project's drift threshold. */
export function driftCondition(alerts: AlertsConfig): AlertCondition {
  return { column: "drift_score", operator: "GREATER_THAN", threshold: alerts.driftThreshold };
}

/** The quality condition: fires below a quality score or above an error, as the metric says. */
export function qualityCondition(quality: NonNullable<AlertsConfig["quality"]>): AlertCondition {
  return { column: quality.metric, operator: QUALITY_METRICS[quality.metric].bad === "below" ? "LESS_THAN" : "GREATER_THAN", threshold: quality.threshold };
}

/** Who runs an alert and where it sends what it finds. */
export interface AlertDelivery {
  /** The SQL warehouse that runs the query. */
  warehouseId: pulumi.Input<string>;
  /** Destination ids the alert notifies. */
  destinationIds: pulumi.Input<string>[];
  /** When the alert evaluates. */
  schedule: AlertsConfig["schedule"];
  /** The stage's service principal (application id) on staging and prod; unset on dev (the deployer). */
  runAs?: string;
}

/** An AlertV2 that runs `queryText` on its schedule and notifies every destination when the condition holds. */
export function alertArgs(displayName: string, queryText: pulumi.Input<string>, condition: AlertCondition, delivery: AlertDelivery): databricks.AlertV2Args {
  return {
    displayName,
    queryText,
    warehouseId: delivery.warehouseId,
    evaluation: {
      source: { name: condition.column },
      comparisonOperator: condition.operator,
      threshold: { value: { doubleValue: condition.threshold } },
      // No metrics yet (a new monitor writes its tables 8-20 minutes after it starts) is not an incident.
      emptyResultState: "OK",
      notification: { notifyOnOk: true, subscriptions: delivery.destinationIds.map((destinationId) => ({ destinationId })) },
    },
    schedule: { quartzCronSchedule: delivery.schedule.cron, timezoneId: delivery.schedule.timezone, pauseStatus: "UNPAUSED" },
    ...(delivery.runAs ? { runAs: { servicePrincipalName: delivery.runAs } } : {}),
  };
}

/**
 * A notification destination. Slack and webhook URLs are credentials: `secretUrl` is the secret
 * config entry as a Pulumi secret, and the whole `config` stays a secret in the state.
 */
export function destinationArgs(displayName: string, destination: DestinationConfig, secretUrl?: pulumi.Input<string>): databricks.NotificationDestinationArgs {
  if (destination.type === "email") return { displayName, config: { email: { addresses: [...destination.addresses] } } };
  if (secretUrl === undefined) throw new Error(`destination ${displayName}: a ${destination.type} destination needs its secret URL`);
  return { displayName, config: destination.type === "slack" ? { slack: { url: secretUrl } } : { genericWebhook: { url: secretUrl } } };
}

/** The stage's SQL warehouse for alerts and table DDL: serverless, small, stops when idle. */
export function warehouseArgs(name: string, tags: Record<string, string>): databricks.SqlEndpointArgs {
  return {
    name,
    clusterSize: "2X-Small",
    warehouseType: "PRO",
    enableServerlessCompute: true,
    autoStopMins: WAREHOUSE_AUTO_STOP_MINUTES,
    minNumClusters: 1,
    maxNumClusters: 1,
    tags: { customTags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
  };
}

/**
 * Who may see an alert: the project groups read it on staging and prod (and manage it on dev); the
 * service principal, which runs it there, manages it.
 */
export function alertAccess(identities: ProjectIdentities): AccessControlSpec[] {
  const people = isAutomatedStage(identities.stage) ? "CAN_READ" : "CAN_MANAGE";
  const entries: AccessControlSpec[] = [
    { groupName: identities.groups.dataScientists, permissionLevel: people },
    { groupName: identities.groups.mlEngineers, permissionLevel: people },
    ...(identities.servicePrincipal ? [{ servicePrincipalName: identities.servicePrincipal, permissionLevel: "CAN_MANAGE" }] : []),
  ];
  const key = (e: AccessControlSpec) => e.groupName ?? e.servicePrincipalName ?? "";
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
