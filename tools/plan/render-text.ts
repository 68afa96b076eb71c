/**
 * The readable preview: the resource tree with `+` create markers, the summary line, then
 * diagnostics and policy results grouped by enforcement level. Plain text unless `color`.
 */
import type { PlannedStep, PolicyViolation } from "./types";
import type { PlanResult } from "./plan";
import { deployabilityFindings, LEVELS_MOST_BLOCKING_FIRST, mandatoryViolations, resourceLabel } from "./verdict";
import { deployabilityText } from "./deployability/render";
import { OP_PREFIX, renderDiffText, summaryLine, type Comparison } from "./diff/render-diff";
import type { ChangeOp, PlanDiff } from "./diff/plan-diff";
import { outcomeText, type WaiverReportEntry } from "./waiver-report";
import { secondUpLines } from "./read-back/report";
import { costText } from "./cost/render";

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

/** One row of the resource tree, before alignment. */
export interface TreeRow {
  /** Tree drawing in front of the type, e.g. `│  ├─ `. */
  prefix: string;
  step: PlannedStep;
}

/** Orders steps as a tree under their parents, siblings in registration order. */
export function treeRows(steps: PlannedStep[]): TreeRow[] {
  const known = new Set(steps.map((s) => s.urn));
  const children = new Map<string, PlannedStep[]>();
  const roots: PlannedStep[] = [];
  for (const s of steps) {
    if (s.parent && known.has(s.parent)) {
      const list = children.get(s.parent) ?? [];
      list.push(s);
      children.set(s.parent, list);
    } else {
      roots.push(s);
    }
  }
  const rows: TreeRow[] = [];
  const walk = (step: PlannedStep, lead: string, branch: string) => {
    rows.push({ prefix: lead + branch, step });
    const kids = children.get(step.urn) ?? [];
    const nextLead = branch === "" ? "" : lead + (branch === "└─ " ? "   " : "│  ");
    kids.forEach((k, i) => walk(k, nextLead, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const r of roots) walk(r, "", "");
  return rows;
}

/** Flags shown after a resource's name. */
function flags(step: PlannedStep): string {
  const out: string[] = [];
  if (step.protect) out.push("[protect]");
  if (step.retainOnDelete) out.push("[retainOnDelete]");
  return out.join(" ");
}

/**
 * A type token as the tree shows it. A provider resource (`pkg:module/file:Name`) loses the file part
 * and an `index` module (`databricks:index/job:Job` is `databricks:Job`, `aws:s3/bucketV2:BucketV2` is
 * `aws:s3:BucketV2`); a component (`pkg:module:Name`, no file part) loses its module, which only groups
 * the project's sources (`databricks-mlops:workspace:StageWorkspace` is `databricks-mlops:StageWorkspace`);
 * `pulumi:` tokens stay whole. The `--json` plan keeps every token whole.
 */
export function shortType(token: string): string {
  const parts = token.split(":");
  if (parts.length !== 3 || parts[0] === "pulumi") return token;
  const [pkg, module, name] = parts;
  if (!module.includes("/")) return `${pkg}:${name}`;
  const head = module.split("/")[0];
  return head === "index" ? `${pkg}:${name}` : `${pkg}:${head}:${name}`;
}

/** Widest type column (tree drawing included); longer types end in an ellipsis. */
export const TYPE_COLUMN_MAX = 44;
/** Widest name column; a longer name is printed whole and pushes only its own row's plan column. */
export const NAME_COLUMN_MAX = 33;

function clip(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + "…" : s;
}

/** How the tree marks each resource: its step of the diff, or `same` when the diff leaves it alone. */
export type TreeOps = ReadonlyMap<string, ChangeOp | "same">;

/**
 * The tree lines (`+ type  name  plan flags`), aligned, without colour unless `color`. Without `ops` every
 * resource is a create (a first plan); with them (a diff), each row shows its step and unchanged ones `same`.
 * Fits 120 columns (the shipped stacks' trees do) but for rows with a name over NAME_COLUMN_MAX characters.
 */
export function renderTree(steps: PlannedStep[], color = false, ops?: TreeOps): string[] {
  const rows = treeRows(steps);
  const typeWidth = Math.min(TYPE_COLUMN_MAX, Math.max(4, ...rows.map((r) => r.prefix.length + shortType(r.step.type).length)));
  const nameWidth = Math.min(NAME_COLUMN_MAX, Math.max(4, ...rows.map((r) => r.step.name.length)));
  const header = `    ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`;
  return [
    header.trimEnd(),
    ...rows.map((r) => {
      const op = ops ? (ops.get(r.step.urn) ?? "same") : "create";
      const marker = op === "same" ? " " : paint(color, op === "create" ? "green" : op === "update" ? "yellow" : "red", OP_PREFIX[op]);
      const line = ` ${marker}${op === "replace" ? " " : "  "}${clip(r.prefix + shortType(r.step.type), typeWidth).padEnd(typeWidth)}  ${r.step.name.padEnd(nameWidth)}  ${op} ${flags(r.step)}`;
      return line.trimEnd();
    }),
  ];
}

/** The tree marks of a diff: the step of each changed resource by URN. */
export function treeOps(diff: PlanDiff): TreeOps {
  return new Map(diff.changes.map((c) => [c.urn, c.op]));
}

function violationLines(v: PolicyViolation, color: boolean): string[] {
  const severity = v.severity ? ` (${v.severity})` : "";
  const lines = [`    - ${paint(color, "bold", v.policyName)}${severity}: ${resourceLabel(v.urn)}`];
  for (const l of v.message.trim().split("\n")) lines.push(`        ${l}`);
  return lines;
}

/** The policy section: a headline, then violations grouped by enforcement level. */
export function renderPolicies(result: PlanResult, color = false): string[] {
  const { policy, document } = result;
  const pack = `${policy.packName}@${policy.packVersion}`;
  const config = policy.configFile ? `, config ${policy.configFile}` : ", pack defaults";
  const lines = [`Policies: pack ${pack}, ${policy.policyCount} policies, stage ${result.stage}${config}`];
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
    lines.push(`    - ${w.rule}: ${resourceLabel(w.urn)}, until ${w.expires}`);
    lines.push(`        ${outcomeText(w.outcome)}`, `        reason: ${w.reason}`);
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
  const out = [
    paint(c, "bold", `Offline plan of stack ${document.stack} (project ${document.project}, stage ${result.stage})`),
    "",
    ...(opts.comparison ? [...renderDiffText(opts.comparison.diff, opts.comparison.against), ""] : []),
    ...renderTree(document.steps, c, opts.comparison && treeOps(opts.comparison.diff)),
    "",
    opts.comparison
      ? `Resources: ${document.changeSummary.create} in the plan; against ${opts.comparison.against}: ${summaryLine(opts.comparison.diff)}`
      : `Resources: ${document.changeSummary.create} to create`,
  ];
  if (document.cost) {
    const change = opts.comparison?.diff.cost && { change: opts.comparison.diff.cost, against: opts.comparison.against };
    out.push("", ...costText(document.cost, change));
  }
  const shown = document.diagnostics.filter((d) => d.severity !== "debug");
  if (shown.length > 0) {
    out.push("", "Diagnostics:");
    for (const d of shown) {
      const where = d.urn ? ` (${resourceLabel(d.urn)})` : "";
      out.push(`  ${d.severity}${where}: ${d.message.split("\n").join("\n      ")}`);
    }
  }
  out.push("", ...renderPolicies(result, c));
  if (document.waivers.length > 0) out.push("", ...renderWaivers(document.waivers));
  if (document.deployability) out.push("", ...deployabilityText(document.deployability, document.steps));
  if (document.secondUp) out.push("", ...secondUpLines(document.secondUp));
  out.push("", paint(c, "bold", verdictLine(result)));
  return out.join("\n") + "\n";
}
