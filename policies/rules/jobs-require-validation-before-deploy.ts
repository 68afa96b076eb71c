/**
 * jobs-require-validation-before-deploy: a deploy step runs only after a validation task succeeded. Both are
 * recognised by what they run, not only by what they are called: a task is a deploy step when its key says so,
 * when it runs one of the deploy notebooks the stage names, when it passes the endpoint's deployment parameter,
 * or when it runs another job with parameters that override that job's own; a task validates only when it runs
 * code itself (a notebook or Python file) and, with validation notebooks named, runs one of them. A condition
 * task or a for-each task (which succeeds over an empty input without running anything) validates nothing, and a
 * deploy step inside a for-each task is gated by the for-each task's own dependencies.
 */
import { forResourceTypes } from "../lib/applicability";
import { type JobTaskFacts, describeJob, jobTasks } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";
import { SERVING_DEPLOYMENT_PARAMETER } from "../lib/serving";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface ValidationBeforeDeployConfig {
  /** Regular expression of the keys of deploy tasks. */
  deployTaskPattern: string;
  /** Regular expression of the keys of validation tasks. */
  validationTaskPattern: string;
  /** Repository paths of the notebooks that promote a model; any task running one is a deploy task. */
  deployNotebookPaths: string[];
  /** Repository paths of the notebooks that validate a model; when set, only a task running one validates. */
  validationNotebookPaths: string[];
}

/** The defaults of the config schema: task keys alone decide (no notebook named). */
export const DEFAULT_VALIDATION_CONFIG: ValidationBeforeDeployConfig = {
  deployTaskPattern: "^deploy",
  validationTaskPattern: "^validat",
  deployNotebookPaths: [],
  validationNotebookPaths: [],
};

/** File endings a notebook in Git may be named with or without; the Jobs API finds it either way. */
const NOTEBOOK_EXTENSION = /\.(py|ipynb|sql|scala|r)$/i;

/**
 * A repository path as compared: `.` and `..` segments resolved, repeated and trailing `/` dropped, a leading
 * `./` and a notebook file ending removed, so one notebook written two ways is still one notebook.
 */
export function canonicalCodePath(codePath: string): string {
  const segments: string[] = [];
  for (const segment of codePath.trim().split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && segments.length > 0 && segments[segments.length - 1] !== "..") segments.pop();
    else segments.push(segment);
  }
  // An absolute (workspace) path stays absolute: it is another file than the repository's.
  const joined = `${codePath.trim().startsWith("/") ? "/" : ""}${segments.join("/")}`;
  return joined.replace(NOTEBOOK_EXTENSION, "");
}

const runsOneOf = (task: JobTaskFacts, paths: readonly string[]) =>
  task.path !== undefined && paths.some((listed) => canonicalCodePath(listed) === canonicalCodePath(task.path as string));

/**
 * True when a validation task is upstream of `task` through dependencies that each require success:
 * every task on the way (including the deploy task) runs only if its dependencies all succeeded.
 */
