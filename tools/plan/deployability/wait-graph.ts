/**
 * The engine's wait graph of a plan: which resource cannot start before which. The engine starts a
 * resource once every resource its inputs and `dependsOn` came from is done, and once its provider is
 * configured; a provider in turn waits for whatever its own inputs came from. Parenthood orders
 * nothing: a component's children do not wait for what the component depends on.
 */
import type { PlannedStep } from "../types";

/** The provider URN of a provider reference `<provider urn>::<provider id>`; "" for the default provider. */
export function providerUrn(reference: string): string {
  if (reference === "") return "";
  const cut = reference.lastIndexOf("::");
  // A reference without an id (a provider still unknown during preview) is the URN alone.
  return cut > 0 && reference.slice(0, cut).split("::").length >= 4 ? reference.slice(0, cut) : reference;
}

/** The URNs a step waits for directly: dependencies, every property's dependencies and its provider. */
export function directWaits(step: PlannedStep): string[] {
  const out = new Set(step.dependencies);
  for (const urns of Object.values(step.propertyDependencies)) for (const urn of urns) out.add(urn);
  const provider = providerUrn(step.provider);
  if (provider !== "") out.add(provider);
  out.delete(step.urn);
  return [...out];
}

/** The wait graph of one plan; pure and immutable once built. */
export interface WaitGraph {
  /** URNs `urn` waits for directly (empty for an unknown URN). */
  direct(urn: string): readonly string[];
  /** True when `a` cannot start before `b` is done, directly or through others; never for a === b. */
  waitsFor(a: string, b: string): boolean;
  /** Every URN `urn` waits for, directly or not. */
  closure(urn: string): ReadonlySet<string>;
}

/** Builds the wait graph of `steps`. A URN registered twice keeps the union of both registrations' edges. */
export function buildWaitGraph(steps: readonly PlannedStep[]): WaitGraph {
  const edges = new Map<string, Set<string>>();
  for (const step of steps) {
    const set = edges.get(step.urn) ?? new Set<string>();
    for (const urn of directWaits(step)) set.add(urn);
    edges.set(step.urn, set);
  }
  const closures = new Map<string, Set<string>>();
  const closure = (start: string): Set<string> => {
    const cached = closures.get(start);
    if (cached) return cached;
    // Iterative, so a deep chain cannot overflow the stack; a cycle (never from a real program) ends too.
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const urn = stack.pop()!;
      if (seen.has(urn)) continue;
      seen.add(urn);
      for (const next of edges.get(urn) ?? []) if (!seen.has(next)) stack.push(next);
    }
    seen.delete(start);
    closures.set(start, seen);
    return seen;
  };
  return {
    direct: (urn) => [...(edges.get(urn) ?? [])],
    waitsFor: (a, b) => a !== b && closure(a).has(b),
    closure,
  };
}
