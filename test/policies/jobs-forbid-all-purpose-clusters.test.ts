import { findComputeGaps } from "../../policies/rules/jobs-forbid-all-purpose-clusters";
import { prodTrainingJob, taskOf } from "./job-fixtures";

const JOB = "databricks:index/job:Job";
const CLUSTER = "databricks:index/cluster:Cluster";
const strict = { allowAllPurposeClusters: false };
const dev = { allowAllPurposeClusters: true };

describe("jobs-forbid-all-purpose-clusters", () => {
  test("the program's serverless job passes; a job cluster with a policy passes", () => {
    expect(findComputeGaps(JOB, "r", prodTrainingJob(), strict)).toEqual([]);
    const job = { ...prodTrainingJob(), jobClusters: [{ jobClusterKey: "main", newCluster: { policyId: "E0631F5C0D0000B3", sparkVersion: "15.4.x-cpu-ml-scala2.12" } }] };
    expect(findComputeGaps(JOB, "r", job, strict)).toEqual([]);
  });

  test("a task on an all-purpose cluster, allowed where the stage allows it", () => {
    const job = prodTrainingJob();
    taskOf(job, "train").existingClusterId = "0123-456789-abcdefgh";
    expect(findComputeGaps(JOB, "r", job, strict)).toEqual([
      "Job 'prod-churn-training' task 'train' runs on the all-purpose cluster '0123-456789-abcdefgh'; use serverless compute or a job cluster.",
    ]);
    expect(findComputeGaps(JOB, "r", job, dev)).toEqual([]);
  });

  test("a job-level existing cluster", () => {
    expect(findComputeGaps(JOB, "r", { ...prodTrainingJob(), existingClusterId: "0123-456789-abcdefgh" }, strict)).toEqual([
      "Job 'prod-churn-training' runs on the all-purpose cluster '0123-456789-abcdefgh'; use serverless compute or a job cluster.",
    ]);
  });

  test("a job cluster or a task's new cluster without a policy, even on dev", () => {
    const job = { ...prodTrainingJob(), jobClusters: [{ jobClusterKey: "main", newCluster: { sparkVersion: "15.4.x-cpu-ml-scala2.12" } }] };
    taskOf(job, "validate").newCluster = { sparkVersion: "15.4.x-cpu-ml-scala2.12", numWorkers: 1 };
    expect(findComputeGaps(JOB, "r", job, dev)).toEqual([
      "Job 'prod-churn-training' job cluster 'main' has no cluster policy; set newCluster.policyId.",
      "Job 'prod-churn-training' task 'validate' has a new cluster without a cluster policy; set newCluster.policyId.",
    ]);
  });

  test("an all-purpose Cluster resource", () => {
    expect(findComputeGaps(CLUSTER, "prod-shared", { clusterName: "shared", sparkVersion: "15.4.x-scala2.12" }, strict)).toEqual([
      "Cluster 'shared' is an all-purpose cluster; this stage runs jobs on serverless compute or job clusters only.",
    ]);
    expect(findComputeGaps(CLUSTER, "dev-shared", { sparkVersion: "15.4.x-scala2.12" }, dev)).toEqual([]);
  });
});

describe("jobs-forbid-all-purpose-clusters, the deprecated job-level new cluster", () => {
  test("needs a policy when present, and passes with one", () => {
    expect(findComputeGaps(JOB, "r", { name: "j", newCluster: {} }, dev)).toEqual([
      "Job 'j' has a new cluster without a cluster policy; set newCluster.policyId.",
    ]);
    expect(findComputeGaps(JOB, "r", { name: "j", newCluster: { policyId: "E0631F5C0D0000B3" } }, strict)).toEqual([]);
  });
});

describe("jobs-forbid-all-purpose-clusters, job clusters as written", () => {
  test("a job cluster without a key or a policy is still reported", () => {
    expect(findComputeGaps(JOB, "r", { name: "j", jobClusters: [{ newCluster: { sparkVersion: "15.4.x-scala2.12" } }] }, strict)).toEqual([
      "Job 'j' job cluster '?' has no cluster policy; set newCluster.policyId.",
    ]);
  });
});
