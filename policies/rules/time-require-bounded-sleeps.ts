/**
 * time-require-bounded-sleeps: a sleep of the time provider waits a bounded time on create and at most a short
 * time on destroy. The stacks sleep to let AWS IAM changes propagate before Databricks validates them (the
 * Security Reference Architecture waits 30 s before the credentials and 60 s before workspace settings); a longer
 * create sleep holds every deploy, and the stack's lock, for nothing, and a destroy sleep stalls every delete and
 * replacement of what depends on it, a rollback or an emergency teardown of prod included.
 */
import { forResourceTypes } from "../lib/applicability";
import { parseGoDuration } from "../lib/durations";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";

/** The sleep resource of @pulumi/time (terraform-provider-time's `time_sleep`). */
export const TIME_SLEEP = "time:index/sleep:Sleep";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface SleepBoundsConfig {
  /** The longest `createDuration`, in minutes. */
  maxCreateMinutes: number;
  /** The longest `destroyDuration`, in minutes. */
  maxDestroyMinutes: number;
}

/** The defaults: ten times the longest propagation wait the Security Reference Architecture uses; one minute on destroy. */
export const DEFAULT_SLEEP_BOUNDS: SleepBoundsConfig = { maxCreateMinutes: 10, maxDestroyMinutes: 1 };

/** Returns one message per duration that is not a Go duration or is longer than its bound; an absent one waits 0 s. */
export function findUnboundedSleeps(name: string, props: Record<string, unknown>, config: SleepBoundsConfig): string[] {
  const messages: string[] = [];
  const fields = [
    ["createDuration", config.maxCreateMinutes, "maxCreateMinutes", "every deploy that creates or replaces it waits that long"],
    ["destroyDuration", config.maxDestroyMinutes, "maxDestroyMinutes", "every delete or replacement of what it depends on waits that long, a rollback included"],
  ] as const;
  for (const [field, maxMinutes, key, effect] of fields) {
    const value = props[field];
    if (value === undefined || value === null) continue;
    const seconds = typeof value === "string" ? parseGoDuration(value) : undefined;
    if (seconds === undefined) {
      messages.push(`Sleep '${name}' sets ${field} ${JSON.stringify(value)}, which is not a duration like "30s" or "2m"; set one of at most ${maxMinutes} minutes (${key}).`);
    } else if (seconds > maxMinutes * 60) {
      messages.push(`Sleep '${name}' sets ${field} ${JSON.stringify(value)}, longer than ${maxMinutes} minutes (${key} in this stage's policy config): ${effect}; shorten it.`);
    }
  }
  return messages;
}

/** The rule object registered in the pack. */
export const timeRequireBoundedSleeps: DocumentedResourcePolicy = {
  name: "time-require-bounded-sleeps",
  description: "A sleep waits a bounded time on create (propagation waits) and at most a short time on destroy.",
  severity: "medium",
  remediationSteps:
    "Set `createDuration` to the propagation wait the dependent resource needs (30s-60s for IAM and new workspaces), at most " +
    "`maxCreateMinutes`, and leave `destroyDuration` unset or at most `maxDestroyMinutes`.",
  configSchema: {
    properties: {
      maxCreateMinutes: { type: "integer", minimum: 0, maximum: 60, default: DEFAULT_SLEEP_BOUNDS.maxCreateMinutes, description: "The longest createDuration, in minutes. Default 10." },
      maxDestroyMinutes: { type: "integer", minimum: 0, maximum: 60, default: DEFAULT_SLEEP_BOUNDS.maxDestroyMinutes, description: "The longest destroyDuration, in minutes. Default 1." },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Deployability without a back door: a sleep exists to let AWS IAM changes propagate before Databricks validates them " +
      "(the Security Reference Architecture waits 30 s before the workspace's credentials and 60 s before its first settings). A " +
      "create wait of hours holds every deploy and the stack's lock; a destroy wait runs whenever the sleep is deleted or " +
      "replaced, after its dependents and before what it depends on, so it stalls a rollback or an emergency teardown of prod " +
      "by as long as it says. Both are bounded here; a duration the provider's Go parser would not accept is refused too.",
    controls: [],
  },
  validateResource: forResourceTypes([TIME_SLEEP], (args, reportViolation) => {
    for (const message of findUnboundedSleeps(args.name, args.props, args.getConfig<SleepBoundsConfig>())) reportViolation(message);
  }),
};
