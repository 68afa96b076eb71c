/**
 * `StackReference`s offline: the mock runtime answers a reference to another stack with that stack's
 * recorded outputs, read from `<dir>/<stack>.json` (the last segment of `<org>/<project>/<stack>`), so a
 * staging or prod plan sees the dev workspace id exactly as `pulumi stack output --json -s dev` prints it.
 */
import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "./errors";
import { displayPath } from "./user-paths";

/** The type token every `pulumi.StackReference` registers (reads) with. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** Where the offline plan finds recorded stack outputs unless told otherwise. */
export const DEFAULT_RECORDED_OUTPUTS_DIR = path.join(__dirname, "recorded-outputs");

/** One reference the plan resolved, for its diagnostics. */
export interface ResolvedStackReference {
  /** The referenced stack, as the program named it. */
  stack: string;
  /** The file its outputs came from. */
  file: string;
}

/** The file that holds the recorded outputs of `stack`. */
export function recordedOutputsFile(dir: string, stack: string): string {
  const short = stack.split("/").pop() ?? stack;
  return path.join(dir, `${short}.json`);
}

/**
 * The state a `StackReference` resolves to: `outputs` from the recorded file, no secret outputs.
 * @throws PlanInputError when the file is missing or is not a JSON object (the plan exits 2 naming it).
 */
export function resolveStackReference(dir: string, stack: string): { state: Record<string, unknown>; resolved: ResolvedStackReference } {
  const file = recordedOutputsFile(dir, stack);
  let outputs: unknown;
  try {
    outputs = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (err as Error).message;
    throw new PlanInputError(
      `stack reference ${stack}: no recorded outputs in ${displayPath(file)} (${reason}); write them with \`pulumi stack output --json --stack ${stack} > ${displayPath(file)}\``,
    );
  }
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) {
    throw new PlanInputError(`stack reference ${stack}: ${displayPath(file)} must hold a JSON object of stack outputs`);
  }
  return { state: { name: stack, outputs, secretOutputNames: [] }, resolved: { stack, file } };
}
