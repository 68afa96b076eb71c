/**
 * What code each task of a `databricks.Job` runs, for every task kind of the provider (1.110): a path whose
 * origin (Git, the workspace, cloud storage) is judged, code that comes from libraries, no code of the
 * project at all, or code whose origin the pack cannot trace (saved queries, alerts and dashboards among them). Tasks are walked wherever they sit: `tasks`,
 * the inner task of a for-each task, and the job's own deprecated single-task fields.
 */
import { describeJob, listOf, objectOf, stringOf } from "../jobs";

/** A task's code given as a path and a `source`. */
export interface CodePath {
  /** e.g. `notebook`, `Python file`, `SQL file`, `dbt project`. */
  kind: string;
  path?: string;
  source?: string;
  /** True when an unset `source` means Git in a job with a gitSource (notebooks, SQL files, dbt); false for Python files. */
  unsetSourceIsGit: boolean;
}

/** One task as the code rules see it. */
export interface TaskCode {
  /** `Job 'j' task 'train'`, `Job 'j' task 'loop/inner'`, or `Job 'j'` for its deprecated top-level task. */
  where: string;
  /** The raw task block, for its libraries and environment key. */
  task: Record<string, unknown>;
  /** The paths of code the task runs. */
  paths: CodePath[];
  /** Files of code named in the task itself (a JAR task's `jarUri`). */
  files: { kind: string; path: string }[];
  /** Task kinds whose code the pack cannot trace to the repository, as `label (what runs)`. */
  untraceable: string[];
}

/** Task kinds that run nothing of the project's code, or code judged elsewhere (a pipeline, another job). */
const NO_PROJECT_CODE = new Set(["conditionTask", "pipelineTask", "runJobTask", "forEachTask"]);

/** Task kinds whose code comes from the task's libraries or environment, judged there. */
const CODE_FROM_LIBRARIES = new Set(["pythonWheelTask", "sparkJarTask"]);

/** Task kinds that run code from somewhere the pack cannot trace to a reviewed ref. */
const UNTRACEABLE: Readonly<Record<string, string>> = {
  sparkSubmitTask: "Spark submit task (files named in its parameters)",
  pythonOperatorTask: "Python operator task (its main)",
  aiRuntimeTask: "AI runtime task (a code source path and a container image)",
  genAiComputeTask: "GenAI compute task (a training script, a command and a runtime image)",
  cleanRoomsNotebookTask: "clean rooms notebook task (a notebook of the clean room)",
  dbtCloudTask: "dbt Cloud task (a job defined in dbt Cloud)",
  dbtPlatformTask: "dbt platform task (a job defined in the dbt platform)",
  // Saved SQL objects: their text is edited in the workspace by whoever may edit them, and runs as the job's identity.
  dashboardTask: "dashboard task (a dashboard's queries, edited in the workspace)",
  alertTask: "alert task (an alert's query, edited in the workspace)",
  powerBiTask: "Power BI task (tables published to a Power BI workspace, set up in the workspace)",
};

/** The saved objects a SQL task may run instead of a file, as `label (what runs)`. */
const SAVED_SQL: Readonly<Record<string, string>> = {
  query: "SQL task running a saved query (its text is edited in the workspace)",
  alert: "SQL task running a saved alert (its query is edited in the workspace)",
  dashboard: "SQL task refreshing a saved dashboard (its queries are edited in the workspace)",
};

/** The judged paths of the kinds that name one. */
function codePaths(task: Record<string, unknown>): CodePath[] {
  const paths: CodePath[] = [];
  const push = (kind: string, block: Record<string, unknown>, path: unknown, unsetSourceIsGit: boolean) =>
    paths.push({ kind, path: stringOf(path), source: stringOf(block.source), unsetSourceIsGit });
  if (task.notebookTask !== undefined) push("notebook", objectOf(task.notebookTask), objectOf(task.notebookTask).notebookPath, true);
  if (task.sparkPythonTask !== undefined) push("Python file", objectOf(task.sparkPythonTask), objectOf(task.sparkPythonTask).pythonFile, false);
  const sqlFile = objectOf(task.sqlTask).file;
  if (sqlFile !== undefined) push("SQL file", objectOf(sqlFile), objectOf(sqlFile).path, true);
  if (task.dbtTask !== undefined) {
    // No projectDirectory means the repository's root; an absolute one is a workspace folder.
    push("dbt project", objectOf(task.dbtTask), objectOf(task.dbtTask).projectDirectory, true);
  }
  return paths;
}

function taskCode(where: string, task: Record<string, unknown>): TaskCode {
  const kinds = Object.keys(task).filter((key) => /Task$/.test(key) && task[key] !== undefined && task[key] !== null);
  const jarUri = stringOf(objectOf(task.sparkJarTask).jarUri);
  return {
    where,
    task,
    paths: codePaths(task),
    files: jarUri === undefined ? [] : [{ kind: "JAR", path: jarUri }],
    untraceable: [
      ...kinds
        .filter((kind) => !NO_PROJECT_CODE.has(kind) && !CODE_FROM_LIBRARIES.has(kind) && !["notebookTask", "sparkPythonTask", "sqlTask", "dbtTask"].includes(kind))
        .map((kind) => UNTRACEABLE[kind] ?? `'${kind}' task (a kind this pack does not know)`),
      ...Object.keys(SAVED_SQL).filter((object) => objectOf(task.sqlTask)[object] !== undefined && objectOf(task.sqlTask)[object] !== null).map((object) => SAVED_SQL[object]),
    ],
  };
}

function walk(job: string, raw: unknown, prefix: string): TaskCode[] {
  const task = objectOf(raw);
  const key = `${prefix}${stringOf(task.taskKey) ?? "?"}`;
  const own = taskCode(`${job} task '${key}'`, task);
  const inner = objectOf(task.forEachTask).task;
  return inner === undefined ? [own] : [own, ...walk(job, inner, `${key}/`)];
}

/** Every task of a job with the code it runs; the job itself when it uses the deprecated top-level task fields. */
export function jobTaskCode(resourceName: string, props: Record<string, unknown>): TaskCode[] {
  const job = describeJob(resourceName, props);
  const tasks = listOf(props.tasks).flatMap((task) => walk(job, task, ""));
  const topLevel = Object.keys(props).some((key) => /Task$/.test(key) && props[key] !== undefined && props[key] !== null);
  return topLevel ? [taskCode(job, props), ...tasks] : tasks;
}
