/**
 * Each estimator on a worked example: the figure computed by hand from the price table, and the formula and
 * assumptions it shows. Prices are read from the table, so a reviewed price change keeps these examples true.
 */
import { estimateCost } from "../../../tools/plan/cost/estimate";
import type { CostOverrides } from "../../../tools/plan/cost/assumptions";
import { PRICE_TABLE } from "../../../tools/plan/cost/price-table";
import type { PlannedStep } from "../../../tools/plan/types";
import { plannedStep } from "../../support/planned-steps";

const DAYS = 730 / 24;
const P = PRICE_TABLE.dbuPrices;
const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
const line = (steps: PlannedStep[], name: string, overrides: CostOverrides = {}) => {
  const estimate = estimateCost([stack, ...steps], overrides);
  const found = estimate.lines.find((l) => l.name === name);
  if (!found) throw new Error(`no line ${name}: ${JSON.stringify(estimate.unpriced)}`);
  return found;
};
const unpriced = (steps: PlannedStep[], overrides: CostOverrides = {}) => estimateCost([stack, ...steps], overrides).unpriced.map((u) => `${u.name}: ${u.reason}`);

const job = (name: string, inputs: Record<string, unknown>) =>
  plannedStep("databricks:index/job:Job", name, stack, { name, tasks: [{ taskKey: "main", notebookTask: { notebookPath: "n" } }], ...inputs });
const daily = { schedule: { quartzCronExpression: "0 0 3 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" } };

describe("jobs", () => {
  test("serverless: 30.42 runs × 0.5 h × 4 DBU/h × the serverless price (PREMIUM without a created workspace)", () => {
    const l = line([job("j", daily)], "j");
    expect(l.monthlyDbu).toBeCloseTo(DAYS * 0.5 * 4, 9);
    expect(l.monthlyUsd).toBeCloseTo(DAYS * 0.5 * 4 * P["jobs-serverless"].PREMIUM, 9);
    expect(l.formula.join(" ")).toBe(
      "30.42 runs/month (1/day × every day × 30.42 days/month) × 0.5 h/run × 4 DBU/h (serverless) × $0.35/DBU (dbu.jobs-serverless)",
    );
    expect(l.assumptions.map((a) => [a.key, a.source])).toEqual([
      ["runsPerMonth", "plan"],
      ["jobRunHours", "default"],
      ["serverlessJobDbuPerHour", "default"],
      ["dbu.jobs-serverless", "price table"],
    ]);
  });

  test("overrides: the job's run time and DBU rate, and a negotiated price, each shown as overridden", () => {
    const l = line([job("j", daily)], "j", { dbuPrices: { "jobs-serverless": 0.2 }, resources: { j: { jobRunHours: 2, serverlessJobDbuPerHour: 10 } } });
    expect(l.monthlyUsd).toBeCloseTo(DAYS * 2 * 10 * 0.2, 9);
    expect(l.assumptions.filter((a) => a.source === "override").map((a) => a.key)).toEqual(["jobRunHours", "serverlessJobDbuPerHour", "dbu.jobs-serverless"]);
  });

  test("a job cluster: (driver + workers) × the node's DBU/h × the Jobs Compute price, plus EC2", () => {
    const cluster = { jobClusters: [{ jobClusterKey: "c", newCluster: { nodeTypeId: "i3.xlarge", numWorkers: 2 } }], tasks: [{ taskKey: "main", jobClusterKey: "c" }] };
    const l = line([job("j", { ...daily, ...cluster })], "j", { resources: { j: { runsPerMonth: 10, jobRunHours: 1 } } });
    expect(l.monthlyDbu).toBeCloseTo(10 * 1 * 3 * 1, 9);
    expect(l.monthlyUsd).toBeCloseTo(30 * P["jobs-classic"].PREMIUM + 10 * 3 * 0.312, 9);
    expect(l.formula.join(" ")).toBe(
      "10 runs/month × 1 h/run × (1 driver + 2 workers) × (1 DBU/h (i3.xlarge) × $0.15/DBU (dbu.jobs-classic) + EC2 $0.312/h)",
    );
  });

  test("serverless tasks beside a job cluster: both rates for the whole run", () => {
    const mixed = {
      jobClusters: [{ jobClusterKey: "c", newCluster: { nodeTypeId: "m5.xlarge", autoscale: { minWorkers: 1, maxWorkers: 3 } } }],
      tasks: [{ taskKey: "a", jobClusterKey: "c" }, { taskKey: "b", notebookTask: { notebookPath: "n" } }],
    };
    const l = line([job("j", { ...daily, ...mixed })], "j", { resources: { j: { runsPerMonth: 10, jobRunHours: 1 } } });
    expect(l.monthlyDbu).toBeCloseTo(10 * (4 + 4 * 0.69), 9);
    expect(l.monthlyUsd).toBeCloseTo(10 * (4 * P["jobs-serverless"].PREMIUM + 4 * (0.69 * P["jobs-classic"].PREMIUM + 0.192)), 9);
    expect(l.formula[2]).toContain("(1 driver + 3 workers at autoscale max)");
  });

  test("not priced, with the reason: paused, unscheduled, an existing cluster, an unknown node type, an uncountable cron", () => {
    const steps = [
      job("paused", { schedule: { ...daily.schedule, pauseStatus: "PAUSED" } }),
      job("manual", {}),
      job("existing", { tasks: [{ taskKey: "t", existingClusterId: "0101-abc" }] }),
      job("odd-node", { ...daily, tasks: [{ taskKey: "t", newCluster: { nodeTypeId: "x9.huge", numWorkers: 1 } }] }),
      job("last-day", { schedule: { quartzCronExpression: "0 0 1 L * ?" } }),
    ];
    expect(unpriced(steps)).toEqual([
      'paused: schedule paused: runs started by hand are not counted (set resources["paused"].runsPerMonth in the stage\'s cost overrides)',
      'manual: no schedule: runs a month unknown (set resources["manual"].runsPerMonth in the stage\'s cost overrides)',
      "existing: runs on an existing (all-purpose) cluster, which is priced as that cluster, not as this job",
      "odd-node: node type x9.huge is not in the price table",
      'last-day: day of month "L" uses L, W or #, which the estimate does not count (set resources["last-day"].runsPerMonth in the stage\'s cost overrides)',
    ]);
  });

  test("a paused job with runsPerMonth overridden is priced on it; a job of only orchestration tasks is free", () => {
    expect(line([job("paused", { schedule: { ...daily.schedule, pauseStatus: "PAUSED" } })], "paused", { resources: { paused: { runsPerMonth: 8 } } }).monthlyDbu).toBeCloseTo(8 * 0.5 * 4, 9);
    const orchestration = estimateCost([stack, job("o", { ...daily, tasks: [{ taskKey: "r", runJobTask: { jobId: 1 } }] })]);
    expect(orchestration.lines).toEqual([]);
    expect(orchestration.freeResources).toBe(2);
  });
});

