/**
 * jobs-restrict-run-targets: run-job and pipeline tasks start only jobs and pipelines the stack declares, told by
 * the dependencies of the job's `tasks` input (each target of the stack explains one distinct id).
 */
import { JOB, PIPELINE } from "../../policies/lib/resource-types";
import { type JobRunFacts, findOutsideRunTargets, jobsRestrictRunTargets } from "../../policies/rules/jobs-restrict-run-targets";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const facts = (overrides: Partial<JobRunFacts> = {}): JobRunFacts => ({
  urn: "urn:trigger",
  job: "Job 'prod-retraining-trigger'",
  tasksUnknown: false,
  runJobTargets: [],
  pipelineTargets: [],
  tasksDependOn: [],
  ...overrides,
});
const REMEDY_JOB = "start only jobs this stack declares, by their id output, so the pack judges what they run";

describe("jobs-restrict-run-targets", () => {
  test("a run-job task whose id comes from a job of the stack passes, known or unknown at preview", () => {
    expect(findOutsideRunTargets([facts({ runJobTargets: [{ task: "task 'retrain'", id: "101", unknown: false }], tasksDependOn: ["urn:training"] })], ["urn:training", "urn:trigger"], [])).toEqual([]);
    expect(findOutsideRunTargets([facts({ runJobTargets: [{ task: "task 'retrain'", unknown: true }], tasksDependOn: ["urn:training"] })], ["urn:training", "urn:trigger"], [])).toEqual([]);
  });

  test("a run-job task naming a job by a literal id is refused with the task and the id", () => {
    expect(findOutsideRunTargets([facts({ runJobTargets: [{ task: "task 'ship'", id: "4242", unknown: false }] })], ["urn:trigger"], [])).toEqual([
      { urn: "urn:trigger", message: `Job 'prod-retraining-trigger' task 'ship' starts job '4242', which this stack does not declare; ${REMEDY_JOB}.` },
    ]);
  });

  test("a second, literal target beside one from the stack is refused on each task naming an id: the stack explains one id only", () => {
    const two = facts({
      runJobTargets: [
        { task: "task 'retrain'", id: "101", unknown: false },
        { task: "task 'ship'", id: "4242", unknown: false },
      ],
      tasksDependOn: ["urn:training"],
    });
    const outnumbered = (task: string, id: string) =>
      `Job 'prod-retraining-trigger' task '${task}' starts job '${id}', which its tasks' dependencies on this stack's jobs do not account for (2 distinct ids, 1 accounted for), so at least one is outside the stack; ${REMEDY_JOB}.`;
    expect(findOutsideRunTargets([two], ["urn:training", "urn:trigger"], [])).toEqual([
      { urn: "urn:trigger", message: outnumbered("retrain", "101") },
      { urn: "urn:trigger", message: outnumbered("ship", "4242") },
    ]);
    // An unknown id uses up the stack's one job, so the literal beside it is outside.
    const unknownAndLiteral = facts({ runJobTargets: [{ task: "task 'retrain'", unknown: true }, { task: "task 'ship'", id: "4242", unknown: false }], tasksDependOn: ["urn:training"] });
    expect(findOutsideRunTargets([unknownAndLiteral], ["urn:training", "urn:trigger"], []).map((f) => f.message)).toEqual([
      `Job 'prod-retraining-trigger' task 'ship' starts job '4242', which its tasks' dependencies on this stack's jobs do not account for (1 distinct id, 0 accounted for), so at least one is outside the stack; ${REMEDY_JOB}.`,
    ]);
  });

  test("the same id twice is one target; a dependency on the job itself, or on something that is no job, explains nothing", () => {
    const twice = facts({ runJobTargets: [{ task: "task 'a'", id: "101", unknown: false }, { task: "task 'b'", id: "101", unknown: false }], tasksDependOn: ["urn:training"] });
    expect(findOutsideRunTargets([twice], ["urn:training", "urn:trigger"], [])).toEqual([]);
    expect(findOutsideRunTargets([facts({ runJobTargets: [{ task: "task 'a'", id: "101", unknown: false }], tasksDependOn: ["urn:trigger", "urn:some-volume"] })], ["urn:trigger"], [])).toHaveLength(1);
  });

  test("a pipeline task is judged the same way against the stack's pipelines (none are admitted on staging and prod)", () => {
    expect(findOutsideRunTargets([facts({ pipelineTargets: [{ task: "task 'etl'", id: "p-1", unknown: false }] })], ["urn:trigger"], [])).toEqual([
      {
        urn: "urn:trigger",
        message: "Job 'prod-retraining-trigger' task 'etl' starts pipeline 'p-1', which this stack does not declare; start only pipelines this stack declares, by their id output, so the pack judges what they run.",
      },
    ]);
    expect(findOutsideRunTargets([facts({ pipelineTargets: [{ task: "task 'etl'", unknown: true }], tasksDependOn: ["urn:pipeline"] })], ["urn:trigger"], ["urn:pipeline"])).toEqual([]);
    // A job of the stack does not vouch for a pipeline id.
    expect(findOutsideRunTargets([facts({ pipelineTargets: [{ task: "task 'etl'", unknown: true }], tasksDependOn: ["urn:training"] })], ["urn:training", "urn:trigger"], [])).toHaveLength(1);
  });

  test("tasks unknown at preview cannot be told apart and fail closed", () => {
    expect(findOutsideRunTargets([facts({ tasksUnknown: true })], [], [])[0].message).toMatch(/^Job 'prod-retraining-trigger' cannot be checked during preview: its tasks are unknown/);
  });
});

