/**
 * The design picture cut into pictures a reader can take in at GitHub's width: the stage (its workspace, the
 * catalog with who writes and reads it, and one node per ML project), then one picture per project with its
 * pipeline. A project's picture keeps its size however many projects the stage has. Pure.
 */
import type { ChangeOp } from "../diff/plan-diff";
import type { PlanDocument } from "../types";
import { designGraph, type DesignGraph } from "./design-graph";
import { wrapLabelLine } from "./design-labels";
import type { GraphGroup, GraphNode } from "./stage-graph";

/** One picture: the stage's, or a project's with the project's name. */
export interface DesignPicture {
  /** The ML project the picture shows; undefined for the stage's own picture. */
  project?: string;
  graph: DesignGraph;
}

/** A project's box in the design graph, by the label `designGraph` gives it. */
const PROJECT_LABEL = /^ML project (.+)$/;

/** The kinds a project box holds, for its node in the stage's picture: "Job (5)", "Serving endpoint", ... */
function summary(box: GraphGroup): string[] {
  const counts = new Map<string, number>();
  for (const n of box.nodes) {
    const merged = / \((\d+)\)$/.exec(n.label[0]);
    const kind = merged ? n.label[0].slice(0, merged.index) : n.label[0];
    counts.set(kind, (counts.get(kind) ?? 0) + (merged ? Number(merged[1]) : 1));
  }
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind));
}

/** The stage's picture followed by one picture per ML project, in plan order. */
export function designPictures(doc: PlanDocument, changes?: ReadonlyMap<string, ChangeOp | "same">): DesignPicture[] {
  const whole = designGraph(doc, changes);
  const projectOfNode = new Map<string, string>();
  const boxIdOf = new Map<string, string>();
  const pictures: DesignPicture[] = [];
  const changedIn = (ids: Set<string>) =>
    new Map([...whole.changed].map(([op, nodeIds]): [ChangeOp, string[]] => [op, nodeIds.filter((id) => ids.has(id))]).filter(([, nodeIds]) => nodeIds.length > 0));
  const stageGroups: GraphGroup[] = whole.groups.map((workspace) => {
    const nodes: GraphNode[] = [...workspace.nodes];
    const groups: GraphGroup[] = [];
    for (const box of workspace.groups) {
      const project = PROJECT_LABEL.exec(box.label)?.[1];
      if (project === undefined) {
        groups.push(box);
        continue;
      }
      const ids = new Set(box.nodes.map((n) => n.id));
      boxIdOf.set(project, box.id);
      for (const id of ids) projectOfNode.set(id, box.id);
      const changed = changedIn(ids);
      const marked = changed.size > 0 ? ["✎ changes inside"] : [];
      nodes.push({ id: box.id, label: [`ML project ${project}`, ...summary(box).flatMap(wrapLabelLine), ...marked], shape: "box", protect: false });
      pictures.push({
        project,
        // The nodes without their box: the picture's heading names the project, and Mermaid lays a box holding every
        // node out about four times as wide.
        graph: { groups: [], nodes: box.nodes, edges: whole.edges.filter((e) => ids.has(e.from) && ids.has(e.to)), changed },
      });
    }
    return { ...workspace, nodes, groups };
  });
  const touchedProjects = new Set(pictures.filter((p) => p.graph.changed.size > 0).map((p) => boxIdOf.get(p.project!)!));
  const stageChanged = changedIn(new Set([...whole.changed.values()].flat().filter((id) => !projectOfNode.has(id))));
  if (touchedProjects.size > 0) stageChanged.set("update", [...(stageChanged.get("update") ?? []), ...touchedProjects]);
  const stage: DesignGraph = {
    groups: stageGroups,
    nodes: whole.nodes,
    edges: whole.edges.filter((e) => !projectOfNode.has(e.from) && !projectOfNode.has(e.to)),
    changed: stageChanged,
  };
  return [{ graph: stage }, ...pictures];
}
