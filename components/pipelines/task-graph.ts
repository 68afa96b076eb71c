/**
 * The task graph of a multi-task job, as plain data: task keys, dependencies and the parameters
 * that read upstream task values. The Jobs API rejects duplicate or unknown keys and cycles only at
 * apply time, and a dynamic value reference to a task that has not run yet resolves to nothing at
 * run time; these pure checks catch all of them in the plan.
 */

/** What the graph checks need to know about one task. */
export interface TaskNode {
  /** `task_key`, unique in its job. */
  key: string;
  /** Keys of the tasks this one waits for. */
  dependsOn: readonly string[];
  /** Parameter name -> value; values may hold `{{tasks.<key>.values.<name>}}` references. */
  parameters: Readonly<Record<string, string>>;
}

/** One problem of a task graph, located inside the task at `index`. */
export interface TaskGraphProblem {
  /** Index of the task in the list that was checked. */
  index: number;
  /** Where inside that task: `["key"]`, `["dependsOn", 1]`, `["parameters", "model_uri"]`. */
  path: (string | number)[];
  reason: string;
}

/** A task key as the Jobs API accepts it: letters, digits, `_` and `-`, at most 100 characters. */
export const TASK_KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** How a task reads another task's output: `{{tasks.train.values.model_uri}}`. */
export function taskValueReference(task: string, key: string): string {
  return `{{tasks.${task}.values.${key}}}`;
}

const TASK_REFERENCE = /\{\{\s*tasks\.([A-Za-z0-9_-]+)\.[^}]*\}\}/g;

/** Keys of the tasks a parameter value refers to through `{{tasks.<key>....}}`, in order of appearance. */
export function referencedTasks(value: string): string[] {
  return [...value.matchAll(TASK_REFERENCE)].map((match) => match[1]);
}

/** Every task `key` waits for, directly or transitively (cycles tolerated; of duplicate keys the first counts). */
export function upstreamTasks(tasks: readonly TaskNode[], key: string): Set<string> {
  const byKey = new Map<string, TaskNode>();
  for (const task of tasks) if (!byKey.has(task.key)) byKey.set(task.key, task);
  const seen = new Set<string>();
  const pending = [...(byKey.get(key)?.dependsOn ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(byKey.get(next)?.dependsOn ?? []));
  }
  return seen;
}

/** The first dependency cycle through `start`, as a list of keys ending where it began, if any. */
function cycleThrough(byKey: ReadonlyMap<string, TaskNode>, start: string): string[] | undefined {
  const walk = (key: string, trail: string[]): string[] | undefined => {
    for (const next of byKey.get(key)?.dependsOn ?? []) {
      if (next === start) return [...trail, next];
      if (trail.includes(next) || !byKey.has(next)) continue;
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

/**
 * Every problem of a task graph: duplicate keys, dependencies on unknown tasks, on themselves or
 * twice, cycles (reported once, on the first task of the cycle in list order), and parameters
 * that reference a task which is not upstream.
 */
export function taskGraphProblems(tasks: readonly TaskNode[]): TaskGraphProblem[] {
  const problems: TaskGraphProblem[] = [];
  const byKey = new Map<string, TaskNode>();
  tasks.forEach((task, index) => {
    if (byKey.has(task.key)) {
      problems.push({ index, path: ["key"], reason: `duplicate task key "${task.key}"; task keys must be unique in a job` });
    } else {
      byKey.set(task.key, task);
    }
  });
  const keys = [...byKey.keys()];
  const inCycle = new Set<string>();
  tasks.forEach((task, index) => {
    task.dependsOn.forEach((dependency, dependencyIndex) => {
      const path = ["dependsOn", dependencyIndex];
      if (dependency === task.key) {
        problems.push({ index, path, reason: `task "${task.key}" depends on itself` });
      } else if (!byKey.has(dependency)) {
        problems.push({ index, path, reason: `no task "${dependency}" in this job; tasks: ${keys.join(", ")}` });
      } else if (task.dependsOn.indexOf(dependency) !== dependencyIndex) {
        problems.push({ index, path, reason: `depends on "${dependency}" twice` });
      }
    });
    if (!inCycle.has(task.key) && byKey.get(task.key) === task) {
      const cycle = cycleThrough(byKey, task.key);
      if (cycle && cycle.length > 2) {
        cycle.forEach((key) => inCycle.add(key));
        problems.push({ index, path: ["dependsOn"], reason: `dependency cycle ${cycle.join(" -> ")}; a job's tasks must form a DAG` });
      }
    }
    const upstream = upstreamTasks(tasks, task.key);
    for (const [name, value] of Object.entries(task.parameters)) {
      for (const referenced of referencedTasks(value)) {
        if (upstream.has(referenced) && referenced !== task.key) continue;
        const why = byKey.has(referenced) ? `task "${referenced}" is not upstream of "${task.key}"` : `there is no task "${referenced}"`;
        problems.push({
          index,
          path: ["parameters", name],
          reason: `${JSON.stringify(value)} reads a value of task "${referenced}", but ${why}; add it to dependsOn (directly or through an upstream task)`,
        });
      }
    }
  });
  return problems;
}

/** Sorted by key: the API returns tasks and `depends_on` sorted, and anything else diffs forever. */
export function byTaskKey<T extends { taskKey: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0));
}
