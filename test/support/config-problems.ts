/** The problem lines of a refused stack config, for the config tests of every capability. */
import { StageConfigError, parseStageConfig } from "../../stack/config";

/** The `  - <key>: ...` lines of the error `parseStageConfig` throws for `raw`, or [] when it is accepted. */
export function configProblems(raw: Record<string, unknown>, stack: string): string[] {
  try {
    parseStageConfig(raw, stack);
    return [];
  } catch (error) {
    if (!(error instanceof StageConfigError)) throw error;
    return error.message.split("\n").filter((line) => line.startsWith("  - "));
  }
}

/** The problem lines for `raw`, which must be refused. */
export function problemsOf(raw: Record<string, unknown>, stack = "prod"): string[] {
  const problems = configProblems(raw, stack);
  if (problems.length === 0) throw new Error("expected the configuration to be rejected");
  return problems;
}
