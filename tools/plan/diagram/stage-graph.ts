/**
 * The picture of a stage as a graph, derived from the plan alone: resource types, providers and the
 * dependencies the engine records, never resource names, so resources added later (serving endpoints,
 * inference tables, monitors, alerts) appear without changes here. Pure.
 *
 * - Each provider is a workspace box holding the resources it manages; resources on a default
 *   provider sit in a box per package.
 * - A catalog is a box holding the schemas that depend on it.
 * - A job is a box holding its tasks, linked by their `dependsOns` (labelled with an outcome when
 *   set); a `runJobTask` links its task to the job it runs.
 * - Every other dependency between drawn resources is an arrow from the dependency to the dependent:
 *   data flows that way (endpoint -> inference table -> monitor -> alert -> retraining job).
 * - Access resources (grants, permissions, workspace bindings) are the access matrix's business; only
 *   a read-only workspace binding is drawn, as a dotted arrow to the other stage's workspace.
 */
import type { PlannedStep, PlanDocument } from "../types";
import { fullName, indexSteps, providerUrn, shortType } from "./resource-index";

/** Types that grant access rather than hold or run anything; the access matrix shows them. */
export const ACCESS_TYPES: ReadonlySet<string> = new Set([
  "databricks:index/grants:Grants",
  "databricks:index/grant:Grant",
  "databricks:index/permissions:Permissions",
  "databricks:index/workspaceBinding:WorkspaceBinding",
]);

const CATALOG = "databricks:index/catalog:Catalog";
const SCHEMA = "databricks:index/schema:Schema";
const JOB = "databricks:index/job:Job";
const BINDING = "databricks:index/workspaceBinding:WorkspaceBinding";

/** Node shapes: data-holding resources are drawn as cylinders. */
export type NodeShape = "box" | "cylinder" | "external";

/** One drawn node. */
export interface GraphNode {
  id: string;
  /** Text lines of the label, the first the short type (or "task"). */
  label: string[];
  shape: NodeShape;
  protect: boolean;
}

/** A box (Mermaid subgraph) holding nodes and further boxes. */
export interface GraphGroup {
  id: string;
  label: string;
  nodes: GraphNode[];
  groups: GraphGroup[];
  /** The Mermaid subgraph's own layout direction, for a job's task chain. */
  direction?: "LR" | "TB";
}

/** One arrow; `dotted` for cross-stage access. */
export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  dotted?: boolean;
}

