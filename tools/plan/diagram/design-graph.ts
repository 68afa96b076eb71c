/**
 * The picture of a stage at the level of the design ("MLOps workflows on Databricks"), derived from the plan
 * alone: what a person reasons about, not every resource. Pure.
 *
 * - The stage's workspace holds its catalog (the data: models and tables, schemas named in its title) and one box
 *   per ML project (its jobs with their task chain, serving endpoint with its traffic split, monitors, alerts,
 *   experiment, online store).
 * - Who reads and who writes: the catalog's grants, summarised as one reader node and one writer node; another
 *   stage's workspace that may read the catalog (a read-only binding) is the dotted arrow.
 * - Arrows tell the design's story: a job that names a model or table uses it; the job whose deploy task carries
 *   a `serving_config` deploys the endpoint it names; a task that runs another job triggers it (retraining ->
 *   training); every other dependency between drawn resources runs from the dependency to the dependent
 *   (endpoint -> inference table -> monitor -> alert -> retraining job).
 * - Access resources, providers, IAM, networking and settings are left to the resource-level graph and the
 *   access matrix. Resources this change creates, updates or replaces are marked.
 */
import type { ChangeOp } from "../diff/plan-diff";
import type { PlannedStep, PlanDocument } from "../types";
import { accessMatrix } from "./access-matrix";
import { fullName, indexSteps, providerUrn } from "./resource-index";
import { renderMermaid } from "./mermaid";
import type { GraphEdge, GraphGroup, GraphNode, NodeShape, StageGraph } from "./stage-graph";

const CATALOG = "databricks:index/catalog:Catalog";
const SCHEMA = "databricks:index/schema:Schema";
const JOB = "databricks:index/job:Job";
const SERVING = "databricks:index/modelServing:ModelServing";
const BINDING = "databricks:index/workspaceBinding:WorkspaceBinding";
const ALERT = "databricks:index/alertV2:AlertV2";
const MONITOR = "databricks:index/qualityMonitor:QualityMonitor";
const ONLINE_STORE = "aws:dynamodb/table:Table";

/** The kinds of resource the design picture draws, with their title and shape. */
const DRAWN: Record<string, { title: string; shape: NodeShape; data?: true }> = {
  [JOB]: { title: "Job", shape: "box" },
  "databricks:index/registeredModel:RegisteredModel": { title: "Model", shape: "cylinder", data: true },
  "databricks:index/sqlTable:SqlTable": { title: "Table", shape: "cylinder", data: true },
  [SERVING]: { title: "Serving endpoint", shape: "box" },
  [MONITOR]: { title: "Monitor", shape: "box" },
  [ALERT]: { title: "Alert", shape: "box" },
  "databricks:index/mlflowExperiment:MlflowExperiment": { title: "Experiment", shape: "box" },
  [ONLINE_STORE]: { title: "Online store", shape: "cylinder" },
};

/** Privileges that change what a catalog holds: their holder writes. */
const WRITE_PRIVILEGE = /^(ALL_PRIVILEGES|OWNER|MODIFY|CREATE_[A-Z_]+|WRITE_[A-Z_]+|APPLY_TAG|MANAGE|REFRESH)$/;