describe("serving endpoints", () => {
  const endpoint = plannedStep("databricks:index/modelServing:ModelServing", "prod-mlops-endpoint", stack, { name: "prod-mlops" });
  const deployJob = (entities: Record<string, unknown>[], routes: Record<string, unknown>[] = []) =>
    job("prod-mlops-training", {
      tasks: [
        {
          taskKey: "deploy",
          notebookTask: { notebookPath: "d", baseParameters: { serving_config: JSON.stringify({ endpoint_name: "prod-mlops", served_entities: entities, traffic_config: { routes } }) } },
        },
      ],
    });

  test("always up: entities × provisioned concurrency × 1 DBU/h × 730 h × the serving price, read from the deploy task", () => {
    const steps = [endpoint, deployJob([{ name: "champion", workload_size: "Small", scale_to_zero_enabled: false }, { name: "challenger", workload_size: "Medium", scale_to_zero_enabled: false }], [{ served_entity_name: "champion", traffic_percentage: 90 }, { served_entity_name: "challenger", traffic_percentage: 10 }])];
    const l = line(steps, "prod-mlops-endpoint");
    expect(l.monthlyDbu).toBe((4 + 8) * 730);
    expect(l.monthlyUsd).toBeCloseTo(12 * 730 * P["model-serving"].PREMIUM, 9);
    expect(l.formula).toEqual([
      "champion (Small, 90% of traffic): 4 concurrency × 1 DBU/h × 730 h (always up)",
      "challenger (Medium, 10% of traffic): 8 concurrency × 1 DBU/h × 730 h (always up)",
      "× $0.07/DBU (dbu.model-serving)",
    ]);
    expect(l.assumptions[0]).toEqual({ key: "servedEntities", value: "champion, challenger", unit: "serving_config of prod-mlops-training task deploy", source: "plan" });
  });

  test("scale-to-zero: up only the assumed active hours a day (default 4, overridable)", () => {
    const steps = [endpoint, deployJob([{ name: "champion", workload_size: "Small", scale_to_zero_enabled: true }])];
    expect(line(steps, "prod-mlops-endpoint").monthlyDbu).toBeCloseTo(4 * 4 * DAYS, 9);
    expect(line(steps, "prod-mlops-endpoint", { resources: { "prod-mlops-endpoint": { servingActiveHoursPerDay: 12 } } }).monthlyDbu).toBeCloseTo(4 * 12 * DAYS, 9);
  });

  test("scaled to zero with no traffic routed to it, an entity is never up", () => {
    const routes = [{ served_entity_name: "champion", traffic_percentage: 100 }, { served_entity_name: "challenger", traffic_percentage: 0 }];
    const l = line([endpoint, deployJob([{ name: "champion", workload_size: "Small", scale_to_zero_enabled: true }, { name: "challenger", workload_size: "Small", scale_to_zero_enabled: true }], routes)], "prod-mlops-endpoint");
    expect(l.monthlyDbu).toBeCloseTo(4 * 4 * DAYS, 9);
    expect(l.formula[1]).toBe("challenger (Small, 0% of traffic): 4 concurrency × 1 DBU/h × 0 h (scale-to-zero, no traffic)");
  });

  test("an endpoint's own config wins; GPU, unknown sizes and an endpoint serving nothing are not priced", () => {
    const declared = { ...endpoint, inputs: { name: "prod-mlops", config: { servedEntities: [{ name: "a", workloadSize: "Large", scaleToZeroEnabled: false }] } } };
    expect(line([declared, deployJob([{ name: "champion", workload_size: "Small" }])], "prod-mlops-endpoint").monthlyDbu).toBe(16 * 730);
    expect(unpriced([endpoint])).toEqual(["prod-mlops-endpoint: serves no entity the plan can see (neither its config nor a deploy task's serving_config names one)"]);
    expect(unpriced([endpoint, deployJob([{ name: "g", workload_size: "Small", workload_type: "GPU_SMALL" }])])).toContain(
      "prod-mlops-endpoint: served entity g uses workload type GPU_SMALL; only CPU serving is priced",
    );
  });
});

