/**
 * The pictures of a stage for the PR comment: the design-level picture, the Mermaid diagram of every
 * resource (collapsed) and the access matrix, all derived from the plan document alone.
 */
import type { PlanDocument } from "../types";
import { fenced } from "../diff/render-diff";
import { fold, FOLD_RANK, leftOut, thousands } from "../comment-folds";
import { accessMatrix } from "./access-matrix";
import { renderMermaid } from "./mermaid";
import { stageGraph } from "./stage-graph";
import { renderDesignMermaid } from "./design-graph";
import { designPictures } from "./design-pictures";
import type { ChangeOp } from "../diff/plan-diff";

/** The Mermaid source of a plan's stage diagram (what the ```mermaid block holds). */
export function stageDiagram(doc: PlanDocument): string[] {
  return renderMermaid(stageGraph(doc));
}

/**
 * Most arrows a flowchart may have: Mermaid's `maxEdges` default (its flowchart database refuses the
 * 501st edge with "Edge limit exceeded"), a secure setting a diagram cannot raise and GitHub does not.
 */
export const MERMAID_MAX_EDGES = 500;

/** The diagram section: caption and ```mermaid block, or why there is none when Mermaid would refuse it. */
function diagramLines(doc: PlanDocument): string[] {
  const graph = stageGraph(doc);
  if (graph.edges.length > MERMAID_MAX_EDGES) {
    return [
      `_The stage diagram has ${thousands(graph.edges.length)} arrows, more than the ${MERMAID_MAX_EDGES} Mermaid draws, so it is left out; the access matrix and the resource tree describe the stage._`,
    ];
  }
  return [
    `<details><summary>Every resource (${thousands(graph.edges.length)} arrows)</summary>`,
    "",
    "Resources by workspace, catalog and job (tasks inside); arrows run from a dependency to what depends on it; 🔒 protected.",
    "",
    ...fenced("mermaid", renderMermaid(graph)),
    "",
    "</details>",
  ];
}

/** The design-level pictures' section: the stage's, then each project's; `changes` marks what a diff touches. */
function designLines(doc: PlanDocument, changes?: ReadonlyMap<string, ChangeOp | "same">): string[] {
  const marked = changes === undefined ? "" : " Marked: ✚ new, ✎ changed, ⟳ replaced by this change.";
  const lines = [
    `The stage as the design draws it: the workspace, its catalog and who writes and reads it, then each ML project's pipeline, serving and monitoring; 🔒 protected.${marked}`,
  ];
  for (const picture of designPictures(doc, changes)) {
    if (picture.project !== undefined) lines.push("", `**ML project ${picture.project}**`);
    lines.push("", ...fenced("mermaid", renderDesignMermaid(picture.graph)));
  }
  return lines;
}

/** The markdown table of the access matrix; `cell` escapes one table cell. */
export function renderAccessMatrix(doc: PlanDocument, cell: (s: string) => string): string[] {
  const rows = accessMatrix(doc);
  if (rows.length === 0) return ["No grants, permissions, owners or workspace bindings."];
  return [
    "| Principal | Kind | Securable | Privileges | Cross-stage |",
    "|---|---|---|---|---|",
    ...rows.map((r) => {
      const cross = r.crossStage.length > 0 ? `:left_right_arrow: read-only from workspace ${r.crossStage.join(", ")}` : "-";
      return `| ${cell(r.principal)} | ${r.principalKind} | ${cell(r.securable)} | ${cell(r.privileges.join(", "))} | ${cross} |`;
    }),
  ];
}

/**
 * Both pictures as markdown sections, each inside a fold the PR comment may leave out whole (headings
 * stay, so a reader sees what is missing).
 */
export function renderPictures(doc: PlanDocument, cell: (s: string) => string, changes?: ReadonlyMap<string, ChangeOp | "same">): string[] {
  const design = designLines(doc, changes);
  const diagram = diagramLines(doc);
  const matrix = renderAccessMatrix(doc, cell);
  const rows = Math.max(0, matrix.length - 2);
  return [
    "### Stage picture",
    "",
    ...fold("stage-picture", FOLD_RANK.designPicture, design, leftOut(`The stage picture (${thousands(design.length)} lines of Mermaid)`)),
    "",
    "### Stage diagram",
    "",
    ...fold(
      "stage-diagram",
      FOLD_RANK.diagram,
      diagram,
      leftOut(`The stage diagram (${thousands(diagram.length)} lines of Mermaid)`),
    ),
    "",
    "### Access matrix",
    "",
    ...fold("access-matrix", FOLD_RANK.accessMatrix, matrix, leftOut(`The access matrix (${thousands(rows)} rows)`)),
  ];
}
