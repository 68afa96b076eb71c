/**
 * Jobs exactly as the program declares them (the pure builders' output for a shipped-like prod
 * project), as plain inputs the job rules read; tests break them one way at a time.
 */
import { batchInferenceJob, retrainingTriggerJob, trainingJob } from "../../components/pipelines/jobs";
import { jobContext, rawProject, stageWith } from "../pipelines/fixtures";

/** A deep copy of the prod training workflow's inputs. */
export function prodTrainingJob(): Record<string, unknown> {
  return structuredClone(trainingJob(jobContext(stageWith("prod")))) as Record<string, unknown>;
}

/** A deep copy of the prod batch inference job's inputs. */
export function prodBatchInferenceJob(): Record<string, unknown> {
  return structuredClone(batchInferenceJob(jobContext(stageWith("prod")))) as Record<string, unknown>;
}

/** A deep copy of the prod retraining trigger's inputs (training job id 42). */
export function prodRetrainingTriggerJob(): Record<string, unknown> {
  const context = jobContext(stageWith("prod", rawProject({ retraining: { metricsTable: "drift_metrics" } })));
  return structuredClone(retrainingTriggerJob(context, "prod_mlops.monitoring.drift_metrics", 42)) as Record<string, unknown>;
}

/** The job's tasks, for editing. */
export function tasksOf(job: Record<string, unknown>): Record<string, unknown>[] {
  return job.tasks as Record<string, unknown>[];
}

/** One task by key, for editing. */
export function taskOf(job: Record<string, unknown>, key: string): Record<string, unknown> {
  return tasksOf(job).find((task) => task.taskKey === key) as Record<string, unknown>;
}
