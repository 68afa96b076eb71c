import { findObjectsWithoutPermissions, type GovernedObject } from "../../policies/rules/permissions-require-explicit";

const JOB: GovernedObject = { urn: "urn:job", type: "databricks:index/job:Job", name: "prod-mlops-training" };
const CLUSTER: GovernedObject = { urn: "urn:cluster", type: "databricks:index/cluster:Cluster", name: "dev-mlops-adhoc" };
const ENDPOINT: GovernedObject = { urn: "urn:endpoint", type: "databricks:index/modelServing:ModelServing", name: "prod-mlops-endpoint" };
const on = (field: string, urn: string, entries = 1) => ({ targets: { [field]: [urn] }, entries });

describe("permissions-require-explicit", () => {
  test("jobs, clusters and endpoints with their Permissions pass", () => {
    expect(
      findObjectsWithoutPermissions([JOB, CLUSTER, ENDPOINT], [on("jobId", JOB.urn), on("clusterId", CLUSTER.urn), on("servingEndpointId", ENDPOINT.urn)]),
    ).toEqual([]);
  });

  test("an object without Permissions is reported", () => {
    expect(findObjectsWithoutPermissions([JOB], [])).toEqual([
      {
        urn: "urn:job",
        message:
          "Job 'prod-mlops-training' has no Permissions resource; declare databricks.Permissions with jobId set to it and an access control for each principal that may see, run or manage it.",
      },
    ]);
  });

  test("Permissions with no entries, on another object, or through the wrong input do not count", () => {
    expect(findObjectsWithoutPermissions([JOB], [on("jobId", JOB.urn, 0)])).toHaveLength(1);
    expect(findObjectsWithoutPermissions([JOB], [on("jobId", "urn:other-job")])).toHaveLength(1);
    expect(findObjectsWithoutPermissions([ENDPOINT], [on("jobId", ENDPOINT.urn)])).toHaveLength(1);
  });
});

describe("permissions-require-explicit, Permissions of other objects", () => {
  test("a Permissions that targets only another field does not cover the object", () => {
    expect(findObjectsWithoutPermissions([JOB], [{ targets: { clusterId: [JOB.urn] }, entries: 1 }]).map((f) => f.urn)).toEqual([JOB.urn]);
  });
});
