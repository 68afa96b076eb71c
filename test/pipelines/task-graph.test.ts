import { byTaskKey, referencedTasks, taskGraphProblems, taskValueReference, upstreamTasks, type TaskNode } from "../../components/pipelines/task-graph";

const node = (key: string, dependsOn: string[] = [], parameters: Record<string, string> = {}): TaskNode => ({ key, dependsOn, parameters });
const workflow = [
  node("train"),
  node("validate", ["train"], { model_uri: "{{tasks.train.values.model_uri}}" }),
  node("deploy", ["validate"], { model_version: "{{tasks.train.values.model_version}}" }),
];

describe("task graph", () => {
  test("the train -> validate -> deploy workflow has no problem; deploy reads train's values transitively", () => {
    expect(taskGraphProblems(workflow)).toEqual([]);
    expect([...upstreamTasks(workflow, "deploy")].sort()).toEqual(["train", "validate"]);
  });

  test("references are read from {{tasks.<key>...}}, with or without spaces", () => {
    expect(taskValueReference("train", "model_uri")).toBe("{{tasks.train.values.model_uri}}");
    expect(referencedTasks("{{tasks.train.values.a}}/{{ tasks.check-1.values.b }} {{job.id}}")).toEqual(["train", "check-1"]);
  });

  test("a duplicate task key", () => {
    expect(taskGraphProblems([...workflow, node("train")])).toEqual([
      { index: 3, path: ["key"], reason: 'duplicate task key "train"; task keys must be unique in a job' },
    ]);
  });

  test("an unknown, a repeated and a self dependency", () => {
    expect(taskGraphProblems([...workflow, node("report", ["deplo", "deploy", "deploy", "report"])])).toEqual([
      { index: 3, path: ["dependsOn", 0], reason: 'no task "deplo" in this job; tasks: train, validate, deploy, report' },
      { index: 3, path: ["dependsOn", 2], reason: 'depends on "deploy" twice' },
      { index: 3, path: ["dependsOn", 3], reason: 'task "report" depends on itself' },
    ]);
  });

  test("a cycle is reported once, on its first task", () => {
    const tasks = [node("a", ["c"]), node("b", ["a"]), node("c", ["b"])];
    expect(taskGraphProblems(tasks)).toEqual([
      { index: 0, path: ["dependsOn"], reason: "dependency cycle a -> c -> b -> a; a job's tasks must form a DAG" },
    ]);
  });

  test("a reference to a task that is not upstream, or does not exist", () => {
    const tasks = [...workflow, node("report", ["train"], { a: "{{tasks.deploy.values.x}}", b: "{{tasks.score.values.y}}" })];
    expect(taskGraphProblems(tasks)).toEqual([
      {
        index: 3,
        path: ["parameters", "a"],
        reason: '"{{tasks.deploy.values.x}}" reads a value of task "deploy", but task "deploy" is not upstream of "report"; add it to dependsOn (directly or through an upstream task)',
      },
      {
        index: 3,
        path: ["parameters", "b"],
        reason: '"{{tasks.score.values.y}}" reads a value of task "score", but there is no task "score"; add it to dependsOn (directly or through an upstream task)',
      },
    ]);
  });

  test("a task reading its own value is not upstream of itself", () => {
    expect(taskGraphProblems([node("train", [], { a: "{{tasks.train.values.a}}" })])[0].reason).toContain('task "train" is not upstream of "train"');
  });

  test("byTaskKey sorts as the API returns tasks", () => {
    expect(byTaskKey([{ taskKey: "validate" }, { taskKey: "deploy" }, { taskKey: "train" }]).map((t) => t.taskKey)).toEqual(["deploy", "train", "validate"]);
  });
});
