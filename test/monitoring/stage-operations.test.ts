/**
 * The serving, monitoring and alerts components inside an `MlopsStage` under the mock runtime: the
 * chain endpoint -> unpacked inference table -> monitor -> metric tables -> alert -> retraining as
 * recorded dependencies, protection and ownership on prod, secret destination URLs, and a stage
 * whose project serves no endpoint.
 */
import * as pulumi from "@pulumi/pulumi";
import { MlopsStage } from "../../stack/mlops-stage";
import { parseStageConfig } from "../../stack/config";
import { resourceName } from "../../components/naming";
import { installMockRuntime } from "../../tools/plan/mock-runtime";
import type { PlannedStep } from "../../tools/plan/types";
import { rawProject, rawStageWith } from "../pipelines/fixtures";
import { SP_PROD } from "../support/stage-configs";
import { stepNamed } from "../support/record-stage";

const SLACK_URL = "https://hooks.slack.com/services/T000/B000/not-a-real-secret";
const T = (type: string) => `databricks:index/${type}`;

/** Records a stage whose config may hold the secret `notificationSecrets` key; console output is kept. */
async function record(raw: Record<string, unknown>, stack: string, secrets?: Record<string, string>): Promise<{ steps: PlannedStep[]; logs: string[] }> {
  const config: Record<string, string> = secrets ? { "databricks-mlops:notificationSecrets": JSON.stringify(secrets) } : {};
  const recording = installMockRuntime({ project: "databricks-mlops", stack, config, secretKeys: Object.keys(config) });
  const stageConfig = parseStageConfig(secrets ? { ...raw, notificationSecrets: secrets } : raw, stack, { isSecret: () => secrets !== undefined });
  const logs: string[] = [];
  const spy = jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      new MlopsStage(resourceName(stageConfig.stage, stageConfig.mlProject), { config: stageConfig });
      return {};
    });
    await pulumi.runtime.disconnect();
  } finally {
    spy.mockRestore();
  }
  return { steps: recording.steps, logs };
}

const operations = {
  serving: { challenger: {} },
  monitoring: { problemType: "classification" },
  alerts: {
    quality: { metric: "accuracy_score", threshold: 0.8 },
    destinations: [
      { name: "team", type: "email", addresses: ["ml-team@example.com"] },
      { name: "oncall", type: "slack", urlSecret: "oncallSlack" },
    ],
  },
};

let prod: PlannedStep[];
let unserved: { steps: PlannedStep[]; logs: string[] };

beforeAll(async () => {
  prod = (await record(rawStageWith("prod", rawProject(operations)), "prod", { oncallSlack: SLACK_URL })).steps;
  const { serving: _serving, ...withoutServing } = operations;
  unserved = await record(rawStageWith("staging", rawProject({ ...withoutServing, alerts: { quality: operations.alerts.quality } })), "staging");
}, 30000);

const byName = (steps: PlannedStep[]) => new Map(steps.map((s) => [s.urn, s.name]));
function dependencyNames(steps: PlannedStep[], step: PlannedStep): string[] {
  const names = byName(steps);
  const urns = new Set([...step.dependencies, ...Object.values(step.propertyDependencies).flat()]);
  return [...urns].map((urn) => names.get(urn) ?? urn).sort();
}

