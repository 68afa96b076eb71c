/**
 * The resource tree of the Markdown comment, in a code block: one line per resource, long types shortened with
 * an ellipsis (GitHub scrolls a wide block; the text plan has a tree of its own within 80 columns, text-tree.ts).
 */
import type { PlannedStep } from "./types";
import { OP_PREFIX } from "./diff/render-diff";
import { flagsText, shortType, treeRows, type TreeOps } from "./tree-rows";

/** Widest type column (tree drawing included); longer types end in an ellipsis. */
export const TYPE_COLUMN_MAX = 44;
/** Widest name column; a longer name is printed whole and pushes only its own row's plan column. */
export const NAME_COLUMN_MAX = 33;

function clip(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + "…" : s;
}

/**
 * The tree lines (`+ type  name  plan flags`), one per resource, aligned. Without `ops` every resource is a
 * create (a first plan); with them (a diff), each row shows its step and unchanged ones `same`. Fits 120
 * columns (the shipped stacks' trees do) but for rows with a name over NAME_COLUMN_MAX characters.
 */
export function renderTree(steps: PlannedStep[], ops?: TreeOps): string[] {
  const rows = treeRows(steps);
  const typeWidth = Math.min(TYPE_COLUMN_MAX, Math.max(4, ...rows.map((r) => r.prefix.length + shortType(r.step.type).length)));
  const nameWidth = Math.min(NAME_COLUMN_MAX, Math.max(4, ...rows.map((r) => r.step.name.length)));
  const header = `    ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`;
  return [
    header.trimEnd(),
    ...rows.map((r) => {
      const op = ops ? (ops.get(r.step.urn) ?? "same") : "create";
      const marker = op === "same" ? " " : OP_PREFIX[op];
      const line = ` ${marker}${op === "replace" ? " " : "  "}${clip(r.prefix + shortType(r.step.type), typeWidth).padEnd(typeWidth)}  ${r.step.name.padEnd(nameWidth)}  ${op} ${flagsText(r.step)}`;
      return line.trimEnd();
    }),
  ];
}

