/**
 * What the design picture reads from a job's tasks: the order they run in, the endpoint a deploy task configures
 * and its traffic split, the data its notebooks name, and whether it runs on a schedule. Pure.
 */
import type { PlannedStep } from "../types";

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** A job task as the picture reads it. */
export interface Task {
  taskKey?: unknown;
  dependsOns?: { taskKey?: unknown }[];
  runJobTask?: { jobId?: unknown };
  notebookTask?: { baseParameters?: Record<string, unknown> };
}

export function tasksOf(job: PlannedStep): Task[] {
  return Array.isArray(job.inputs.tasks) ? (job.inputs.tasks as Task[]) : [];
}

/**
 * A job's tasks in the order they run (each after the tasks it depends on, ties in declared order), joined by
 * arrows; a job of one task shows that task.
 */
export function taskChain(tasks: Task[]): string {
  const keys = tasks.map((t) => str(t.taskKey)).filter((k): k is string => k !== undefined);
  const after = new Map(tasks.map((t) => [str(t.taskKey) ?? "", (t.dependsOns ?? []).map((d) => str(d.taskKey)).filter((k): k is string => k !== undefined)]));
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < keys.length) {
    const next = keys.find((k) => !placed.has(k) && (after.get(k) ?? []).every((d) => placed.has(d) || !keys.includes(d)));
    // A cycle (which the Jobs API refuses) is shown in declared order rather than lost.
    const k = next ?? keys.find((key) => !placed.has(key))!;
    placed.add(k);
    order.push(k);
  }
  return order.join(" → ");
}

/** The endpoint a deploy task's `serving_config` names, with its traffic split, from a job's tasks. */
export function servingConfigs(job: PlannedStep): { endpoint: string; split: string; entities: string[] }[] {
  const found: { endpoint: string; split: string; entities: string[] }[] = [];
  for (const t of tasksOf(job)) {
    const text = str(t.notebookTask?.baseParameters?.serving_config);
    if (text === undefined) continue;
    let config: { endpoint_name?: unknown; served_entities?: { name?: unknown; alias?: unknown; entity_name?: unknown }[]; traffic_config?: { routes?: { served_entity_name?: unknown; traffic_percentage?: unknown }[] } };
    try {
      config = JSON.parse(text);
    } catch {
      continue;
    }
    const endpoint = str(config.endpoint_name);
    if (endpoint === undefined) continue;
    const entities = config.served_entities ?? [];
    const aliasOf = new Map(entities.map((e) => [str(e.name), str(e.alias) ?? str(e.name) ?? "?"]));
    const routes = config.traffic_config?.routes ?? [];
    const split = routes.length > 0
      ? routes.map((r) => `${aliasOf.get(str(r.served_entity_name)) ?? str(r.served_entity_name) ?? "?"} ${String(r.traffic_percentage)}%`).join(" · ")
      : entities.map((e) => `${str(e.alias) ?? str(e.name) ?? "?"} 100%`).join(" · ");
    found.push({ endpoint, split, entities: entities.map((e) => str(e.entity_name)).filter((n): n is string => n !== undefined) });
  }
  return found;
}

/** How a job touches a model, table or store it names in a task parameter. */
export interface DataReference {
  name: string;
  role: "reads" | "writes" | "registers";
}

/**
 * The data a job's notebook tasks name in their parameters, by the parameter's role in the pipeline's
 * notebooks: an `output...` or `online_table` parameter is written, a `model_name` beside an
 * `experiment_name` is the model the task registers versions of, anything else that names data is read.
 * Values with a task reference (`{{tasks...}}`) and the deploy task's `serving_config` are not names.
 */
export function dataReferences(job: PlannedStep): DataReference[] {
  const refs: DataReference[] = [];
  for (const t of tasksOf(job)) {
    const params = t.notebookTask?.baseParameters ?? {};
    for (const [key, value] of Object.entries(params)) {
      if (typeof value !== "string" || value.includes("{{") || key === "serving_config") continue;
      const role = /^output|^online_table$/.test(key) ? "writes" : key === "model_name" && "experiment_name" in params ? "registers" : "reads";
      refs.push({ name: value, role });
    }
  }
  return refs;
}

/** True for a job with no schedule, trigger or continuous run: it runs only when someone (or CI) starts it. */
export function onDemand(job: PlannedStep): boolean {
  return job.inputs.schedule === undefined && job.inputs.trigger === undefined && job.inputs.continuous === undefined;
}
