/** Short constructors for the model's field entries, so that each type's model reads as a list of facts. */
import type { FieldModel } from "./model";

/** Optional + Computed (or suppress_diff, or a default): absent input keeps the read-back value. */
export function computed(path: string, behaviour: string, source: string): FieldModel {
  return { path, computed: true, behaviour, source };
}

/** A change replaces the resource. */
export function forceNew(path: string, source: string, extra: Partial<FieldModel> = {}): FieldModel {
  return { path, forceNew: true, behaviour: "a change replaces the resource", source, ...extra };
}

/** A field the provider normalises: what it stores (`readBack`) and/or how it compares (`compareAs`). */
export function normalised(
  path: string,
  how: Pick<FieldModel, "readBack" | "compareAs" | "computed" | "forceNew">,
  behaviour: string,
  source: string,
): FieldModel {
  return { path, ...how, behaviour, source };
}