describe("jobs-restrict-run-targets, the registered rule", () => {
  const training = res(JOB, "training", { name: "prod-training", tasks: [{ taskKey: "train", notebookTask: { notebookPath: "training/notebooks/Train" } }] });
  const urn = (name: string) => `urn:pulumi:prod::databricks-mlops::${JOB}::${name}`;

  test("reads run-job and pipeline tasks wherever they sit, the inner task of a for-each task included", () => {
    const trigger = res(JOB, "trigger", { name: "prod-trigger", tasks: [{ taskKey: "retrain", runJobTask: { jobId: 101 } }] }, { propertyDependsOn: { tasks: [training] } });
    expect(invokeStackRule(jobsRestrictRunTargets, [training, trigger])).toEqual({ violations: [] });
    const outside = res(JOB, "outside", { name: "prod-outside", tasks: [{ taskKey: "loop", forEachTask: { inputs: "[1]", task: { taskKey: "inner", runJobTask: { jobId: 4242 } } } }] });
    const pipeline = res(JOB, "etl", { name: "prod-etl", tasks: [{ taskKey: "etl", pipelineTask: { pipelineId: "p-1" } }] });
    expect(invokeStackRule(jobsRestrictRunTargets, [training, outside, pipeline])).toEqual({
      violations: [
        { urn: urn("outside"), message: `Job 'prod-outside' task 'loop/inner' starts job '4242', which this stack does not declare; ${REMEDY_JOB}.` },
        {
          urn: urn("etl"),
          message: "Job 'prod-etl' task 'etl' starts pipeline 'p-1', which this stack does not declare; start only pipelines this stack declares, by their id output, so the pack judges what they run.",
        },
      ],
    });
  });

  test("a pipeline the stack declares is a target the stack explains", () => {
    const declared = res(PIPELINE, "features", { name: "prod-features" });
    const etl = res(JOB, "etl", { name: "prod-etl", tasks: [{ taskKey: "etl", pipelineTask: { pipelineId: "p-1" } }] }, { propertyDependsOn: { tasks: [declared] } });
    expect(invokeStackRule(jobsRestrictRunTargets, [declared, etl])).toEqual({ violations: [] });
  });

  test("does not apply without jobs", () => {
    expect(invokeStackRule(jobsRestrictRunTargets, [res(PIPELINE, "p")])).toEqual({ violations: [], notApplicable: `Policy only applies to resources of type '${JOB}'` });
  });
});
