/**
 * The labels of the design picture: short names inside their boxes, and lines broken so that no node is wider
 * than a few words. Pure.
 */
import type { GraphGroup, GraphNode } from "./stage-graph";

/**
 * A name as the picture shows it inside its box: a table or model without its catalog (the box says it), a
 * resource of a project without the project's name in front (`prod-mlops-training` in `prod-mlops` is `training`).
 */
export function shortName(name: string, project: string | undefined, data: boolean): string {
  if (data && /^[^.]+\.[^.]+\.[^.]+$/.test(name)) return name.slice(name.indexOf(".") + 1);
  if (project !== undefined && name.startsWith(`${project}-`) && name.length > project.length + 1) return name.slice(project.length + 1);
  return name;
}

/** Widest label line, in characters; a longer line breaks after a `.`, `_`, `-`, `/` or before a `→`. */
export const LABEL_LINE_MAX = 30;

/** `line` broken into lines of at most LABEL_LINE_MAX characters where it can break; a part without a break point stays whole. */
export function wrapLabelLine(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > LABEL_LINE_MAX) {
    const window = rest.slice(0, LABEL_LINE_MAX + 1);
    const cut = Math.max(window.lastIndexOf(" →"), ...[".", "_", "-", "/"].map((c) => window.lastIndexOf(c) + 1));
    if (cut <= 0) break;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

/** Breaks every label line of the nodes in `groups` and `nodes`. */
export function wrapLabels(groups: GraphGroup[], nodes: GraphNode[]): void {
  for (const n of nodes) n.label = n.label.flatMap(wrapLabelLine);
  for (const g of groups) wrapLabels(g.groups, g.nodes);
}