describe("the SQL warehouse", () => {
  const warehouse = plannedStep("databricks:index/sqlEndpoint:SqlEndpoint", "wh", stack, { clusterSize: "2X-Small", autoStopMins: 10, enableServerlessCompute: true, minNumClusters: 1 });
  const alert = (name: string, cron: string) =>
    plannedStep("databricks:index/alertV2:AlertV2", name, stack, { schedule: { quartzCronSchedule: cron }, warehouseId: "wh-id" }, { propertyDependencies: { warehouseId: [warehouse.urn] } });

  test("active hours from the schedules that use it: identical schedules share a session", () => {
    const steps = [warehouse, alert("a1", "0 0 8 * * ?"), alert("a2", "0 0 8 * * ?"), alert("a3", "0 0 20 * * ?")];
    const l = line(steps, "wh");
    const hours = (2 * DAYS * (1 + 10)) / 60;
    expect(l.monthlyDbu).toBeCloseTo(4 * hours, 9);
    expect(l.monthlyUsd).toBeCloseTo(4 * hours * P["sql-serverless"].PREMIUM, 9);
    expect(l.formula[2]).toBe("× 11.15 active h/month = 60.83 sessions (3 scheduled users, 2 distinct schedules) × (1 min queries + 10 min auto-stop)");
  });

  test("auto-stop off runs all month; an override of its active hours wins; a Pro warehouse says EC2 is not included", () => {
    expect(line([{ ...warehouse, inputs: { ...warehouse.inputs, autoStopMins: 0 } }], "wh").monthlyDbu).toBe(4 * 730);
    expect(line([warehouse], "wh", { resources: { wh: { activeHoursPerMonth: 100 } } }).monthlyDbu).toBe(400);
    const pro = line([{ ...warehouse, inputs: { clusterSize: "Small", warehouseType: "PRO", autoStopMins: 0 } }], "wh");
    expect(pro.monthlyUsd).toBeCloseTo(12 * 730 * P["sql-pro"].PREMIUM, 9);
    expect(pro.formula).toContain("(EC2 of a non-serverless warehouse not included)");
  });
});

