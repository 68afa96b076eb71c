import * as types from "../../policies/lib/resource-types";
import { DEFAULT_MONITOR_COVERAGE_CONFIG, findUnmonitored, monitoringRequireMonitors, monitoringTargets } from "../../policies/rules/monitoring-require-monitors";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";
import { prodBatchInferenceJob } from "./job-fixtures";
import { prodEndpoint } from "./serving-fixtures";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const ENDPOINT = "urn:endpoint";
const JOB = "urn:job";
const PREDICTIONS = "prod_mlops.inference.churn_model_predictions";
const SERVED = "prod_mlops.inference.churn_model_endpoint_predictions";

function targets(endpoint: Record<string, unknown> = prodEndpoint(), job: Record<string, unknown> = prodBatchInferenceJob()) {
  return monitoringTargets(
    [
      { urn: ENDPOINT, type: "databricks:index/modelServing:ModelServing", name: "prod-churn-endpoint", props: endpoint },
      { urn: JOB, type: "databricks:index/job:Job", name: "prod-churn-batch-inference", props: job },
    ],
    DEFAULT_MONITOR_COVERAGE_CONFIG,
  );
}

describe("monitoring-require-monitors", () => {
  test("the program's endpoint and predictions table are both monitored", () => {
    expect(targets().map((t) => t.tableName)).toEqual(["prod_mlops.inference.churn_model_endpoint", PREDICTIONS]);
    expect(findUnmonitored(targets(), [PREDICTIONS, SERVED])).toEqual([]);
  });

  test("an endpoint whose inference tables nobody monitors", () => {
    expect(findUnmonitored(targets(), [PREDICTIONS])).toEqual([
      {
        urn: ENDPOINT,
        message:
          "Endpoint 'prod-churn''s inference table has no Lakehouse monitor in this stack; declare a QualityMonitor on a table named prod_mlops.inference.churn_model_endpoint*.",
      },
    ]);
  });

  test("a predictions table nobody monitors", () => {
    expect(findUnmonitored(targets(), [SERVED])).toEqual([
      {
        urn: JOB,
        message: `Predictions table '${PREDICTIONS}' of Job 'prod-churn-batch-inference' has no Lakehouse monitor in this stack; declare a QualityMonitor on '${PREDICTIONS}'.`,
      },
    ]);
  });

  test("a monitor of another stage's table does not count", () => {
    expect(findUnmonitored(targets(), [SERVED, "dev_mlops.inference.churn_model_predictions"])).toHaveLength(1);
  });

  test("jobs of other purposes and endpoints without an inference table are no targets", () => {
    const job = { ...prodBatchInferenceJob(), tags: { purpose: "features" } };
    expect(targets({ ...prodEndpoint(), aiGateway: {} }, job)).toEqual([]);
  });
});

describe("monitoring-require-monitors, targets in detail", () => {
  test("an inference table needs its catalog and schema to be a target", () => {
    const table = (config: Record<string, unknown>) => ({ ...prodEndpoint(), aiGateway: { inferenceTableConfig: { enabled: true, tableNamePrefix: "p", ...config } } });
    expect(targets(table({ catalogName: "prod_mlops" }), {})).toEqual([]);
    expect(targets(table({ schemaName: "inference" }), {})).toEqual([]);
    expect(targets(table({ catalogName: "prod_mlops", schemaName: "inference", enabled: false }), {})).toEqual([]);
    expect(targets(table({ catalogName: "prod_mlops", schemaName: "inference" }), {}).map((t) => t.tableName)).toEqual(["prod_mlops.inference.p"]);
  });

  test("only jobs are batch inference targets, and only their tasks that name an output table", () => {
    const job = {
      name: "prod-churn-batch-inference",
      tags: { purpose: "batch-inference" },
      tasks: [{ taskKey: "prepare", notebookTask: { baseParameters: {} } }, { taskKey: "score", notebookTask: { baseParameters: { output_table: PREDICTIONS } } }],
    };
    expect(targets({}, job).map((t) => t.tableName)).toEqual([PREDICTIONS]);
    const cluster = { urn: "urn:cluster", type: "databricks:index/cluster:Cluster", name: "c", props: job };
    expect(monitoringTargets([cluster], DEFAULT_MONITOR_COVERAGE_CONFIG)).toEqual([]);
  });
});

