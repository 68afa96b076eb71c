/**
 * One finding per edge to add, not per resource that lacks it, among the findings of one ordering
 * precondition: when a resource already waits for another that misses the same edge, adding the edge to
 * the other fixes both, so only the other is reported (its message counts the resources behind it).
 */
import { label, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";

/** What a finding is missing: the same key means the same edge would fix it. */
function missingKey(plan: PlanView, f: DeployabilityFinding): string {
  const step = plan.step(f.urn);
  const what = f.waitFor ?? (step ? f.message.slice(label(step).length) : f.message);
  return `${f.precondition}\u0000${what}`;
}

/** Keeps the findings no other finding of the same key stands in front of; order is kept. */
export function condense(plan: PlanView, findings: readonly DeployabilityFinding[]): DeployabilityFinding[] {
  const groups = new Map<string, DeployabilityFinding[]>();
  for (const f of findings) {
    const key = missingKey(plan, f);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const behind = new Map<DeployabilityFinding, number>();
  const dropped = new Set<DeployabilityFinding>();
  for (const group of groups.values()) {
    for (const f of group) {
      const front = group.filter((g) => g !== f && plan.graph.waitsFor(f.urn, g.urn));
      if (front.length === 0) continue;
      dropped.add(f);
      for (const g of front) behind.set(g, (behind.get(g) ?? 0) + 1);
    }
  }
  return findings
    .filter((f) => !dropped.has(f))
    .map((f) => {
      const n = behind.get(f) ?? 0;
      return n > 0 ? { ...f, message: `${f.message} (${n === 1 ? "1 more resource behind it misses" : `${n} more resources behind it miss`} the same edge)` } : f;
    });
}
