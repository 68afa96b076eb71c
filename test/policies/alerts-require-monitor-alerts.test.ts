import { ALERT_V2, JOB, QUALITY_MONITOR } from "../../policies/lib/resource-types";
import { type AlertFacts, type MonitorFacts, alertsRequireMonitorAlerts, findUnalertedMonitors, metricTablesOf, watches } from "../../policies/rules/alerts-require-monitor-alerts";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const monitor: MonitorFacts = { urn: "urn:monitor", tableName: "prod_mlops.inference.churn_model_predictions", outputSchemaName: "prod_mlops.monitoring" };

function alert(overrides: Partial<AlertFacts> = {}): AlertFacts {
  return {
    urn: "urn:alert",
    displayName: "prod-churn-predictions-drift-alert",
    queryText: "SELECT MAX(js_distance) AS drift_score FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics",
    queryDependsOn: ["urn:monitor"],
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
    expect(findUnalertedMonitors([monitor], [alert({ queryDependsOn: [] })])).toEqual([]);
  });

  test("a monitor no alert watches", () => {
    const other = alert({ queryDependsOn: [], queryText: "SELECT 1 AS drift_score FROM prod_mlops.monitoring.other_drift_metrics" });
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
  const own = (queryText: string) => watches(alert({ queryDependsOn: [], queryText }), monitor);

  test("a monitor without its table or output schema has no metric tables", () => {
    expect(metricTablesOf({ ...monitor, tableName: undefined })).toEqual([]);
    expect(metricTablesOf({ ...monitor, outputSchemaName: undefined })).toEqual([]);
    expect(metricTablesOf({ ...monitor, outputSchemaName: "monitoring" })).toEqual([]);
  });

  test("metric table names are compared as Unity Catalog resolves them: backticks dropped, any case", () => {
    expect(metricTablesOf({ ...monitor, tableName: "`Prod_MLOps`.inference.`Churn_Model_Predictions`" })).toEqual([
      "prod_mlops.monitoring.churn_model_predictions_profile_metrics",
      "prod_mlops.monitoring.churn_model_predictions_drift_metrics",
    ]);
    expect(own("SELECT * FROM `prod_mlops`.`monitoring`.`churn_model_predictions_drift_metrics`")).toBe("watches");
    expect(own("select * from PROD_MLOPS.Monitoring.churn_model_predictions_drift_metrics w")).toBe("watches");
    expect(own("SELECT * FROM other o JOIN prod_mlops . monitoring . churn_model_predictions_profile_metrics p ON o.k = p.k")).toBe("watches");
  });

  test("a name that merely contains a metric table's name, or mentions it outside FROM and JOIN, reads nothing", () => {
    expect(own("SELECT 1 FROM prod_mlops.monitoring.churn_model_predictions_profile_metrics_old")).toBe("does not watch");
    expect(own("SELECT 1 FROM xprod_mlops.monitoring.churn_model_predictions_profile_metrics")).toBe("does not watch");
    expect(own("SELECT 1 FROM prod_mlops.monitoring.churn_model_predictions_profile_metrics.col")).toBe("does not watch");
    expect(own("SELECT 1 -- FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics")).toBe("does not watch");
    expect(own("SELECT 1 /* FROM /* nested */ prod_mlops.monitoring.churn_model_predictions_drift_metrics */ FROM dual")).toBe("does not watch");
    expect(own("SELECT 'FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics' AS x")).toBe("does not watch");
    expect(own('SELECT "it\\"s FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics" AS x')).toBe("does not watch");
    expect(own("SELECT prod_mlops.monitoring.churn_model_predictions_drift_metrics FROM other")).toBe("does not watch");
    expect(own("SELECT 1 FROM monitoring.churn_model_predictions_drift_metrics")).toBe("does not watch");
    expect(own("SELECT 1 FROM `prod_mlops.monitoring.churn_model_predictions_drift_metrics`")).toBe("does not watch");
  });

  test("a query computed from the monitor's outputs stands in for a query or metric tables unknown during preview", () => {
    expect(watches(alert({ queryText: undefined, queryUnknown: true }), monitor)).toBe("watches");
    expect(watches(alert({ queryText: "SELECT 1" }), { ...monitor, outputSchemaName: undefined })).toBe("watches");
  });

  test("any other unknown is undecided: an unknown query not computed from the monitor, or unknown metric tables", () => {
    expect(watches(alert({ queryDependsOn: ["urn:other"], queryText: undefined, queryUnknown: true }), monitor)).toBe("undecided");
    expect(watches(alert({ queryDependsOn: [] }), { ...monitor, tableName: undefined })).toBe("undecided");
    expect(watches(alert({ queryDependsOn: [], queryText: undefined }), monitor)).toBe("does not watch");
  });

  test("a query computed from the monitor does not vouch for itself once it is known and reads none of its metric tables", () => {
    expect(watches(alert({ queryText: "SELECT 1" }), monitor)).toBe("does not watch");
    expect(findUnalertedMonitors([monitor], [alert({ queryText: "SELECT 1" })])).toEqual([
      { urn: "urn:monitor", message: "Monitor of 'prod_mlops.inference.churn_model_predictions' has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them." },
    ]);
  });

  test("a monitor no alert watches but an undecided one might is reported undecided, naming the alert", () => {
    const late = alert({ displayName: "late", queryDependsOn: [], queryText: undefined, queryUnknown: true });
    expect(findUnalertedMonitors([monitor], [late])).toEqual([
      {
        urn: "urn:monitor",
        message:
          "Monitor of 'prod_mlops.inference.churn_model_predictions' cannot be checked during preview: the query of alert 'late' is unknown and not computed from this monitor's outputs. " +
          "This rule fails closed on unknown values: make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
          "or preview again once the resource it comes from exists.",
      },
    ]);
    expect(findUnalertedMonitors([{ ...monitor, outputSchemaName: undefined }], [alert({ displayName: "known", queryDependsOn: [] })])[0].message).toMatch(
      /^Monitor of 'prod_mlops.inference.churn_model_predictions' cannot be checked during preview: its metric tables are unknown, so whether alert 'known' reads them cannot be told\./,
    );
    expect(findUnalertedMonitors([monitor], [late, alert()])).toEqual([]);
  });

  test("an alert that notifies nobody, or whose subscriptions are unknown, is reported only when it watches a monitor", () => {
    const unrelated = alert({ urn: "urn:other", queryDependsOn: [], queryText: "SELECT 1", subscriptions: 0 });
    expect(findUnalertedMonitors([monitor], [alert(), unrelated])).toEqual([]);
    expect(findUnalertedMonitors([monitor], [alert({ subscriptions: undefined })])).toEqual([
      {
        urn: "urn:alert",
        message: expect.stringMatching(/^Alert 'prod-churn-predictions-drift-alert' cannot be checked during preview: its notification subscriptions are unknown, so whether it notifies anyone cannot be told\./),
      },
    ]);
    expect(findUnalertedMonitors([monitor], [alert(), { ...unrelated, subscriptions: undefined }])).toEqual([]);
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

  test("during preview an alert whose unknown query is computed from the monitor watches it; dependsOn alone does not", () => {
    const unknownQuery = (links: Parameters<typeof res>[3]) =>
      res(ALERT_V2, "silent", Object.defineProperty({ displayName: "drift", evaluation: { notification: { subscriptions: [] } } }, "queryText", { enumerable: true, get: unknownValue }), links);
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, unknownQuery({ propertyDependsOn: { queryText: [predictions] } })])).toEqual({ violations: [nobody] });
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, unknownQuery({ dependsOn: [predictions] })]).violations).toEqual([
      { urn: at(QUALITY_MONITOR, "predictions"), message: expect.stringMatching(/cannot be checked during preview: the query of alert 'drift' is unknown and not computed from this monitor's outputs\./) },
    ]);
    // An alert without a query reads nothing, whatever it depends on.
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, silent({ dependsOn: [predictions] })])).toEqual({
      violations: [unwatched("predictions", "prod_mlops.inference.churn_model_predictions")],
    });
  });

  test("subscriptions whose list is unknown during preview may be none", () => {
    const subscriptions = Object.defineProperty({}, "subscriptions", { enumerable: true, get: unknownValue });
    const alert = res(ALERT_V2, "silent", { displayName: "drift", queryText: "SELECT 1 FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics", evaluation: { notification: subscriptions } });
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, alert]).violations).toEqual([
      { urn: at(ALERT_V2, "silent"), message: expect.stringMatching(/^Alert 'drift' cannot be checked during preview: its notification subscriptions are unknown/) },
    ]);
  });

  test("only an AlertV2 watches a monitor: a job that depends on it does not", () => {
    const job = res(JOB, "reader", { name: "reader", queryText: "SELECT * FROM prod_mlops.monitoring.churn_model_predictions_drift_metrics" }, { dependsOn: [predictions] });
    expect(invokeStackRule(alertsRequireMonitorAlerts, [predictions, job])).toEqual({
      violations: [unwatched("predictions", "prod_mlops.inference.churn_model_predictions")],
    });
  });
});


/** Throws the SDK's error for a value unknown during preview (recognised by its class name). */
function unknownValue(): never {
  class UnknownValueError extends Error {}
  throw new UnknownValueError("value can't be known during preview");
}
