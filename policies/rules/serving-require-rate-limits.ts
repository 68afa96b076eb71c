/**
 * serving-require-rate-limits: an endpoint limits how many calls it takes, through the AI gateway.
 */
import { forResourceTypes } from "../lib/applicability";
import { listOf, objectOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MODEL_SERVING } from "../lib/resource-types";
import { describeEndpoint } from "../lib/serving";

/** Returns a message when no AI gateway rate limit bounds calls or tokens. */
export function findMissingRateLimits(resourceName: string, props: Record<string, unknown>): string[] {
  const limits = listOf(objectOf(props.aiGateway).rateLimits).map(objectOf);
  const bounded = limits.some((limit) => (typeof limit.calls === "number" && limit.calls > 0) || (typeof limit.tokens === "number" && limit.tokens > 0));
  if (bounded) return [];
  const legacy = listOf(props.rateLimits).length > 0 ? " (the top-level rateLimits are deprecated and do not count)" : "";
  return [`${describeEndpoint(resourceName, props)} has no rate limit${legacy}; set aiGateway.rateLimits with calls per minute.`];
}

/** The rule object registered in the pack. */
export const servingRequireRateLimits: DocumentedResourcePolicy = {
  name: "serving-require-rate-limits",
  description: "Serving endpoints have an AI gateway rate limit.",
  severity: "medium",
  remediationSteps:
    "Set `aiGateway.rateLimits` with at least one limit of `calls` (or `tokens`) per `minute`; in this program " +
    "`mlProjects[].serving.rateLimits`.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Real-time model serving: a production endpoint without a rate limit lets one caller exhaust its capacity " +
      "(and the budget behind it), so every other consumer of the model loses it.",
    controls: [],
  },
  validateResource: forResourceTypes([MODEL_SERVING], (args, reportViolation) => {
    for (const message of findMissingRateLimits(args.name, args.props)) reportViolation(message);
  }),
};
