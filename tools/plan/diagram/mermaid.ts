/**
 * A stage graph as Mermaid flowchart text, which GitHub renders in markdown (```mermaid blocks).
 * Pure and deterministic: ids come from plan order, so the same plan gives the same text.
 */
import type { GraphGroup, GraphNode, StageGraph } from "./stage-graph";

/** Escapes label text for a double-quoted Mermaid label (quotes and angle brackets as entities). */
export function mermaidText(s: string): string {
  return s.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** The label of a node: its lines joined with `<br/>`, a lock on protected resources. */
function label(lines: string[], protect: boolean): string {
  return `"${lines.map(mermaidText).join("<br/>")}${protect ? " 🔒" : ""}"`;
}

function nodeLine(n: GraphNode): string {
  const text = label(n.label, n.protect);
  if (n.shape === "cylinder") return `${n.id}[(${text})]`;
  if (n.shape === "external") return `${n.id}>${text}]`;
  return `${n.id}[${text}]`;
}

function groupLines(g: GraphGroup, indent: string): string[] {
  const inner = indent + "  ";
  return [
    `${indent}subgraph ${g.id}["${mermaidText(g.label)}"]`,
    ...(g.direction ? [`${inner}direction ${g.direction}`] : []),
    ...g.nodes.map((n) => inner + nodeLine(n)),
    ...g.groups.flatMap((child) => groupLines(child, inner)),
    `${indent}end`,
  ];
}

/** The Mermaid source of a stage graph (without the code fence). */
export function renderMermaid(graph: StageGraph): string[] {
  return [
    // Top to bottom: independent parts sit side by side and data flows down; job tasks run left to right.
    "flowchart TB",
    ...graph.groups.flatMap((g) => groupLines(g, "  ")),
    ...graph.nodes.map((n) => "  " + nodeLine(n)),
    ...graph.edges.map((e) => {
      const arrow = e.dotted ? "-.->" : "-->";
      return `  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`;
    }),
  ];
}
