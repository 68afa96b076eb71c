/**
 * A stage's cost overrides file, `cost/<stage>.json` in the project: optional, owned by the platform
 * engineers like the stack files. A file of its own rather than a key of the stack file, because the
 * program validates its stack config strictly and must not learn a key only the plan reads.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCostOverrides, type CostOverrides } from "./assumptions";

/** The overrides file of `stage`, relative to the project directory. */
export function costOverridesPath(stage: string): string {
  return path.join("cost", `${stage}.json`);
}

/**
 * The stage's overrides and their file (relative), or `{ overrides: {} }` without a file.
 * @throws Error naming the file and every bad field (the plan reports it as invalid input).
 */
export function readCostOverrides(projectDir: string, stage: string): { overrides: CostOverrides; file?: string } {
  const file = costOverridesPath(stage);
  const full = path.join(projectDir, file);
  if (!fs.existsSync(full)) return { overrides: {} };
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(full, "utf8"));
  } catch (err) {
    throw new Error(`invalid cost overrides ${file}: not valid JSON: ${(err as Error).message}`);
  }
  return { overrides: parseCostOverrides(document, file), file };
}
