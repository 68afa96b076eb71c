/**
 * The plan as a pull-request comment: heading, verdict, counts by type, the resource tree
 * folded away, a table of policy results, then the stage diagram and the access matrix. With a
 * diff (`--against`), a protected delete or replace opens the comment and the changes follow the verdict.
 */
import type { PlanResult } from "./plan";
import type { PolicyViolation } from "./types";
import { deployabilityFindings, LEVELS_MOST_BLOCKING_FIRST, mandatoryViolations, resourceLabel } from "./verdict";
import { deployabilityMarkdown } from "./deployability/render";
import { renderTree } from "./markdown-tree";
import { treeOps } from "./tree-rows";
import { renderDiffMarkdown, renderProtectedCallout, summaryLine, type Comparison } from "./diff/render-diff";
import { fold, FOLD_RANK, leftOut } from "./comment-folds";
import { renderPictures } from "./diagram/render-pictures";
import { outcomeText } from "./waiver-report";
import { secondUpLines } from "./read-back/report";
import { costMarkdown } from "./cost/render";

/** Escapes a value for one GitHub table cell (pipes break cells, newlines break rows). */
export function tableCell(s: string): string {
  return s.trim().replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** Resource counts by type token, most frequent first, ties by type. */
export function countsByType(types: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The markdown comment; `comparison` is the diff against an earlier plan, when there is one. */
export function renderMarkdown(result: PlanResult, comparison?: Comparison): string {
  const { document, policy } = result;
  const mandatory = mandatoryViolations(document).length;
  const total = document.changeSummary.create;
  const broken = deployabilityFindings(document).length;
  const notDeployable = `not deployable: ${broken} broken precondition${broken === 1 ? "" : "s"} of a first \`pulumi up\``;
  const verdict =
    mandatory > 0
      ? `**Verdict: :x: blocked by ${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}${broken > 0 ? `; ${notDeployable}` : ""}.**`
      : broken > 0
        ? `**Verdict: :x: ${notDeployable}.**`
        : "**Verdict: :white_check_mark: no mandatory policy violations.**";

  const out = [
    `## Offline plan: stack \`${document.stack}\``,
    "",
    ...(comparison ? renderProtectedCallout(comparison.diff) : []),
    comparison
      ? `Project \`${document.project}\`, stage \`${result.stage}\`: **${summaryLine(comparison.diff)}** against \`${comparison.against}\`; ${total} resources in the plan.`
      : `Project \`${document.project}\`, stage \`${result.stage}\`: **${total} to create**.`,
    "",
    verdict,
    "",
    ...(comparison ? [...renderDiffMarkdown(comparison.diff, comparison.against, tableCell), ""] : []),
    // The cost follows the verdict and the diff's summary: a change leads it with what it adds a month.
    ...(document.cost
      ? [...costMarkdown(document.cost, tableCell, comparison?.diff.cost && { change: comparison.diff.cost, against: comparison.against }), ""]
      : []),
    `| Resource type | ${comparison ? "In the plan" : "To create"} |`,
    "|---|---:|",
    ...countsByType(document.steps.map((s) => s.type)).map(([t, n]) => `| \`${t}\` | ${n} |`),
    "",
    ...fold(
      "resource-tree",
      FOLD_RANK.resourceTree,
      ["<details><summary>Resources (" + total + ")</summary>", "", "```", ...renderTree(document.steps, comparison && treeOps(comparison.diff)), "```", "", "</details>"],
      leftOut(`The tree of the ${total} resources`),
    ),
    "",
    "### Policies",
    "",
  ];

  out.push(
    `Pack \`${policy.packName}@${policy.packVersion}\`, ${policy.policyCount} policies, config ` +
      (policy.configFile ? `\`${policy.configFile}\`` : "pack defaults") +
      ".",
    "",
  );
  if (document.policyViolations.length === 0) {
    out.push("No violations.");
  } else {
    out.push("| Level | Policy | Severity | Resource | Message |", "|---|---|---|---|---|");
    const rank = (v: PolicyViolation) => LEVELS_MOST_BLOCKING_FIRST.indexOf(v.enforcementLevel);
    const sorted = [...document.policyViolations].sort((a, b) => rank(a) - rank(b));
    for (const v of sorted) {
      out.push(
        `| ${v.enforcementLevel} | \`${v.policyName}\` | ${v.severity || "-"} | ${tableCell(resourceLabel(v.urn))} | ${tableCell(v.message)} |`,
      );
    }
  }

  if (document.waivers.length > 0) {
    out.push("", "### Waivers", "", "| Policy | Resource | Until | Outcome | Reason |", "|---|---|---|---|---|");
    for (const w of document.waivers) {
      out.push(`| \`${w.rule}\` | ${tableCell(resourceLabel(w.urn))} | ${w.expires} | ${tableCell(outcomeText(w.outcome))} | ${tableCell(w.reason)} |`);
    }
  }

  if (document.deployability) out.push("", ...deployabilityMarkdown(document.deployability, document.steps, tableCell));
  if (document.secondUp) out.push("", "### Second up", "", ...secondUpLines(document.secondUp).map((l) => l.replace(/^ {4}/, "")));

  const warnings = document.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error");
  if (warnings.length > 0) {
    out.push("", "### Diagnostics", "");
    for (const d of warnings) out.push(`- ${d.severity}: ${d.message.trim().split("\n").join(" ")}`);
  }
  out.push("", ...renderPictures(document, tableCell, comparison && treeOps(comparison.diff)));
  return out.join("\n") + "\n";
}
