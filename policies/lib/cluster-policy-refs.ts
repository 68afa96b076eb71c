/**
 * The cluster policy ids a resource's clusters name (`policyId`): an all-purpose `Cluster`, a `Job`'s shared job
 * clusters, task clusters, for-each inner task clusters and deprecated top-level cluster (walked by clusterSpecsOf,
 * one top-level input at a time so each id keeps the input its property dependencies are read from), and a
 * `Pipeline`'s clusters. A cluster on an instance pool is one of these and names its policy the same way.
 */
import { readIfKnown } from "./applicability";
import { clusterSpecsOf } from "./cluster-specs";
import { idOf, type IdSite } from "./declared-references";
import { CLUSTER, JOB, PIPELINE } from "./resource-types";

/** The top-level inputs of a `Job` that hold cluster specifications. */
export const JOB_CLUSTER_INPUTS: readonly string[] = ["jobClusters", "tasks", "newCluster"];

/** The types whose clusters may name a cluster policy. */
export const POLICY_NAMING_TYPES: readonly string[] = [CLUSTER, JOB, PIPELINE];

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Every `policyId` a resource's clusters set, known or unknown; none for other types. */
export function clusterPolicySites(type: string, name: string, props: Record<string, unknown>): IdSite[] {
  if (type === CLUSTER) {
    const id = idOf(() => props.policyId);
    return id.known && !isSet(id.value) ? [] : [{ where: `Cluster '${name}'`, input: "policyId", id }];
  }
  if (type === PIPELINE) return pipelineSites(name, props);
  if (type !== JOB) return [];
  const sites: IdSite[] = [];
  for (const input of JOB_CLUSTER_INPUTS) {
    // The walk reads the input's structure; an unknown anywhere on it leaves the input's ids unknown.
    const specs = readIfKnown(() => clusterSpecsOf(JOB, name, { [input]: props[input] }));
    if (!specs.known) {
      sites.push({ where: `the clusters of Job '${name}' (${input})`, input, id: { known: false } });
      continue;
    }
    for (const { where, spec } of specs.value) {
      const id = idOf(() => spec.policyId);
      if (!id.known || isSet(id.value)) sites.push({ where, input, id });
    }
  }
  return sites;
}

function pipelineSites(name: string, props: Record<string, unknown>): IdSite[] {
  const clusters = readIfKnown(() => (Array.isArray(props.clusters) ? [...(props.clusters as unknown[])] : []));
  if (!clusters.known) return [{ where: `the clusters of Pipeline '${name}'`, input: "clusters", id: { known: false } }];
  const sites: IdSite[] = [];
  for (const cluster of clusters.value) {
    const label = readIfKnown(() => (cluster as { label?: unknown } | null)?.label);
    const where = `the cluster '${label.known && typeof label.value === "string" ? label.value : "default"}' of Pipeline '${name}'`;
    const id = idOf(() => (cluster as { policyId?: unknown } | null)?.policyId);
    if (!id.known || isSet(id.value)) sites.push({ where, input: "clusters", id });
  }
  return sites;
}
