/** One plan, indexed for the preconditions: steps by URN and type, the wait graph, providers. */
import type { PlannedStep } from "../types";
import { buildWaitGraph, providerUrn, type WaitGraph } from "./wait-graph";

/** What every precondition reads. */
export interface PlanView {
  steps: readonly PlannedStep[];
  graph: WaitGraph;
  /** The (first) step registered under `urn`. */
  step(urn: string): PlannedStep | undefined;
  /** Every step of one type token, in registration order. */
  ofType(type: string): PlannedStep[];
  /** The provider step a resource names, undefined for the default provider or one outside the plan. */
  providerOf(step: PlannedStep): PlannedStep | undefined;
  /** True when `a` waits for `b`, directly or not. */
  waitsFor(a: PlannedStep, b: PlannedStep): boolean;
}

/** Indexes `steps`. */
export function planView(steps: readonly PlannedStep[]): PlanView {
  const byUrn = new Map<string, PlannedStep>();
  const byType = new Map<string, PlannedStep[]>();
  for (const s of steps) {
    if (!byUrn.has(s.urn)) byUrn.set(s.urn, s);
    const list = byType.get(s.type) ?? [];
    list.push(s);
    byType.set(s.type, list);
  }
  const graph = buildWaitGraph(steps);
  return {
    steps,
    graph,
    step: (urn) => byUrn.get(urn),
    ofType: (type) => byType.get(type) ?? [],
    providerOf: (s) => byUrn.get(providerUrn(s.provider)),
    waitsFor: (a, b) => graph.waitsFor(a.urn, b.urn),
  };
}

/** The URNs one input's value came from. */
export function inputSources(step: PlannedStep, property: string): string[] {
  return step.propertyDependencies[property] ?? [];
}

/** A string input, or undefined when absent, unknown or secret. */
export function stringInput(step: PlannedStep, property: string): string | undefined {
  const v = step.inputs[property];
  return typeof v === "string" && v !== "[unknown]" && v !== "[secret]" ? v : undefined;
}
