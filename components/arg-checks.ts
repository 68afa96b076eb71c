/**
 * Checks of the arguments most components share (stage, short names, Unity Catalog names), worded as the stack
 * file's own checks word them: `stack/config.ts` uses the same sentences, so an argument a program passes by
 * hand and a key a stack file sets are refused alike.
 */
import type { AddIssue } from "./config-fields";
import { STAGES } from "./stages";

/** What a stage must be. */
export const STAGE_ALLOWED = `one of ${STAGES.map((stage) => `"${stage}"`).join(", ")}`;

/** A short project name (`mlProject`, an ML project's `name`): it prefixes physical names, so it is kept short and plain. */
export const SHORT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,29}$/;

/** What `mlProject` must look like. */
export const ML_PROJECT_ALLOWED = "lower-case letters, digits and '-', starting with a letter, at most 30 characters (e.g. \"mlops\")";

/** What an ML project's name must look like. */
export const PROJECT_NAME_ALLOWED = "lower-case letters, digits and '-', starting with a letter, at most 30 characters (e.g. \"churn\")";

/** A catalog or schema name: lower case (Unity Catalog stores it so) and no `-` (which SQL would need quoted). */
export const UC_NAME_PATTERN = /^[a-z][a-z0-9_]{0,254}$/;

/** What a catalog or schema name must look like. */
export const UC_NAME_ALLOWED = "lower-case letters, digits and '_', starting with a letter, at most 255 characters";

/** Reports `stage` unless it is one of `STAGES`. */
export function checkStageArg(stage: unknown, addIssue: AddIssue, path: (string | number)[] = ["stage"]): void {
  if (!(STAGES as readonly unknown[]).includes(stage)) addIssue(path, STAGE_ALLOWED);
}

/** Reports `value` at `path` with `allowed` unless it is a string matching `pattern`. */
export function checkTextArg(value: unknown, pattern: RegExp, allowed: string, path: (string | number)[], addIssue: AddIssue): void {
  if (typeof value !== "string" || !pattern.test(value)) addIssue(path, allowed);
}
