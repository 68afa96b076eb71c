/**
 * Reading `databricks.Job` inputs as plain data: tasks (including the inner task of a for-each task),
 * tags, and how a job is named in messages.
 */

/** One task of a job, as the rules read it. */
export interface JobTaskFacts {
  taskKey: string;
  /** Task keys this task depends on. */
  dependsOn: string[];
  /** `runIf`; undefined means the API default, ALL_SUCCESS. */
  runIf?: string;
  existingClusterId?: string;
  /** `newCluster.policyId` when the task defines its own cluster; `null` for a new cluster without a policy. */
  newClusterPolicyId?: string | null;
  /** `source` of a notebook or Python file task; undefined when the task has neither. */
  source?: string;
  /** The notebook path or Python file of the task. */
  path?: string;
  /** Which of the two carries the code; their `source` defaults differ (see jobs-require-git-source). */
  codeKind?: "notebook" | "python-file";
  /** A notebook task's `baseParameters` (empty when it has none or is another kind of task). */
  notebookParameters: Record<string, unknown>;
  /** A Python file task's `parameters` (empty when it has none or is another kind of task). */
  pythonParameters: string[];
  /** What the task does, by the task field it sets; `other` for every kind the rules do not tell apart. */
  kind: TaskKind;
  /** For the inner task of a for-each task: the outer task's key, whose dependencies and `runIf` gate it. */
  enclosedBy?: string;
  /** For a run-job task: which of its fields override the called job's parameters (`jobParameters`, `notebookParams`, ...). */
  runJobOverrides: string[];
  /** For a run-job task: the id of the job it runs, as text; undefined when unset. */
  runJobId?: string;
}

/** The kinds of task the rules tell apart. */
export type TaskKind = "notebook" | "python-file" | "condition" | "run-job" | "for-each" | "other";

/** The fields of a run-job task that pass parameters to the called job, overriding its own. */
export const RUN_JOB_OVERRIDE_FIELDS: readonly string[] = [
  "jobParameters",
  "notebookParams",
  "pythonParams",
  "pythonNamedParams",
  "jarParams",
  "sparkSubmitParams",
  "sqlParams",
  "dbtCommands",
  "pipelineParams",
];

/** A run-job task's `jobId` as text (a number once resolved, a string in some programs). */
function jobIdOf(task: Record<string, unknown>): string | undefined {
  const id = objectOf(task.runJobTask).jobId;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

/** The kind of a raw task, by the first task field it sets. */
function kindOf(task: Record<string, unknown>): TaskKind {
  const set = (field: string) => task[field] !== undefined && task[field] !== null;
  if (set("forEachTask")) return "for-each";
  if (set("notebookTask")) return "notebook";
  if (set("sparkPythonTask")) return "python-file";
  if (set("conditionTask")) return "condition";
  if (set("runJobTask")) return "run-job";
  return "other";
}

/** Whether a run-job override field carries anything (an empty list or object overrides nothing). */
function overrides(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0;
  return value !== undefined && value !== null;
}

/** A nested input as an object (empty when absent or not an object). */
export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A nested input as a list (empty when absent or not a list). */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string input, or undefined. */
export const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function taskFacts(raw: unknown, enclosedBy?: string): JobTaskFacts[] {
  const task = objectOf(raw);
  const code = { ...objectOf(task.sparkPythonTask), ...objectOf(task.notebookTask) };
  const newCluster = task.newCluster === undefined ? undefined : (stringOf(objectOf(task.newCluster).policyId) ?? null);
  const facts: JobTaskFacts = {
    taskKey: `${enclosedBy === undefined ? "" : `${enclosedBy}/`}${stringOf(task.taskKey) ?? "?"}`,
    dependsOn: listOf(task.dependsOns).map((d) => stringOf(objectOf(d).taskKey) ?? "?"),
    runIf: stringOf(task.runIf),
    existingClusterId: stringOf(task.existingClusterId),
    ...(newCluster === undefined ? {} : { newClusterPolicyId: newCluster }),
    source: stringOf(code.source),
    path: stringOf(code.notebookPath) ?? stringOf(code.pythonFile),
    ...(task.notebookTask !== undefined ? { codeKind: "notebook" as const } : task.sparkPythonTask !== undefined ? { codeKind: "python-file" as const } : {}),
    notebookParameters: objectOf(objectOf(task.notebookTask).baseParameters),
    pythonParameters: listOf(objectOf(task.sparkPythonTask).parameters).filter((p): p is string => typeof p === "string"),
    kind: kindOf(task),
    ...(enclosedBy === undefined ? {} : { enclosedBy }),
    runJobOverrides: RUN_JOB_OVERRIDE_FIELDS.filter((field) => overrides(objectOf(task.runJobTask)[field])),
    ...(jobIdOf(task) === undefined ? {} : { runJobId: jobIdOf(task) }),
  };
  const inner = objectOf(task.forEachTask).task;
  return inner === undefined ? [facts] : [facts, ...taskFacts(inner, facts.taskKey)];
}

/** Every task of a job's inputs, the inner task of a for-each task as `<outer>/<inner>`. */
export function jobTasks(props: Record<string, unknown>): JobTaskFacts[] {
  return listOf(props.tasks).flatMap((task) => taskFacts(task));
}

/** The job's tags. */
export function jobTags(props: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(objectOf(props.tags)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** `Job 'prod-churn-training'`, by its job name or else its resource name. */
export function describeJob(resourceName: string, props: Record<string, unknown>): string {
  return `Job '${stringOf(props.name) ?? resourceName}'`;
}

