/**
 * alerts-require-monitor-alerts (stack rule): every Lakehouse monitor's metrics are watched by at
 * least one SQL alert, and every such alert notifies a destination.
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import { listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { ALERT_V2, QUALITY_MONITOR } from "../lib/resource-types";
import { qualifiedNameParts, tablesReadBy } from "../lib/sql-tables";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** What the rule needs to know about one monitor. */
export interface MonitorFacts {
  urn: string;
  /** The monitored table, when known. */
  tableName?: string;
  /** `<catalog>.<schema>` of its metric tables, when known. */
  outputSchemaName?: string;
}

/** What the rule needs to know about one alert. */
export interface AlertFacts {
  urn: string;
  displayName: string;
  /** Its query, when it is text known during preview. */
  queryText?: string;
  /** True when its query is unknown during preview. */
  queryUnknown?: boolean;
  /** URNs its query is computed from (the property dependencies of `queryText`). */
  queryDependsOn: string[];
  /** Destinations and users it notifies; undefined when the list is unknown during preview. */
  subscriptions: number | undefined;
}

/** Whether an alert reads a monitor's metrics: "undecided" when a value it takes to tell is unknown during preview. */
export type WatchVerdict = "watches" | "does not watch" | "undecided";

/**
 * The two metric tables of a monitor, `<output schema>.<table>_profile_metrics` and `_drift_metrics`, in
 * canonical form (lower case, no backticks); none when its names are unknown or malformed.
 */
export function metricTablesOf(monitor: MonitorFacts): string[] {
  if (monitor.tableName === undefined || monitor.outputSchemaName === undefined) return [];
  const table = qualifiedNameParts(monitor.tableName);
  const schema = qualifiedNameParts(monitor.outputSchemaName);
  if (table === undefined || schema?.length !== 2) return [];
  const leaf = table[table.length - 1];
  return [`${schema.join(".")}.${leaf}_profile_metrics`, `${schema.join(".")}.${leaf}_drift_metrics`];
}

/**
 * Whether the alert reads one of the monitor's metric tables. When the query and the tables are known, by
 * the tables the query reads (three-part names after FROM or JOIN, see `tablesReadBy`). Otherwise (preview)
 * a query computed from the monitor's own outputs (its metric table names appear only once it exists) counts;
 * any other unknown is undecided, and a dependency through `dependsOn` alone vouches for nothing.
 */
export function watches(alert: AlertFacts, monitor: MonitorFacts): WatchVerdict {
  const query = alert.queryText;
  const tables = metricTablesOf(monitor);
  if (query !== undefined && tables.length > 0) return tablesReadBy(query).some((table) => tables.includes(table)) ? "watches" : "does not watch";
  if (alert.queryDependsOn.includes(monitor.urn)) return "watches";
  return alert.queryUnknown || query !== undefined ? "undecided" : "does not watch";
}

const quoted = (alerts: AlertFacts[]): string => alerts.map((a) => `'${a.displayName}'`).join(", ");

/** Returns one finding per unwatched or undecided monitor and per watching alert that notifies nobody (or may not). */
export function findUnalertedMonitors(monitors: MonitorFacts[], alerts: AlertFacts[]): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const monitor of monitors) {
    const verdicts = alerts.map((alert) => ({ alert, verdict: watches(alert, monitor) }));
    if (verdicts.some((v) => v.verdict === "watches")) continue;
    const label = `Monitor of '${monitor.tableName ?? monitor.urn}'`;
    const undecided = verdicts.filter((v) => v.verdict === "undecided").map((v) => v.alert);
    if (undecided.length > 0) {
      const cause =
        metricTablesOf(monitor).length === 0
          ? `its metric tables are unknown, so whether alert ${quoted(undecided)} reads them cannot be told`
          : `the query of alert ${quoted(undecided)} is unknown and not computed from this monitor's outputs`;
      findings.push({ urn: monitor.urn, message: undecidedMessage(label, cause) });
    } else {
      findings.push({ urn: monitor.urn, message: `${label} has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them.` });
    }
  }
  const mayNotifyNobody = (a: AlertFacts) => a.subscriptions === undefined || a.subscriptions === 0;
  for (const alert of alerts.filter((a) => mayNotifyNobody(a) && monitors.some((m) => watches(a, m) === "watches"))) {
    findings.push({
      urn: alert.urn,
      message:
        alert.subscriptions === undefined
          ? undecidedMessage(`Alert '${alert.displayName}'`, "its notification subscriptions are unknown, so whether it notifies anyone cannot be told")
          : `Alert '${alert.displayName}' notifies nobody; add evaluation.notification.subscriptions with a notification destination.`,
    });
  }
  return findings;
}

/** The rule object registered in the pack. */
export const alertsRequireMonitorAlerts: DocumentedStackPolicy = {
  name: "alerts-require-monitor-alerts",
  description: "Every Lakehouse monitor's metrics are watched by a SQL alert that notifies a destination.",
  severity: "medium",
  remediationSteps:
    "Declare an AlertV2 whose query reads the monitor's drift or profile metrics table by its three-part name after FROM " +
    "or JOIN (take the name from the monitor's output, so the query is known, or computed from the monitor, during preview) " +
    "with at least one `evaluation.notification.subscriptions` entry; in this program set `mlProjects[].alerts`.",
  documentation: {
    judgedTypes: [QUALITY_MONITOR, ALERT_V2],
    waivers: "allowed",
    rationale:
      "Lakehouse Monitoring and alerts, retraining: SQL alerts notify data scientists when metrics show drift or a " +
      "quality loss, and a webhook destination can start retraining. A monitor nobody is alerted by fills tables " +
      "that nobody reads.",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const monitorResources = args.resources.filter((r) => r.type === QUALITY_MONITOR);
    if (monitorResources.length === 0) args.notApplicable(`Policy only applies to resources of type '${QUALITY_MONITOR}'`);
    const known = (read: () => unknown): string | undefined => {
      const value = readIfKnown(read);
      return value.known ? stringOf(value.value) : undefined;
    };
    const monitors: MonitorFacts[] = monitorResources.map((r) => ({ urn: r.urn, tableName: known(() => r.props.tableName), outputSchemaName: known(() => r.props.outputSchemaName) }));
    const alerts: AlertFacts[] = args.resources
      .filter((r) => r.type === ALERT_V2)
      .map((r) => {
        const query = readIfKnown(() => r.props.queryText);
        // The list unknown (not its destination ids, which appear after apply) may be empty.
        const subscriptions = readIfKnown(() => listOf(objectOf(objectOf(r.props.evaluation).notification).subscriptions).length);
        return {
          urn: r.urn,
          displayName: known(() => r.props.displayName) ?? r.name,
          queryText: query.known ? stringOf(query.value) : undefined,
          queryUnknown: !query.known,
          queryDependsOn: (r.propertyDependencies.queryText ?? []).map((d) => d.urn),
          subscriptions: subscriptions.known ? subscriptions.value : undefined,
        };
      });
    for (const finding of findUnalertedMonitors(monitors, alerts)) reportViolation(finding.message, finding.urn);
  }),
};