describe("Lakehouse monitors", () => {
  test("refreshes a month × DBU per refresh × the serverless jobs price", () => {
    const monitor = plannedStep("databricks:index/qualityMonitor:QualityMonitor", "m", stack, { schedule: { quartzCronExpression: "0 0 7 * * ?" } });
    const l = line([monitor], "m", { defaults: { monitorDbuPerRefresh: 3 } });
    expect(l.monthlyDbu).toBeCloseTo(DAYS * 3, 9);
    expect(l.formula[0]).toBe("30.42 refreshes/month (1/day × every day × 30.42 days/month)");
  });
});

describe("AWS", () => {
  const aws = (type: string, name: string, inputs: Record<string, unknown> = {}) => plannedStep(type, name, stack, inputs);

  test("NAT gateway 730 h × $0.045 + GB; its address 730 h × $0.005; usage at zero is named", () => {
    const nat = line([aws("aws:ec2/natGateway:NatGateway", "nat")], "nat");
    expect(nat.monthlyUsd).toBeCloseTo(32.85, 9);
    expect(nat.usageNotEstimated).toEqual(["gbProcessedPerMonth"]);
    expect(line([aws("aws:ec2/natGateway:NatGateway", "nat")], "nat", { resources: { nat: { gbProcessedPerMonth: 100 } } }).monthlyUsd).toBeCloseTo(32.85 + 4.5, 9);
    expect(line([aws("aws:ec2/eip:Eip", "ip")], "ip").monthlyUsd).toBeCloseTo(3.65, 9);
  });

  test("interface endpoints bill per AZ; gateway endpoints are free", () => {
    const steps = [aws("aws:ec2/vpcEndpoint:VpcEndpoint", "sts", { vpcEndpointType: "Interface", subnetIds: ["a", "b"] }), aws("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway" })];
    const estimate = estimateCost([stack, ...steps]);
    expect(estimate.lines.map((l) => [l.name, l.monthlyUsd])).toEqual([["sts", 2 * 730 * 0.01]]);
    expect(estimate.freeResources).toBe(2);
  });

  test("KMS keys $1 a month; on-demand DynamoDB by requests and storage; provisioned tables not priced; buckets by GB", () => {
    expect(line([aws("aws:kms/key:Key", "k")], "k").monthlyUsd).toBe(1);
    const table = aws("aws:dynamodb/table:Table", "t", { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true } });
    expect(line([table], "t", { resources: { t: { writeMillionsPerMonth: 10, readMillionsPerMonth: 100, gbStored: 4 } } }).monthlyUsd).toBeCloseTo(10 * 0.625 + 100 * 0.125 + 4 * 0.25 + 4 * 0.2, 9);
    expect(unpriced([aws("aws:dynamodb/table:Table", "p", { billingMode: "PROVISIONED" })])).toEqual(["p: billing mode PROVISIONED: only on-demand tables are priced"]);
    expect(line([aws("aws:s3/bucket:Bucket", "b")], "b", { defaults: { gbStored: 1000 } }).monthlyUsd).toBeCloseTo(23, 9);
  });
});

describe("the whole estimate", () => {
  test("the tier of a created workspace prices its DBUs; an override of the tier wins", () => {
    const ws = plannedStep("databricks:index/mwsWorkspaces:MwsWorkspaces", "ws", stack, { pricingTier: "ENTERPRISE" });
    const j = job("j", daily);
    expect(estimateCost([stack, ws, j]).tier).toEqual({ key: "tier", value: "ENTERPRISE", unit: "pricing tier", source: "plan" });
    expect(estimateCost([stack, ws, j]).monthlyUsd).toBeCloseTo(DAYS * 2 * P["jobs-serverless"].ENTERPRISE, 9);
    expect(estimateCost([stack, ws, j], { tier: "PREMIUM" }).tier.source).toBe("override");
  });

  test("an unknown type is listed as not priced, never dropped; overrides naming no resource are reported", () => {
    const estimate = estimateCost([stack, plannedStep("aws:rds/instance:Instance", "db", stack)], { resources: { gone: { jobRunHours: 1 } } });
    expect(estimate.unpriced.map((u) => [u.name, u.reason])).toEqual([["db", "type not in the price table"]]);
    expect(estimate.unusedOverrides).toEqual(["gone"]);
  });
});
