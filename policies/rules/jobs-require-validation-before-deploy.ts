/**
 * jobs-require-validation-before-deploy: a deploy step runs only after a validation task succeeded. Both are
 * recognised by what they run, not by what they are called: a task is a deploy step when it runs the
 * deployment code, passes the endpoint's deployment parameter, runs another job with parameters that override
 * that job's own, or (as before) its key says so; a task validates only when it runs the validation code
 * itself. A task named `validate` that runs anything else, a condition task, or a for-each task (which
 * succeeds over an empty input without running anything) validates nothing.
 */
import { forResourceTypes } from "../lib/applicability";
import { type JobTaskFacts, describeJob, jobTasks } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";
import { SERVING_DEPLOYMENT_PARAMETER } from "../lib/serving";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ValidationBeforeDeployConfig {
  /** Regular expression of the keys of deploy tasks (a task whose key matches is a deploy step whatever it runs). */
  deployTaskPattern: string;
  /** Regular expression of the notebook paths and Python files that deploy; matched case-insensitively. */
  deployCodePattern: string;
  /** Regular expression of the notebook paths and Python files that validate; matched exactly as written. */
  validationCodePattern: string;
}

/** The defaults of the config schema: the mlops-stacks layout the program's jobs run (components/pipelines/tasks.ts). */
export const DEFAULT_VALIDATION_CONFIG: ValidationBeforeDeployConfig = {
  deployTaskPattern: "^deploy",
  deployCodePattern: "(^|/)deployment/",
  validationCodePattern: "^(.*/)?validation/notebooks/Validate(\\.py)?$",
};

/** Why a task is a deploy step, in words; empty when it is not one. */
export function deployReasons(task: JobTaskFacts, config: ValidationBeforeDeployConfig): string[] {
  const reasons: string[] = [];
  if (new RegExp(config.deployTaskPattern).test(task.taskKey.split("/").pop() ?? "")) reasons.push("its key matches deployTaskPattern");
  if (task.path !== undefined && new RegExp(config.deployCodePattern, "i").test(task.path)) reasons.push(`it runs the deployment code '${task.path}'`);
  const passesDeployment =
    Object.hasOwn(task.notebookParameters, SERVING_DEPLOYMENT_PARAMETER) || task.pythonParameters.some((p) => p.includes(SERVING_DEPLOYMENT_PARAMETER));
  if (passesDeployment) reasons.push(`it passes the endpoint deployment parameter ${SERVING_DEPLOYMENT_PARAMETER}`);
  if (task.kind === "run-job" && task.runJobOverrides.length > 0) {
    reasons.push(`it runs job ${task.runJobId ?? "?"} with ${task.runJobOverrides.join(", ")}, which override that job's own parameters, its deployment's included`);
  }
  return reasons;
}

/**
 * True for a task that runs the validation code itself. A for-each task is not one even when its inner task runs
 * that code (it succeeds over an empty input without running anything), and no task can depend on an inner task.
 */
export function isValidationTask(task: JobTaskFacts, config: ValidationBeforeDeployConfig): boolean {
  const runsCode = task.kind === "notebook" || task.kind === "python-file";
  return runsCode && task.path !== undefined && new RegExp(config.validationCodePattern).test(task.path);
}

/**
 * True when a validation task is upstream of `task` through dependencies that each require success: every
 * task on the way (including the deploy step, and the for-each task that encloses it) runs only if its
 * dependencies all succeeded.
 */
