/**
 * clusters-require-auto-termination: every all-purpose cluster and SQL warehouse stops itself after a bounded idle
 * time. (Job clusters end with their run.)
 */
import { forResourceTypes } from "../lib/applicability";
import { type PolicyAttribute, closedValues, clusterPolicyDefinition, describeRule, isOptional, ruleTypeOf, unreadableMessage } from "../lib/cluster-policies";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER, CLUSTER_POLICY, SQL_ENDPOINT } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface AutoTerminationConfig {
  /** The longest idle time a cluster may keep running, in minutes. */
  maxIdleMinutes: number;
}

/** Returns a message when auto-termination is unset, disabled (0) or longer than the maximum. */
export function findAutoTerminationGap(resourceName: string, minutes: unknown, config: AutoTerminationConfig): string[] {
  const subject = `Cluster '${resourceName}'`;
  const bound = `between 10 and ${config.maxIdleMinutes}`;
  if (minutes === undefined || minutes === null) return [`${subject} does not set autoterminationMinutes; set it ${bound}.`];
  if (minutes === 0) return [`${subject} sets autoterminationMinutes 0, which disables auto-termination; set it ${bound}.`];
  if (typeof minutes !== "number" || minutes < 10 || minutes > config.maxIdleMinutes) {
    return [`${subject} sets autoterminationMinutes ${JSON.stringify(minutes)}; set it ${bound}.`];
  }
  return [];
}

/** What the provider applies when a SQL warehouse leaves `autoStopMins` unset (sql_endpoint's schema default). */
export const WAREHOUSE_DEFAULT_AUTO_STOP_MINUTES = 120;

/** Returns a message when a SQL warehouse never stops (0) or idles longer than the maximum, its default included. */
export function findWarehouseAutoStopGap(name: string, minutes: unknown, config: AutoTerminationConfig): string[] {
  const subject = `SQL warehouse '${name}'`;
  const effective = minutes === undefined || minutes === null ? WAREHOUSE_DEFAULT_AUTO_STOP_MINUTES : minutes;
  if (effective === 0) return [`${subject} sets autoStopMins 0, which disables auto-stop; set it between 1 and ${config.maxIdleMinutes}.`];
  if (typeof effective !== "number" || effective < 1 || effective > config.maxIdleMinutes) {
    const given = minutes === undefined || minutes === null ? `leaves autoStopMins unset (the provider's default, ${WAREHOUSE_DEFAULT_AUTO_STOP_MINUTES})` : `sets autoStopMins ${JSON.stringify(minutes)}`;
    return [`${subject} ${given}; set it between 1 and ${config.maxIdleMinutes}.`];
  }
  return [];
}

/** The cluster policy attribute of the idle time, and the one that says which kind of cluster the policy makes. */
export const POLICY_IDLE_TIME = "autotermination_minutes";
export const POLICY_CLUSTER_TYPE = "cluster_type";

/** Cluster types that end with their run (job and pipeline clusters), so their idle time does not matter. */
export const RUN_BOUND_CLUSTER_TYPES: readonly string[] = ["job", "dlt"];

const inBounds = (value: unknown, config: AutoTerminationConfig): boolean =>
  typeof value === "number" && value >= 10 && value <= config.maxIdleMinutes;

/** True when every cluster a policy allows terminates between 10 and the maximum idle minutes. */
function boundsIdleTime(attribute: PolicyAttribute | undefined, config: AutoTerminationConfig): boolean {
  const values = closedValues(attribute);
  if (values !== undefined) return values.every((value) => inBounds(value, config));
  return attribute !== undefined && ruleTypeOf(attribute) === "range" && !isOptional(attribute) && inBounds(attribute.minValue, config) && inBounds(attribute.maxValue, config);
}

/**
 * A message when a cluster policy lets an all-purpose cluster run idle without bound: its idle time is left
 * out (unlimited), optional, forbidden (no auto-termination at all) or allowed outside 10 to `maxIdleMinutes`.
 * A policy whose `cluster_type` admits only job or pipeline clusters passes: those end with their run.
 */
export function findPolicyAutoTerminationGap(name: string, props: Record<string, unknown>, config: AutoTerminationConfig): string[] {
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [unreadableMessage(policy, "run without auto-termination")];
  const types = closedValues(policy.attributes[POLICY_CLUSTER_TYPE]);
  if (types !== undefined && types.every((type) => RUN_BOUND_CLUSTER_TYPES.includes(String(type)))) return [];
  const attribute = policy.attributes[POLICY_IDLE_TIME];
  if (boundsIdleTime(attribute, config)) return [];
  return [
    `${policy.where} allows ${POLICY_IDLE_TIME} ${describeRule(attribute)}, so an all-purpose cluster created under it may run idle without ` +
      `bound; give it a fixed value, a required allowlist or a required range between 10 and ${config.maxIdleMinutes}, or fix ${POLICY_CLUSTER_TYPE} to "job".`,
  ];
}

/** The rule object registered in the pack. */
export const clustersRequireAutoTermination: DocumentedResourcePolicy = {
  name: "clusters-require-auto-termination",
  description:
    "Every all-purpose cluster and SQL warehouse stops after a bounded idle time, and every cluster policy that can create such a cluster holds it to that.",
  severity: "medium",
  remediationSteps:
    "Set `autoterminationMinutes` between 10 and `maxIdleMinutes` (default 120) on the databricks.Cluster. In a ClusterPolicy, " +
    "give `autotermination_minutes` a `fixed` value, a non-optional `allowlist` or a non-optional `range` within those bounds, " +
    "or fix `cluster_type` to \"job\" for a policy of job clusters. Give a SQL warehouse an `autoStopMins` between 1 and `maxIdleMinutes`.",
  configSchema: {
    properties: {
      maxIdleMinutes: {
        type: "integer",
        minimum: 10,
        maximum: 10000,
        default: 120,
        description: "The longest idle time, in minutes, a cluster may keep running. Default 120.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "A cluster that never stops keeps running an old image with the credentials it started with, and costs money " +
      "all night; terminated clusters restart on the current image. A cluster policy that leaves the idle time out (unlimited), " +
      "optional or forbidden lets its users create such clusters; one that admits only job or pipeline clusters (`cluster_type`) " +
      "passes, since those end with their run. A policy of a family is judged by its overrides. A SQL warehouse with " +
      "auto-stop off (0) bills DBUs around the clock for the alert and monitor queries that need it a few minutes a day.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "classic_cluster: autotermination_minutes = 10",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/classic_cluster/main.tf",
      },
      {
        framework: "Databricks Security Analysis Tool",
        id: "GOV-4",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "GOV-4 reports long-running clusters at run time; auto-termination is what keeps them from running long.",
      },
    ],
  },
  validateResource: forResourceTypes([CLUSTER, CLUSTER_POLICY, SQL_ENDPOINT], (args, reportViolation) => {
    const config = args.getConfig<AutoTerminationConfig>();
    const messages =
      args.type === CLUSTER_POLICY
        ? findPolicyAutoTerminationGap(args.name, args.props, config)
        : args.type === SQL_ENDPOINT
          ? findWarehouseAutoStopGap(typeof args.props.name === "string" ? args.props.name : args.name, args.props.autoStopMins, config)
          : findAutoTerminationGap(args.name, args.props.autoterminationMinutes, config);
    for (const message of messages) reportViolation(message);
  }),
};
