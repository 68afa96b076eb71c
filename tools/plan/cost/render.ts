/**
 * The cost section of the text and Markdown plans: the change first (with `--against`), then the total, then
 * every priced resource with its formula and the figures it assumed, then what was not priced. The breakdown
 * of the Markdown comment is a fold the PR comment poster may leave out whole; the headline always stays.
 */
import type { Assumption } from "./assumptions";
import type { CostEstimate, CostLine } from "./estimate-types";
import { changeHeadline, TOP_CHANGES, type CostChange } from "./diff";
import { qty, signedUsd, usd } from "./format";
import { fold, FOLD_RANK, leftOut } from "../comment-folds";

/** Width the text section wraps at (the text plan stays within 120 columns). */
const WIDTH = 118;

/** Words of `text` in lines of at most `width` characters after `indent`. */
function wrap(text: string, indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

/** `jobRunHours 1.5 h per run (override)`. */
function assumptionText(a: Assumption): string {
  return `${a.key} ${typeof a.value === "number" ? qty(a.value) : a.value} ${a.unit} (${a.source})`;
}

/** The figures of a line a reader may want to change: defaults and overrides (table prices are in the formula). */
function assumedFigures(line: CostLine): Assumption[] {
  const unseen = new Set(line.usageNotEstimated ?? []);
  const seen = new Set<string>();
  return line.assumptions.filter((a) => {
    if (a.source === "price table" || a.source === "plan" || unseen.has(a.key) || seen.has(a.key)) return false;
    seen.add(a.key);
    return true;
  });
}

/** `prod-mlops-nat (NatGateway)`: names alone are not unique across types. */
function resourceText(line: { name: string; type: string }): string {
  return `${line.name} (${line.type.split(":").pop()})`;
}

/** `$634.90/month ($0.87/hour), 6,175 DBU/month (8.46 DBU/hour)`; an hour is the month's average. */
export function totalText(estimate: CostEstimate): string {
  return `${usd(estimate.monthlyUsd)}/month (${usd(estimate.hourlyUsd)}/hour), ${qty(estimate.monthlyDbu)} DBU/month (${qty(estimate.hourlyDbu)} DBU/hour)`;
}

/** Where the prices come from, in one sentence. */
export function basisText(estimate: CostEstimate): string {
  const t = estimate.priceTable;
  const overrides = estimate.overridesFile ? `, overrides ${estimate.overridesFile}` : ", no overrides";
  return `list prices of price table ${t.version} (${t.asOf}, ${t.region}, ${t.currency}), tier ${estimate.tier.value} (${estimate.tier.source})${overrides}`;
}

function changeLines(change: CostChange, against: string): string[] {
  const out = [`Cost change against ${against}: ${changeHeadline(change, signedUsd)}, ${usd(change.beforeMonthlyUsd)} -> ${usd(change.afterMonthlyUsd)}/month`];
  for (const c of change.changes.slice(0, TOP_CHANGES)) out.push(`    ${signedUsd(c.deltaUsd).padStart(12)}  ${resourceText(c)}: ${usd(c.beforeUsd)} -> ${usd(c.afterUsd)}`);
  if (change.changes.length > TOP_CHANGES) out.push(`    and ${change.changes.length - TOP_CHANGES} more`);
  for (const u of change.newUnpriced) out.push(...wrap(`new and not priced: ${u.name}: ${u.reason}`, "    "));
  return out;
}

/** The text plan's cost section. */
export function costText(estimate: CostEstimate, change?: { change: CostChange; against: string }): string[] {
  const out = change ? [...changeLines(change.change, change.against), ""] : [];
  out.push(`Cost estimate: ${totalText(estimate)}`);
  out.push(...wrap(`at ${basisText(estimate)}; ${estimate.lines.length} priced, ${estimate.unpriced.length} not priced, ${estimate.freeResources} free`, "  "));
  out.push(`    ${"$/month".padStart(10)}  ${"$/hour".padStart(8)}  ${"DBU/month".padStart(10)}  ${"DBU/hour".padStart(8)}  resource`);
  for (const line of estimate.lines) {
    const figures = [usd(line.monthlyUsd).padStart(10), usd(line.hourlyUsd).padStart(8), qty(line.monthlyDbu).padStart(10), qty(line.hourlyDbu).padStart(8)];
    out.push(`    ${figures.join("  ")}  ${resourceText(line)}`);
    out.push(...wrap(line.formula.join(" "), "        "));
    const assumed = assumedFigures(line);
    if (assumed.length > 0) out.push(...wrap(`assumed: ${assumed.map(assumptionText).join("; ")}`, "        "));
    if (line.usageNotEstimated) out.push(...wrap(`usage not estimated (0 assumed): ${line.usageNotEstimated.join(", ")}`, "        "));
  }
  if (estimate.unpriced.length > 0) {
    out.push(`  Not priced (${estimate.unpriced.length}):`);
    for (const u of estimate.unpriced) out.push(...wrap(`- ${u.name} (${u.type.split(":").pop()}): ${u.reason}`, "    "));
  }
  return out;
}

/** The Markdown comment's cost section; `cell` escapes a table cell. */
export function costMarkdown(estimate: CostEstimate, cell: (s: string) => string, change?: { change: CostChange; against: string }): string[] {
  const out = ["### Cost", ""];
  if (change) {
    const c = change.change;
    out.push(`**Cost change: ${changeHeadline(c, signedUsd)}** against \`${change.against}\`: ${usd(c.beforeMonthlyUsd)} → ${usd(c.afterMonthlyUsd)}/month.`, "");
    if (c.changes.length > 0) {
      out.push("| Resource | Before | After | Change |", "|---|---:|---:|---:|");
      for (const r of c.changes.slice(0, TOP_CHANGES)) out.push(`| ${cell(resourceText(r))} | ${usd(r.beforeUsd)} | ${usd(r.afterUsd)} | ${signedUsd(r.deltaUsd)} |`);
      if (c.changes.length > TOP_CHANGES) out.push(`| and ${c.changes.length - TOP_CHANGES} more | | | |`);
      out.push("");
    }
    for (const u of c.newUnpriced) out.push(`- new and not priced: \`${u.name}\`: ${cell(u.reason)}`);
    if (c.newUnpriced.length > 0) out.push("");
  }
  out.push(`Estimate: **${totalText(estimate)}**, at ${basisText(estimate)}. An estimate from declared shapes and assumed usage, not a bill.`, "");
  const rows = estimate.lines.map((l) => {
    const assumed = assumedFigures(l).map(assumptionText);
    if (l.usageNotEstimated) assumed.push(`usage not estimated (0 assumed): ${l.usageNotEstimated.join(", ")}`);
    const figures = [usd(l.monthlyUsd), usd(l.hourlyUsd), qty(l.monthlyDbu), qty(l.hourlyDbu)].join(" | ");
    return `| ${cell(resourceText(l))} | ${figures} | ${cell(l.formula.join(" "))} | ${cell(assumed.join("; ") || "-")} |`;
  });
  out.push(
    ...fold(
      "cost-breakdown",
      FOLD_RANK.costBreakdown,
      [`<details><summary>Cost of each resource (${estimate.lines.length})</summary>`, "", "| Resource | $/month | $/hour | DBU/month | DBU/hour | Formula | Assumed |", "|---|---:|---:|---:|---:|---|---|", ...rows, "", "</details>"],
      leftOut(`The cost of each of the ${estimate.lines.length} priced resources`),
    ),
  );
  if (estimate.unpriced.length > 0) {
    out.push("", `Not priced (${estimate.unpriced.length}):`, "");
    for (const u of estimate.unpriced) out.push(`- \`${u.name}\` (\`${u.type}\`): ${cell(u.reason)}`);
  }
  return out;
}
