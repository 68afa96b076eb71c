/**
 * A plan diff for people: the step lines of `pulumi preview --diff` (`+` create, `~` update, `+-`
 * replace, `-` delete, each changed path under its resource), the protected deletes and replaces
 * first, and the policy findings that appear or disappear. Text for logs, markdown for PR comments.
 */
import type { PolicyViolation } from "../types";
import { SECRET_MARKER, UNKNOWN_MARKER } from "../property-values";
import { resourceLabel } from "../verdict";
import type { ChangeOp, PlanDiff, ResourceChange } from "./plan-diff";
import type { PropertyChange } from "./property-diff";
import { fold, FOLD_RANK, leftOut } from "../comment-folds";
import { TEXT_WIDTH, wrapMessage, wrapText } from "../wrap";

/** A diff with the name of the earlier plan it was taken against, as the renderers take it. */
export interface Comparison {
  diff: PlanDiff;
  /** How the output names the earlier plan, e.g. the `--against` file. */
  against: string;
}

/** Step prefixes of the Pulumi CLI (pkg/resource/deploy/step.go). */
export const OP_PREFIX: Readonly<Record<ChangeOp, string>> = { create: "+", update: "~", replace: "+-", delete: "-" };

/** Longest value shown on one line; longer ones end in an ellipsis (the JSON plan has them whole). */
export const MAX_VALUE_CHARS = 200;
/** Indent of a changed path's continuation lines in the text diff. */
const TEXT_VALUE_INDENT = "         ";
/**
 * Longest value the text diff shows: one that fills a line at its continuation indent, so that a value (compact
 * JSON, one word) never runs past 80 columns; a longer one ends in an ellipsis and is whole in `--json`.
 */
export const MAX_TEXT_VALUE_CHARS = TEXT_WIDTH - TEXT_VALUE_INDENT.length;