describe("monitoring-require-monitors, an endpoint without a table name prefix", () => {
  test("cannot be shown monitored: a monitor on any table of its schema would pass", () => {
    const endpoint = { ...prodEndpoint(), aiGateway: { inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference" } } };
    const found = targets(endpoint, {});
    expect(findUnmonitored(found, ["prod_mlops.inference.unrelated_table"])).toEqual([
      {
        urn: ENDPOINT,
        message:
          "Endpoint 'prod-churn''s inference table sets no tableNamePrefix, so a monitor on any table of prod_mlops.inference would pass for its monitor; " +
          "set aiGateway.inferenceTableConfig.tableNamePrefix and declare a QualityMonitor on a table with that prefix.",
      },
    ]);
    const empty = { ...prodEndpoint(), aiGateway: { inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference", tableNamePrefix: "" } } };
    expect(findUnmonitored(targets(empty, {}), [SERVED])).toHaveLength(1);
  });
});

describe("monitoring-require-monitors, the registered rule", () => {
  const at = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
  const job = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { purpose: "batch-inference" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: PREDICTIONS } } }] });
  const unmonitored = {
    violations: [
      {
        urn: at(types.JOB, "batch"),
        message: `Predictions table '${PREDICTIONS}' of Job 'prod-churn-batch' has no Lakehouse monitor in this stack; declare a QualityMonitor on '${PREDICTIONS}'.`,
      },
    ],
  };
  const table = (type: string, name: unknown) => res(type, "preds", { catalogName: "prod_mlops", schemaName: "inference", name });

  test("a monitor that depends on the SqlTable it watches covers it, through dependsOn as well", () => {
    const preds = table(types.SQL_TABLE, "churn_model_predictions");
    expect(invokeStackRule(monitoringRequireMonitors, [job, preds, res(types.QUALITY_MONITOR, "mon", {}, { dependsOn: [preds] })])).toEqual({ violations: [] });
  });

  test("a table name is read only from a SqlTable whose three name parts are text", () => {
    const volume = table("databricks:index/volume:Volume", "churn_model_predictions");
    expect(invokeStackRule(monitoringRequireMonitors, [job, volume, res(types.QUALITY_MONITOR, "mon", {}, { dependsOn: [volume] })])).toEqual(unmonitored);
    // A list would print as the table's name; it is still no name.
    const listed = table(types.SQL_TABLE, ["churn_model_predictions"]);
    expect(invokeStackRule(monitoringRequireMonitors, [job, listed, res(types.QUALITY_MONITOR, "mon", {}, { dependsOn: [listed] })])).toEqual(unmonitored);
  });

  test("only a QualityMonitor monitors, and a table name that is no text falls back to what the monitor depends on", () => {
    expect(invokeStackRule(monitoringRequireMonitors, [job, res(types.ALERT_V2, "alert", { tableName: PREDICTIONS })])).toEqual(unmonitored);
    const preds = table(types.SQL_TABLE, "churn_model_predictions");
    expect(invokeStackRule(monitoringRequireMonitors, [job, res(types.QUALITY_MONITOR, "mon", { tableName: 7 })])).toEqual(unmonitored);
    expect(invokeStackRule(monitoringRequireMonitors, [job, preds, res(types.QUALITY_MONITOR, "mon", { tableName: 7 }, { propertyDependsOn: { tableName: [preds] } })])).toEqual({ violations: [] });
  });

  test("a monitor whose table is unknown and that depends on no SqlTable covers no endpoint", () => {
    const endpoint = res(types.MODEL_SERVING, "ep", { name: "prod-churn", aiGateway: { inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference", tableNamePrefix: "churn" } } });
    const unknownTable = asValidationInputs({ tableName: UNKNOWN_STRING });
    const monitor = res(types.QUALITY_MONITOR, "mon", unknownTable, { dependsOn: [res("databricks:index/sqlQuery:SqlQuery", "q")] });
    expect(invokeStackRule(monitoringRequireMonitors, [endpoint, monitor]).violations.map((v) => v.urn)).toEqual([at(types.MODEL_SERVING, "ep")]);
  });

  test("a config that sets only the purpose tag keeps the default purposes and parameter", () => {
    const tagged = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { kind: "batch-inference" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: PREDICTIONS } } }] });
    expect(invokeStackRule(monitoringRequireMonitors, [tagged], { purposeTag: "kind" })).toEqual(unmonitored);
  });

  test("a job without the purpose tag is no target", () => {
    const untagged = res(types.JOB, "batch", { name: "prod-churn-batch", tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: PREDICTIONS } } }] });
    expect(invokeStackRule(monitoringRequireMonitors, [untagged]).notApplicable).toBe("No endpoint with an inference table and no batch inference job in this stack");
  });
});

