/**
 * The finished plan in the asked format, and its diff against an earlier plan. main.ts loads this after
 * it has launched the policy pack, so that the renderers do not delay the pack's start.
 */
import { PlanInputError } from "./errors";
import type { PlanResult } from "./plan";
import type { PlanDocument } from "./types";
import { renderText } from "./render-text";
import { renderMarkdown } from "./render-markdown";
import { diffPlans, type PlanDiff } from "./diff/plan-diff";
import type { Comparison } from "./diff/render-diff";
import { diffCost, earlierEstimate } from "./cost/diff";

export { deployabilityFailureMessage } from "./deployability/render";

/** Renders a finished plan in the asked format; with `--against`, JSON gains a `diff` field. */
export function render(result: PlanResult, format: "text" | "markdown" | "json", comparison?: Comparison): string {
  if (format === "json") return JSON.stringify(comparison ? { ...result.document, diff: comparison.diff } : result.document, null, 2) + "\n";
  if (format === "markdown") return renderMarkdown(result, comparison);
  return renderText(result, { color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined, comparison });
}

/**
 * The diff against the earlier plan, with the cost change (the earlier plan repriced by the same price table);
 * one of another stack is invalid input (exit 2).
 */
export function comparePlans(earlier: PlanDocument, result: PlanResult): PlanDiff {
  let diff: PlanDiff;
  try {
    diff = diffPlans(earlier, result.document);
  } catch (err) {
    throw new PlanInputError(`--against: ${(err as Error).message}`);
  }
  const cost = result.document.cost;
  return cost ? { ...diff, cost: diffCost(earlierEstimate(earlier, cost.overrides), cost) } : diff;
}
