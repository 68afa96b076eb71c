/** Builds `PlannedStep`s by hand, for tests that need a step the program does not emit. */
import { parseUrn, makeUrn } from "../../tools/plan/urn";
import type { PlannedStep } from "../../tools/plan/types";

export const PROJECT = "databricks-mlops";
export const STACK = "prod";

/** One planned step under `parent` (its URN built by the engine's rule), with defaults for the rest. */
export function plannedStep(
  type: string,
  name: string,
  parent: PlannedStep | undefined,
  inputs: Record<string, unknown> = {},
  extra: Partial<PlannedStep> = {},
): PlannedStep {
  const { stack, project } = parent ? parseUrn(parent.urn) : { stack: STACK, project: PROJECT };
  return {
    op: "create",
    urn: makeUrn(stack, project, parent?.urn ?? "", type, name),
    type,
    name,
    parent: parent?.urn ?? "",
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    provider: "",
    custom: !type.startsWith("pulumi:pulumi:") && !type.startsWith(`${PROJECT}:`),
    inputs,
    ...extra,
  };
}

/** A copy of `step` with some inputs replaced (undefined removes an input). */
export function withInputs(step: PlannedStep, inputs: Record<string, unknown>): PlannedStep {
  const merged = { ...step.inputs, ...inputs };
  for (const [key, value] of Object.entries(inputs)) if (value === undefined) delete merged[key];
  return { ...step, inputs: merged };
}

/** Replaces the step with the same URN in `steps`. */
export function replaceStep(steps: PlannedStep[], replacement: PlannedStep): PlannedStep[] {
  return steps.map((s) => (s.urn === replacement.urn ? replacement : s));
}
