/**
 * The last check before a project's jobs are registered: every job's task graph is valid. The
 * stage config already reports these problems by key (`checkMlProjects`); this guards the builders
 * themselves, so a job the API would reject at apply time never reaches a plan.
 */
import type * as databricks from "@pulumi/databricks";
import { taskGraphProblems, type TaskNode } from "./task-graph";
import { duplicates } from "./names";

type PlainTask = { taskKey: string; dependsOns?: { taskKey: string }[]; notebookTask?: { baseParameters?: Record<string, string> }; conditionTask?: { left: string; right: string } };

/** The graph view of a job's declared tasks. */
export function jobTaskNodes(job: databricks.JobArgs): TaskNode[] {
  const tasks = (job.tasks ?? []) as PlainTask[];
  return tasks.map((task) => ({
    key: task.taskKey,
    dependsOn: (task.dependsOns ?? []).map((dependency) => dependency.taskKey),
    parameters: task.notebookTask?.baseParameters ?? (task.conditionTask ? { left: task.conditionTask.left, right: task.conditionTask.right } : {}),
  }));
}

/** Every problem of the jobs' task graphs and names, as sentences naming the job, task and field. */
export function jobGraphProblems(jobs: readonly (databricks.JobArgs | undefined)[]): string[] {
  const declared = jobs.filter((job): job is databricks.JobArgs => job !== undefined);
  const problems = declared.flatMap((job) => {
    const nodes = jobTaskNodes(job);
    return taskGraphProblems(nodes).map((problem) => `job ${String(job.name)}, task ${nodes[problem.index].key}, ${problem.path.join(".")}: ${problem.reason}`);
  });
  const names = declared.map((job) => String(job.name));
  return [...problems, ...duplicates(names).map((name) => `job name ${name} is declared twice; job names must be unique in a workspace`)];
}

/** Throws when any job's task graph or name is invalid. */
export function assertJobGraphs(component: string, jobs: readonly (databricks.JobArgs | undefined)[]): void {
  const problems = jobGraphProblems(jobs);
  if (problems.length > 0) throw new Error(`MlProject ${component}: invalid jobs:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
