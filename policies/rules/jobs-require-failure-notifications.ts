/**
 * jobs-require-failure-notifications: someone hears about every failed job run.
 */
import { forResourceTypes } from "../lib/applicability";
import { describeJob, listOf, objectOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";

/** Returns a message when neither e-mail nor destination notifications are set for failures. */
export function findMissingFailureNotifications(resourceName: string, props: Record<string, unknown>): string[] {
  const emails = listOf(objectOf(props.emailNotifications).onFailures);
  const destinations = listOf(objectOf(props.webhookNotifications).onFailures);
  if (emails.length > 0 || destinations.length > 0) return [];
  return [
    `${describeJob(resourceName, props)} notifies nobody when a run fails; set emailNotifications.onFailures or webhookNotifications.onFailures.`,
  ];
}

/** The rule object registered in the pack. */
export const jobsRequireFailureNotifications: DocumentedResourcePolicy = {
  name: "jobs-require-failure-notifications",
  description: "Every job notifies an e-mail address or a notification destination when a run fails.",
  severity: "medium",
  remediationSteps:
    "Set `emailNotifications.onFailures` or `webhookNotifications.onFailures` (notification destination ids) on " +
    "the job; in this program, `mlProjects[].notifications` of the stack config.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Validation task and operations: when a check fails the process stops and users are notified automatically " +
      "(job e-mail or system notifications). A silent failure leaves a stale Champion and stale predictions unnoticed.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    for (const message of findMissingFailureNotifications(args.name, args.props)) reportViolation(message);
  }),
};
