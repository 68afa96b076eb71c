import { parseStageConfig } from "../../stack/config";
import { problemsOf, rawProject, rawStageWith, stageWith } from "../pipelines/fixtures";

const key = (rest: string) => `  - databricks-mlops:mlProjects[0]${rest}`;

describe("monitoring and alerts config", () => {
  test("defaults: the batch inference job's columns, daily refresh after scoring, e-mail alerts", () => {
    const project = stageWith("prod", rawProject({ monitoring: { problemType: "regression" }, alerts: {} })).mlProjects[0];
    expect(project.monitoring).toMatchObject({
      timestampColumn: "scored_at",
      modelIdColumn: "model_version",
      predictionColumn: "prediction",
      labelColumn: "label",
      granularities: ["1 day"],
      schedule: { cron: "0 0 7 * * ?", timezone: "UTC" },
      dashboard: true,
    });
    expect(project.monitoring?.columns.map((c) => `${c.name} ${c.type}`)).toEqual(["scored_at TIMESTAMP", "model_version STRING", "prediction DOUBLE", "label DOUBLE"]);
    expect(project.alerts).toEqual({
      driftThreshold: 0.2,
      schedule: { cron: "0 0 8 * * ?", timezone: "UTC" },
      destinations: [{ name: "alerts", type: "email", addresses: ["ml-team@example.com"] }],
      existingDestinationIds: [],
    });
  });

  test("a monitor column missing from the declared columns, a timestamp that is no TIMESTAMP, a custom metric on an unknown column", () => {
    const monitoring = {
      problemType: "classification",
      columns: [{ name: "ts", type: "STRING" }, { name: "prediction", type: "STRING" }],
      timestampColumn: "ts",
      customMetrics: [{ name: "m", type: "aggregate", definition: "avg({{input_column}})", inputColumns: ["score"] }],
    };
    expect(problemsOf(rawStageWith("prod", rawProject({ monitoring })), "prod")).toEqual([
      key('.monitoring.customMetrics[0].inputColumns[0]: got "score"; column "score" is not among monitoring.columns (ts, prediction) (use ":table" for the whole table)'),
      key('.monitoring.modelIdColumn: missing; column "model_version" is not among monitoring.columns (ts, prediction); the monitor would fail to start'),
      key('.monitoring.timestampColumn: got "ts"; column "ts" is STRING; an inference-log monitor needs a TIMESTAMP column'),
    ]);
  });

  test("alert thresholds of the wrong type or range, a quality metric of the other problem type", () => {
    const raw = rawStageWith("prod", rawProject({ monitoring: { problemType: "classification" }, alerts: { quality: { metric: "r2_score", threshold: "0.8" } }, retraining: { driftThreshold: "high" } }));
    expect(problemsOf(raw, "prod")).toEqual([
      key('.alerts.quality.threshold: got "0.8"; expected a number (not a string), e.g. 0.8'),
      key('.retraining.driftThreshold: got "high"; expected a number greater than 0'),
    ]);
    const wrongKind = rawStageWith("prod", rawProject({ monitoring: { problemType: "classification" }, alerts: { quality: { metric: "r2_score", threshold: 1.5 } } }));
    expect(problemsOf(wrongKind, "prod")).toEqual([
      key(".alerts.quality.metric: got \"r2_score\"; r2_score is a regression metric, but monitoring.problemType is classification"),
      key(".alerts.quality.threshold: got 1.5; r2_score lies between 0 and 1; a threshold of 1.5 never or always fires"),
    ]);
  });

  test("alerts without monitoring, a monitored project with its own metrics table", () => {
    expect(problemsOf(rawStageWith("dev", rawProject({ alerts: {} })), "dev")).toEqual([
      key(".alerts: got {}; alerts watch the monitor's metrics: set monitoring (at least monitoring.problemType) too"),
    ]);
    expect(problemsOf(rawStageWith("dev", rawProject({ monitoring: { problemType: "regression" }, retraining: { metricsTable: "drift" } })), "dev")).toEqual([
      key('.retraining.metricsTable: got "drift"; not used with monitoring: the retraining trigger watches the monitor\'s own drift metrics table; remove it'),
    ]);
  });

  test("slack and webhook URLs come from the secret notificationSecrets key, never plain config", () => {
    const destinations = [{ name: "oncall", type: "slack", urlSecret: "oncallSlack" }];
    const raw = { ...rawStageWith("prod", rawProject({ monitoring: { problemType: "regression" }, alerts: { destinations } })), notificationSecrets: { oncallSlack: "https://hooks.slack.com/services/T0/B0/secret" } };
    const secretKeys = (name: string) => name === "notificationSecrets";
    expect(parseStageConfig(raw, "prod", { isSecret: secretKeys }).notificationSecretNames).toEqual(["oncallSlack"]);
    let message = "";
    try {
      parseStageConfig(raw, "prod");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("databricks-mlops:notificationSecrets: got a plain value; must be a secret");
    expect(message).not.toContain("hooks.slack.com");
  });

  test("a destination whose secret is missing, or an email destination without addresses", () => {
    const destinations = [{ name: "oncall", type: "webhook", urlSecret: "nope" }, { name: "team", type: "email" }, { name: "hook", type: "webhook" }];
    expect(problemsOf(rawStageWith("dev", rawProject({ monitoring: { problemType: "regression" }, alerts: { destinations } })), "dev")).toEqual([
      key(`.alerts.destinations[0].urlSecret: got "nope"; notificationSecrets has no entry "nope"; set it with \`pulumi config set --secret --path 'notificationSecrets.nope' <url>\``),
      key(".alerts.destinations[1].addresses: missing; required for an email destination"),
      key(".alerts.destinations[2].urlSecret: missing; required for a webhook destination: its URL is a credential, kept in the secret notificationSecrets config key"),
    ]);
  });
});
