/**
 * The picture of a stage at the level of the design ("MLOps workflows on Databricks"), derived from the plan
 * alone: what a person reasons about, not every resource. Pure; design-pictures.ts cuts it into the pictures the
 * plan prints.
 *
 * - The stage's workspace holds its catalog's box (its schemas, who writes and who reads it, and another stage's
 *   workspace that reads it through a read-only binding: the dotted arrow) and one box per ML project with the
 *   project's own data and work: jobs with their tasks in run order, the serving endpoint with its traffic split,
 *   its monitors (one node) and alerts (one node), tables, model and online store.
 * - Arrows tell the design's story: a job writes, reads or registers the data its tasks name (design-tasks.ts);
 *   the job whose deploy task carries a `serving_config` deploys the endpoint it names, which serves that model;
 *   a task that runs another job triggers it (retraining -> training); every other dependency between drawn
 *   resources runs from the dependency to the dependent (endpoint -> inference table -> monitors -> alerts ->
 *   retraining job). A job that runs only on demand draws no arrows: it repeats the scheduled jobs' pipeline.
 * - Experiments, access resources, providers, IAM, networking and settings are left to the resource-level graph
 *   and the access matrix. Resources a change creates, updates or replaces are marked.
 */
import type { ChangeOp } from "../diff/plan-diff";
import type { PlannedStep, PlanDocument } from "../types";
import { accessMatrix } from "./access-matrix";
import { fullName, indexSteps, providerUrn } from "./resource-index";
import { renderMermaid } from "./mermaid";
import { shortName, wrapLabels } from "./design-labels";
import { dataReferences, onDemand, servingConfigs, taskChain, tasksOf } from "./design-tasks";
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
    const project = projectOf(step, index.byUrn);
    const full = kind.data ? fullName(step.inputs) : str(step.inputs.displayName) ?? str(step.inputs.name);
    const name = shortName(full ?? step.name, project?.name, kind.data === true);
    const lines = [kind.title, name];
    if (step.type === JOB) lines.push(taskChain(tasksOf(step)), ...(onDemand(step) ? ["on demand"] : []));
    if (step.type === MONITOR) lines[1] = `on ${shortName(str(step.inputs.tableName) ?? step.name, project?.name, true)}`;
    drawn.push({ step, node: { id, label: [...lines, ...mark(step, id)], shape: kind.shape, protect: step.protect } });
  }
  const drawnIds = new Map(drawn.map((d) => [d.step.urn, d.node.id]));

  // The traffic split lives in the deploy task's serving_config; the endpoint's label shows it.
  const deploys: GraphEdge[] = [];
  const endpointsByName = new Map(drawn.filter((d) => d.step.type === SERVING).map((d) => [str(d.step.inputs.name) ?? d.step.name, d]));
  const modelsByName = new Map(drawn.filter((d) => DRAWN[d.step.type].data).map((d) => [fullName(d.step.inputs) ?? d.step.name, d]));
  // A job that runs only on demand (an integration test of the whole pipeline) repeats the scheduled jobs' arrows.
  const scheduledJobs = drawn.filter((d) => d.step.type === JOB && !onDemand(d.step));
  for (const job of scheduledJobs) {
    for (const config of servingConfigs(job.step)) {
      const endpoint = endpointsByName.get(config.endpoint);
      if (endpoint === undefined) continue;
      if (!endpoint.node.label.includes(config.split)) endpoint.node.label.splice(2, 0, config.split);
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
    const title = `Catalog ${name}${c.protect ? " 🔒" : ""}`;
    const group: GraphGroup = { id: ids.get(c.urn)!.replace("d", "c"), label: title, nodes: [], groups: [] };
    catalogs.set(name, group);
    workspaceOf(c).groups.push(group);
  }
  const projects = new Map<string, GraphGroup>();
  // Resources on the AWS side (an online store) belong to their project's box, whichever provider manages them.
  const databricksBox = (step: PlannedStep) => (step.type.startsWith("aws:") ? [...workspaces.values()][0] ?? workspaceOf(step) : workspaceOf(step));
  // A project's own data (its model, tables, store) sits in its box, so each box tells its pipeline whole; data of
  // no project sits in the catalog's box.
  const boxOfNode = new Map<string, GraphGroup>();
  for (const d of drawn) {
    const project = projectOf(d.step, index.byUrn);
    const catalog = DRAWN[d.step.type].data ? catalogs.get(str(d.step.inputs.catalogName) ?? "") : undefined;
    if (project === undefined) {
      (catalog ?? databricksBox(d.step)).nodes.push(d.node);
      continue;
    }
    let box = projects.get(project.urn);
    if (box === undefined) {
      box = { id: ids.get(project.urn)!.replace("d", "p"), label: `ML project ${project.name}`, nodes: [], groups: [] };
      projects.set(project.urn, box);
      databricksBox(d.step).groups.push(box);
    }
    box.nodes.push(d.node);
    boxOfNode.set(d.node.id, box);
  }
  for (const [name, group] of catalogs) {
    if (group.nodes.length > 0) continue;
    const schemas = doc.steps.filter((s) => s.type === SCHEMA && s.inputs.catalogName === name).map((s) => str(s.inputs.name) ?? s.name);
    group.nodes.push({ id: `${group.id}_s`, label: ["Schemas", ...schemas], shape: "cylinder", protect: false });
  }

  // Tables the jobs name that the stack does not declare (a features table, a payload table) are drawn too:
  // the pipeline's data flows through them.
  const onlineStores = new Map(drawn.filter((d) => d.step.type === ONLINE_STORE).map((d) => [str(d.step.inputs.name) ?? d.step.name, d]));
  let undeclared = 0;
  const dataNode = (name: string, namedBy: DesignNode, written: boolean): DesignNode | undefined => {
    const known = modelsByName.get(name) ?? onlineStores.get(name);
    if (known !== undefined) return known;
    const catalog = catalogs.get(name.split(".")[0]);
    // Only a table a job writes is drawn: it carries the pipeline's data to the jobs that read it.
    if (!written || catalog === undefined || !/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/.test(name)) return undefined;
    const box = boxOfNode.get(namedBy.node.id) ?? catalog;
    const project = [...projects.entries()].find(([, b]) => b === box)?.[0];
    const label = ["Table (written at run time)", shortName(name, project && index.byUrn.get(project)?.name, true)];
    const node: GraphNode = { id: `${catalog.id}_u${undeclared++}`, label, shape: "cylinder", protect: false };
    const made: DesignNode = { node, step: { urn: `undeclared:${name}` } as PlannedStep };
    box.nodes.push(node);
    boxOfNode.set(node.id, box);
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
  }
  // Writers first, so that the tables they write exist when the readers are linked.
  const references = scheduledJobs.flatMap((job) => dataReferences(job.step).map((ref) => ({ job, ref })));
  for (const { job, ref } of [...references.filter((r) => r.ref.role === "writes"), ...references.filter((r) => r.ref.role !== "writes")]) {
    const data = dataNode(ref.name, job, ref.role === "writes");
    if (data === undefined) continue;
    edges.push(ref.role === "reads" ? { from: data.node.id, to: job.node.id, label: "reads" } : { from: job.node.id, to: data.node.id, label: ref.role });
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
    // Arrows end at the catalog's first node, not its box: Mermaid lays a box with outside arrows out much wider.
    const target = group.nodes[0]?.id ?? group.id;
    // Inside the catalog's box: Mermaid lays out a box with arrows from outside it about twice as wide.
    if (writers.length > 0) {
      group.nodes.push({ id: `${group.id}_w`, label: ["Writes", ...writers], shape: "external", protect: false });
      edges.push({ from: `${group.id}_w`, to: target, label: "writes" });
    }
    if (readers.length > 0) {
      group.nodes.push({ id: `${group.id}_r`, label: ["Reads", ...readers], shape: "external", protect: false });
      edges.push({ from: `${group.id}_r`, to: target, label: "reads" });
    }
  }
  for (const b of doc.steps.filter((s) => s.type === BINDING && s.inputs.bindingType === "BINDING_TYPE_READ_ONLY")) {
    const catalog = catalogs.get(str(b.inputs.securableName) ?? "");
    if (catalog === undefined) continue;
    const id = ids.get(b.urn)!;
    catalog.nodes.push({ id, label: ["Another stage's workspace", String(b.inputs.workspaceId)], shape: "external", protect: false });
    edges.push({ from: catalog.nodes[0]?.id ?? catalog.id, to: id, label: "read-only", dotted: true });
  }
  const merged = mergeSignals([...projects.values()], drawn);
  const remap = (id: string) => merged.get(id) ?? id;
  const finalEdges = dedupe(edges.map((e) => ({ ...e, from: remap(e.from), to: remap(e.to) })).filter((e) => e.from !== e.to));
  for (const [op, nodeIds] of changed) changed.set(op, [...new Set(nodeIds.map(remap))]);
  wrapLabels([...workspaces.values()], outside);
  return { groups: [...workspaces.values()], nodes: outside, edges: finalEdges, changed };
}

