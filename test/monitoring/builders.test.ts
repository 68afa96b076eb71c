import { alertAccess, alertArgs, destinationArgs, driftCondition, driftQuery, qualityCondition, qualityQuery, warehouseArgs } from "../../components/monitoring/alerts";
import { customMetric, metricsTableNames, monitorArgs } from "../../components/monitoring/monitor";
import { resolveMonitoring } from "../../components/monitoring/monitoring-config";
import { monitoredTableArgs, servedPredictionsTableName } from "../../components/monitoring/tables";
import { unpackJob } from "../../components/monitoring/unpack";
import { jobContext, stageWith } from "../pipelines/fixtures";

describe("monitor builders", () => {
  const monitoring = resolveMonitoring({
    problemType: "regression",
    labelColumn: "label",
    granularities: ["1 hour", "1 day"],
    slicingExprs: ["country"],
    baselineTable: "inference.churn_baseline",
    customMetrics: [{ name: "mean_error", type: "aggregate", definition: "avg(prediction - label)", inputColumns: [":table"] }],
  });
  const placement = { catalogName: "prod_mlops", outputSchemaFullName: "prod_mlops.monitoring", assetsDir: "/Shared/churn/prod-churn-monitoring", failureEmails: ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io"] };

  test("an inference-log profile with slices, baseline, custom metrics, schedule and at most five failure e-mails", () => {
    expect(monitorArgs("prod_mlops.inference.churn_model_predictions", monitoring, placement)).toEqual({
      tableName: "prod_mlops.inference.churn_model_predictions",
      assetsDir: "/Shared/churn/prod-churn-monitoring",
      outputSchemaName: "prod_mlops.monitoring",
      inferenceLog: { problemType: "PROBLEM_TYPE_REGRESSION", timestampCol: "scored_at", modelIdCol: "model_version", predictionCol: "prediction", labelCol: "label", granularities: ["1 hour", "1 day"] },
      slicingExprs: ["country"],
      baselineTableName: "prod_mlops.inference.churn_baseline",
      customMetrics: [customMetric(monitoring.customMetrics[0])],
      schedule: { quartzCronExpression: "0 0 7 * * ?", timezoneId: "UTC" },
      notifications: { onFailure: { emailAddresses: ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io"] } },
      skipBuiltinDashboard: false,
    });
    expect(customMetric(monitoring.customMetrics[0])).toEqual({
      name: "mean_error",
      type: "CUSTOM_METRIC_TYPE_AGGREGATE",
      definition: "avg(prediction - label)",
      inputColumns: [":table"],
      outputDataType: '{"name":"output","type":"double","nullable":true,"metadata":{}}',
    });
  });

  test("metric tables sit in the output schema, named after the monitored table", () => {
    expect(metricsTableNames("prod_mlops.monitoring", "prod_mlops.inference.t")).toEqual({ profile: "prod_mlops.monitoring.t_profile_metrics", drift: "prod_mlops.monitoring.t_drift_metrics" });
  });

  test("monitored tables: managed Delta with the declared columns, owned by the writer", () => {
    const args = monitoredTableArgs(servedPredictionsTableName("churn_model_endpoint"), monitoring.columns, { catalogName: "c", schemaName: "inference", owner: "sp", warehouseId: "w" }, "x");
    expect(args).toMatchObject({ name: "churn_model_endpoint_predictions", tableType: "MANAGED", dataSourceFormat: "DELTA", owner: "sp", warehouseId: "w" });
    expect((args.columns as { name: string; type: string }[]).map((c) => `${c.name}:${c.type}`)).toEqual(["scored_at:TIMESTAMP", "model_version:STRING", "prediction:DOUBLE", "label:DOUBLE"]);
  });
});

describe("alert builders", () => {
  test("drift: the largest Jensen-Shannon distance of the prediction column, above the threshold", () => {
    expect(driftQuery("c.monitoring.t_drift_metrics", "prediction")).toBe(
      [
        "SELECT MAX(js_distance) AS drift_score",
        "FROM c.monitoring.t_drift_metrics",
        "WHERE drift_type = 'CONSECUTIVE' AND column_name = 'prediction' AND slice_key IS NULL",
        "  AND window.end >= current_timestamp() - INTERVAL 7 DAYS",
      ].join("\n"),
    );
    expect(driftCondition({ driftThreshold: 0.3, schedule: { cron: "", timezone: "" }, destinations: [], existingDestinationIds: [] })).toEqual({ column: "drift_score", operator: "GREATER_THAN", threshold: 0.3 });
  });

  test("quality: the worst score below its threshold, the worst error above it", () => {
    expect(qualityQuery("p", "f1_score")).toContain("SELECT MIN(f1_score.macro) AS f1_score\nFROM p\nWHERE column_name = ':table'");
    expect(qualityCondition({ metric: "f1_score", threshold: 0.7 })).toEqual({ column: "f1_score", operator: "LESS_THAN", threshold: 0.7 });
    expect(qualityQuery("p", "root_mean_squared_error")).toContain("SELECT MAX(root_mean_squared_error)");
    expect(qualityCondition({ metric: "root_mean_squared_error", threshold: 12 })).toEqual({ column: "root_mean_squared_error", operator: "GREATER_THAN", threshold: 12 });
  });

  test("an alert: empty metrics are OK (new monitors), notify every destination, run as the service principal when given", () => {
    const args = alertArgs("a", "SELECT 1", { column: "drift_score", operator: "GREATER_THAN", threshold: 0.2 }, { warehouseId: "w", destinationIds: ["d1", "d2"], schedule: { cron: "0 0 8 * * ?", timezone: "UTC" }, runAs: "sp" });
    expect(args).toMatchObject({
      evaluation: { emptyResultState: "OK", notification: { notifyOnOk: true, subscriptions: [{ destinationId: "d1" }, { destinationId: "d2" }] } },
      schedule: { quartzCronSchedule: "0 0 8 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" },
      runAs: { servicePrincipalName: "sp" },
    });
    expect(alertArgs("a", "q", { column: "x", operator: "LESS_THAN", threshold: 1 }, { warehouseId: "w", destinationIds: [], schedule: { cron: "c", timezone: "UTC" } })).not.toHaveProperty("runAs");
  });

  test("destinations: e-mail inline, Slack and webhook only with their secret URL", () => {
    expect(destinationArgs("d", { name: "t", type: "email", addresses: ["a@x.io"] })).toEqual({ displayName: "d", config: { email: { addresses: ["a@x.io"] } } });
    expect(destinationArgs("d", { name: "t", type: "webhook", urlSecret: "k" }, "secret-url")).toEqual({ displayName: "d", config: { genericWebhook: { url: "secret-url" } } });
    expect(() => destinationArgs("d", { name: "t", type: "slack", urlSecret: "k" })).toThrow("destination d: a slack destination needs its secret URL");
  });

  test("people read alerts on staging and prod and manage them on dev; the service principal manages them", () => {
    const groups = { dataScientists: "ds", mlEngineers: "mle" };
    expect(alertAccess({ stage: "prod", groups, servicePrincipal: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e" })).toEqual([
      { servicePrincipalName: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e", permissionLevel: "CAN_MANAGE" },
      { groupName: "ds", permissionLevel: "CAN_READ" },
      { groupName: "mle", permissionLevel: "CAN_READ" },
    ]);
    expect(alertAccess({ stage: "dev", groups }).map((e) => e.permissionLevel)).toEqual(["CAN_MANAGE", "CAN_MANAGE"]);
  });

  test("the warehouse is serverless and stops after 10 idle minutes", () => {
    expect(warehouseArgs("w", { stage: "dev" })).toEqual({
      name: "w",
      clusterSize: "2X-Small",
      warehouseType: "PRO",
      enableServerlessCompute: true,
      autoStopMins: 10,
      minNumClusters: 1,
      maxNumClusters: 1,
      tags: { customTags: [{ key: "stage", value: "dev" }] },
    });
  });
});

describe("the unpack job", () => {
  test("reads the payload table, writes the monitored columns, on the stage's ref as the service principal", () => {
    const context = jobContext(stageWith("prod"));
    const monitoring = resolveMonitoring({ problemType: "classification" });
    const job = unpackJob(context, "prod_mlops.inference.p_payload", "prod_mlops.inference.p_predictions", monitoring);
    expect(job).toMatchObject({
      name: "prod-churn-inference-unpack",
      tags: { purpose: "inference-unpack", stage: "prod" },
      runAs: { servicePrincipalName: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e" },
      gitSource: { branch: "release" },
      schedule: { quartzCronExpression: "0 30 6 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" },
      emailNotifications: { onFailures: ["ml-team@example.com"] },
    });
    expect(job.tasks).toEqual([
      expect.objectContaining({
        taskKey: "unpack_inference",
        notebookTask: {
          notebookPath: "monitoring/notebooks/UnpackInferenceTable",
          source: "GIT",
          baseParameters: {
            env: "prod",
            payload_table: "prod_mlops.inference.p_payload",
            output_table: "prod_mlops.inference.p_predictions",
            timestamp_column: "scored_at",
            model_version_column: "model_version",
            prediction_column: "prediction",
          },
        },
      }),
    ]);
  });
});
