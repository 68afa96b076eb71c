/**
 * clusters-require-uc-access-mode: every cluster the stack declares, all-purpose or job cluster, runs in a
 * Unity Catalog access mode, so Unity Catalog's grants govern what its code reads and writes.
 */
import { forResourceTypes } from "../lib/applicability";
import { closedValues, clusterPolicyDefinition, describeRule, unreadableMessage } from "../lib/cluster-policies";
import { clusterSpecsOf } from "../lib/cluster-specs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER, CLUSTER_POLICY, JOB } from "../lib/resource-types";

/** Access modes under which Unity Catalog enforces grants (legacy names and their current equivalents). */
export const UC_ACCESS_MODES: readonly string[] = [
  "USER_ISOLATION",
  "SINGLE_USER",
  "DATA_SECURITY_MODE_STANDARD",
  "DATA_SECURITY_MODE_DEDICATED",
  "DATA_SECURITY_MODE_AUTO",
];

/** One cluster definition: where it is declared and its access mode. */
export interface ClusterDefinition {
  /** e.g. `Cluster 'dev-mlops-adhoc'` or `job cluster 'train' of Job 'prod-mlops-training'`. */
  where: string;
  dataSecurityMode: unknown;
}

/**
 * Every cluster a Job defines: shared job clusters, per-task clusters, the clusters of for-each tasks and the
 * deprecated top-level cluster (the walk is shared with the other cluster checks, ../lib/cluster-specs.ts).
 */
export function jobClusterDefinitions(jobName: string, props: Record<string, unknown>): ClusterDefinition[] {
  return clusterSpecsOf(JOB, jobName, props).map(({ where, spec }) => ({ where, dataSecurityMode: spec.dataSecurityMode }));
}

/** Returns a message for each definition outside the Unity Catalog access modes. */
export function findAccessModeGaps(definitions: readonly ClusterDefinition[]): string[] {
  return definitions
    .filter((d) => !UC_ACCESS_MODES.includes(String(d.dataSecurityMode)))
    .map((d) => {
      const what = d.dataSecurityMode === undefined ? "sets no dataSecurityMode" : `runs in access mode ${JSON.stringify(d.dataSecurityMode)}`;
      const where = d.where.charAt(0).toUpperCase() + d.where.slice(1);
      return `${where} ${what}; set dataSecurityMode to a Unity Catalog mode (${UC_ACCESS_MODES.join(", ")}).`;
    });
}

/** The cluster policy attribute of the access mode. */
export const POLICY_ACCESS_MODE = "data_security_mode";

/**
 * A message when a cluster policy lets its clusters run outside the Unity Catalog access modes: only a fixed
 * mode or a required allowlist of Unity Catalog modes passes. Left out, unlimited, optional (a cluster that
 * sets no mode gets the API's default, which may be a legacy one), a blocklist or a pattern lets a creator pick NONE.
 */
export function findPolicyAccessModeGaps(name: string, props: Record<string, unknown>): string[] {
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [unreadableMessage(policy, "run outside a Unity Catalog access mode")];
  const attribute = policy.attributes[POLICY_ACCESS_MODE];
  const values = closedValues(attribute);
  if (values !== undefined && values.every((value) => UC_ACCESS_MODES.includes(String(value)))) return [];
  return [
    `${policy.where} allows ${POLICY_ACCESS_MODE} ${describeRule(attribute)}, so clusters created under it, and job clusters that name it, may run ` +
      `outside Unity Catalog's grants. Fix it to one Unity Catalog mode, or a required allowlist of them (${UC_ACCESS_MODES.join(", ")}).`,
  ];
}

/** The rule object registered in the pack. */
export const clustersRequireUcAccessMode: DocumentedResourcePolicy = {
  name: "clusters-require-uc-access-mode",
  description: "Every cluster, all-purpose or job cluster, runs in a Unity Catalog access mode, and every cluster policy holds its clusters to one.",
  severity: "high",
  remediationSteps:
    "Set `dataSecurityMode` to DATA_SECURITY_MODE_DEDICATED (SINGLE_USER) for a job or one person, or " +
    "DATA_SECURITY_MODE_STANDARD (USER_ISOLATION) for a shared cluster. Serverless compute needs no cluster at all. In a " +
    "ClusterPolicy, give `data_security_mode` a `fixed` Unity Catalog mode or a non-optional `allowlist` of them.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Access model: the catalog grants (who reads, who writes) only hold on compute that enforces them. A cluster in " +
      "NONE or a legacy mode reads storage with its instance profile and bypasses Unity Catalog entirely. A cluster policy " +
      "is the template of the clusters its users and the job clusters that name it create, so it must hold them to Unity " +
      "Catalog modes itself: an attribute a definition leaves out is unlimited, and a policy of a family is judged by its " +
      "overrides, since the family's own definition is not in the stack.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "GOV-12",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
      },
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "classic_cluster: data_security_mode = \"USER_ISOLATION\"",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/classic_cluster/main.tf",
      },
    ],
  },
  validateResource: forResourceTypes([CLUSTER, JOB, CLUSTER_POLICY], (args, reportViolation) => {
    if (args.type === CLUSTER_POLICY) {
      for (const message of findPolicyAccessModeGaps(args.name, args.props)) reportViolation(message);
      return;
    }
    const definitions =
      args.type === CLUSTER
        ? [{ where: `Cluster '${args.name}'`, dataSecurityMode: args.props.dataSecurityMode }]
        : jobClusterDefinitions(args.name, args.props);
    for (const message of findAccessModeGaps(definitions)) reportViolation(message);
  }),
};
