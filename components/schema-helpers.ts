/**
 * Building blocks of the config schemas of the serving and monitoring blocks: every failure of a
 * field is explained by one sentence saying what is allowed, unknown keys list the allowed keys.
 */
import { z } from "zod";
import { REASON } from "./config-errors";

/** A strict object whose unknown keys are reported with the keys that are allowed. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `unknown key; allowed keys: ${allowed}` : `an object with keys ${allowed}`),
  });
}

/** A string field, optionally matching `pattern`; every failure says `allowed`. */
export function text(allowed: string, pattern?: RegExp) {
  const base = z.string({ error: allowed });
  return pattern ? base.regex(pattern, { error: allowed }) : base;
}

/** A number field within bounds; every failure (a string such as "0.2" included) says `allowed`. */
export function numberIn(allowed: string, bounds: { min?: number; max?: number; exclusiveMin?: number; int?: boolean }) {
  let schema = z.number({ error: allowed });
  if (bounds.int) schema = schema.int({ error: allowed });
  if (bounds.min !== undefined) schema = schema.min(bounds.min, { error: allowed });
  if (bounds.exclusiveMin !== undefined) schema = schema.gt(bounds.exclusiveMin, { error: allowed });
  if (bounds.max !== undefined) schema = schema.max(bounds.max, { error: allowed });
  return schema;
}

/** A boolean field. */
export const booleanField = () => z.boolean({ error: "true or false" });

/** Marks a custom issue's message as a complete reason, printed as it is. */
export const reasonParams = { [REASON]: true } as const;
