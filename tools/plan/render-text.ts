/**
 * The readable preview: the resource tree with `+` create markers, the summary line, then
 * diagnostics and policy results grouped by enforcement level. Plain text unless `color`. Every line fits
 * TEXT_WIDTH (80) columns: the tree continues a row that does not fit on lines under its branch
 * (text-tree.ts) and prose wraps at spaces (wrap.ts); only a single word wider than the room stays whole.
 */
import type { PolicyViolation } from "./types";
import type { PlanResult } from "./plan";
import { deployabilityFindings, LEVELS_MOST_BLOCKING_FIRST, mandatoryViolations, resourceLabel } from "./verdict";
import { deployabilityText } from "./deployability/render";
import { renderDiffText, summaryLine, type Comparison } from "./diff/render-diff";
import { outcomeText, type WaiverReportEntry } from "./waiver-report";
import { secondUpLines } from "./read-back/report";
import { costText } from "./cost/render";
import { renderTextTree } from "./text-tree";
import { treeOps } from "./tree-rows";
import { wrapLines, wrapMessage, wrapText } from "./wrap";

export { shortType, treeRows, treeOps, type TreeOps, type TreeRow } from "./tree-rows";

/** Rendering options. */
export interface TextOptions {
  /** ANSI colours; main.ts enables them only on a TTY without NO_COLOR. */
  color: boolean;
  /** The diff against an earlier plan (`--against`), printed first; default none. */
  comparison?: Comparison;
}

const ANSI = { green: 32, yellow: 33, red: 31, bold: 1, dim: 2 } as const;

function paint(on: boolean, code: keyof typeof ANSI, s: string): string {
  return on ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s;
}

const MARKER_TONE: Readonly<Record<string, keyof typeof ANSI>> = { create: "green", update: "yellow", replace: "red", delete: "red" };

function violationLines(v: PolicyViolation, color: boolean): string[] {
  const severity = v.severity ? ` (${v.severity})` : "";
  // Wrapped plain, then the rule's name (the first word) painted.
  const [head, ...rest] = wrapText(`${v.policyName}${severity}: ${resourceLabel(v.urn)}`, "    - ", "        ");
  return [`    - ${paint(color, "bold", v.policyName)}${head.slice(6 + v.policyName.length)}`, ...rest, ...wrapMessage(v.message, "        ")];
}

/** The policy section: a headline, then violations grouped by enforcement level. */
export function renderPolicies(result: PlanResult, color = false): string[] {
  const { policy, document } = result;
  const pack = `${policy.packName}@${policy.packVersion}`;
  const config = policy.configFile ? `, config ${policy.configFile}` : ", pack defaults";
  const lines = wrapText(`pack ${pack}, ${policy.policyCount} policies, stage ${result.stage}${config}`, "Policies: ", "  ");
  if (document.policyViolations.length === 0) return [...lines, "    no violations"];
  for (const level of LEVELS_MOST_BLOCKING_FIRST) {
    const group = document.policyViolations.filter((v) => v.enforcementLevel === level);
    if (group.length === 0) continue;
    const tone = level === "mandatory" ? "red" : "yellow";
    lines.push(`  ${paint(color, tone, level)} (${group.length}):`);
    for (const v of group) lines.push(...violationLines(v, color));
  }
  return lines;
}

/** The waiver section: every waiver of the policy config and what it did; nothing when none is configured. */
export function renderWaivers(waivers: readonly WaiverReportEntry[]): string[] {
  if (waivers.length === 0) return [];
  const lines = [`Waivers (${waivers.length}):`];
  for (const w of waivers) {
    lines.push(...wrapText(`${w.rule}: ${resourceLabel(w.urn)}, until ${w.expires}`, "    - ", "        "));
    lines.push(...wrapText(outcomeText(w.outcome), "        ", "          "), ...wrapMessage(`reason: ${w.reason}`, "        "));
  }
  return lines;
}

/** The verdict line shared by every format. */
export function verdictLine(result: PlanResult): string {
  const n = mandatoryViolations(result.document).length;
  const broken = deployabilityFindings(result.document).length;
  const notDeployable = `not deployable, ${broken} broken precondition${broken === 1 ? "" : "s"}`;
  if (n > 0) return `Result: FAILED, ${n} mandatory policy violation${n === 1 ? "" : "s"}${broken > 0 ? `; ${notDeployable}` : ""}`;
  if (broken > 0) return `Result: FAILED, ${notDeployable}`;
  return "Result: OK, no mandatory policy violations";
}

/** The whole text preview. */
export function renderText(result: PlanResult, opts: TextOptions = { color: false }): string {
  const { document } = result;
  const c = opts.color;
  const comparison = opts.comparison;
  const tree = renderTextTree(document.steps, {
    ops: comparison && treeOps(comparison.diff),
    paint: c ? (op, marker) => (MARKER_TONE[op] ? paint(true, MARKER_TONE[op], marker) : marker) : undefined,
  });
  const out = [
    ...wrapText(`${document.stack} (project ${document.project}, stage ${result.stage})`, "Offline plan of stack ", "  ").map((l) => paint(c, "bold", l)),
    "",
    ...(comparison ? [...renderDiffText(comparison.diff, comparison.against), ""] : []),
    ...tree,
    "",
    ...(comparison
      ? wrapText(`${document.changeSummary.create} in the plan; against ${comparison.against}: ${summaryLine(comparison.diff)}`, "Resources: ", "  ")
      : [`Resources: ${document.changeSummary.create} to create`]),
  ];
  if (document.cost) {
    const change = comparison?.diff.cost && { change: comparison.diff.cost, against: comparison.against };
    out.push("", ...costText(document.cost, change));
  }
  const shown = document.diagnostics.filter((d) => d.severity !== "debug");
  if (shown.length > 0) {
    out.push("", "Diagnostics:");
    for (const d of shown) {
      const where = d.urn ? ` (${resourceLabel(d.urn)})` : "";
      const [first, ...rest] = d.message.trim().split("\n");
      out.push(...wrapText(`${d.severity}${where}: ${first.trimEnd()}`, "  ", "      "));
      if (rest.length > 0) out.push(...wrapMessage(rest.join("\n"), "      "));
    }
  }
  out.push("", ...renderPolicies(result, c));
  if (document.waivers.length > 0) out.push("", ...renderWaivers(document.waivers));
  if (document.deployability) out.push("", ...deployabilityText(document.deployability, document.steps));
  if (document.secondUp) out.push("", ...wrapLines(secondUpLines(document.secondUp)));
  out.push("", ...wrapText(verdictLine(result), "", "  ").map((l) => paint(c, "bold", l)));
  return out.join("\n") + "\n";
}
