/**
 * jobs-require-service-principal-run-as: a job runs as a service principal, never as the person who
 * deployed it or as a group.
 */
import { forResourceTypes } from "../lib/applicability";
import { describeJob, objectOf, stringOf } from "../lib/jobs";
import { isApplicationId } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";

/** Returns a message when the job's `runAs` is not a service principal's application id. */
export function findRunAsGap(resourceName: string, props: Record<string, unknown>): string[] {
  const job = describeJob(resourceName, props);
  if (props.runAs === undefined) {
    return [`${job} sets no runAs, so it runs as whoever deployed it; set runAs.servicePrincipalName to the stage's service principal.`];
  }
  const runAs = objectOf(props.runAs);
  const servicePrincipal = stringOf(runAs.servicePrincipalName);
  if (servicePrincipal !== undefined && isApplicationId(servicePrincipal)) return [];
  const who =
    servicePrincipal !== undefined
      ? `service principal '${servicePrincipal}', which is not an application id`
      : stringOf(runAs.userName) !== undefined
        ? `user '${stringOf(runAs.userName)}'`
        : stringOf(runAs.groupName) !== undefined
          ? `group '${stringOf(runAs.groupName)}'`
          : "nobody in particular";
  return [`${job} runs as ${who}; set runAs.servicePrincipalName to the stage's service principal (its application id).`];
}

/** The rule object registered in the pack. */
export const jobsRequireServicePrincipalRunAs: DocumentedResourcePolicy = {
  name: "jobs-require-service-principal-run-as",
  description: "Jobs run as a service principal, identified by its application id.",
  severity: "high",
  remediationSteps:
    "Set `runAs: { servicePrincipalName: <application id> }` on the job, with the stage's deployment service " +
    "principal; in this program that is `servicePrincipal.applicationId` of the stack config.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: on staging and prod only the stage's service principal writes data and registers models, " +
      "and people have no write or compute rights in prod. A job running as its deployer would write with that " +
      "person's rights and stop when the person leaves.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "IA-7",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "SAT IA-7 \"Use service principals: run production workloads with service principals\"; this rule enforces it per job.",
      },
    ],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    for (const message of findRunAsGap(args.name, args.props)) reportViolation(message);
  }),
};