/** A design node: its drawn node plus what the picture needs to place it. */
interface DesignNode {
  node: GraphNode;
  step: PlannedStep;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

interface Task {
  taskKey?: unknown;
  dependsOns?: { taskKey?: unknown }[];
  runJobTask?: { jobId?: unknown };
  notebookTask?: { baseParameters?: Record<string, unknown> };
}

function tasksOf(job: PlannedStep): Task[] {
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

/** The ML project a resource belongs to: the name of its nearest component ancestor whose type ends in `MlProject`. */
function projectOf(step: PlannedStep, byUrn: ReadonlyMap<string, PlannedStep>): PlannedStep | undefined {
  for (let at = byUrn.get(step.parent); at !== undefined; at = byUrn.get(at.parent)) {
    if (/MlProject$/.test(at.type)) return at;
  }
  return undefined;
}

/** Marks for resources a change touches, in the label and as a class. */
const CHANGE_MARK: Record<ChangeOp, string> = { create: "✚ new", update: "✎ changed", replace: "⟳ replaced", delete: "✖ deleted" };

/** A design graph; `changes` (URN -> step kind of a diff) marks what a change touches. */
export interface DesignGraph extends StageGraph {
  /** Node ids by the change that touches them; Mermaid classes of the same names style them. */
  changed: Map<ChangeOp, string[]>;
}

/** Builds the design-level picture of a plan document. */
export function designGraph(doc: PlanDocument, changes: ReadonlyMap<string, ChangeOp | "same"> = new Map()): DesignGraph {
  const index = indexSteps(doc.steps);
  const ids = new Map<string, string>();
  doc.steps.forEach((s, i) => ids.set(s.urn, `d${i}`));
  const changed = new Map<ChangeOp, string[]>();
  const mark = (step: PlannedStep, id: string): string[] => {
    const op = changes.get(step.urn);
    if (op === undefined || op === "same") return [];
    changed.set(op, [...(changed.get(op) ?? []), id]);
    return [CHANGE_MARK[op]];
  };

  const drawn: DesignNode[] = [];
  for (const step of doc.steps) {
    const kind = DRAWN[step.type];
    if (kind === undefined || !step.custom) continue;
    const id = ids.get(step.urn)!;
    const name = str(step.inputs.displayName) ?? fullName(step.inputs) ?? step.name;
    const lines = [kind.title, name];
    if (step.type === JOB) lines.push(taskChain(tasksOf(step)));
    if (step.type === MONITOR) lines[1] = `on ${str(step.inputs.tableName) ?? step.name}`;
    drawn.push({ step, node: { id, label: [...lines, ...mark(step, id)], shape: kind.shape, protect: step.protect } });
  }
  const drawnIds = new Map(drawn.map((d) => [d.step.urn, d.node.id]));

  // The traffic split lives in the deploy task's serving_config; the endpoint's label shows it.
  const deploys: GraphEdge[] = [];
  const endpointsByName = new Map(drawn.filter((d) => d.step.type === SERVING).map((d) => [str(d.step.inputs.name) ?? d.step.name, d]));
  const modelsByName = new Map(drawn.filter((d) => DRAWN[d.step.type].data).map((d) => [fullName(d.step.inputs) ?? d.step.name, d]));
  for (const job of drawn.filter((d) => d.step.type === JOB)) {
    for (const config of servingConfigs(job.step)) {
      const endpoint = endpointsByName.get(config.endpoint);
      if (endpoint === undefined) continue;
      endpoint.node.label.splice(2, 0, config.split);
      deploys.push({ from: job.node.id, to: endpoint.node.id, label: "deploys" });
      for (const entity of new Set(config.entities)) {
        const model = modelsByName.get(entity);
        if (model) deploys.push({ from: model.node.id, to: endpoint.node.id, label: "served by" });
      }
    }
  }

  // Boxes: the workspace (by provider) holds the catalog and one box per project.
  const workspaces = new Map<string, GraphGroup>();
  const workspaceOf = (step: PlannedStep): GraphGroup => {
    const urn = providerUrn(step);
    let box = workspaces.get(urn);
    if (box === undefined) {
      const provider = index.byUrn.get(urn);
      const host = str(provider?.inputs.host)?.replace(/^https?:\/\//, "");
      const label = host ? `Workspace ${host}` : provider ? `${provider.name}` : "Default provider";
      box = { id: `w${workspaces.size}`, label, nodes: [], groups: [] };
      workspaces.set(urn, box);
    }
    return box;
  };
  const catalogs = new Map<string, GraphGroup>();
  for (const c of doc.steps.filter((s) => s.type === CATALOG)) {
    const name = fullName(c.inputs) ?? c.name;
    const schemas = doc.steps.filter((s) => s.type === SCHEMA && s.inputs.catalogName === name).map((s) => str(s.inputs.name) ?? s.name);
    const title = `Catalog ${name}${c.protect ? " 🔒" : ""}${schemas.length > 0 ? ` · schemas ${schemas.join(", ")}` : ""}`;
    const group: GraphGroup = { id: ids.get(c.urn)!.replace("d", "c"), label: title, nodes: [], groups: [] };
    catalogs.set(name, group);
    workspaceOf(c).groups.push(group);
  }
  const projects = new Map<string, GraphGroup>();
  // Resources on the AWS side (an online store) belong to their project's box, whichever provider manages them.
  const databricksBox = (step: PlannedStep) => (step.type.startsWith("aws:") ? [...workspaces.values()][0] ?? workspaceOf(step) : workspaceOf(step));
  for (const d of drawn) {
    const catalog = DRAWN[d.step.type].data ? catalogs.get(str(d.step.inputs.catalogName) ?? "") : undefined;
    if (catalog) {
      catalog.nodes.push(d.node);
      continue;
    }
    const project = projectOf(d.step, index.byUrn);
    if (project === undefined) {
      databricksBox(d.step).nodes.push(d.node);
      continue;
    }
    let box = projects.get(project.urn);
    if (box === undefined) {
      box = { id: ids.get(project.urn)!.replace("d", "p"), label: `ML project ${project.name}`, nodes: [], groups: [] };
      projects.set(project.urn, box);
      databricksBox(d.step).groups.push(box);
    }
    box.nodes.push(d.node);
  }

  // Tables the jobs name that the stack does not declare (a features table, a payload table) are drawn too:
  // the pipeline's data flows through them.
  const onlineStores = new Map(drawn.filter((d) => d.step.type === ONLINE_STORE).map((d) => [str(d.step.inputs.name) ?? d.step.name, d]));
  const dataNode = (name: string): DesignNode | undefined => {
    const known = modelsByName.get(name) ?? onlineStores.get(name);
    if (known !== undefined) return known;
    const catalog = catalogs.get(name.split(".")[0]);
    if (catalog === undefined || !/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/.test(name)) return undefined;
    const node: GraphNode = { id: `${catalog.id}_u${catalog.nodes.length}`, label: ["Table (made at run time)", name], shape: "cylinder", protect: false };
    const made: DesignNode = { node, step: { urn: `undeclared:${name}` } as PlannedStep };
    catalog.nodes.push(node);
    modelsByName.set(name, made);
    return made;
  };

  // Arrows of the story.
  const edges: GraphEdge[] = [...deploys];
  const runs = new Set<string>();
  for (const job of drawn.filter((d) => d.step.type === JOB)) {
    for (const t of tasksOf(job.step)) {
      const jobId = t.runJobTask?.jobId;
      const target = typeof jobId === "string" || typeof jobId === "number" ? index.urnOfValue.get(String(jobId)) ?? singleJobDependency(job.step, index.byUrn) : undefined;
      const to = target && drawnIds.get(target);
      if (target && to) {
        runs.add(`${target}>${job.step.urn}`);
        edges.push({ from: job.node.id, to, label: "triggers" });
      }
    }
    for (const ref of dataReferences(job.step)) {
      const data = dataNode(ref.name);
      if (data === undefined) continue;
      edges.push(ref.role === "reads" ? { from: data.node.id, to: job.node.id, label: "reads" } : { from: job.node.id, to: data.node.id, label: ref.role });
    }
  }
  // Tables Databricks writes at run time under documented names, linked when a job reads them: an endpoint's
  // inference table (`<prefix>_payload`) and a monitor's metric tables (`<table>_profile_metrics`, `_drift_metrics`).
  const linkIfNamed = (from: DesignNode, name: string, label: string) => {
    const to = modelsByName.get(name);
    if (to !== undefined) edges.push({ from: from.node.id, to: to.node.id, label });
  };
  for (const d of drawn) {
    const inference = (d.step.inputs.aiGateway as { inferenceTableConfig?: Record<string, unknown> } | undefined)?.inferenceTableConfig;
    if (d.step.type === SERVING && inference !== undefined) {
      linkIfNamed(d, `${str(inference.catalogName)}.${str(inference.schemaName)}.${str(inference.tableNamePrefix)}_payload`, "logs requests");
    }
    const table = str(d.step.inputs.tableName)?.split(".").pop();
    if (d.step.type === MONITOR && table !== undefined) {
      for (const suffix of ["profile_metrics", "drift_metrics"]) linkIfNamed(d, `${str(d.step.inputs.outputSchemaName)}.${table}_${suffix}`, "writes");
    }
  }
  for (const d of drawn) {
    for (const dep of new Set([...d.step.dependencies, ...Object.values(d.step.propertyDependencies).flat()])) {
      const from = drawnIds.get(dep);
      if (from === undefined || runs.has(`${dep}>${d.step.urn}`)) continue;
      // A job's other dependencies order its creation; of them only the alerts it waits for are the story's.
      if (d.step.type === JOB && index.byUrn.get(dep)?.type !== ALERT) continue;
      edges.push({ from, to: d.node.id });
    }
  }

  // Who reads and who writes the catalog, and the other stage that reads it.
  const outside: GraphNode[] = [];
  for (const [name, group] of catalogs) {
    const rows = accessMatrix(doc).filter((r) => r.securable === `catalog ${name}` && r.principalKind !== "workspace");
    const writers = [...new Set(rows.filter((r) => r.privileges.some((p) => WRITE_PRIVILEGE.test(p))).map((r) => r.principal))];
    const readers = [...new Set(rows.map((r) => r.principal))].filter((p) => !writers.includes(p));
    if (writers.length > 0) {
      outside.push({ id: `${group.id}_w`, label: ["Writes", ...writers], shape: "external", protect: false });
      edges.push({ from: `${group.id}_w`, to: group.id, label: "writes" });
    }
    if (readers.length > 0) {
      outside.push({ id: `${group.id}_r`, label: ["Reads", ...readers], shape: "external", protect: false });
      edges.push({ from: `${group.id}_r`, to: group.id, label: "reads" });
    }
  }
  for (const b of doc.steps.filter((s) => s.type === BINDING && s.inputs.bindingType === "BINDING_TYPE_READ_ONLY")) {
    const catalog = catalogs.get(str(b.inputs.securableName) ?? "");
    if (catalog === undefined) continue;
    const id = ids.get(b.urn)!;
    outside.push({ id, label: ["Another stage's workspace", String(b.inputs.workspaceId)], shape: "external", protect: false });
    edges.push({ from: catalog.id, to: id, label: "read-only", dotted: true });
  }
  return { groups: [...workspaces.values()], nodes: outside, edges: dedupe(edges), changed };
}

/** The one job a job's tasks depend on, when a `run_job_task` names its job by an id the plan cannot trace. */
function singleJobDependency(job: PlannedStep, byUrn: ReadonlyMap<string, PlannedStep>): string | undefined {
  const jobs = (job.propertyDependencies.tasks ?? []).filter((u) => byUrn.get(u)?.type === JOB);
  return jobs.length === 1 ? jobs[0] : undefined;
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}>${e.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Styles of the marks: what a change touches stands out in the rendered picture, not only in its labels. */
const CHANGE_STYLE: Record<ChangeOp, string> = {
  create: "stroke:#1a7f37,stroke-width:3px",
  update: "stroke:#9a6700,stroke-width:3px",
  replace: "stroke:#cf222e,stroke-width:3px",
  delete: "stroke:#cf222e,stroke-width:3px,stroke-dasharray:4 3",
};

/** The Mermaid source of a design graph: the flowchart, then a class per kind of change that styles its nodes. */
export function renderDesignMermaid(graph: DesignGraph): string[] {
  const lines = renderMermaid(graph);
  for (const [op, nodeIds] of graph.changed) lines.push(`  classDef ${op} ${CHANGE_STYLE[op]}`, `  class ${nodeIds.join(",")} ${op}`);
  return lines;
}
