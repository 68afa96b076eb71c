/** What the deployability check reports, and how it names resources for people. */
import type { PlannedStep } from "../types";

/** One broken precondition: a resource that would start before what it needs, or cannot succeed at all. */
export interface DeployabilityFinding {
  /** Id of the precondition (kebab case, see preconditions.ts). */
  precondition: string;
  /** URN of the resource that would fail. */
  urn: string;
  /** URN of what it must wait for and does not, when that resource is in the plan. */
  waitFor?: string;
  /** The whole message, naming both resources (`name (Type)`) and the missing edge or the reason. */
  message: string;
}

/** One resource of the first-deploy critical path. */
export interface CriticalPathEntry {
  urn: string;
  /** Typical seconds this resource takes to create (durations.ts). */
  seconds: number;
  /** Why that long, with its source. */
  basis: string;
}

/** The longest chain of slow resources through the wait graph, first to start first. */
export interface CriticalPath {
  entries: CriticalPathEntry[];
  /** Sum of the entries' typical seconds: the least a first `pulumi up` takes. */
  totalSeconds: number;
}

/** The deployability part of the plan document. */
export interface DeployabilityReport {
  /** Every broken precondition; empty when the first `pulumi up` can run in the engine's order. */
  findings: DeployabilityFinding[];
  criticalPath: CriticalPath;
}

/** A type token's last segment: `databricks:index/catalog:Catalog` -> `Catalog`. */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/** `name (Type)`, how every message names a resource. */
export function label(step: Pick<PlannedStep, "name" | "type">): string {
  return `${step.name} (${shortType(step.type)})`;
}

/** The finding for a missing edge: `a (T) does not wait for b (U): reason`. */
export function missingEdge(precondition: string, step: PlannedStep, target: PlannedStep, reason: string): DeployabilityFinding {
  return { precondition, urn: step.urn, waitFor: target.urn, message: `${label(step)} does not wait for ${label(target)}: ${reason}` };
}

/** A finding about one resource alone (no resource of the plan to wait for). */
export function alone(precondition: string, step: PlannedStep, message: string): DeployabilityFinding {
  return { precondition, urn: step.urn, message: `${label(step)} ${message}` };
}