describe("monitoring-require-monitors fails closed on values unknown during preview", () => {
  const at = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
  // The SDK's own sentinel at `key`, read through the SDK's proxy as a rule reads it during preview.
  const unknownAt = <T extends object>(object: T, key: string): T => asValidationInputs({ ...object, [key]: UNKNOWN_STRING }) as T;
  const preds = res(types.SQL_TABLE, "preds", { catalogName: "prod_mlops", schemaName: "inference", name: "churn_model_predictions" });
  const monitor = res(types.QUALITY_MONITOR, "mon", { tableName: PREDICTIONS });
  const scoring = () => ({ taskKey: "score", notebookTask: { baseParameters: { output_table: PREDICTIONS } } });
  const undecided = (urn: string, subject: string, cause: string) => ({
    urn,
    message:
      `${subject} cannot be checked during preview: ${cause}. This rule fails closed on unknown values: make the value known at preview time ` +
      "(a literal or an input of another resource, not a provider-computed output), or preview again once the resource it comes from exists.",
  });

  test("a monitored batch job whose every value is known passes", () => {
    const job = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { purpose: "batch-inference", owner: "ml" }, tasks: [scoring()] });
    expect(invokeStackRule(monitoringRequireMonitors, [job, preds, monitor])).toEqual({ violations: [] });
  });

  test("another tag unknown decides nothing: only the purpose tag is read", () => {
    const job = res(types.JOB, "batch", { name: "prod-churn-batch", tags: unknownAt({ purpose: "batch-inference" }, "owner"), tasks: [scoring()] });
    expect(invokeStackRule(monitoringRequireMonitors, [job, preds, monitor])).toEqual({ violations: [] });
  });

  test("a job whose purpose tag, or all of whose tags, are unknown may be a batch job: undecided", () => {
    const tagUnknown = res(types.JOB, "batch", { name: "prod-churn-batch", tags: unknownAt({}, "purpose"), tasks: [scoring()] });
    const tagsUnknown = res(types.JOB, "other", unknownAt({ name: "prod-churn-other", tasks: [scoring()] }, "tags"));
    expect(invokeStackRule(monitoringRequireMonitors, [tagUnknown, tagsUnknown, preds, monitor])).toEqual({
      violations: [
        undecided(at(types.JOB, "batch"), "Job 'prod-churn-batch'", "its 'purpose' tag is unknown, so whether it is a batch inference job cannot be told"),
        undecided(at(types.JOB, "other"), "Job 'prod-churn-other'", "its 'purpose' tag is unknown, so whether it is a batch inference job cannot be told"),
      ],
    });
  });

  test("a batch job whose tasks are unknown is undecided, and hides no other target", () => {
    const unknownTasks = res(types.JOB, "later", unknownAt({ tags: { purpose: "batch-inference" } }, "tasks"));
    const known = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { purpose: "batch-inference" }, tasks: [scoring()] });
    expect(invokeStackRule(monitoringRequireMonitors, [unknownTasks, known])).toEqual({
      violations: [
        undecided(at(types.JOB, "later"), "Job 'later'", "its tasks are unknown, so the tables it writes cannot be named"),
        {
          urn: at(types.JOB, "batch"),
          message: `Predictions table '${PREDICTIONS}' of Job 'prod-churn-batch' has no Lakehouse monitor in this stack; declare a QualityMonitor on '${PREDICTIONS}'.`,
        },
      ],
    });
  });

  test("a task whose output table is unknown is undecided, while the job's known tasks are still matched", () => {
    const hidden = { taskKey: "rescore", notebookTask: { baseParameters: unknownAt({}, "output_table") } };
    const job = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { purpose: "batch-inference" }, tasks: [scoring(), hidden] });
    expect(invokeStackRule(monitoringRequireMonitors, [job, preds, monitor])).toEqual({
      violations: [undecided(at(types.JOB, "batch"), "Job 'prod-churn-batch'", "the output_table parameter of task 'rescore' is unknown")],
    });
  });

  test("an endpoint whose inference table config is unknown is undecided", () => {
    const endpoint = res(types.MODEL_SERVING, "ep", unknownAt({ name: "prod-churn" }, "aiGateway"));
    expect(invokeStackRule(monitoringRequireMonitors, [endpoint])).toEqual({
      violations: [undecided(at(types.MODEL_SERVING, "ep"), "Endpoint 'prod-churn'", "its inference table config is unknown")],
    });
  });
});

