/**
 * The pictures of a stage for the PR comment: the Mermaid diagram and the access matrix, both
 * derived from the plan document alone.
 */
import type { PlanDocument } from "../types";
import { fenced } from "../diff/render-diff";
import { accessMatrix } from "./access-matrix";
import { renderMermaid } from "./mermaid";
import { stageGraph } from "./stage-graph";

/** The Mermaid source of a plan's stage diagram (what the ```mermaid block holds). */
export function stageDiagram(doc: PlanDocument): string[] {
  return renderMermaid(stageGraph(doc));
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

/** Both pictures as markdown sections. */
export function renderPictures(doc: PlanDocument, cell: (s: string) => string): string[] {
  return [
    "### Stage diagram",
    "",
    "Resources by workspace, catalog and job (tasks inside); arrows run from a dependency to what depends on it; 🔒 protected.",
    "",
    ...fenced("mermaid", stageDiagram(doc)),
    "",
    "### Access matrix",
    "",
    ...renderAccessMatrix(doc, cell),
  ];
}
