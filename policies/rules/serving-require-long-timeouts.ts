/**
 * serving-require-long-timeouts: an endpoint waits long enough for its creation and updates.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MODEL_SERVING } from "../lib/resource-types";
import { describeEndpoint } from "../lib/serving";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ServingTimeoutConfig {
  /** Least create and update timeout, in minutes. */
  minimumMinutes: number;
}

/** The default: the Terraform provider's own default wait for endpoints. */
export const DEFAULT_SERVING_TIMEOUT_CONFIG: ServingTimeoutConfig = { minimumMinutes: 45 };

/** Returns one message per operation (create, update) whose custom timeout is unset or too short. */
export function findShortTimeouts(
  resourceName: string,
  props: Record<string, unknown>,
  timeouts: { createSeconds: number; updateSeconds: number },
  config: ServingTimeoutConfig,
): string[] {
  const endpoint = describeEndpoint(resourceName, props);
  const least = config.minimumMinutes * 60;
  return (["create", "update"] as const)
    .filter((operation) => timeouts[`${operation}Seconds`] < least)
    .map((operation) => {
      const seconds = timeouts[`${operation}Seconds`];
      const given = seconds === 0 ? "no custom timeout (the provider default applies)" : `a timeout of ${seconds / 60} minutes`;
      return `${endpoint} has ${given} for ${operation}; endpoints take up to 30 minutes and the provider deletes one whose wait times out: set customTimeouts.${operation} to at least ${config.minimumMinutes}m.`;
    });
}

/** The rule object registered in the pack. */
export const servingRequireLongTimeouts: DocumentedResourcePolicy = {
  name: "serving-require-long-timeouts",
  description: "Serving endpoints set create and update timeouts long enough for an endpoint to start.",
  severity: "medium",
  remediationSteps:
    "Pass `customTimeouts: { create: \"60m\", update: \"60m\" }` in the endpoint's resource options (this program does); " +
    "`minimumMinutes` of this policy's config sets the least accepted wait.",
  configSchema: {
    properties: {
      minimumMinutes: {
        type: "number",
        minimum: 1,
        default: DEFAULT_SERVING_TIMEOUT_CONFIG.minimumMinutes,
        description: "Least create and update timeout of an endpoint, in minutes.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Real-time model serving: creating an endpoint takes 5-30 minutes, and when the provider's wait times out it " +
      "deletes the endpoint it was creating, so a short timeout turns a slow start into an outage on every deploy.",
    controls: [],
  },
  validateResource: forResourceTypes([MODEL_SERVING], (args, reportViolation) => {
    const config = { ...DEFAULT_SERVING_TIMEOUT_CONFIG, ...args.getConfig<Partial<ServingTimeoutConfig>>() };
    for (const message of findShortTimeouts(args.name, args.props, args.opts.customTimeouts, config)) reportViolation(message);
  }),
};