/** The kinds whose resources of one project are drawn as one node listing them: a project's monitors, its alerts. */
const MERGED: Record<string, string> = { [MONITOR]: "Monitors", [ALERT]: "Alerts" };

/**
 * Merges each project's monitors, and its alerts, into one node each (the first one's id), listing their names:
 * the loop reads the same with two monitors and four alerts, in a third of the width. Returns merged id by
 * member id; the boxes lose the members.
 */
function mergeSignals(boxes: GraphGroup[], drawn: DesignNode[]): Map<string, string> {
  const typeOf = new Map(drawn.map((d) => [d.node.id, d.step.type]));
  const merged = new Map<string, string>();
  for (const box of boxes) {
    for (const [type, title] of Object.entries(MERGED)) {
      const members = box.nodes.filter((n) => typeOf.get(n.id) === type);
      if (members.length < 2) continue;
      const [first] = members;
      const names = members.map((n) => n.label[1].replace(/^on /, ""));
      const marks = [...new Set(members.flatMap((n) => n.label.slice(2)))];
      first.label = [`${title} (${members.length})`, ...names, ...marks];
      first.protect = members.some((n) => n.protect);
      for (const n of members.slice(1)) merged.set(n.id, first.id);
      box.nodes = box.nodes.filter((n) => n === first || !members.includes(n));
    }
  }
  return merged;
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
