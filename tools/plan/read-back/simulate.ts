/**
 * The state a provider would hold right after creating a planned step: its inputs as the server and the
 * provider store them (read-back normalisations), with every computed field the input left out filled.
 */
import type { PlannedStep } from "../types";
import { SERVER_VALUE, type TypeModel } from "./model";
import { modelOf } from "./registry";
import { pathSegments, updateAt } from "./paths";

export { SERVER_VALUE } from "./model";

/** Thrown for a type without a read-back model: such a type is reported, never assumed idempotent. */
export class UnmodelledTypeError extends Error {
  constructor(readonly type: string) {
    super(`no read-back model for ${type}`);
    this.name = "UnmodelledTypeError";
  }
}

/** The model of a step's type; throws UnmodelledTypeError when there is none. */
export function requireModel(step: Pick<PlannedStep, "type">): TypeModel {
  const model = modelOf(step.type);
  if (model === undefined) throw new UnmodelledTypeError(step.type);
  return model;
}

/** Deepest paths last, so a list is reordered before its elements' own lists are. */
function byDepth(a: { path: string }, b: { path: string }): number {
  return pathSegments(a.path).length - pathSegments(b.path).length;
}

/** The provider's state after Create + Read of `step`, as plain JSON. */
export function simulateReadBack(step: Pick<PlannedStep, "type" | "inputs">): Record<string, unknown> {
  const model = requireModel(step);
  let state: unknown = structuredClone(step.inputs);
  for (const field of [...model.fields].sort(byDepth)) {
    const readBack = field.readBack;
    if (readBack !== undefined) state = updateAt(state, pathSegments(field.path), (node) => (node === undefined ? undefined : readBack(node)));
    if (field.computed) state = updateAt(state, pathSegments(field.path), (node) => (node === undefined ? SERVER_VALUE : node));
  }
  return state as Record<string, unknown>;
}
