/**
 * The first deploy's critical path: the chain of resources through the wait graph whose typical
 * creation times add up to the most. No amount of parallelism makes a first `up` shorter than it.
 */
import type { CriticalPath } from "./findings";
import type { PlanView } from "./plan-view";
import { typicalDuration, type TypicalDuration } from "./durations";

/** The longest chain of slow resources; empty (0 s) when the plan has none. */
export function criticalPath(plan: PlanView): CriticalPath {
  const own = new Map<string, TypicalDuration | undefined>();
  for (const s of plan.steps) if (!own.has(s.urn)) own.set(s.urn, typicalDuration(s));
  // Longest time from nothing until `urn` is done, and the direct wait it came through.
  const total = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const finish = (urn: string): number => {
    const known = total.get(urn);
    if (known !== undefined) return known;
    if (visiting.has(urn)) return 0; // a cycle (never from a real program) adds nothing
    visiting.add(urn);
    let best = 0;
    let bestVia: string | undefined;
    for (const next of plan.graph.direct(urn)) {
      if (!own.has(next)) continue;
      const t = finish(next);
      if (t > best) [best, bestVia] = [t, next];
    }
    visiting.delete(urn);
    const t = best + (own.get(urn)?.seconds ?? 0);
    total.set(urn, t);
    via.set(urn, bestVia);
    return t;
  };
  let end: string | undefined;
  for (const urn of own.keys()) if (finish(urn) > (end === undefined ? 0 : total.get(end)!)) end = urn;
  const entries = [];
  for (let urn = end; urn !== undefined; urn = via.get(urn)) {
    const d = own.get(urn);
    if (d) entries.unshift({ urn, seconds: d.seconds, basis: d.basis });
  }
  return { entries, totalSeconds: end === undefined ? 0 : total.get(end)! };
}
