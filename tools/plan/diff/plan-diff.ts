/**
 * What a change does to a stack: two offline plan documents of the same stack, the earlier one
 * standing in for the stack's state, compared resource by resource (by URN, or by an alias when the
 * URN is new) the way the engine compares a program's registrations with its state. Pure.
 */
import type { PlannedStep, PlanDocument, PolicyViolation } from "../types";
import { diffValues, type PropertyChange } from "./property-diff";
import { replacementReasons } from "./replace-rules";

/** The engine's step kinds a diff shows; unchanged resources are only counted. */
export type ChangeOp = "create" | "update" | "replace" | "delete";

/** One resource that the change creates, updates, replaces or deletes. */
export interface ResourceChange {
  op: ChangeOp;
  urn: string;
  type: string;
  name: string;
  /**
   * Protected in the earlier plan (the state a real preview would hold): the engine refuses to
   * delete or replace such a resource until `protect` is removed in a change of its own.
   */
  protect: boolean;
  /** Retained on delete in the earlier plan: a delete or replace only forgets the cloud object. */
  retainOnDelete: boolean;
  /** Changed input paths (for `update` and `replace`), in the earlier plan's key order. */
  changes: PropertyChange[];
  /** The changed paths that force the replacement (for `replace`); see replace-rules.ts. */
  replaceReasons: string[];
}

/** Counts of a diff, as `pulumi preview` summarises one. */
export interface DiffSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

/** The whole comparison of two plans of one stack. */
export interface PlanDiff {
  stack: string;
  /** Creates, updates and replaces in the new plan's order, then deletes in the earlier plan's order. */
  changes: ResourceChange[];
  summary: DiffSummary;
  /** Deletes and replaces of resources protected in the earlier plan: what a reviewer must see first. */
  protectedAtRisk: ResourceChange[];
  /** Policy findings of the new plan that the earlier one did not have. */
  newFindings: PolicyViolation[];
  /** Policy findings of the earlier plan that the new one no longer has. */
  resolvedFindings: PolicyViolation[];
}

/**
 * Option changes the engine acts on, shown as changed paths in brackets. A changed provider
 * reference replaces the resource (the engine cannot move it between providers in place).
 */
function optionChanges(before: PlannedStep, after: PlannedStep): PropertyChange[] {
  const out: PropertyChange[] = [];
  if (before.protect !== after.protect) out.push({ path: "[protect]", kind: "update", old: before.protect, new: after.protect });
  if (before.retainOnDelete !== after.retainOnDelete) {
    out.push({ path: "[retainOnDelete]", kind: "update", old: before.retainOnDelete, new: after.retainOnDelete });
  }
  if (!sameProvider(before.provider, after.provider)) out.push({ path: "[provider]", kind: "update", old: before.provider, new: after.provider });
  return out;
}

/**
 * Whether two provider references name the same provider. References are `<provider urn>::<id>`; the id is
 * the provider's own (a state's is a UUID, an offline plan's is made up), and a replaced provider replaces its
 * resources through its own diff, so the URN decides.
 */
function sameProvider(a: string, b: string): boolean {
  const urn = (ref: string) => (ref.includes("::") ? ref.slice(0, ref.lastIndexOf("::")) : ref);
  return urn(a) === urn(b);
}

function change(op: ChangeOp, step: PlannedStep, earlier: PlannedStep | undefined, changes: PropertyChange[] = [], reasons: string[] = []): ResourceChange {
  return {
    op,
    urn: step.urn,
    type: step.type,
    name: step.name,
    protect: earlier?.protect ?? false,
    retainOnDelete: earlier?.retainOnDelete ?? false,
    changes,
    replaceReasons: reasons,
  };
}

/** The step kind and changed paths of a resource present in both plans, or undefined when it is unchanged. */
export function compareSteps(before: PlannedStep, after: PlannedStep): ResourceChange | undefined {
  const inputs = diffValues(before.inputs, after.inputs);
  const options = optionChanges(before, after);
  if (inputs.length === 0 && options.length === 0) return undefined;
  const reasons = [
    ...replacementReasons(after.type, inputs.map((c) => c.path)),
    ...(!sameProvider(before.provider, after.provider) ? ["[provider]"] : []),
  ];
  return change(reasons.length > 0 ? "replace" : "update", after, before, [...inputs, ...options], reasons);
}

/** A finding's identity: the same rule, level, resource and message. */
function findingKey(v: PolicyViolation): string {
  return JSON.stringify([v.policyPack, v.policyName, v.enforcementLevel, v.urn, v.message]);
}

/** The findings of `of` whose identity is not among those of `other`. */
function findingsOnlyIn(of: PolicyViolation[], other: PolicyViolation[]): PolicyViolation[] {
  const keys = new Set(other.map(findingKey));
  return of.filter((v) => !keys.has(findingKey(v)));
}

/**
 * Compares the plan of a change (`after`) with an earlier plan of the same stack (`before`).
 * @throws Error when the two documents are plans of different stacks.
 */
export function diffPlans(before: PlanDocument, after: PlanDocument): PlanDiff {
  if (before.stack !== after.stack || before.project !== after.project) {
    throw new Error(`the earlier plan is of ${before.project}/${before.stack}, not ${after.project}/${after.stack}`);
  }
  const earlier = new Map(before.steps.map((s) => [s.urn, s]));
  const current = new Set(after.steps.map((s) => s.urn));
  // Old URNs a new resource took over: its own, or (when its URN is new) the first alias the state holds.
  const matched = new Set<string>();
  const changes: ResourceChange[] = [];
  let same = 0;
  for (const step of after.steps) {
    const alias = earlier.has(step.urn) ? undefined : step.aliases?.find((a) => earlier.has(a) && !current.has(a) && !matched.has(a));
    const old = earlier.get(alias ?? step.urn);
    if (old !== undefined) matched.add(old.urn);
    if (old === undefined) {
      changes.push(change("create", step, undefined));
      continue;
    }
    const c = compareSteps(old, step);
    if (c === undefined) same++;
    else changes.push(c);
  }
  for (const old of before.steps) if (!matched.has(old.urn)) changes.push(change("delete", old, old));

  const count = (op: ChangeOp) => changes.filter((c) => c.op === op).length;
  return {
    stack: after.stack,
    changes,
    summary: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), same },
    protectedAtRisk: changes.filter((c) => c.protect && (c.op === "delete" || c.op === "replace")),
    newFindings: findingsOnlyIn(after.policyViolations, before.policyViolations),
    resolvedFindings: findingsOnlyIn(before.policyViolations, after.policyViolations),
  };
}
