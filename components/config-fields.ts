/**
 * Building blocks of the stage config schema, shared by every config section (stage, workspace, ML
 * projects, serving, monitoring, online store) so each reports bad input the same way: one sentence
 * saying what is allowed, unknown keys with the keys that are allowed.
 */
import { z } from "zod";
import { isBroadAudienceGroup, isGroupName } from "./principals";

/** Marks a custom issue whose message is a complete reason rather than a description of what is allowed. */
export const REASON = "stageConfigReason";

/**
 * How a capability's checks report a problem: the path under the checked value, and why it is wrong. Each
 * capability's checks take one, so the stack's parser and a component's own argument check share them.
 */
export type AddIssue = (path: (string | number)[], message: string) => void;

/** A strict object whose unknown keys are reported with the list of keys that are allowed. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key; allowed keys: ${allowed}`
        : `an object with keys ${allowed}`,
  });
}

/** A string field whose every failure is explained by one sentence saying what is allowed. */
export function text(allowed: string, pattern?: RegExp) {
  const base = z.string({ error: allowed });
  return pattern ? base.regex(pattern, { error: allowed }) : base;
}

/** What a workspace id must look like. */
export const WORKSPACE_ID_ALLOWED =
  "the numeric workspace id as a quoted string, e.g. \"1234567890123456\" (unquoted, large ids lose precision)";

/** A Databricks workspace id: digits, quoted in YAML so it keeps its precision. */
export const workspaceIdSchema = text(WORKSPACE_ID_ALLOWED, /^[0-9]{1,19}$/);

/** What a group name must look like. */
export const GROUP_ALLOWED =
  "a group name: letters, digits, spaces, '.', '_' or '-', starting with a letter or digit, at most 255 characters, not a UUID (UUIDs name service principals)";

/** A named account group; never an account-wide one, which contains every user. */
export const groupSchema = text(GROUP_ALLOWED)
  .refine(isGroupName, { error: GROUP_ALLOWED })
  .refine((value) => !isBroadAudienceGroup(value), { error: `${GROUP_ALLOWED}; not an account-wide group (account users, users)` });

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

/**
 * Whether the schema refused the value at `path` or below it. The rules between keys run beside the
 * schema, so every problem is reported at once; a rule that reads a refused value would blame other
 * keys for it (a malformed service principal id made the owner "not the service principal"), so it
 * asks first. Default in the check functions: nothing is refused.
 */
export type Refused = (path: readonly (string | number)[]) => boolean;

/** Nothing refused: the check functions' default when called outside the stage schema. */
export const NOTHING_REFUSED: Refused = () => false;

/** `Refused` over the paths of the issues the schema has reported so far. */
export function refusedBy(issues: readonly { path?: readonly PropertyKey[] }[]): Refused {
  const paths = issues.map((issue) => issue.path ?? []);
  return (path) => paths.some((issuePath) => path.every((segment, index) => issuePath[index] === segment));
}

/** A string checked by `problem`; the reason it returns is printed as it is. */
export function checked(allowed: string, problem: (value: string) => string | undefined) {
  return z.string({ error: allowed }).superRefine((value, context) => {
    const reason = problem(value);
    if (reason !== undefined) context.addIssue({ code: "custom", message: reason, params: reasonParams });
  });
}
