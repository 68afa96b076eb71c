/**
 * Estimators of the Databricks compute a stage declares: jobs, the SQL warehouse, serving endpoints and
 * Lakehouse monitors. Each is a pure function of one planned resource and the facts read across the plan.
 */
import type { PlannedStep } from "../types";
import type { Assumption, Assumptions } from "./assumptions";
import type { Estimated } from "./estimate-types";
import { qty, usd } from "./format";
import { PRICE_TABLE, HOURS_PER_MONTH } from "./price-table";
import { CronNotCountable, quartzRunsPerMonth } from "./quartz-runs";
import { scheduleOf, type ServingShape, type WarehouseUse } from "./plan-facts";

/** What the Databricks estimators read besides the resource. */
export interface DatabricksFacts {
  assumptions: Assumptions;
  servingShapes: ReadonlyMap<string, ServingShape>;
  warehouseUses: ReadonlyMap<string, WarehouseUse[]>;
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (a: Assumption): number => a.value as number;

/** Runs a month of a scheduled resource: its override, else its unpaused schedule; else why it cannot be known. */
function runsPerMonth(step: PlannedStep, assumptions: Assumptions): { runs: Assumption; formula: string } | { unpriced: string } {
  const runs = assumptions.ownOverride(step.name, "runsPerMonth", "runs/month");
  if (runs !== undefined) return { runs, formula: `${qty(num(runs))} runs/month` };
  const hint = `set resources["${step.name}"].runsPerMonth in the stage's cost overrides`;
  const schedule = scheduleOf(step);
  if (schedule === undefined) return { unpriced: `no schedule: runs a month unknown (${hint})` };
  if (schedule.paused) return { unpriced: `schedule paused: runs started by hand are not counted (${hint})` };
  try {
    const { runs, formula } = quartzRunsPerMonth(schedule.cron);
    return { runs: { key: "runsPerMonth", value: runs, unit: `runs/month from "${schedule.cron}"`, source: "plan" }, formula: `${qty(runs)} runs/month (${formula})` };
  } catch (err) {
    if (err instanceof CronNotCountable) return { unpriced: `${err.message} (${hint})` };
    throw err;
  }
}

/** The compute of a job's tasks: how many run serverless, the job clusters they use, and whether any uses an existing cluster. */
function jobCompute(job: PlannedStep): { serverlessTasks: number; clusters: Record<string, unknown>[]; existing: boolean } {
  const declared = new Map<string, Record<string, unknown>>();
  for (const c of list(job.inputs.jobClusters).map(record)) if (c) declared.set(String(c.jobClusterKey), record(c.newCluster) ?? {});
  const used = new Map<string, Record<string, unknown>>();
  let serverlessTasks = 0;
  let existing = false;
  for (const task of list(job.inputs.tasks).map(record)) {
    if (!task) continue;
    const own = record(task.newCluster);
    const shared = typeof task.jobClusterKey === "string" ? declared.get(task.jobClusterKey) : undefined;
    if (task.existingClusterId !== undefined) existing = true;
    else if (own) used.set(`task:${String(task.taskKey)}`, own);
    else if (shared) used.set(String(task.jobClusterKey), shared);
    // A condition or run-job task runs no code of its own; the started job has its own line.
    else if (task.conditionTask === undefined && task.runJobTask === undefined) serverlessTasks++;
  }
  return { serverlessTasks, clusters: [...used.values()], existing };
}

/** USD and DBU an hour of one part of a job's compute, with its formula terms and figures. */
interface ComputeRate {
  dbuPerHour: number;
  usdPerHour: number;
  formula: string[];
  assumptions: Assumption[];
}

function serverlessRate(job: PlannedStep, a: Assumptions): ComputeRate {
  const rate = a.resource(job.name, "serverlessJobDbuPerHour");
  const price = a.dbuPrice("jobs-serverless");
  return {
    dbuPerHour: num(rate),
    usdPerHour: num(rate) * num(price),
    formula: [`${qty(num(rate))} DBU/h (serverless) × ${usd(num(price))}/DBU (dbu.jobs-serverless)`],
    assumptions: [rate, price],
  };
}

/** Job clusters (each assumed up for the whole run): (driver + workers, autoscale at its maximum) × the node's DBU/h, plus EC2. */
function clusterRate(clusters: Record<string, unknown>[], a: Assumptions): ComputeRate | { unpriced: string } {
  const price = a.dbuPrice("jobs-classic");
  const out: ComputeRate = { dbuPerHour: 0, usdPerHour: 0, formula: [], assumptions: [] };
  for (const cluster of clusters) {
    const nodeType = String(cluster.nodeTypeId ?? "(none)");
    const node = PRICE_TABLE.nodeTypes[nodeType];
    if (node === undefined) return { unpriced: `node type ${nodeType} is not in the price table` };
    const autoscale = record(cluster.autoscale);
    const workers = typeof cluster.numWorkers === "number" ? cluster.numWorkers : typeof autoscale?.maxWorkers === "number" ? autoscale.maxWorkers : 0;
    out.dbuPerHour += (workers + 1) * node.dbuPerHour;
    out.usdPerHour += (workers + 1) * (node.dbuPerHour * num(price) + node.ec2UsdPerHour);
    out.assumptions.push({ key: `node.${nodeType}`, value: node.dbuPerHour, unit: `DBU/h per node, EC2 ${usd(node.ec2UsdPerHour)}/h`, source: "price table" });
    out.formula.push(`(1 driver + ${workers} workers${autoscale ? " at autoscale max" : ""}) × (${qty(node.dbuPerHour)} DBU/h (${nodeType}) × ${usd(num(price))}/DBU (dbu.jobs-classic) + EC2 ${usd(node.ec2UsdPerHour)}/h)`);
  }
  out.assumptions.push(price);
  return out;
}

/** A job: runs a month × hours a run × the hourly cost of its compute (serverless tasks and job clusters, each up the whole run). */
export function estimateJob(job: PlannedStep, facts: DatabricksFacts): Estimated {
  const a = facts.assumptions;
  const compute = jobCompute(job);
  if (compute.existing) return { unpriced: "runs on an existing (all-purpose) cluster, which is priced as that cluster, not as this job" };
  if (compute.serverlessTasks === 0 && compute.clusters.length === 0) return { free: true };
  const scheduled = runsPerMonth(job, a);
  if ("unpriced" in scheduled) return scheduled;
  const rates: ComputeRate[] = [];
  if (compute.serverlessTasks > 0) rates.push(serverlessRate(job, a));
  if (compute.clusters.length > 0) {
    const clusters = clusterRate(compute.clusters, a);
    if ("unpriced" in clusters) return clusters;
    rates.push(clusters);
  }
  const hours = a.resource(job.name, "jobRunHours");
  const runHours = num(scheduled.runs) * num(hours);
  const terms = rates.flatMap((r) => r.formula);
  return {
    line: {
      monthlyDbu: runHours * rates.reduce((n, r) => n + r.dbuPerHour, 0),
      monthlyUsd: runHours * rates.reduce((n, r) => n + r.usdPerHour, 0),
      formula: [scheduled.formula, `× ${qty(num(hours))} h/run`, ...(terms.length === 1 ? [`× ${terms[0]}`] : [`× (${terms.join(" + ")})`])],
      assumptions: [scheduled.runs, hours, ...rates.flatMap((r) => r.assumptions)],
    },
  };
}

/** Active hours a month of a warehouse: its override, always on without auto-stop, else its schedules' sessions. */
function warehouseHours(warehouse: PlannedStep, facts: DatabricksFacts): { hours: number; text: string; assumptions: Assumption[] } {
  const a = facts.assumptions;
  const own = a.ownOverride(warehouse.name, "activeHoursPerMonth", "active h/month");
  if (own !== undefined) return { hours: num(own), text: `${qty(num(own))} active h/month`, assumptions: [own] };
  const autoStop = typeof warehouse.inputs.autoStopMins === "number" ? warehouse.inputs.autoStopMins : 120;
  if (autoStop === 0) return { hours: HOURS_PER_MONTH, text: `${HOURS_PER_MONTH} h/month (auto-stop off)`, assumptions: [] };
  const query = a.resource(warehouse.name, "warehouseQueryMinutes");
  // Schedules with the same expression wake the warehouse once; different ones are counted apart (an upper bound).
  const uses = (facts.warehouseUses.get(warehouse.urn) ?? []).filter((u) => !u.paused);
  const distinct = [...new Set(uses.map((u) => u.cron))];
  let sessions = 0;
  for (const cron of distinct) {
    try {
      sessions += quartzRunsPerMonth(cron).runs;
    } catch (err) {
      if (!(err instanceof CronNotCountable)) throw err;
    }
  }
  const hours = Math.min(HOURS_PER_MONTH, (sessions * (num(query) + autoStop)) / 60);
  const who = `${uses.length} scheduled user${uses.length === 1 ? "" : "s"}, ${distinct.length} distinct schedule${distinct.length === 1 ? "" : "s"}`;
  const text = `${qty(hours)} active h/month = ${qty(sessions)} sessions (${who}) × (${qty(num(query))} min queries + ${autoStop} min auto-stop)`;
  const active: Assumption = { key: "activeHoursPerMonth", value: hours, unit: "active h/month from the schedules", source: "plan" };
  return { hours, text, assumptions: [query, active] };
}

/** A SQL warehouse: DBU/h of its size × clusters × active hours × the DBU price (EC2 of a classic or pro one not included). */
export function estimateWarehouse(warehouse: PlannedStep, facts: DatabricksFacts): Estimated {
  const size = String(warehouse.inputs.clusterSize ?? "(none)");
  const dbu = PRICE_TABLE.sqlWarehouseDbuPerHour[size];
  if (dbu === undefined) return { unpriced: `cluster size ${size} is not in the price table` };
  const serverless = warehouse.inputs.enableServerlessCompute === true;
  const product = serverless ? "sql-serverless" : warehouse.inputs.warehouseType === "CLASSIC" ? "sql-classic" : "sql-pro";
  const clusters = typeof warehouse.inputs.minNumClusters === "number" ? warehouse.inputs.minNumClusters : 1;
  const price = facts.assumptions.dbuPrice(product);
  const active = warehouseHours(warehouse, facts);
  const monthlyDbu = dbu * clusters * active.hours;
  const formula = [`${qty(dbu)} DBU/h (${size})`, `× ${clusters} cluster${clusters === 1 ? "" : "s"}`, `× ${active.text}`, `× ${usd(num(price))}/DBU (dbu.${product})`];
  if (!serverless) formula.push("(EC2 of a non-serverless warehouse not included)");
  const sizeRate: Assumption = { key: `sql.${size}`, value: dbu, unit: "DBU/h per cluster", source: "price table" };
  return { line: { monthlyDbu, monthlyUsd: monthlyDbu * num(price), formula, assumptions: [sizeRate, ...active.assumptions, price] } };
}

/** A serving endpoint: per served entity, provisioned concurrency × DBU per concurrency-hour × hours up × the DBU price. */
export function estimateServing(endpoint: PlannedStep, facts: DatabricksFacts): Estimated {
  const a = facts.assumptions;
  const shape = facts.servingShapes.get(String(endpoint.inputs.name));
  if (shape === undefined || shape.entities.length === 0) return { unpriced: "serves no entity the plan can see (neither its config nor a deploy task's serving_config names one)" };
  const rate = PRICE_TABLE.rates.servingDbuPerConcurrencyHour;
  const rateA: Assumption = { key: "servingDbuPerConcurrencyHour", value: rate.value, unit: rate.unit, source: "price table" };
  const price = a.dbuPrice("model-serving");
  const active = a.resource(endpoint.name, "servingActiveHoursPerDay");
  const assumptions: Assumption[] = [{ key: "servedEntities", value: shape.entities.map((e) => e.name).join(", "), unit: shape.from, source: "plan" }, rateA, price];
  if (shape.entities.some((e) => e.scaleToZero)) assumptions.push(active);
  const formula: string[] = [];
  let monthlyDbu = 0;
  for (const entity of shape.entities) {
    const concurrency = PRICE_TABLE.servingConcurrency[entity.workloadSize];
    if (entity.workloadType !== "CPU") return { unpriced: `served entity ${entity.name} uses workload type ${entity.workloadType}; only CPU serving is priced` };
    if (concurrency === undefined) return { unpriced: `served entity ${entity.name} has workload size ${entity.workloadSize}, which is not in the price table` };
    // Scaled to zero, an entity no route sends traffic to is never up.
    const idle = entity.scaleToZero && entity.trafficPercent === 0;
    const hours = idle ? 0 : entity.scaleToZero ? num(active) * (HOURS_PER_MONTH / 24) : HOURS_PER_MONTH;
    monthlyDbu += concurrency * rate.value * hours;
    const traffic = entity.trafficPercent === undefined ? "" : `, ${entity.trafficPercent}% of traffic`;
    const up = idle ? "0 h (scale-to-zero, no traffic)" : entity.scaleToZero ? `${qty(num(active))} h/day up × 30.42 days (scale-to-zero)` : `${HOURS_PER_MONTH} h (always up)`;
    formula.push(`${entity.name} (${entity.workloadSize}${traffic}): ${concurrency} concurrency × ${qty(rate.value)} DBU/h × ${up}`);
  }
  formula.push(`× ${usd(num(price))}/DBU (dbu.model-serving)`);
  return { line: { monthlyDbu, monthlyUsd: monthlyDbu * num(price), formula, assumptions } };
}

/** A Lakehouse monitor: refreshes a month × DBU per refresh × the serverless jobs DBU price. */
export function estimateMonitor(monitor: PlannedStep, facts: DatabricksFacts): Estimated {
  const a = facts.assumptions;
  const scheduled = runsPerMonth(monitor, a);
  if ("unpriced" in scheduled) return scheduled;
  const perRefresh = a.resource(monitor.name, "monitorDbuPerRefresh");
  const price = a.dbuPrice("jobs-serverless");
  const monthlyDbu = num(scheduled.runs) * num(perRefresh);
  return {
    line: {
      monthlyDbu,
      monthlyUsd: monthlyDbu * num(price),
      formula: [scheduled.formula.replace("runs", "refreshes"), `× ${qty(num(perRefresh))} DBU/refresh`, `× ${usd(num(price))}/DBU (dbu.jobs-serverless)`],
      assumptions: [scheduled.runs, perRefresh, price],
    },
  };
}
