/**
 * jobs-require-validation-before-deploy: a deploy task runs only after a validation task succeeded.
 */
import { forResourceTypes } from "../lib/applicability";
import { type JobTaskFacts, describeJob, jobTasks } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ValidationBeforeDeployConfig {
  /** Regular expression of the keys of deploy tasks. */
  deployTaskPattern: string;
  /** Regular expression of the keys of validation tasks. */
  validationTaskPattern: string;
}

/** The defaults of the config schema. */
export const DEFAULT_VALIDATION_CONFIG: ValidationBeforeDeployConfig = { deployTaskPattern: "^deploy", validationTaskPattern: "^validat" };

/**
 * True when a validation task is upstream of `task` through dependencies that each require success:
 * every task on the way (including the deploy task) runs only if its dependencies all succeeded.
 */
function validatedBefore(task: JobTaskFacts, byKey: ReadonlyMap<string, JobTaskFacts>, isValidation: (key: string) => boolean): boolean {
  const seen = new Set<string>();
  const pending = [task];
  while (pending.length > 0) {
    const current = pending.pop() as JobTaskFacts;
    if ((current.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS") continue;
    for (const key of current.dependsOn) {
      if (isValidation(key)) return true;
      const next = byKey.get(key);
      if (next && !seen.has(key)) {
        seen.add(key);
        pending.push(next);
      }
    }
  }
  return false;
}

/** Returns one message per deploy task that can run without a successful validation task before it. */
export function findUnvalidatedDeploys(resourceName: string, props: Record<string, unknown>, config: ValidationBeforeDeployConfig): string[] {
  const tasks = jobTasks(props);
  const byKey = new Map(tasks.map((task) => [task.taskKey, task]));
  const isDeploy = (key: string) => new RegExp(config.deployTaskPattern).test(key);
  const isValidation = (key: string) => new RegExp(config.validationTaskPattern).test(key);
  return tasks
    .filter((task) => isDeploy(task.taskKey) && !validatedBefore(task, byKey, isValidation))
    .map((task) => {
      const why =
        (task.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS"
          ? `runs with runIf ${task.runIf}, so it runs even when validation failed`
          : "does not depend, directly or through tasks that require success, on a validation task";
      return `${describeJob(resourceName, props)} task '${task.taskKey}' ${why}; make it depend on the validation task with runIf ALL_SUCCESS.`;
    });
}

/** The rule object registered in the pack. */
export const jobsRequireValidationBeforeDeploy: DocumentedResourcePolicy = {
  name: "jobs-require-validation-before-deploy",
  description: "A deploy task runs only after a validation task of the same job succeeded.",
  severity: "high",
  remediationSteps:
    "Add the validation task to the deploy task's `dependsOns` (directly or through tasks that depend on it) and " +
    "leave `runIf` at ALL_SUCCESS on every task in between. Task keys are matched by `deployTaskPattern` and " +
    "`validationTaskPattern` of this policy's config.",
  configSchema: {
    properties: {
      deployTaskPattern: { type: "string", minLength: 1, default: DEFAULT_VALIDATION_CONFIG.deployTaskPattern, description: "Regular expression of deploy task keys." },
      validationTaskPattern: {
        type: "string",
        minLength: 1,
        default: DEFAULT_VALIDATION_CONFIG.validationTaskPattern,
        description: "Regular expression of validation task keys.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Model training workflow: the deployment task assumes the new version passed validation and holds the " +
      "Challenger alias; if validation fails the process stops. A deploy task that can run without a successful " +
      "validation would promote an unvalidated model to Champion.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    const config = { ...DEFAULT_VALIDATION_CONFIG, ...args.getConfig<Partial<ValidationBeforeDeployConfig>>() };
    for (const message of findUnvalidatedDeploys(args.name, args.props, config)) reportViolation(message);
  }),
};
