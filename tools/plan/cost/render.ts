/**
 * The cost section of the text and Markdown plans: the change first (with `--against`), then the total, then
 * every priced resource with its formula and the figures it assumed, then what was not priced. The text fits
 * 80 columns (its prose wrapped by wrap.ts); the breakdown of the Markdown comment is a fold the PR comment poster
 * may leave out whole; the headline always stays.
 */
import type { Assumption } from "./assumptions";
import type { CostEstimate, CostLine } from "./estimate-types";
import { changeHeadline, TOP_CHANGES, type CostChange } from "./diff";
import { qty, signedUsd, usd } from "./format";
import { fold, FOLD_RANK, leftOut } from "../comment-folds";
import { columns, TEXT_WIDTH, wrapText } from "../wrap";

const FIGURE_HEADERS = ["$/month", "$/hour", "DBU/month", "DBU/hour"] as const;

/**
 * The cost table of the text plan: a header and, per priced resource, its name and type, then its figures in
 * right-aligned columns that end at the right margin (each as wide as its widest cell). A resource too wide for
 * the room before the figures has a line of its own, the figures under their headers on the next.
 */
function costTable(rows: readonly { resource: string; cells: readonly string[] }[]): { header: string; rows: string[][] } {
  const widths = FIGURE_HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i].length)));
  const figures = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join("  ");
  const start = TEXT_WIDTH - columns(figures(FIGURE_HEADERS));
  const row = (resource: string, cells: readonly string[]): string[] => {
    const head = `    ${resource}`;
    if (columns(head) + 2 <= start) return [head + " ".repeat(start - columns(head)) + figures(cells)];
    return [...wrapText(resource, "    ", "      "), " ".repeat(start) + figures(cells)];
  };
  return { header: "    resource".padEnd(start) + figures(FIGURE_HEADERS), rows: rows.map((r) => row(r.resource, r.cells)) };
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
  const out = wrapText(`${against}: ${changeHeadline(change, signedUsd)}, ${usd(change.beforeMonthlyUsd)} -> ${usd(change.afterMonthlyUsd)}/month`, "Cost change against ", "  ");
  for (const c of change.changes.slice(0, TOP_CHANGES)) {
    out.push(...wrapText(`${resourceText(c)}: ${usd(c.beforeUsd)} -> ${usd(c.afterUsd)}`, `    ${signedUsd(c.deltaUsd).padStart(12)}  `, " ".repeat(20)));
  }
  if (change.changes.length > TOP_CHANGES) out.push(`    and ${change.changes.length - TOP_CHANGES} more`);
  for (const u of change.newUnpriced) out.push(...wrapText(`new and not priced: ${u.name}: ${u.reason}`, "    ", "      "));
  return out;
}

/** The text plan's cost section. */
export function costText(estimate: CostEstimate, change?: { change: CostChange; against: string }): string[] {
  const out = change ? [...changeLines(change.change, change.against), ""] : [];
  out.push(...wrapText(totalText(estimate), "Cost estimate: ", "  "));
  out.push(...wrapText(`at ${basisText(estimate)}; ${estimate.lines.length} priced, ${estimate.unpriced.length} not priced, ${estimate.freeResources} free`, "  ", "    "));
  const table = costTable(estimate.lines.map((l) => ({ resource: resourceText(l), cells: [usd(l.monthlyUsd), usd(l.hourlyUsd), qty(l.monthlyDbu), qty(l.hourlyDbu)] })));
  out.push(table.header);
  for (const [i, line] of estimate.lines.entries()) {
    out.push(...table.rows[i]);
    out.push(...wrapText(line.formula.join(" "), "        ", "        "));
    const assumed = assumedFigures(line);
    if (assumed.length > 0) out.push(...wrapText(`assumed: ${assumed.map(assumptionText).join("; ")}`, "        ", "          "));
    if (line.usageNotEstimated) out.push(...wrapText(`usage not estimated (0 assumed): ${line.usageNotEstimated.join(", ")}`, "        ", "          "));
  }
  if (estimate.unpriced.length > 0) {
    out.push(`  Not priced (${estimate.unpriced.length}):`);
    for (const u of estimate.unpriced) out.push(...wrapText(`- ${u.name} (${u.type.split(":").pop()}): ${u.reason}`, "    ", "      "));
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
