import { DEFAULT_MONITOR_COVERAGE_CONFIG, findUnmonitored, monitoringTargets } from "../../policies/rules/monitoring-require-monitors";
import { prodBatchInferenceJob } from "./job-fixtures";
import { prodEndpoint } from "./serving-fixtures";

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
