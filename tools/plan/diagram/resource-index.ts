/**
 * Lookups over a plan's steps that the diagram and the access matrix share: which resource an id
 * or URN names, and short labels for people. Pure.
 */
import type { PlannedStep } from "../types";

/** A type token's last segment: `databricks:index/job:Job` -> `Job`. */
export function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

/** The provider URN of a step's provider reference (`<urn>::<id>`), "" for none. */
export function providerUrn(step: PlannedStep): string {
  if (!step.provider) return "";
  const cut = step.provider.lastIndexOf("::");
  return cut > 0 ? step.provider.slice(0, cut) : step.provider;
}

/** Steps by URN, and the URN behind each string input that came from exactly one resource. */
export interface ResourceIndex {
  byUrn: ReadonlyMap<string, PlannedStep>;
  /**
   * Id or name string -> URN of the resource it came from, learnt from property dependencies (the
   * engine records which resource each input came from): `jobId: "123"` depending on job J maps
   * "123" to J. This is how a job task's `runJobTask.jobId` finds the job it runs.
   */
  urnOfValue: ReadonlyMap<string, string>;
}

/** Builds the index of a plan's steps. */
export function indexSteps(steps: readonly PlannedStep[]): ResourceIndex {
  const byUrn = new Map(steps.map((s) => [s.urn, s]));
  const urnOfValue = new Map<string, string>();
  for (const s of steps) {
    for (const [key, urns] of Object.entries(s.propertyDependencies)) {
      const value = s.inputs[key];
      if (urns.length === 1 && typeof value === "string" && value !== "") urnOfValue.set(value, urns[0]);
    }
  }
  return { byUrn, urnOfValue };
}

/** The Unity Catalog full name of a securable's inputs (`catalog.schema.name`), undefined without a name. */
export function fullName(inputs: Record<string, unknown>): string | undefined {
  const parts = [inputs.catalogName, inputs.schemaName, inputs.name];
  if (typeof inputs.name !== "string") return undefined;
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(".");
}
