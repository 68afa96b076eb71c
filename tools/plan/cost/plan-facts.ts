/**
 * What the estimate reads across resources: the served entities a deploy task sets on an endpoint (the
 * stack declares the endpoint without them), and the schedules that wake each SQL warehouse. Pure.
 */
import type { PlannedStep } from "../types";

/** One entity an endpoint serves, as the Serving API's `served_entities` names it. */
export interface ServedEntity {
  name: string;
  workloadSize: string;
  /** GPU types are not priced; `CPU` (the default) is. */
  workloadType: string;
  scaleToZero: boolean;
  /** Share of the traffic routed to it, in percent; undefined when no route names it. */
  trafficPercent?: number;
}

/** An endpoint's served entities and where the plan found them. */
export interface ServingShape {
  entities: ServedEntity[];
  /** `config of the endpoint` or `serving_config of <job> task <task key>`. */
  from: string;
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function routes(traffic: unknown, entityKey: string, percentKey: string): Map<string, number> {
  return new Map(
    list(record(traffic)?.routes)
      .map(record)
      .filter((r): r is Record<string, unknown> => r !== undefined && typeof r[entityKey] === "string" && typeof r[percentKey] === "number")
      .map((r) => [r[entityKey] as string, r[percentKey] as number]),
  );
}

/** The entities of a `serving_config` JSON document (snake_case, as the deploy task passes it to the API). */
function fromServingConfig(document: Record<string, unknown>): ServedEntity[] {
  const traffic = routes(document.traffic_config, "served_entity_name", "traffic_percentage");
  return list(document.served_entities)
    .map(record)
    .filter((e): e is Record<string, unknown> => e !== undefined)
    .map((e) => ({
      name: text(e.name) ?? "(unnamed)",
      workloadSize: text(e.workload_size) ?? "(none)",
      workloadType: text(e.workload_type) ?? "CPU",
      scaleToZero: e.scale_to_zero_enabled === true,
      trafficPercent: traffic.get(text(e.name) ?? ""),
    }));
}

/** The entities an endpoint's own `config` declares (camelCase inputs). */
function fromEndpointConfig(config: Record<string, unknown>): ServedEntity[] {
  const traffic = routes(config.trafficConfig, "servedModelName", "trafficPercentage");
  return [...list(config.servedEntities), ...list(config.servedModels)]
    .map(record)
    .filter((e): e is Record<string, unknown> => e !== undefined)
    .map((e) => ({
      name: text(e.name) ?? "(unnamed)",
      workloadSize: text(e.workloadSize) ?? "(none)",
      workloadType: text(e.workloadType) ?? "CPU",
      scaleToZero: e.scaleToZeroEnabled === true,
      trafficPercent: traffic.get(text(e.name) ?? ""),
    }));
}

/**
 * Endpoint name -> its served entities: the endpoint's declared `config` wins; else the first job task
 * whose `serving_config` parameter names the endpoint (the deploy task applies it at run time).
 */
export function servingShapes(steps: readonly PlannedStep[]): Map<string, ServingShape> {
  const out = new Map<string, ServingShape>();
  for (const job of steps.filter((s) => s.type === "databricks:index/job:Job")) {
    for (const task of list(job.inputs.tasks).map(record)) {
      const raw = text(record(record(task?.notebookTask)?.baseParameters)?.serving_config);
      if (raw === undefined) continue;
      let document: Record<string, unknown> | undefined;
      try {
        document = record(JSON.parse(raw));
      } catch {
        continue;
      }
      const endpoint = text(document?.endpoint_name);
      if (document && endpoint && !out.has(endpoint)) {
        out.set(endpoint, { entities: fromServingConfig(document), from: `serving_config of ${job.name} task ${text(task?.taskKey) ?? "?"}` });
      }
    }
  }
  for (const endpoint of steps.filter((s) => s.type === "databricks:index/modelServing:ModelServing")) {
    const config = record(endpoint.inputs.config);
    const name = text(endpoint.inputs.name);
    if (config && name) out.set(name, { entities: fromEndpointConfig(config), from: "config of the endpoint" });
  }
  return out;
}

/** A schedule that wakes a warehouse: the resource that runs on it and its Quartz expression. */
export interface WarehouseUse {
  name: string;
  cron: string;
  paused: boolean;
}

/** The Quartz expression and pause state of a resource's `schedule` (jobs, alerts, monitors). */
export function scheduleOf(step: PlannedStep): { cron: string; paused: boolean } | undefined {
  const schedule = record(step.inputs.schedule);
  const cron = text(schedule?.quartzCronExpression) ?? text(schedule?.quartzCronSchedule);
  return cron === undefined ? undefined : { cron, paused: schedule?.pauseStatus === "PAUSED" };
}

/** Warehouse URN -> the scheduled resources whose `warehouseId` comes from it (property dependencies). */
export function warehouseUses(steps: readonly PlannedStep[]): Map<string, WarehouseUse[]> {
  const out = new Map<string, WarehouseUse[]>();
  for (const step of steps) {
    const schedule = scheduleOf(step);
    if (schedule === undefined) continue;
    const sources = new Set(Object.entries(step.propertyDependencies).filter(([key]) => /warehouseId$/i.test(key)).flatMap(([, urns]) => urns));
    // A job's SQL tasks name their warehouse inside `tasks`; their dependencies are under that property.
    if (step.type === "databricks:index/job:Job" && JSON.stringify(step.inputs.tasks ?? []).includes("warehouseId")) {
      for (const urn of step.propertyDependencies.tasks ?? []) sources.add(urn);
    }
    for (const urn of sources) {
      const uses = out.get(urn) ?? [];
      uses.push({ name: step.name, ...schedule });
      out.set(urn, uses);
    }
  }
  return out;
}
