/** The resource tree both renderers draw: rows in parent-child order with their tree drawing, and short types. */
import type { PlannedStep } from "./types";
import type { ChangeOp, PlanDiff } from "./diff/plan-diff";

/** One row of the resource tree, before alignment. */
export interface TreeRow {
  /** Tree drawing in front of the type, e.g. `│  ├─ `. */
  prefix: string;
  /**
   * Tree drawing of a continuation line of this row (text plan), e.g. `│  │  │`: the guides of the branches
   * still open, and a `│` down to this resource's children when it has any. Never ends in a space.
   */
  guide: string;
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
    const kids = children.get(step.urn) ?? [];
    const nextLead = branch === "" ? "" : lead + (branch === "└─ " ? "   " : "│  ");
    // The children's branches start under this row's type, where the continuation's own guide goes.
    rows.push({ prefix: lead + branch, guide: (nextLead + (kids.length > 0 ? "│" : "")).trimEnd(), step });
    kids.forEach((k, i) => walk(k, nextLead, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const r of roots) walk(r, "", "");
  return rows;
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


/** How the tree marks each resource: its step of the diff, or `same` when the diff leaves it alone. */
export type TreeOps = ReadonlyMap<string, ChangeOp | "same">;

/** Flags shown after a resource's plan: `[protect] [retainOnDelete]`, or empty. */
export function flagsText(step: PlannedStep): string {
  const out: string[] = [];
  if (step.protect) out.push("[protect]");
  if (step.retainOnDelete) out.push("[retainOnDelete]");
  return out.join(" ");
}

/** The tree marks of a diff: the step of each changed resource by URN. */
export function treeOps(diff: PlanDiff): TreeOps {
  return new Map(diff.changes.map((c) => [c.urn, c.op]));
}