describe("prod stage with serving, monitoring and alerts", () => {
  test("the endpoint declares its shape with an AI gateway inference table and generous timeouts, and no served versions", () => {
    const endpoint = stepNamed(prod, T("modelServing:ModelServing"), "prod-churn-endpoint");
    // No `config`: the model this `up` creates has no version yet, and the deployment task owns what is served.
    expect(endpoint.inputs).not.toHaveProperty("config");
    expect(endpoint.inputs).toMatchObject({
      name: "prod-churn",
      aiGateway: {
        inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference", tableNamePrefix: "churn_model_endpoint" },
        usageTrackingConfig: { enabled: true },
        rateLimits: [{ key: "endpoint", renewalPeriod: "minute", calls: 1000 }],
      },
    });
    expect(endpoint.customTimeouts).toEqual({ create: "60m", update: "60m", delete: "20m" });
    expect(dependencyNames(prod, endpoint)).toEqual(["prod-churn-model", "prod-mlops-schema-inference"]);
  });

  test("the training job's deploy task applies Champion and Challenger 90/10, warm, after moving the aliases", () => {
    const training = stepNamed(prod, T("job:Job"), "prod-churn-training");
    const deploy = (training.inputs.tasks as { taskKey: string; notebookTask?: { baseParameters: Record<string, string> } }[]).find((t) => t.taskKey === "deploy");
    expect(JSON.parse(String(deploy?.notebookTask?.baseParameters.serving_config))).toEqual({
      endpoint_name: "prod-churn",
      served_entities: [
        { name: "champion", entity_name: "prod_mlops.ml_assets.churn_model", alias: "Champion", workload_size: "Small", scale_to_zero_enabled: false },
        { name: "challenger", entity_name: "prod_mlops.ml_assets.churn_model", alias: "Challenger", workload_size: "Small", scale_to_zero_enabled: false },
      ],
      traffic_config: { routes: [{ served_entity_name: "champion", traffic_percentage: 90 }, { served_entity_name: "challenger", traffic_percentage: 10 }] },
    });
  });

  test("the monitors wait for the project's folder, which holds their assets folder", () => {
    for (const name of ["prod-churn-predictions-monitor", "prod-churn-served-predictions-monitor"]) {
      const monitor = stepNamed(prod, T("qualityMonitor:QualityMonitor"), name);
      expect(monitor.inputs.assetsDir).toBe("/Shared/churn/prod-churn-monitoring");
      expect(dependencyNames(prod, monitor)).toContain("prod-churn-experiment-folder");
    }
  });

  test("every Databricks resource names the stage's workspace provider: none falls back to a default provider", () => {
    const databricksResources = prod.filter((s) => s.custom && s.type.startsWith("databricks:"));
    expect(databricksResources.map((s) => s.name)).toContain("prod-mlops-monitoring-warehouse-permissions");
    for (const step of databricksResources) expect([step.name, step.provider.split("::")[3]]).toEqual([step.name, "prod-mlops-workspace"]);
  });

  test("jobs, alerts and ACLs wait for the workspace assignments of the principals they name", () => {
    const assignments = prod.filter((s) => s.type === T("permissionAssignment:PermissionAssignment")).map((s) => s.urn);
    expect(assignments).toHaveLength(3);
    const byUrn = new Map(prod.map((s) => [s.urn, s]));
    const waitsFor = (step: PlannedStep, target: string, seen = new Set<string>()): boolean =>
      [...step.dependencies, ...Object.values(step.propertyDependencies).flat()].some(
        (urn) => urn === target || (!seen.has(urn) && seen.add(urn) && byUrn.has(urn) && waitsFor(byUrn.get(urn)!, target, seen)),
      );
    const naming = prod.filter((s) => [T("job:Job"), T("alertV2:AlertV2"), T("permissions:Permissions")].includes(s.type));
    expect(naming.length).toBeGreaterThan(15);
    for (const step of naming) {
      for (const assignment of assignments) expect([step.name, waitsFor(step, assignment)]).toEqual([step.name, true]);
    }
  });

  test("the consumer groups query the endpoint, the service principal manages it, people only see or query", () => {
    const permissions = stepNamed(prod, T("permissions:Permissions"), "prod-churn-endpoint-permissions");
    expect(permissions.inputs.accessControls).toEqual([
      { servicePrincipalName: SP_PROD, permissionLevel: "CAN_MANAGE" },
      { groupName: "mlops-data-scientists", permissionLevel: "CAN_QUERY" },
      { groupName: "mlops-ml-engineers", permissionLevel: "CAN_QUERY" },
    ]);
  });

  test("the chain endpoint -> inference table -> monitor -> metrics -> alert -> retraining is in the dependencies", () => {
    const step = (type: string, name: string) => stepNamed(prod, T(type), name);
    expect(dependencyNames(prod, step("sqlTable:SqlTable", "prod-churn-served-predictions-table"))).toContain("prod-churn-endpoint");
    expect(dependencyNames(prod, step("qualityMonitor:QualityMonitor", "prod-churn-served-predictions-monitor"))).toContain("prod-churn-served-predictions-table");
    const alert = step("alertV2:AlertV2", "prod-churn-served-predictions-drift-alert");
    expect(dependencyNames(prod, alert)).toContain("prod-churn-served-predictions-monitor");
    expect(alert.inputs.queryText).toContain("FROM prod_mlops.monitoring.churn_model_endpoint_predictions_drift_metrics");
    const trigger = step("job:Job", "prod-churn-retraining-trigger");
    expect(dependencyNames(prod, trigger)).toEqual(
      expect.arrayContaining(["prod-churn-predictions-drift-alert", "prod-churn-served-predictions-drift-alert", "prod-churn-predictions-monitor", "prod-churn-training"]),
    );
    // A schedule, not a table-update trigger: the Jobs API refuses a trigger on a table that does not exist yet.
    expect(trigger.inputs).not.toHaveProperty("trigger");
    expect(trigger.inputs.schedule).toEqual({ quartzCronExpression: "0 30 8 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" });
    const check = (trigger.inputs.tasks as { taskKey: string; notebookTask?: { baseParameters: Record<string, string> } }[]).find((t) => t.taskKey === "check_metrics");
    expect(check?.notebookTask?.baseParameters.metrics_table).toBe("prod_mlops.monitoring.churn_model_predictions_drift_metrics");
  });

  test("monitored tables are owned by the service principal and protected on prod; monitors write to the monitoring schema", () => {
    for (const name of ["prod-churn-predictions-table", "prod-churn-served-predictions-table"]) {
      const table = stepNamed(prod, T("sqlTable:SqlTable"), name);
      expect(table).toMatchObject({ protect: true, retainOnDelete: true });
      expect(table.inputs).toMatchObject({ catalogName: "prod_mlops", schemaName: "inference", owner: SP_PROD, tableType: "MANAGED" });
    }
    const monitor = stepNamed(prod, T("qualityMonitor:QualityMonitor"), "prod-churn-predictions-monitor");
    expect(monitor.inputs).toMatchObject({
      tableName: "prod_mlops.inference.churn_model_predictions",
      outputSchemaName: "prod_mlops.monitoring",
      inferenceLog: { problemType: "PROBLEM_TYPE_CLASSIFICATION", timestampCol: "scored_at", modelIdCol: "model_version", predictionCol: "prediction", labelCol: "label" },
      skipBuiltinDashboard: false,
    });
  });

  test("alerts run as the service principal on the stage warehouse and notify every destination", () => {
    const alert = stepNamed(prod, T("alertV2:AlertV2"), "prod-churn-predictions-quality-alert");
    expect(alert.inputs).toMatchObject({
      runAs: { servicePrincipalName: SP_PROD },
      evaluation: { comparisonOperator: "LESS_THAN", source: { name: "accuracy_score" }, threshold: { value: { doubleValue: 0.8 } } },
    });
    expect((alert.inputs.evaluation as { notification: { subscriptions: unknown[] } }).notification.subscriptions).toHaveLength(2);
    const warehouse = stepNamed(prod, T("sqlEndpoint:SqlEndpoint"), "prod-mlops-monitoring-warehouse");
    expect(warehouse.inputs).toMatchObject({ enableServerlessCompute: true, autoStopMins: 10 });
  });

  test("the Slack URL stays a secret: never in the recorded inputs", () => {
    const slack = stepNamed(prod, T("notificationDestination:NotificationDestination"), "prod-churn-destination-oncall");
    expect(JSON.stringify(slack.inputs)).not.toContain("hooks.slack.com");
    expect(JSON.stringify(prod)).not.toContain(SLACK_URL);
    expect(slack.inputs.config).toEqual({ slack: { url: "[secret]" } });
  });
});

describe("a stage whose project serves no endpoint", () => {
  test("declares no endpoint and no serving_config; the batch predictions are still monitored and alerted on", () => {
    const types = unserved.steps.map((s) => s.type);
    expect(types).not.toContain(T("modelServing:ModelServing"));
    expect(unserved.steps.filter((s) => s.type === T("qualityMonitor:QualityMonitor")).map((s) => s.name)).toEqual(["staging-churn-predictions-monitor"]);
    expect(unserved.steps.filter((s) => s.type === T("job:Job")).map((s) => s.name)).not.toContain("staging-churn-inference-unpack");
    expect(unserved.steps.map((s) => s.name)).toContain("staging-churn-retraining-trigger");
    const tasks = stepNamed(unserved.steps, T("job:Job"), "staging-churn-training").inputs.tasks as { taskKey: string; notebookTask?: { baseParameters: Record<string, string> } }[];
    expect(tasks.find((t) => t.taskKey === "deploy")?.notebookTask?.baseParameters).not.toHaveProperty("serving_config");
  });
});
