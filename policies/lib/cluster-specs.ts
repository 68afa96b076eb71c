/**
 * The cluster specifications a resource declares, wherever they sit: an all-purpose `Cluster`, and in a `Job`
 * its shared job clusters, each task's cluster, each for-each task's inner cluster and the deprecated top-level
 * cluster. Rules that judge what a cluster runs with (its AWS role, say) read them all through this one walk.
 */
import { CLUSTER, JOB } from "./resource-types";

/** One cluster specification and where it is declared, for messages. */
export interface ClusterSpec {
  /** e.g. `Cluster 'dev-mlops-adhoc'` or `the cluster of task 'train' of Job 'prod-mlops-training'`. */
  where: string;
  spec: Record<string, unknown>;
}

const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  // Stryker disable next-line ConditionalExpression: equivalent; a string or number read as a record has no fields, like {}.
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
const listOf = (value: unknown): Record<string, unknown>[] =>
  // Stryker disable next-line ArrayDeclaration: equivalent; an entry Stryker adds is a string, which has no cluster.
  Array.isArray(value) ? value.map(objectOf).filter((v): v is Record<string, unknown> => v !== undefined) : [];

/** Every cluster specification of a `Cluster` or `Job` input; none for other types. */
export function clusterSpecsOf(type: string, name: string, props: Record<string, unknown>): ClusterSpec[] {
  if (type === CLUSTER) return [{ where: `Cluster '${name}'`, spec: props }];
  if (type !== JOB) return [];
  const job = `Job '${name}'`;
  const specs: ClusterSpec[] = [];
  // A cluster given as anything but an object is still a cluster (with no settings), so checks fail closed on it.
  const add = (where: string, cluster: unknown) => {
    if (cluster !== undefined && cluster !== null) specs.push({ where, spec: objectOf(cluster) ?? {} });
  };
  for (const jobCluster of listOf(props.jobClusters)) add(`job cluster '${String(jobCluster.jobClusterKey)}' of ${job}`, jobCluster.newCluster);
  for (const task of listOf(props.tasks)) {
    add(`the cluster of task '${String(task.taskKey)}' of ${job}`, task.newCluster);
    const inner = objectOf(objectOf(task.forEachTask)?.task);
    if (inner !== undefined) add(`the cluster of the for-each task '${String(inner.taskKey)}' of ${job}`, inner.newCluster);
  }
  add(`the cluster of ${job}`, props.newCluster);
  return specs;
}
