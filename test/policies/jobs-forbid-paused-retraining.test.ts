import { DEFAULT_RETRAINING_CONFIG, findPausedRetraining } from "../../policies/rules/jobs-forbid-paused-retraining";
import { prodBatchInferenceJob, prodRetrainingTriggerJob, prodTrainingJob } from "./job-fixtures";

const config = DEFAULT_RETRAINING_CONFIG;

describe("jobs-forbid-paused-retraining", () => {
  test("the program's prod training schedule and retraining trigger run", () => {
    expect(findPausedRetraining("r", prodTrainingJob(), config)).toEqual([]);
    expect(findPausedRetraining("r", prodRetrainingTriggerJob(), config)).toEqual([]);
  });

  test("a paused training schedule", () => {
    const job = prodTrainingJob();
    (job.schedule as Record<string, unknown>).pauseStatus = "PAUSED";
    expect(findPausedRetraining("r", job, config)).toEqual([
      "Job 'prod-churn-training' (purpose: training) has its schedule paused, so retraining does not run; set pauseStatus UNPAUSED.",
    ]);
  });

  test("a paused retraining trigger", () => {
    const job = prodRetrainingTriggerJob();
    (job.trigger as Record<string, unknown>).pauseStatus = "PAUSED";
    expect(findPausedRetraining("r", job, config)).toEqual([
      "Job 'prod-churn-retraining-trigger' (purpose: retraining-trigger) has its trigger paused, so retraining does not run; set pauseStatus UNPAUSED.",
    ]);
  });

  test("a training job with neither schedule nor trigger", () => {
    expect(findPausedRetraining("r", { ...prodTrainingJob(), schedule: undefined }, config)).toEqual([
      "Job 'prod-churn-training' (purpose: training) has no schedule or trigger, so retraining never runs by itself; add a schedule or a trigger.",
    ]);
  });

  test("other jobs may be paused; the purpose tag decides", () => {
    const job = prodBatchInferenceJob();
    (job.schedule as Record<string, unknown>).pauseStatus = "PAUSED";
    expect(findPausedRetraining("r", job, config)).toEqual([]);
    expect(findPausedRetraining("r", job, { ...config, retrainingPurposes: ["batch-inference"] })).toHaveLength(1);
  });
});