function validatedBefore(task: JobTaskFacts, byKey: ReadonlyMap<string, JobTaskFacts>, validations: ReadonlySet<string>): boolean {
  // An inner task has no dependencies of its own: the for-each task that runs it waits for them.
  const enclosing = task.enclosedBy === undefined ? undefined : byKey.get(task.enclosedBy);
  if (task.enclosedBy !== undefined && enclosing === undefined) return false;
  const seen = new Set<string>();
  const pending = enclosing === undefined ? [task] : [task, enclosing];
  while (pending.length > 0) {
    const current = pending.pop() as JobTaskFacts;
    if ((current.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS") continue;
    for (const key of current.dependsOn) {
      if (validations.has(key)) return true;
      const next = byKey.get(key);
      if (next && !seen.has(key)) {
        seen.add(key);
        pending.push(next);
      }
    }
  }
  return false;
}

/** Returns one message per deploy step that can run without a successful validation task before it. */
export function findUnvalidatedDeploys(resourceName: string, props: Record<string, unknown>, config: ValidationBeforeDeployConfig): string[] {
  const tasks = jobTasks(props);
  const byKey = new Map(tasks.map((task) => [task.taskKey, task]));
  const validations = new Set(tasks.filter((task) => isValidationTask(task, config)).map((task) => task.taskKey));
  const messages: string[] = [];
  for (const task of tasks) {
    const reasons = deployReasons(task, config);
    if (reasons.length === 0 || validatedBefore(task, byKey, validations)) continue;
    const gate = task.enclosedBy === undefined ? task : byKey.get(task.enclosedBy);
    const why =
      gate !== undefined && (gate.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS"
        ? `runs with runIf ${gate.runIf}${gate === task ? "" : ` (its for-each task '${gate.taskKey}')`}, so it runs even when validation failed`
        : "does not depend, directly or through tasks that require success, on a task that runs the validation code";
    messages.push(
      `${describeJob(resourceName, props)} task '${task.taskKey}' deploys (${reasons.join("; ")}) but ${why}; ` +
        "make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.",
    );
  }
  return messages;
}

/** The rule object registered in the pack. */
export const jobsRequireValidationBeforeDeploy: DocumentedResourcePolicy = {
  name: "jobs-require-validation-before-deploy",
  description: "A deploy step runs only after a task of the same job that runs the validation code succeeded; both are recognised by what they run.",
  severity: "high",
  remediationSteps:
    "Make every deploy step depend on the task that runs the validation notebook (directly or through tasks that " +
    "depend on it) and leave `runIf` at ALL_SUCCESS on every task in between, the enclosing for-each task included. " +
    "A deploy step is a task that runs code matching `deployCodePattern`, passes `serving_config`, runs another job " +
    "with parameter overrides, or whose key matches `deployTaskPattern`; only a notebook or Python file task that " +
    "runs code matching `validationCodePattern` validates, whatever its key.",
  configSchema: {
    properties: {
      deployTaskPattern: {
        type: "string",
        minLength: 1,
        default: DEFAULT_VALIDATION_CONFIG.deployTaskPattern,
        description: "Regular expression of deploy task keys (a matching task is a deploy step whatever it runs).",
      },
      deployCodePattern: {
        type: "string",
        minLength: 1,
        default: DEFAULT_VALIDATION_CONFIG.deployCodePattern,
        description: "Regular expression of the notebook paths and Python files that deploy (case-insensitive).",
      },
      validationCodePattern: {
        type: "string",
        minLength: 1,
        default: DEFAULT_VALIDATION_CONFIG.validationCodePattern,
        description: "Regular expression of the notebook paths and Python files that validate (case-sensitive).",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Model training workflow: the deployment task assumes the new version passed validation and holds the " +
      "Challenger alias; if validation fails the process stops. A deploy step that can run without a successful " +
      "validation would promote an unvalidated model to Champion. Names prove nothing: a task called `publish` can " +
      "run the deployment notebook, and a task called `validate` can run anything, so the rule follows the code " +
      "each task runs and the deployment parameter it passes.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    const config = { ...DEFAULT_VALIDATION_CONFIG, ...args.getConfig<Partial<ValidationBeforeDeployConfig>>() };
    for (const message of findUnvalidatedDeploys(args.name, args.props, config)) reportViolation(message);
  }),
};
