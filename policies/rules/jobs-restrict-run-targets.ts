/**
 * jobs-restrict-run-targets (stack rule): a job's run-job and pipeline tasks start only jobs and pipelines this
 * stack declares, where the pack judges them. A job or pipeline outside the stack (named by a literal id) runs code,
 * an identity and a schedule no rule of this pack has seen, and would hide a deploy step from the validation rule.
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import { type IdSite, foreignIds, shownId } from "../lib/declared-references";
import { describeJob, listOf, objectOf } from "../lib/jobs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { JOB, PIPELINE } from "../lib/resource-types";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** One task that starts another job or a pipeline. */
export interface RunTarget {
  /** `task 'deploy'`, `task 'loop/inner'`. */
  task: string;
  /** The target's id when known: text (a number read as text), or whatever else the task gave. */
  id?: unknown;
  /** True when the id is unknown during preview (it comes from another resource's output). */
  unknown: boolean;
}

/** What the rule needs to know about one job of the stack. */
export interface JobRunFacts {
  urn: string;
  /** `Job 'name'`. */
  job: string;
  /** True when the job's tasks cannot be read during preview. */
  tasksUnknown: boolean;
  runJobTargets: RunTarget[];
  pipelineTargets: RunTarget[];
  /** URNs the job's `tasks` input depends on. */
  tasksDependOn: string[];
}

const KINDS = [
  { targets: "runJobTargets", noun: "job", plural: "jobs" },
  { targets: "pipelineTargets", noun: "pipeline", plural: "pipelines" },
] as const;

/**
 * Returns one finding per run-job or pipeline task whose target is not a job or pipeline of this stack. Each target of
 * the stack among the tasks' dependencies explains one distinct id (lib/declared-references.ts: all ids of a job not
 * yet created are unknown at preview, so an unknown id and a known one are two targets); a literal id beyond those is
 * a target outside the stack, and which task holds it cannot be told, so every task naming an id of that kind is named.
 */
export function findOutsideRunTargets(jobs: readonly JobRunFacts[], stackJobs: readonly string[], stackPipelines: readonly string[]): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const facts of jobs) {
    if (facts.tasksUnknown) {
      findings.push({ urn: facts.urn, message: undecidedMessage(facts.job, "its tasks are unknown, so the jobs and pipelines they start cannot be told") });
      continue;
    }
    for (const kind of KINDS) {
      const declared = kind.noun === "job" ? stackJobs : stackPipelines;
      const sources = facts.tasksDependOn.filter((urn) => urn !== facts.urn && declared.includes(urn)).length;
      const sites: IdSite[] = facts[kind.targets].map((target) => ({
        where: `${facts.job} ${target.task}`,
        input: "tasks",
        id: target.unknown ? { known: false } : { known: true, value: target.id },
      }));
      const remedy = `start only ${kind.plural} this stack declares, by their id output, so the pack judges what they run`;
      for (const refused of foreignIds(sites, { tasks: sources }, [])) {
        const { site } = refused;
        const what =
          refused.reason === "unknown"
            ? `a ${kind.noun} whose id comes from no ${kind.noun} of this stack`
            : refused.reason === "outnumbered"
              ? `${kind.noun} ${shownId(site)}, which its tasks' dependencies on this stack's ${kind.plural} do not account for ` +
                `(${refused.counts!.distinct} distinct ${refused.counts!.distinct === 1 ? "id" : "ids"}, ${refused.counts!.derived} accounted for), so at least one is outside the stack`
              : `${kind.noun} ${shownId(site)}, which this stack does not declare`;
        findings.push({ urn: facts.urn, message: `${site.where} starts ${what}; ${remedy}.` });
      }
    }
  }
  return findings;
}

function targetOf(task: string, read: () => unknown): RunTarget {
  const id = readIfKnown(read);
  if (!id.known) return { task, unknown: true };
  // A number (the provider's jobId type) and its text are one id.
  return { task, id: typeof id.value === "number" ? String(id.value) : id.value, unknown: false };
}

/** Every run-job and pipeline task of a job's task list, the inner tasks of for-each tasks included. */
function collectTargets(tasks: unknown[], prefix: string, into: Pick<JobRunFacts, "runJobTargets" | "pipelineTargets">): void {
  for (const raw of tasks) {
    const task = objectOf(raw);
    const key = readIfKnown(() => task.taskKey);
    const label = `${prefix}${key.known && typeof key.value === "string" ? key.value : "?"}`;
    const runJob = readIfKnown(() => task.runJobTask);
    if (!runJob.known) into.runJobTargets.push({ task: `task '${label}'`, unknown: true });
    else if (runJob.value !== undefined && runJob.value !== null) into.runJobTargets.push(targetOf(`task '${label}'`, () => objectOf(runJob.value).jobId));
    const pipeline = readIfKnown(() => task.pipelineTask);
    if (!pipeline.known) into.pipelineTargets.push({ task: `task '${label}'`, unknown: true });
    else if (pipeline.value !== undefined && pipeline.value !== null) into.pipelineTargets.push(targetOf(`task '${label}'`, () => objectOf(pipeline.value).pipelineId));
    const inner = readIfKnown(() => objectOf(task.forEachTask).task);
    if (inner.known && inner.value !== undefined) collectTargets([inner.value], `${label}/`, into);
  }
}

/** Reads one job of the stack. */
export function jobRunFacts(resource: StackValidationArgs["resources"][number]): JobRunFacts {
  const name = readIfKnown(() => resource.props.name);
  const job = describeJob(resource.name, name.known ? { name: name.value } : {});
  const facts: JobRunFacts = {
    urn: resource.urn,
    job,
    tasksUnknown: false,
    runJobTargets: [],
    pipelineTargets: [],
    tasksDependOn: (resource.propertyDependencies.tasks ?? []).map((d) => d.urn),
  };
  const tasks = readIfKnown(() => listOf(resource.props.tasks));
  if (!tasks.known) return { ...facts, tasksUnknown: true };
  collectTargets(tasks.value, "", facts);
  return facts;
}

/** The rule object registered in the pack. */
export const jobsRestrictRunTargets: DocumentedStackPolicy = {
  name: "jobs-restrict-run-targets",
  description: "A job's run-job and pipeline tasks start only jobs and pipelines this stack declares.",
  severity: "high",
  remediationSteps:
    "Declare the job or pipeline a task starts in this stack and pass its `id` output to `runJobTask.jobId` or " +
    "`pipelineTask.pipelineId` (in this program: `training.extraTasks` cannot start other jobs; the retraining trigger " +
    "starts the training job by its output). A job or pipeline made outside the stack cannot be started from it.",
  documentation: {
    judgedTypes: [JOB, PIPELINE],
    waivers: "refused-on-prod",
    rationale:
      "Deploy code, not models, and what the pack cannot judge it refuses on prod: every job of a stage is declared, " +
      "reviewed and judged (its code source, its identity, validation before deployment). A task that starts a job " +
      "or pipeline by a literal id runs whatever that object holds today, as whatever identity it names, and can " +
      "deploy a model without the validation gate seeing a deploy step.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const jobs = args.resources.filter((r) => r.type === JOB);
    if (jobs.length === 0) args.notApplicable(`Policy only applies to resources of type '${JOB}'`);
    const stackJobs = jobs.map((r) => r.urn);
    const stackPipelines = args.resources.filter((r) => r.type === PIPELINE).map((r) => r.urn);
    for (const finding of findOutsideRunTargets(jobs.map(jobRunFacts), stackJobs, stackPipelines)) reportViolation(finding.message, finding.urn);
  }),
};
