/** How the job rules read a Job's inputs (policies/lib/jobs.ts): tasks, nested for-each tasks, tags, names. */
import { describeJob, jobTags, jobTasks, listOf, objectOf, stringOf } from "../../policies/lib/jobs";

describe("job inputs", () => {
  test("objectOf and listOf give empty values for anything of another shape", () => {
    expect(objectOf({ a: 1 })).toEqual({ a: 1 });
    for (const value of [null, undefined, "x", 3, [1]]) expect(objectOf(value)).toEqual({});
    expect(listOf([1])).toEqual([1]);
    for (const value of [null, undefined, "x", { 0: 1 }]) expect(listOf(value)).toEqual([]);
    expect(stringOf("a")).toBe("a");
    expect(stringOf(1)).toBeUndefined();
  });

  test("a task's facts: key, dependencies, runIf, clusters, code source and path, notebook parameters", () => {
    const tasks = jobTasks({
      tasks: [
        {
          taskKey: "train",
          dependsOns: [{ taskKey: "prepare" }, {}],
          runIf: "ALL_DONE",
          existingClusterId: "0101-abc",
          notebookTask: { notebookPath: "notebooks/train", source: "GIT", baseParameters: { env: "prod" } },
        },
        { sparkPythonTask: { pythonFile: "/Workspace/score.py", source: "WORKSPACE" }, newCluster: { policyId: "P1" } },
        { taskKey: "bare", newCluster: {} },
      ],
    });
    expect(tasks).toEqual([
      {
        ...{ taskKey: "train", dependsOn: ["prepare", "?"], runIf: "ALL_DONE", existingClusterId: "0101-abc", source: "GIT", path: "notebooks/train" },
        ...{ codeKind: "notebook", notebookParameters: { env: "prod" }, pythonParameters: [], kind: "notebook", runJobOverrides: [] },
      },
      {
        ...{ taskKey: "?", dependsOn: [], newClusterPolicyId: "P1", source: "WORKSPACE", path: "/Workspace/score.py", codeKind: "python-file" },
        ...{ notebookParameters: {}, pythonParameters: [], kind: "python-file", runJobOverrides: [] },
      },
      { taskKey: "bare", dependsOn: [], newClusterPolicyId: null, notebookParameters: {}, pythonParameters: [], kind: "other", runJobOverrides: [] },
    ]);
    expect("newClusterPolicyId" in tasks[0]).toBe(false);
  });

  test("a notebook task's fields win over a Python file task's on the same task", () => {
    const [task] = jobTasks({ tasks: [{ taskKey: "t", sparkPythonTask: { pythonFile: "a.py", source: "WORKSPACE" }, notebookTask: { notebookPath: "nb", source: "GIT" } }] });
    expect([task.source, task.path, task.codeKind]).toEqual(["GIT", "nb", "notebook"]);
  });

  test("a for-each task's inner task follows it, keyed under it", () => {
    const tasks = jobTasks({ tasks: [{ taskKey: "each", forEachTask: { task: { taskKey: "deploy", dependsOns: [{ taskKey: "validate" }] } } }] });
    expect(tasks.map((t) => [t.taskKey, t.dependsOn, t.kind, t.enclosedBy])).toEqual([
      ["each", [], "for-each", undefined],
      ["each/deploy", ["validate"], "other", "each"],
    ]);
  });

  test("kinds, Python parameters, and what a run-job task overrides", () => {
    const tasks = jobTasks({
      tasks: [
        { taskKey: "py", sparkPythonTask: { pythonFile: "a.py", parameters: ["--x", 3, "y"] } },
        { taskKey: "if", conditionTask: { left: "1", op: "EQUAL_TO", right: "1" } },
        { taskKey: "run", runJobTask: { jobId: 7, jobParameters: { a: "1" }, pythonParams: [], sqlParams: {}, dbtCommands: ["dbt run"] } },
        { taskKey: "named", runJobTask: { jobId: "8" } },
      ],
    });
    expect(tasks.map((t) => [t.kind, t.pythonParameters, t.runJobOverrides, t.runJobId])).toEqual([
      ["python-file", ["--x", "y"], [], undefined],
      ["condition", [], [], undefined],
      ["run-job", [], ["jobParameters", "dbtCommands"], "7"],
      ["run-job", [], [], "8"],
    ]);
  });

  test("tags keep only text values; the job is named by its name input, else its resource name", () => {
    expect(jobTags({ tags: { purpose: "training", cost: 3, owner: null } })).toEqual({ purpose: "training" });
    expect(jobTags({ tags: "purpose" })).toEqual({});
    expect(describeJob("r", { name: "prod-churn-training" })).toBe("Job 'prod-churn-training'");
    expect(describeJob("r", { name: 3 })).toBe("Job 'r'");
  });
});
