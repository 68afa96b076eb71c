/**
 * clusters-restrict-policies (stack rule): a cluster that names a cluster policy (`policyId`) names one the stack
 * declares, which the cluster rules judge (lib/cluster-policies.ts), or one the policy config lists. A policy outside
 * the stack decides what its clusters may do (instance profiles, access mode, init scripts, idle time) and the pack
 * never sees its definition: a stack file's `mlProjects[].compute.policyId` alone would choose it.
 */
import { failingClosed } from "../lib/applicability";
import { clusterPolicySites, POLICY_NAMING_TYPES } from "../lib/cluster-policy-refs";
import { foreignIds, foreignWhy, shownId, type ForeignId, type IdSite } from "../lib/declared-references";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { CLUSTER_POLICY } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ClusterPoliciesConfig {
  /** Ids of cluster policies outside the stack that clusters may name. Default none. */
  externalPolicyIds: string[];
}

/** One resource whose clusters name policies: its sites, and per top-level input how many stack ClusterPolicies it depends on. */
export interface PolicyNamingResource {
  urn: string;
  sites: IdSite[];
  derivedInputs: Record<string, number>;
}

/** The message for one refused policy id. */
export function foreignPolicyMessage(found: ForeignId, config: ClusterPoliciesConfig): string {
  const listed = config.externalPolicyIds.length > 0 ? config.externalPolicyIds.map((id) => `'${id}'`).join(", ") : "none";
  const why = foreignWhy(found, "ClusterPolicy", `externalPolicyIds: ${listed}`);
  return (
    `${found.site.where.charAt(0).toUpperCase()}${found.site.where.slice(1)} runs under cluster policy ${shownId(found.site)} (policyId), ${why}; ` +
    "a policy outside the stack decides what the cluster may do and the pack never sees its definition. Declare the policy in the stack " +
    "(a databricks.ClusterPolicy, judged by the cluster rules) and name its id, or have a security reviewer add the id to externalPolicyIds."
  );
}

/** Returns one finding per cluster policy id that is neither the stack's nor listed. */
export function findForeignPolicies(resources: readonly PolicyNamingResource[], config: ClusterPoliciesConfig): { urn: string; message: string }[] {
  return resources.flatMap((r) => foreignIds(r.sites, r.derivedInputs, config.externalPolicyIds).map((found) => ({ urn: r.urn, message: foreignPolicyMessage(found, config) })));
}

/** The rule object registered in the pack. */
export const clustersRestrictPolicies: DocumentedStackPolicy = {
  name: "clusters-restrict-policies",
  description: "A cluster's policyId names a ClusterPolicy the stack declares or one the policy config lists.",
  severity: "high",
  remediationSteps:
    "Declare the cluster policy in the stack (`databricks.ClusterPolicy`, judged by data-forbid-legacy-access, clusters-require-uc-access-mode " +
    "and clusters-require-auto-termination) and set `policyId` from its id; or, for a policy managed outside the stack, have a security reviewer " +
    "read its definition and add its id to `externalPolicyIds` of this rule in policies/config/<stage>.json (the stack file's " +
    "`mlProjects[].compute.policyId` names it).",
  configSchema: {
    properties: {
      externalPolicyIds: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        default: [],
        description: "Ids of cluster policies outside the stack (reviewed by a security reviewer) that clusters may name, compared exactly. Default: none.",
      },
    },
  },
  documentation: {
    judgedTypes: [...POLICY_NAMING_TYPES],
    waivers: "allowed",
    rationale:
      "Staging and prod compute is created from reviewed definitions: a job cluster runs under a cluster policy, which fixes or " +
      "limits its instance profile, access mode, init scripts and idle time, and the cluster rules judge every policy the stack " +
      "declares. A policy that exists outside the stack (named by id in the stack file's `compute.policyId`) is one the pack " +
      "never reads, so a stack change alone could move prod jobs under a policy that allows an instance profile or a no-isolation " +
      "cluster. Only the policy config, which security reviewers own, may vouch for such a policy. Whether an id comes from the " +
      "stack is read from property dependencies (one dependency vouches for one distinct id per input), so it holds while the id " +
      "is unknown during preview.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const naming = args.resources.filter((r) => POLICY_NAMING_TYPES.includes(r.type));
    if (naming.length === 0) args.notApplicable("Policy only applies to stacks that declare clusters, jobs or pipelines");
    const config: ClusterPoliciesConfig = { externalPolicyIds: [], ...args.getConfig<Partial<ClusterPoliciesConfig>>() };
    const policies = new Set(args.resources.filter((r) => r.type === CLUSTER_POLICY).map((r) => r.urn));
    const resources = naming.map((r) => ({
      urn: r.urn,
      sites: clusterPolicySites(r.type, r.name, r.props),
      derivedInputs: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([input, deps]) => [input, new Set(deps.filter((d) => policies.has(d.urn)).map((d) => d.urn)).size]),
      ),
    }));
    for (const { urn, message } of findForeignPolicies(resources, config)) reportViolation(message, urn);
  }),
};