/** The picture of one stage. */
export interface StageGraph {
  groups: GraphGroup[];
  /** Nodes outside any box (other stages' workspaces). */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Types whose resources hold data (drawn as cylinders). */
const DATA_TYPE = /:(Catalog|Schema|SqlTable|Table|Volume|RegisteredModel|OnlineTable|Bucket|BucketV2)$/;

function nodeOf(step: PlannedStep, id: string): GraphNode {
  const name = fullName(step.inputs) ?? step.name;
  return { id, label: [shortType(step.type), name], shape: DATA_TYPE.test(step.type) ? "cylinder" : "box", protect: step.protect };
}

interface TaskInput {
  taskKey?: unknown;
  dependsOns?: { taskKey?: unknown; outcome?: unknown }[];
  runJobTask?: { jobId?: unknown };
}

/** Builds the stage graph of a plan document. */
export function stageGraph(doc: PlanDocument): StageGraph {
  const index = indexSteps(doc.steps);
  const ids = new Map<string, string>();
  doc.steps.forEach((s, i) => ids.set(s.urn, `r${i}`));
  const drawn = doc.steps.filter((s) => s.custom && !ACCESS_TYPES.has(s.type) && !s.type.startsWith("pulumi:providers:"));
  const drawnUrns = new Set(drawn.map((s) => s.urn));
  const edges: GraphEdge[] = [];
  const outside: GraphNode[] = [];
  const runsEdges = new Set<string>();

  // Workspace boxes, one per provider (or per package for default providers), in plan order.
  const boxes = new Map<string, GraphGroup>();
  const boxOf = (step: PlannedStep): GraphGroup => {
    const urn = providerUrn(step);
    const key = urn || `default:${step.type.split(":")[0]}`;
    let box = boxes.get(key);
    if (!box) {
      const provider = index.byUrn.get(urn);
      const host = typeof provider?.inputs.host === "string" ? provider.inputs.host.replace(/^https?:\/\//, "") : undefined;
      const label = !provider
        ? `${key.slice("default:".length)} (default provider)`
        : host
          ? `workspace ${host} (provider ${provider.name})`
          : `${shortType(provider.type)} provider ${provider.name}`;
      box = { id: provider ? ids.get(urn)! : `default_${boxes.size}`, label, nodes: [], groups: [] };
      boxes.set(key, box);
    }
    return box;
  };

  const catalogs = new Map<string, GraphGroup>();
  for (const s of drawn.filter((d) => d.type === CATALOG)) {
    const group: GraphGroup = { id: ids.get(s.urn)!, label: `Catalog ${fullName(s.inputs) ?? s.name}${s.protect ? " (protected)" : ""}`, nodes: [], groups: [] };
    catalogs.set(s.urn, group);
    boxOf(s).groups.push(group);
  }

  for (const s of drawn) {
    const id = ids.get(s.urn)!;
    if (s.type === CATALOG) continue;
    const parentCatalog = s.type === SCHEMA ? s.dependencies.find((d) => catalogs.has(d)) : undefined;
    if (parentCatalog) {
      catalogs.get(parentCatalog)!.nodes.push(nodeOf(s, id));
    } else if (s.type === JOB) {
      // A run_job_task names the job by id: the id's resource, else the one job the tasks depend on.
      const jobDeps = (s.propertyDependencies.tasks ?? []).filter((u) => index.byUrn.get(u)?.type === JOB);
      const jobUrn = (jobId: string) => index.urnOfValue.get(jobId) ?? (jobDeps.length === 1 ? jobDeps[0] : undefined);
      const job = jobGroup(s, id, edges, jobUrn, (urn) => ids.get(urn));
      boxOf(s).groups.push(job.group);
      job.runs.forEach((urn) => runsEdges.add(`${urn}>${s.urn}`));
    } else {
      boxOf(s).nodes.push(nodeOf(s, id));
    }
    for (const dep of new Set(s.dependencies)) {
      const from = ids.get(dep);
      if (!from || dep === parentCatalog || !drawnUrns.has(dep)) continue;
      // The task that runs a job already links the two; a second arrow backwards would read as a cycle.
      if (runsEdges.has(`${dep}>${s.urn}`)) continue;
      edges.push({ from, to: id });
    }
  }

  // A read-only binding lets another stage's workspace read the securable: the one cross-stage arrow.
  for (const b of doc.steps.filter((s) => s.type === BINDING && s.inputs.bindingType === "BINDING_TYPE_READ_ONLY")) {
    const securable = b.dependencies.find((d) => catalogs.has(d));
    if (!securable) continue;
    const node: GraphNode = { id: ids.get(b.urn)!, label: ["other stage's workspace", String(b.inputs.workspaceId)], shape: "external", protect: false };
    outside.push(node);
    edges.push({ from: ids.get(securable)!, to: node.id, label: "read-only", dotted: true });
  }
  return { groups: [...boxes.values()], nodes: outside, edges: dedupe(edges) };
}

/** A job's box: its tasks in declared order and their dependencies; `runs` are the URNs of jobs its tasks run. */
function jobGroup(
  job: PlannedStep,
  id: string,
  edges: GraphEdge[],
  jobUrn: (jobId: string) => string | undefined,
  nodeId: (urn: string) => string | undefined,
): { group: GraphGroup; runs: string[] } {
  const tasks = Array.isArray(job.inputs.tasks) ? (job.inputs.tasks as TaskInput[]) : [];
  const taskId = new Map<string, string>();
  const nodes: GraphNode[] = [];
  const runs: string[] = [];
  tasks.forEach((t, i) => {
    if (typeof t.taskKey !== "string") return;
    taskId.set(t.taskKey, `${id}_t${i}`);
    nodes.push({ id: `${id}_t${i}`, label: ["task", t.taskKey], shape: "box", protect: false });
  });
  for (const t of tasks) {
    const to = typeof t.taskKey === "string" ? taskId.get(t.taskKey) : undefined;
    if (!to) continue;
    for (const d of t.dependsOns ?? []) {
      const from = typeof d.taskKey === "string" ? taskId.get(d.taskKey) : undefined;
      if (from) edges.push({ from, to, label: typeof d.outcome === "string" ? d.outcome : undefined });
    }
    // The Jobs API types job ids as integers; an id that came from another resource may be a string.
    const jobId = t.runJobTask?.jobId;
    const target = typeof jobId === "string" || typeof jobId === "number" ? jobUrn(String(jobId)) : undefined;
    const targetId = target && nodeId(target);
    if (target && targetId) {
      runs.push(target);
      edges.push({ from: to, to: targetId, label: "runs" });
    }
  }
  const name = fullName(job.inputs) ?? job.name;
  return { group: { id, label: `Job ${name}`, nodes, groups: [], direction: "LR" }, runs };
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}>${e.to}>${e.label ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
