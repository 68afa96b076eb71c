import { findMissingFailureNotifications } from "../../policies/rules/jobs-require-failure-notifications";
import { prodTrainingJob } from "./job-fixtures";

const missing = [
  "Job 'prod-churn-training' notifies nobody when a run fails; set emailNotifications.onFailures or webhookNotifications.onFailures.",
];

describe("jobs-require-failure-notifications", () => {
  test("the program's job e-mails on failure; a destination alone is enough", () => {
    expect(findMissingFailureNotifications("r", prodTrainingJob())).toEqual([]);
    const job = { ...prodTrainingJob(), emailNotifications: undefined, webhookNotifications: { onFailures: [{ id: "0f4e6c7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a" }] } };
    expect(findMissingFailureNotifications("r", job)).toEqual([]);
  });

  test("no notifications at all", () => {
    expect(findMissingFailureNotifications("r", { ...prodTrainingJob(), emailNotifications: undefined })).toEqual(missing);
  });

  test("empty failure lists", () => {
    const job = { ...prodTrainingJob(), emailNotifications: { onFailures: [] }, webhookNotifications: { onFailures: [] } };
    expect(findMissingFailureNotifications("r", job)).toEqual(missing);
  });

  test("notifications on success and duration only", () => {
    const job = { ...prodTrainingJob(), emailNotifications: { onSuccesses: ["a@example.com"], onDurationWarningThresholdExceededs: ["a@example.com"] } };
    expect(findMissingFailureNotifications("r", job)).toEqual(missing);
  });
});
