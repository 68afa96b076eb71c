/**
 * Properties of the task graph checks over generated graphs: a graph whose tasks only depend on
 * earlier ones (a DAG) and only read values of their ancestors has no problem, and one extra edge
 * back to a descendant is always reported as a cycle.
 */
import fc from "fast-check";
import { taskGraphProblems, taskValueReference, upstreamTasks, type TaskNode } from "../../components/pipelines/task-graph";

/** A DAG in topological order: task i depends on some of tasks 0..i-1 and reads a value of one ancestor. */
const dag = fc
  .array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 12 })
  .map((choices) => {
    const tasks: TaskNode[] = [];
    choices.forEach((picks, index) => {
      const dependsOn = index === 0 ? [] : [...new Set(picks.map((pick) => `t${pick % index}`))];
      const ancestors = [...upstreamTasks([...tasks, { key: `t${index}`, dependsOn, parameters: {} }], `t${index}`)].sort();
      const parameters: Record<string, string> = ancestors.length > 0 ? { input: taskValueReference(ancestors[0], "out") } : {};
      tasks.push({ key: `t${index}`, dependsOn, parameters });
    });
    return tasks;
  });

describe("task graph properties", () => {
  test("a DAG whose tasks read only ancestors' values has no problem", () => {
    fc.assert(fc.property(dag, (tasks) => taskGraphProblems(tasks).length === 0));
  });

  test("an edge from an ancestor back to its descendant is reported as exactly one cycle", () => {
    const withBackEdge = dag
      .filter((tasks) => tasks.some((task) => task.dependsOn.length > 0))
      .map((tasks) => {
        const descendant = tasks.find((task) => task.dependsOn.length > 0) as TaskNode;
        const ancestor = descendant.dependsOn[0];
        return tasks.map((task) => (task.key === ancestor ? { ...task, dependsOn: [...task.dependsOn, descendant.key] } : task));
      });
    fc.assert(
      fc.property(withBackEdge, (tasks) => {
        const cycles = taskGraphProblems(tasks).filter((problem) => problem.reason.startsWith("dependency cycle"));
        return cycles.length === 1;
      }),
    );
  });
});
