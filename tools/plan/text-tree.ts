/**
 * The resource tree of the text plan, within TEXT_WIDTH columns: `marker  type  name  plan [flags]` in aligned
 * columns, as `pulumi preview` prints it. Nothing that identifies a resource is cut: a row that does not fit
 * keeps its marker, whole short type and plan on its first line and puts its name, and then its flags, on
 * continuation lines drawn under the same branch (the tree's `│` guides go on), so the plan column reads
 * straight down. Deterministic: the layout depends on the rows alone, never on the terminal. A name wider than
 * the room its depth leaves (80 columns less the tree drawing) stays whole past the margin, alone on its line.
 */
import type { PlannedStep } from "./types";
import { OP_PREFIX } from "./diff/render-diff";
import { flagsText, shortType, treeRows, type TreeOps, type TreeRow } from "./tree-rows";
import { columns, TEXT_WIDTH } from "./wrap";

/** Columns before the tree: a space, the step marker (`+`, `~`, `+-`, `-`) and padding. */
const MARKER_WIDTH = 4;
/** Spaces between columns. */
const GAP = 2;
/** Widest plan word (`replace`); the plan column keeps this much room on every line. */
const PLAN_WIDTH = 7;
/**
 * Widest type column (tree drawing included) when type and name columns do not both fit whole: wide enough for
 * most types of the shipped stacks, leaving the name column 29 columns. A wider type spills into the name
 * column and its name moves to a continuation line.
 */
export const TEXT_TYPE_COLUMN_MAX = 36;

/** Column widths of one tree: names and types fit whole when they can, else types get at most the cap. */
export interface TreeColumns {
  type: number;
  name: number;
}

/** Type and name column widths for `rows` within `width` columns. */
export function treeColumns(rows: readonly TreeRow[], width = TEXT_WIDTH): TreeColumns {
  const widestType = Math.max(4, ...rows.map((r) => columns(r.prefix + shortType(r.step.type))));
  const widestName = Math.max(4, ...rows.map((r) => columns(r.step.name)));
  const room = width - MARKER_WIDTH - 2 * GAP - PLAN_WIDTH; // for type and name together
  if (widestType + widestName <= room) return { type: widestType, name: widestName };
  const type = Math.min(widestType, Math.max(TEXT_TYPE_COLUMN_MAX, room - widestName));
  return { type, name: Math.min(widestName, room - type) };
}

function padTo(line: string, column: number): string {
  return line + " ".repeat(Math.max(0, column - columns(line)));
}

/** Where a name or flags go on a continuation line: the name column when they fit there, else under the type. */
function continuationColumn(row: TreeRow, text: string, nameColumn: number, width: number): number {
  const guideEnd = MARKER_WIDTH + columns(row.guide);
  if (guideEnd + 1 <= nameColumn && nameColumn + columns(text) <= width) return nameColumn;
  // Under the type, past the guide down to the children: where a child's type would start.
  return MARKER_WIDTH + columns(row.prefix) + 3;
}

/**
 * The lines of one row. The first holds the marker, the type and, when both fit their columns, the name, and
 * the plan at the plan column (below it only when the type reaches past that column). A name that did not fit
 * follows under the branch, then the flags when they do not fit after the plan.
 */
function rowLines(row: TreeRow, marker: string, op: string, cols: TreeColumns, width: number): string[] {
  const nameColumn = MARKER_WIDTH + cols.type + GAP;
  const planColumn = nameColumn + cols.name + GAP;
  const type = row.prefix + shortType(row.step.type);
  const name = row.step.name;
  const guide = " ".repeat(MARKER_WIDTH) + row.guide;
  const nameOnFirst = columns(type) <= cols.type && columns(name) <= cols.name;
  const lines = [nameOnFirst ? padTo(marker + type, nameColumn) + name : marker + type];
  const opOnFirst = columns(lines[0]) + GAP <= planColumn;
  if (opOnFirst) lines[0] = padTo(lines[0], planColumn) + op;
  if (!nameOnFirst) lines.push(padTo(guide, continuationColumn(row, name, nameColumn, width)) + name);
  if (!opOnFirst) lines.push(padTo(guide, planColumn) + op);
  const flags = flagsText(row.step);
  if (flags) {
    const opLine = opOnFirst ? 0 : lines.length - 1;
    if (columns(lines[opLine]) + 1 + columns(flags) <= width) lines[opLine] += ` ${flags}`;
    else lines.push(padTo(guide, continuationColumn(row, flags, nameColumn, width)) + flags);
  }
  return lines;
}

/**
 * The tree lines of the text plan: a header, then each resource (`+ type  name  plan flags`). Without `ops`
 * every resource is a create (a first plan); with them (a diff), each row shows its step and unchanged ones
 * `same`. `paint` colours a marker. Every line fits `width` unless a single type or name is itself wider than
 * the room its tree depth leaves; that one stays whole.
 */
export function renderTextTree(
  steps: PlannedStep[],
  opts: { ops?: TreeOps; paint?: (op: string, marker: string) => string; width?: number } = {},
): string[] {
  const width = opts.width ?? TEXT_WIDTH;
  const rows = treeRows(steps);
  const cols = treeColumns(rows, width);
  const header = `${" ".repeat(MARKER_WIDTH)}${"Type".padEnd(cols.type)}${" ".repeat(GAP)}${"Name".padEnd(cols.name)}${" ".repeat(GAP)}Plan`;
  const out = [header];
  for (const row of rows) {
    const op = opts.ops ? (opts.ops.get(row.step.urn) ?? "same") : "create";
    const prefix = op === "same" ? " " : OP_PREFIX[op];
    const [first, ...rest] = rowLines(row, ` ${prefix}`.padEnd(MARKER_WIDTH), op, cols, width);
    // Painted after the layout, so that colour codes never count as columns.
    out.push(opts.paint ? ` ${opts.paint(op, prefix)}${first.slice(1 + prefix.length)}` : first, ...rest);
  }
  return out;
}
