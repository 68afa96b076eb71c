/** The deployability section of every output format, and the stderr message of an undeployable plan. */
import type { PlannedStep } from "../types";
import { label, type DeployabilityFinding, type DeployabilityReport } from "./findings";
import { PRECONDITIONS } from "./preconditions";
import { wrapText } from "../wrap";

/** `id: what fails`, the heading of one precondition's findings. */
function heading(id: string): string {
  const message = PRECONDITIONS.find((p) => p.id === id)?.message;
  return message ? `${id}: ${message}` : id;
}

/** `8 min`, `1 min 30 s`, `10 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest} s`;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/** `name (Type)` of a URN of the plan; the URN itself when no step has it. */
function labelOf(steps: readonly PlannedStep[], urn: string): string {
  const step = steps.find((s) => s.urn === urn);
  return step ? label(step) : urn;
}

/** The findings grouped by precondition, in report order. */
export function byPrecondition(findings: readonly DeployabilityFinding[]): Map<string, DeployabilityFinding[]> {
  const groups = new Map<string, DeployabilityFinding[]>();
  for (const f of findings) {
    const group = groups.get(f.precondition);
    if (group) group.push(f);
    else groups.set(f.precondition, [f]);
  }
  return groups;
}

/** The text section, within the text plan's 80 columns: findings by precondition, then the critical path. */
export function deployabilityText(report: DeployabilityReport, steps: readonly PlannedStep[]): string[] {
  const n = report.findings.length;
  const lines = [n === 0 ? "Deployability: every precondition of a first pulumi up holds" : `Deployability: ${n} broken precondition${n === 1 ? "" : "s"}`];
  for (const [id, group] of byPrecondition(report.findings)) {
    lines.push(...wrapText(`${heading(id)} (${group.length}):`, "  ", "    "));
    for (const f of group) lines.push(...wrapText(f.message, "    - ", "      "));
  }
  lines.push(...criticalPathText(report, steps));
  return lines;
}

function criticalPathText(report: DeployabilityReport, steps: readonly PlannedStep[]): string[] {
  const { entries, totalSeconds } = report.criticalPath;
  if (entries.length === 0) return ["  first-deploy critical path: no slow resource"];
  const lines = [`  first-deploy critical path: at least ${formatDuration(totalSeconds)}`];
  for (const e of entries) lines.push(...wrapText(labelOf(steps, e.urn), `    ${formatDuration(e.seconds).padStart(10)}  `, " ".repeat(18)));
  return lines;
}

/** The markdown section: a table of findings and the critical path with each duration's basis. */
export function deployabilityMarkdown(report: DeployabilityReport, steps: readonly PlannedStep[], cell: (s: string) => string): string[] {
  const out = ["### Deployability", ""];
  if (report.findings.length === 0) {
    out.push("Every precondition of a first `pulumi up` holds.");
  } else {
    out.push("| Precondition | Resource | Problem |", "|---|---|---|");
    for (const f of report.findings) {
      const who = labelOf(steps, f.urn);
      // The resource has a column of its own; the problem starts where its name ends.
      const problem = f.message.startsWith(`${who} `) ? f.message.slice(who.length + 1) : f.message;
      out.push(`| \`${f.precondition}\` | ${cell(who)} | ${cell(problem)} |`);
    }
  }
  const { entries, totalSeconds } = report.criticalPath;
  out.push("", `**First-deploy critical path:** ${entries.length === 0 ? "no slow resource." : `at least ${formatDuration(totalSeconds)}, the longest chain of slow resources through the wait graph.`}`);
  if (entries.length > 0) {
    out.push("", "| # | Resource | Typical | Why |", "|---:|---|---:|---|");
    entries.forEach((e, i) => out.push(`| ${i + 1} | ${cell(labelOf(steps, e.urn))} | ${formatDuration(e.seconds)} | ${cell(e.basis)} |`));
  }
  return out;
}

/** The stderr message of a plan that is not deployable: every finding, grouped by precondition. */
export function deployabilityFailureMessage(stack: string, findings: readonly DeployabilityFinding[]): string {
  const n = findings.length;
  const lines = [`plan of stack ${stack} is not deployable: ${n} broken precondition${n === 1 ? "" : "s"} of a first pulumi up`];
  for (const [id, group] of byPrecondition(findings)) {
    lines.push(`  ${heading(id)}:`);
    for (const f of group) lines.push(`    ${f.message}`);
  }
  return lines.join("\n");
}
