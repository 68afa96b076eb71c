/**
 * clusters-require-auto-termination: every all-purpose cluster terminates itself after a bounded idle time.
 * (Job clusters end with their run.)
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER } from "../lib/resource-types";

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

/** The rule object registered in the pack. */
export const clustersRequireAutoTermination: DocumentedResourcePolicy = {
  name: "clusters-require-auto-termination",
  description: "Every all-purpose cluster auto-terminates after a bounded idle time.",
  severity: "medium",
  remediationSteps: "Set `autoterminationMinutes` between 10 and `maxIdleMinutes` (default 120) on the databricks.Cluster.",
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
      "all night; terminated clusters restart on the current image.",
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
  validateResource: forResourceTypes([CLUSTER], (args, reportViolation) => {
    const config = args.getConfig<AutoTerminationConfig>();
    for (const message of findAutoTerminationGap(args.name, args.props.autoterminationMinutes, config)) reportViolation(message);
  }),
};
