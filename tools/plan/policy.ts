/**
 * Adapter to the policy-pack driver (`policy-runner.ts`, owned by the policy work). Loaded
 * lazily so the plan, and its tests, run while the driver or the pack is not there yet.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlannedStep, PlanDocument, PolicyViolation } from "./types";

/** What the driver's `evaluatePolicyPack` receives. */
export interface PolicyRequest {
  packDir: string;
  policyConfigFile?: string;
  project: string;
  stack: string;
  steps: PlannedStep[];
}

/** What the driver's `evaluatePolicyPack` returns. */
export interface PolicyEvaluation {
  packName: string;
  packVersion: string;
  /** The pack's policies as the driver describes them; the plan only counts them. */
  policies: unknown[];
  violations: PolicyViolation[];
  diagnostics: PlanDocument["diagnostics"];
}

/** Signature of `evaluatePolicyPack` in `tools/plan/policy-runner.ts`. */
export type PolicyEvaluator = (req: PolicyRequest) => Promise<PolicyEvaluation>;

/** Loads the driver, or returns undefined when `policy-runner.ts` does not exist yet. */
export function loadPolicyEvaluator(dir: string = __dirname): PolicyEvaluator | undefined {
  const exists = [".ts", ".js"].some((ext) => fs.existsSync(path.join(dir, `policy-runner${ext}`)));
  if (!exists) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(dir, "policy-runner")) as { evaluatePolicyPack?: PolicyEvaluator };
  if (typeof mod.evaluatePolicyPack !== "function") {
    throw new Error("tools/plan/policy-runner does not export evaluatePolicyPack");
  }
  return mod.evaluatePolicyPack;
}

/**
 * True when the driver rejected the policy config itself (invalid input, exit 2) rather than
 * failing. The driver marks such errors with `exitCode: 2` or a name ending in `ConfigError`.
 */
export function isPolicyConfigError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { exitCode?: unknown };
  return e.exitCode === 2 || /ConfigError$/.test(e.name);
}