/** A value as the CLI prints it: strings quoted, markers bare, everything else as compact JSON; at most `max` characters. */
export function formatValue(v: unknown, max = MAX_VALUE_CHARS): string {
  if (v === SECRET_MARKER || v === UNKNOWN_MARKER) return v;
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** One changed path: `~ path: old => new`, `+ path: new` or `- path: old`; values of at most `maxValue` characters. */
export function propertyLine(c: PropertyChange, forcesReplacement: boolean, maxValue = MAX_VALUE_CHARS): string {
  const tail = forcesReplacement ? "  [forces replacement]" : "";
  const value = (v: unknown) => formatValue(v, maxValue);
  if (c.kind === "add") return `+ ${c.path}: ${value(c.new)}${tail}`;
  if (c.kind === "delete") return `- ${c.path}: ${value(c.old)}${tail}`;
  return `~ ${c.path}: ${value(c.old)} => ${value(c.new)}${tail}`;
}

function flagsOf(c: ResourceChange): string {
  const flags = [c.protect ? "[protect]" : "", c.retainOnDelete ? "[retainOnDelete]" : ""].filter(Boolean);
  return flags.length > 0 ? " " + flags.join(" ") : "";
}

/**
 * The step lines of the Markdown comment's diff block: one per resource, its changed paths indented beneath.
 * The text plan wraps the same lines within 80 columns (renderDiffText).
 */
export function stepLines(diff: PlanDiff): string[] {
  const lines: string[] = [];
  for (const c of diff.changes) {
    lines.push(`${OP_PREFIX[c.op].padEnd(2)} ${c.type}  ${c.name}  ${c.op}${flagsOf(c)}`);
    for (const p of c.changes) lines.push(`       ${propertyLine(p, c.replaceReasons.includes(p.path))}`);
  }
  return lines;
}

/** `1 to create, 2 to update, ... , 19 unchanged`, naming only the kinds that occur. */
export function summaryLine(diff: PlanDiff): string {
  const s = diff.summary;
  const parts = (["create", "update", "replace", "delete"] as const).filter((op) => s[op] > 0).map((op) => `${s[op]} to ${op}`);
  parts.push(`${s.same} unchanged`);
  return parts.join(", ");
}

/** The warning about protected resources, one line per resource; empty when none is at risk. */
export function protectedWarning(diff: PlanDiff): { headline: string; items: string[] } | undefined {
  const n = diff.protectedAtRisk.length;
  if (n === 0) return undefined;
  return {
    headline:
      `${n} protected resource${n === 1 ? "" : "s"} would be deleted or replaced: pulumi refuses until ` +
      "the protect option is removed in a change of its own, and the data held would go with the resource.",
    items: diff.protectedAtRisk.map((c) => `${c.op} ${c.type} ${c.name}`),
  };
}

function findingLine(v: PolicyViolation): string {
  const severity = v.severity ? ` (${v.severity})` : "";
  return `${v.enforcementLevel} ${v.policyName}${severity}: ${resourceLabel(v.urn)}`;
}

/**
 * The diff as text, for logs; `against` names the earlier plan. Within 80 columns: each line wraps at spaces
 * (wrap.ts) under its own indent, so a step line's name and flags, or a value, continue beneath it; a value
 * longer than a line ends in an ellipsis (MAX_TEXT_VALUE_CHARS) and a path longer than a line stays whole.
 */
export function renderDiffText(diff: PlanDiff, against: string): string[] {
  const out = wrapText(`${against}: ${summaryLine(diff)}`, "Changes against ", "  ");
  const warning = protectedWarning(diff);
  if (warning) out.push(...wrapText(warning.headline, "!! ", "!!   "), ...warning.items.flatMap((i) => wrapText(i, "!!   ", "!!     ")));
  for (const c of diff.changes) {
    out.push(...wrapText(`${c.type}  ${c.name}  ${c.op}${flagsOf(c)}`, `${OP_PREFIX[c.op].padEnd(2)} `, "     "));
    for (const p of c.changes) out.push(...wrapText(propertyLine(p, c.replaceReasons.includes(p.path), MAX_TEXT_VALUE_CHARS), "       ", TEXT_VALUE_INDENT));
  }
  out.push(`Policy findings: ${diff.newFindings.length} new, ${diff.resolvedFindings.length} resolved`);
  for (const [label, list] of [["new", diff.newFindings], ["resolved", diff.resolvedFindings]] as const) {
    for (const v of list) {
      out.push(...wrapText(findingLine(v), `  ${label}: `, "        "));
      out.push(...wrapMessage(v.message, "      "));
    }
  }
  return out;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function fenced(lang: string, lines: string[]): string[] {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [fence + lang, ...lines, fence];
}

/** The protected-resource callout that opens the PR comment; empty when none is at risk. */
export function renderProtectedCallout(diff: PlanDiff): string[] {
  const warning = protectedWarning(diff);
  if (!warning) return [];
  return ["> [!CAUTION]", `> **${warning.headline}**`, ">", ...warning.items.map((i) => `> - \`${i}\``), ""];
}

/** The diff section of the PR comment; `against` names the earlier plan. */
export function renderDiffMarkdown(diff: PlanDiff, against: string, cell: (s: string) => string): string[] {
  const out = [`### Changes against \`${against}\``, "", `**${summaryLine(diff)}.**`, ""];
  const steps = stepLines(diff);
  if (steps.length > 0) {
    const n = diff.changes.length;
    out.push(...fold("diff-steps", FOLD_RANK.diffSteps, fenced("diff", steps), leftOut(`The step lines of the ${n} changed resource${n === 1 ? "" : "s"}`)), "");
  }
  const rows = [
    ...diff.newFindings.map((v) => ["new", v] as const),
    ...diff.resolvedFindings.map((v) => ["resolved", v] as const),
  ];
  if (rows.length === 0) {
    out.push("Policy findings: none new, none resolved.");
  } else {
    out.push("| Finding | Level | Policy | Resource | Message |", "|---|---|---|---|---|");
    for (const [label, v] of rows) {
      out.push(`| ${label} | ${v.enforcementLevel} | \`${v.policyName}\` | ${cell(resourceLabel(v.urn))} | ${cell(v.message)} |`);
    }
  }
  return out;
}
