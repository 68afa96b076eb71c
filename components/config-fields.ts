/**
 * Building blocks of the stage config schema, shared by every config section so each reports bad
 * input the same way: one sentence saying what is allowed.
 */
import { z } from "zod";
import { isBroadAudienceGroup, isGroupName } from "./principals";

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
