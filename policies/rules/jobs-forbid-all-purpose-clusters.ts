/**
 * jobs-forbid-all-purpose-clusters: jobs run on serverless compute or on job clusters under a cluster
 * policy; all-purpose clusters only where the stage allows them (dev).
 */
import { forResourceTypes } from "../lib/applicability";
import { describeJob, jobTasks, listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER, JOB } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ComputeConfig {
  /** Whether jobs may use, and the stack may declare, all-purpose clusters (dev). */
  allowAllPurposeClusters: boolean;
}

/** Returns one message per all-purpose cluster and per job cluster without a cluster policy. */
export function findComputeGaps(type: string, resourceName: string, props: Record<string, unknown>, config: ComputeConfig): string[] {
  if (type === CLUSTER) {
    return config.allowAllPurposeClusters
      ? []
      : [`Cluster '${stringOf(props.clusterName) ?? resourceName}' is an all-purpose cluster; this stage runs jobs on serverless compute or job clusters only.`];
  }
  const job = describeJob(resourceName, props);
  const messages: string[] = [];
  if (!config.allowAllPurposeClusters) {
    const existing = stringOf(props.existingClusterId);
    if (existing !== undefined) messages.push(`${job} runs on the all-purpose cluster '${existing}'; use serverless compute or a job cluster.`);
    for (const task of jobTasks(props).filter((t) => t.existingClusterId !== undefined)) {
      messages.push(`${job} task '${task.taskKey}' runs on the all-purpose cluster '${task.existingClusterId}'; use serverless compute or a job cluster.`);
    }
  }
  for (const cluster of listOf(props.jobClusters)) {
    const entry = objectOf(cluster);
    if (stringOf(objectOf(entry.newCluster).policyId) === undefined) {
      messages.push(`${job} job cluster '${stringOf(entry.jobClusterKey) ?? "?"}' has no cluster policy; set newCluster.policyId.`);
    }
  }
  if (props.newCluster !== undefined && stringOf(objectOf(props.newCluster).policyId) === undefined) {
    messages.push(`${job} has a new cluster without a cluster policy; set newCluster.policyId.`);
  }
  for (const task of jobTasks(props).filter((t) => t.newClusterPolicyId === null)) {
    messages.push(`${job} task '${task.taskKey}' has a new cluster without a cluster policy; set newCluster.policyId.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const jobsForbidAllPurposeClusters: DocumentedResourcePolicy = {
  name: "jobs-forbid-all-purpose-clusters",
  description: "Jobs run on serverless compute or policy-governed job clusters; all-purpose clusters only where the stage allows them.",
  severity: "medium",
  remediationSteps:
    "Drop `existingClusterId` (and any `Cluster` resource) and let the tasks run serverless, or declare a job " +
    "cluster with `newCluster.policyId` set to a cluster policy. Dev allows all-purpose clusters through " +
    "`allowAllPurposeClusters` in its policy config.",
  configSchema: {
    properties: {
      allowAllPurposeClusters: {
        type: "boolean",
        default: false,
        description: "Whether jobs may run on, and the stack may declare, all-purpose clusters (true on dev only).",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "One execution environment per stage: staging and prod compute is created for each run from reviewed " +
      "definitions. An all-purpose cluster is shared, long-lived and editable by hand, so its libraries and " +
      "configuration drift from what was tested; a job cluster without a policy escapes the platform's limits.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB, CLUSTER], (args, reportViolation) => {
    const config = { allowAllPurposeClusters: false, ...args.getConfig<Partial<ComputeConfig>>() };
    for (const message of findComputeGaps(args.type, args.name, args.props, config)) reportViolation(message);
  }),
};
