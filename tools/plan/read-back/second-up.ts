/**
 * What the next `up` with the same inputs would change, decided as the bridged provider decides it: an absent
 * input of a computed field keeps the state; normalised fields compare in the provider's form; a field Update
 * never sends diffs for ever; a force-new field replaces the resource.
 */
import type { PlannedStep } from "../types";
import type { FieldModel, TypeModel } from "./model";
import { requireModel } from "./simulate";
import { isObject, modelPath } from "./paths";
import { sameJson } from "./normalise";

/** One property the next `up` would change. */
export interface SecondUpChange {
  /** Concrete path of the property, e.g. `tasks` or `config.servedEntities[0].entityVersion`. */
  path: string;
  /** `replace` when the field (or one that holds it) is force-new, else `update`. */
  action: "update" | "replace";
  /**
   * True when the change can never converge: Update does not send the field, or the provider reads back the
   * declared value in another form. False for a state changed outside the stack (the next `up` reverts it).
   */
  perpetual: boolean;
  /** Why, from the model (the field's behaviour), or "differs from the state" when the model says nothing. */
  why: string;
  /** The program's input ("absent" inputs are undefined). */
  declared: unknown;
  /** The value in the provider's state. */
  readBack: unknown;
}

/** The model's entry for one path, if any. */
function fieldAt(model: TypeModel, path: string): FieldModel | undefined {
  return model.fields.find((field) => field.path === path);
}

/** The entries for the path and every field that holds it (`config`, `config.servedEntities`, ...). */
function enclosing(model: TypeModel, segments: readonly string[]): FieldModel[] {
  const found: FieldModel[] = [];
  for (let i = 1; i <= segments.length; i++) {
    const field = fieldAt(model, modelPath(segments.slice(0, i)));
    if (field !== undefined) found.push(field);
  }
  return found;
}

/** A concrete path for people: `config.servedEntities[0].entityVersion`. */
function concretePath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((out, s) => (typeof s === "number" ? `${out}[${s}]` : out === "" ? s : `${out}.${s}`), "");
}

/** Why a change happens: the field's own entry, else the enclosing entry that decides its action, else a plain difference. */
function reason(fields: FieldModel[], path: string): string {
  const own = fields.find((f) => f.path === path);
  if (own !== undefined) return own.behaviour;
  const deciding = fields.find((f) => f.forceNew || f.neverUpdated);
  return deciding !== undefined ? `differs from the state; ${deciding.path}: ${deciding.behaviour}` : "differs from the state";
}

function change(model: TypeModel, segments: (string | number)[], declared: unknown, readBack: unknown, readsBackAs = false): SecondUpChange {
  const generic = segments.map((s) => (typeof s === "number" ? "[]" : s));
  const fields = enclosing(model, generic);
  return {
    path: concretePath(segments),
    action: fields.some((f) => f.forceNew) ? "replace" : "update",
    perpetual: readsBackAs || fields.some((f) => f.neverUpdated),
    why: reason(fields, modelPath(generic)),
    declared,
    readBack,
  };
}

/** The changes between `declared` and `state` at `segments`; `ownReadBack` false skips the field's read-back check. */
function diffAt(model: TypeModel, segments: (string | number)[], declared: unknown, state: unknown, out: SecondUpChange[], ownReadBack = true): void {
  const field = fieldAt(model, modelPath(segments.map((s) => (typeof s === "number" ? "[]" : s))));
  if (declared === undefined) {
    // Optional + Computed: an absent input keeps whatever the provider read back.
    if (state !== undefined && !field?.computed) out.push(change(model, segments, declared, state));
    return;
  }
  if (state === undefined) {
    out.push(change(model, segments, declared, state));
    return;
  }
  if (field?.compareAs !== undefined) {
    if (!sameJson(field.compareAs(declared), field.compareAs(state))) out.push(change(model, segments, declared, state));
    return;
  }
  if (ownReadBack && field?.readBack !== undefined) {
    const direct: SecondUpChange[] = [];
    diffAt(model, segments, declared, state, direct, false);
    if (direct.length === 0) return;
    const afterReadBack: SecondUpChange[] = [];
    diffAt(model, segments, field.readBack(declared), state, afterReadBack, false);
    // The declared value comes back in another form: one change of the whole field, on every `up`.
    if (afterReadBack.length === 0) out.push(change(model, segments, declared, state, true));
    else out.push(...direct);
    return;
  }
  if (isObject(declared) && isObject(state)) {
    for (const key of new Set([...Object.keys(declared), ...Object.keys(state)])) diffAt(model, [...segments, key], declared[key], state[key], out);
    return;
  }
  if (Array.isArray(declared) && Array.isArray(state) && declared.length === state.length) {
    declared.forEach((item, i) => diffAt(model, [...segments, i], item, state[i], out));
    return;
  }
  if (!sameJson(declared, state)) out.push(change(model, segments, declared, state));
}

/**
 * The properties the next `up` would change when the program declares `step.inputs` and the provider holds
 * `state`. Empty means the second `up` changes nothing. Throws UnmodelledTypeError for an unmodelled type.
 */
export function secondUpDiff(step: Pick<PlannedStep, "type" | "inputs">, state: Record<string, unknown>): SecondUpChange[] {
  const model = requireModel(step);
  const out: SecondUpChange[] = [];
  diffAt(model, [], step.inputs, state, out);
  return out;
}

