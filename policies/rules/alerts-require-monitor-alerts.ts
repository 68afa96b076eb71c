/**
 * alerts-require-monitor-alerts (stack rule): every Lakehouse monitor's metrics are watched by at
 * least one SQL alert, and every such alert notifies a destination.
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { readIfKnown } from "../lib/applicability";
import { listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { ALERT_V2, QUALITY_MONITOR } from "../lib/resource-types";
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
  /** Its query, when known during preview. */
  queryText?: string;
  /** URNs it depends on (an alert reading a monitor's output depends on the monitor). */
  dependsOn: string[];
  /** Destinations and users it notifies. */
  subscriptions: number;
}

/** The two metric tables of a monitor: `<output schema>.<table>_profile_metrics` and `_drift_metrics`. */
export function metricTablesOf(monitor: MonitorFacts): string[] {
  if (monitor.tableName === undefined || monitor.outputSchemaName === undefined) return [];
  const table = monitor.tableName.split(".").pop() as string;
  return [`${monitor.outputSchemaName}.${table}_profile_metrics`, `${monitor.outputSchemaName}.${table}_drift_metrics`];
}

/**
 * True when the alert reads one of the monitor's metric tables: by its query when the query and the tables
 * are known, otherwise (preview) by depending on the monitor. A dependency does not vouch for a known query
 * that reads something else.
 */
export function watches(alert: AlertFacts, monitor: MonitorFacts): boolean {
  const query = alert.queryText;
  const tables = metricTablesOf(monitor);
  if (query !== undefined && tables.length > 0) return tables.some((table) => query.includes(table));
  return alert.dependsOn.includes(monitor.urn);
}

/** Returns one finding per unwatched monitor and per watching alert that notifies nobody. */
export function findUnalertedMonitors(monitors: MonitorFacts[], alerts: AlertFacts[]): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const monitor of monitors) {
    const watching = alerts.filter((alert) => watches(alert, monitor));
    const label = `Monitor of '${monitor.tableName ?? monitor.urn}'`;
    if (watching.length === 0) {
      findings.push({ urn: monitor.urn, message: `${label} has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them.` });
    }
  }
  for (const alert of alerts.filter((a) => a.subscriptions === 0 && monitors.some((m) => watches(a, m)))) {
    findings.push({ urn: alert.urn, message: `Alert '${alert.displayName}' notifies nobody; add evaluation.notification.subscriptions with a notification destination.` });
  }
  return findings;
}

/** The rule object registered in the pack. */
export const alertsRequireMonitorAlerts: DocumentedStackPolicy = {
  name: "alerts-require-monitor-alerts",
  description: "Every Lakehouse monitor's metrics are watched by a SQL alert that notifies a destination.",
  severity: "medium",
  remediationSteps:
    "Declare an AlertV2 whose query reads the monitor's drift or profile metrics table (its output, so it also " +
    "depends on the monitor) with at least one `evaluation.notification.subscriptions` entry; in this program set " +
    "`mlProjects[].alerts`.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Lakehouse Monitoring and alerts, retraining: SQL alerts notify data scientists when metrics show drift or a " +
      "quality loss, and a webhook destination can start retraining. A monitor nobody is alerted by fills tables " +
      "that nobody reads.",
    controls: [],
  },
  validateStack: (args: StackValidationArgs, reportViolation) => {
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
        const subscriptions = readIfKnown(() => listOf(objectOf(objectOf(r.props.evaluation).notification).subscriptions).length);
        return {
          urn: r.urn,
          displayName: known(() => r.props.displayName) ?? r.name,
          queryText: known(() => r.props.queryText),
          dependsOn: [...r.dependencies.map((d) => d.urn), ...Object.values(r.propertyDependencies).flatMap((ds) => ds.map((d) => d.urn))],
          // Subscriptions unknown during preview count as present: the destination ids appear after apply.
          subscriptions: subscriptions.known ? subscriptions.value : 1,
        };
      });
    for (const finding of findUnalertedMonitors(monitors, alerts)) reportViolation(finding.message, finding.urn);
  },
};