function validatedBefore(task: JobTaskFacts, byKey: ReadonlyMap<string, JobTaskFacts>, isValidation: (task: JobTaskFacts) => boolean): boolean {
  // An inner task has no dependencies of its own: the for-each task that runs it waits for them.
  const enclosing = task.enclosedBy === undefined ? undefined : byKey.get(task.enclosedBy);
  if (task.enclosedBy !== undefined && enclosing === undefined) return false;
  const seen = new Set<string>();
  const pending = enclosing === undefined ? [task] : [task, enclosing];
  while (pending.length > 0) {
    const current = pending.pop() as JobTaskFacts;
    if ((current.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS") continue;
    for (const key of current.dependsOn) {
      // A dependency on a task the job does not have validates nothing.
      const next = byKey.get(key);
      if (next && isValidation(next)) return true;
      if (next && !seen.has(key)) {
        seen.add(key);
        pending.push(next);
      }
    }
  }
  return false;
}

/** Why a task is a deploy step besides its key and its notebook, in words; empty when nothing else says so. */
export function deployBehaviours(task: JobTaskFacts): string[] {
  const reasons: string[] = [];
  const passesDeployment =
    Object.hasOwn(task.notebookParameters, SERVING_DEPLOYMENT_PARAMETER) || task.pythonParameters.some((p) => p.includes(SERVING_DEPLOYMENT_PARAMETER));
  if (passesDeployment) reasons.push(`passes the endpoint deployment parameter ${SERVING_DEPLOYMENT_PARAMETER}`);
  if (task.kind === "run-job" && task.runJobOverrides.length > 0) {
    reasons.push(`runs job ${task.runJobId ?? "?"} with ${task.runJobOverrides.join(", ")}, which override that job's own parameters, its deployment's included`);
  }
  return reasons;
}

/** Returns one message per deploy task that can run without a successful validation task before it. */
export function findUnvalidatedDeploys(resourceName: string, props: Record<string, unknown>, config: ValidationBeforeDeployConfig): string[] {
  const tasks = jobTasks(props);
  const byKey = new Map(tasks.map((task) => [task.taskKey, task]));
  // An inner task's key is `<for-each key>/<inner key>`; its own key is the last part.
  const deployKey = (task: JobTaskFacts) => new RegExp(config.deployTaskPattern).test(task.taskKey.split("/").pop() ?? "");
  // Whatever its key, a task that runs a deploy notebook, passes the endpoint's deployment or overrides a called
  // job's parameters promotes a model: a renamed task is no way around the rule.
  const isDeploy = (task: JobTaskFacts) => deployKey(task) || runsOneOf(task, config.deployNotebookPaths) || deployBehaviours(task).length > 0;
  // Only a task that runs code validates: a condition or for-each task succeeds without running the validation.
  const runsCode = (task: JobTaskFacts) => task.kind === "notebook" || task.kind === "python-file";
  const isValidation = (task: JobTaskFacts) =>
    runsCode(task) &&
    new RegExp(config.validationTaskPattern).test(task.taskKey) &&
    (config.validationNotebookPaths.length === 0 || runsOneOf(task, config.validationNotebookPaths));
  const job = describeJob(resourceName, props);
  const messages: string[] = [];
  for (const task of tasks) {
    if (!isDeploy(task)) continue;
    // Fails closed: once the stage names its deploy notebooks, a deploy task running another one is code the
    // reviewers have not named, which any other task could then run unjudged.
    if (deployKey(task) && config.deployNotebookPaths.length > 0 && task.path !== undefined && !runsOneOf(task, config.deployNotebookPaths)) {
      messages.push(
        `${job} task '${task.taskKey}' runs '${task.path}', which is not a deploy notebook of this stage (deployNotebookPaths: ${config.deployNotebookPaths.join(", ")}); ` +
          "a security reviewer adds a new repository layout's deploy notebook to this policy's config.",
      );
    }
    if (validatedBefore(task, byKey, isValidation)) continue;
    const reasons = [
      ...(deployKey(task) ? ["its key matches deployTaskPattern"] : []),
      ...(runsOneOf(task, config.deployNotebookPaths) ? [`it runs the deploy notebook '${task.path}'`] : []),
      ...deployBehaviours(task).map((b) => `it ${b}`),
    ];
    const gate = task.enclosedBy === undefined ? task : byKey.get(task.enclosedBy);
    const why =
      gate !== undefined && (gate.runIf ?? "ALL_SUCCESS") !== "ALL_SUCCESS"
        ? `runs with runIf ${gate.runIf}${gate === task ? "" : ` (its for-each task '${gate.taskKey}')`}, so it runs even when validation failed`
        : "does not depend, directly or through tasks that require success, on a task that runs the validation code" +
          (config.validationNotebookPaths.length === 0 ? "" : ` (${config.validationNotebookPaths.join(" or ")})`);
    messages.push(`${job} task '${task.taskKey}' deploys (${reasons.join("; ")}) but ${why}; make it depend on the task that runs the validation code, with runIf ALL_SUCCESS.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const jobsRequireValidationBeforeDeploy: DocumentedResourcePolicy = {
  name: "jobs-require-validation-before-deploy",
  description: "A deploy task runs only after a validation task of the same job succeeded.",
  severity: "high",
  remediationSteps:
    "Add the validation task to the deploy task's `dependsOns` (directly or through tasks that depend on it) and " +
    "leave `runIf` at ALL_SUCCESS on every task in between, the enclosing for-each task included. A task passing " +
    "`serving_config` or running another job with parameter overrides is a deploy step whatever its key; only a " +
    "notebook or Python file task validates. Task keys are matched by `deployTaskPattern` and " +
    "`validationTaskPattern` of this policy's config; a task running one of `deployNotebookPaths` is a deploy task " +
    "whatever its key, and with `validationNotebookPaths` set only a task running one of them validates. A project " +
    "whose repository keeps these notebooks elsewhere (`mlProjects[].code`) needs its paths added here by a security reviewer.",
  configSchema: {
    properties: {
      deployTaskPattern: { type: "string", minLength: 1, default: DEFAULT_VALIDATION_CONFIG.deployTaskPattern, description: "Regular expression of deploy task keys." },
      validationTaskPattern: {
        type: "string",
        minLength: 1,
        default: DEFAULT_VALIDATION_CONFIG.validationTaskPattern,
        description: "Regular expression of validation task keys.",
      },
      deployNotebookPaths: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_VALIDATION_CONFIG.deployNotebookPaths],
        description:
          "Repository paths of the notebooks (or Python files) that promote a model: a task running one is a deploy task whatever its key, and a task whose key matches deployTaskPattern must run one of them. Compared with `.`/`..` resolved and without a notebook file ending. Unset: task keys alone decide.",
      },
      validationNotebookPaths: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_VALIDATION_CONFIG.validationNotebookPaths],
        description: "Repository paths of the notebooks that validate a model: when set, a task validates only if its key matches validationTaskPattern and it runs one of them. Unset: the key alone decides.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Model training workflow: the deployment task assumes the new version passed validation and holds the " +
      "Challenger alias; if validation fails the process stops. A deploy task that can run without a successful " +
      "validation would promote an unvalidated model to Champion. The deploy notebook promotes whatever task runs it, " +
      "so the stage's config names the deploy and validation notebooks of its projects' repositories (whose layout " +
      "each stack file chooses): a task renamed around the key pattern, or a validate task pointed at the deploy " +
      "notebook, is judged by what it runs; so is a task that passes the endpoint's deployment parameter or runs " +
      "the training job with overridden parameters, and a condition or for-each task validates nothing.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    const config = { ...DEFAULT_VALIDATION_CONFIG, ...args.getConfig<Partial<ValidationBeforeDeployConfig>>() };
    for (const message of findUnvalidatedDeploys(args.name, args.props, config)) reportViolation(message);
  }),
};
