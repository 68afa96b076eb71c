/**
 * jobs-forbid-paused-retraining: the retraining jobs of a stage (the training workflow and its
 * trigger) run by themselves; their schedule or trigger is not paused.
 */
import { forResourceTypes } from "../lib/applicability";
import { describeJob, jobTags, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface RetrainingConfig {
  /** The tag that says what a job is for. */
  purposeTag: string;
  /** Values of that tag that mark retraining jobs. */
  retrainingPurposes: string[];
}

/** The defaults of the config schema: the tags this program sets. */
export const DEFAULT_RETRAINING_CONFIG: RetrainingConfig = { purposeTag: "purpose", retrainingPurposes: ["training", "retraining-trigger"] };

/** Returns a message when a retraining job is paused or never starts by itself. */
export function findPausedRetraining(resourceName: string, props: Record<string, unknown>, config: RetrainingConfig): string[] {
  const purpose = jobTags(props)[config.purposeTag];
  if (!config.retrainingPurposes.some((p) => p === purpose)) return [];
  const job = describeJob(resourceName, props);
  const starts = (["schedule", "trigger", "continuous"] as const).filter((key) => props[key] !== undefined);
  if (starts.length === 0) {
    return [`${job} (${config.purposeTag}: ${purpose}) has no schedule or trigger, so retraining never runs by itself; add a schedule or a trigger.`];
  }
  return starts
    .filter((key) => stringOf(objectOf(props[key]).pauseStatus) === "PAUSED")
    .map((key) => `${job} (${config.purposeTag}: ${purpose}) has its ${key} paused, so retraining does not run; set pauseStatus UNPAUSED.`);
}

/** The rule object registered in the pack. */
export const jobsForbidPausedRetraining: DocumentedResourcePolicy = {
  name: "jobs-forbid-paused-retraining",
  description: "Retraining jobs (the training workflow and its trigger) are scheduled or triggered, and not paused.",
  severity: "medium",
  remediationSteps:
    "Set `pauseStatus: UNPAUSED` on the job's schedule or trigger (in this program, drop `paused: true` from " +
    "`mlProjects[].schedules.training`). Jobs are recognised by their `purpose` tag (`purposeTag` and " +
    "`retrainingPurposes` of this policy's config).",
  configSchema: {
    properties: {
      purposeTag: { type: "string", minLength: 1, default: DEFAULT_RETRAINING_CONFIG.purposeTag, description: "Tag that names a job's purpose." },
      retrainingPurposes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_RETRAINING_CONFIG.retrainingPurposes],
        description: "Values of the purpose tag that mark retraining jobs.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Retraining: production models are retrained on the newest data, first on a schedule and then when " +
      "monitoring reports drift or a quality drop. A paused retraining job leaves a degrading Champion in place.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    const config = { ...DEFAULT_RETRAINING_CONFIG, ...args.getConfig<Partial<RetrainingConfig>>() };
    for (const message of findPausedRetraining(args.name, args.props, config)) reportViolation(message);
  }),
};
