import { ALERT_V2, JOB, QUALITY_MONITOR } from "../../policies/lib/resource-types";
import { type AlertFacts, type MonitorFacts, alertsRequireMonitorAlerts, findUnalertedMonitors, metricTablesOf, watches } from "../../policies/rules/alerts-require-monitor-alerts";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const monitor: MonitorFacts = { urn: "urn:monitor", tableName: "prod_mlops.inference.churn_model_predictions", outputSchemaName: "prod_mlops.monitoring" };

function alert(overrides: Partial<AlertFacts> = {}): AlertFacts {
  return {
    urn: "urn:alert",
    displayName: "prod-churn-predictions-drift-alert",
    queryText: "SELECT MAX(js_distance) AS drift_score FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics",
    dependsOn: ["urn:monitor"],
    subscriptions: 1,
    ...overrides,
  };
}

describe("alerts-require-monitor-alerts", () => {
  test("the monitor's metric tables are in its output schema, named after its table", () => {
    expect(metricTablesOf(monitor)).toEqual([
      "prod_mlops.monitoring.churn_model_predictions_profile_metrics",
      "prod_mlops.monitoring.churn_model_predictions_drift_metrics",
    ]);
  });

  test("a monitor watched by an alert with a destination", () => {
    expect(findUnalertedMonitors([monitor], [alert()])).toEqual([]);
  });

  test("the query alone is enough when the alert does not depend on the monitor", () => {
    expect(findUnalertedMonitors([monitor], [alert({ dependsOn: [] })])).toEqual([]);
  });

  test("a monitor no alert watches", () => {
    const other = alert({ dependsOn: [], queryText: "SELECT 1 AS drift_score FROM prod_mlops.monitoring.other_drift_metrics" });
    expect(findUnalertedMonitors([monitor], [other])).toEqual([
      {
        urn: "urn:monitor",
        message: "Monitor of 'prod_mlops.inference.churn_model_predictions' has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them.",
      },
    ]);
  });

  test("an alert that notifies nobody", () => {
    expect(findUnalertedMonitors([monitor], [alert({ subscriptions: 0 })])).toEqual([
      { urn: "urn:alert", message: "Alert 'prod-churn-predictions-drift-alert' notifies nobody; add evaluation.notification.subscriptions with a notification destination." },
    ]);
  });
});

describe("alerts-require-monitor-alerts, what counts as watching", () => {
  test("a monitor without its table or output schema has no metric tables", () => {
    expect(metricTablesOf({ ...monitor, tableName: undefined })).toEqual([]);
    expect(metricTablesOf({ ...monitor, outputSchemaName: undefined })).toEqual([]);
  });

  test("a dependency on the monitor stands in for a query or metric tables unknown during preview", () => {
    expect(watches(alert({ queryText: undefined }), monitor)).toBe(true);
    expect(watches(alert({ queryText: "SELECT 1" }), { ...monitor, outputSchemaName: undefined })).toBe(true);
    expect(watches(alert({ queryText: undefined }), { ...monitor, tableName: undefined })).toBe(true);
  });

  test("a dependency on the monitor does not vouch for a known query that reads none of its metric tables", () => {
    expect(watches(alert({ queryText: "SELECT 1" }), monitor)).toBe(false);
    expect(findUnalertedMonitors([monitor], [alert({ queryText: "SELECT 1" })])).toEqual([
      { urn: "urn:monitor", message: "Monitor of 'prod_mlops.inference.churn_model_predictions' has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them." },
    ]);
  });

  test("without a dependency, only a query that reads a metric table watches", () => {
    expect(watches(alert({ dependsOn: [], queryText: undefined }), monitor)).toBe(false);
    expect(watches(alert({ dependsOn: [], queryText: "SELECT 1 FROM prod_mlops.monitoring.other_drift_metrics" }), monitor)).toBe(false);
    expect(watches(alert({ dependsOn: [], queryText: "SELECT * FROM prod_mlops.monitoring.churn_model_predictions_profile_metrics" }), monitor)).toBe(true);
  });

  test("an alert that notifies nobody is reported only when it watches a monitor", () => {
    const unrelated = alert({ urn: "urn:other", dependsOn: [], queryText: "SELECT 1", subscriptions: 0 });
    expect(findUnalertedMonitors([monitor], [alert(), unrelated])).toEqual([]);
  });
});

describe("alerts-require-monitor-alerts, the registered rule", () => {
  const at = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
  const predictions = res(QUALITY_MONITOR, "predictions", { tableName: monitor.tableName, outputSchemaName: monitor.outputSchemaName });
  const payload = res(QUALITY_MONITOR, "payload", { tableName: "prod_mlops.inference.churn_payload", outputSchemaName: "prod_mlops.monitoring" });
  const silent = (links: Parameters<typeof res>[3]) => res(ALERT_V2, "silent", { displayName: "drift", evaluation: { notification: { subscriptions: [] } } }, links);
  const nobody = { urn: at(ALERT_V2, "silent"), message: "Alert 'drift' notifies nobody; add evaluation.notification.subscriptions with a notification destination." };
  const unwatched = (name: string, table: string) => ({
    urn: at(QUALITY_MONITOR, name),
    message: `Monitor of '${table}' has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them.`,
  });

  test("an alert that watches one of two monitors and notifies nobody is reported", () => {
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, payload, silent({ propertyDependsOn: { queryText: [predictions] } })])).toEqual({
      violations: [unwatched("payload", "prod_mlops.inference.churn_payload"), nobody],
    });
  });

  test("an alert linked to the monitor by dependsOn watches it while its query is unknown", () => {
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, silent({ dependsOn: [predictions] })])).toEqual({ violations: [nobody] });
  });

  test("only an AlertV2 watches a monitor: a job that depends on it does not", () => {
    const job = res(JOB, "reader", { name: "reader", queryText: "SELECT * FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics" }, { dependsOn: [predictions] });
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, job])).toEqual({
      violations: [unwatched("predictions", "prod_mlops.inference.churn_model_predictions")],
    });
  });
});

