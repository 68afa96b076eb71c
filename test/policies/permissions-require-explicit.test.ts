import * as types from "../../policies/lib/resource-types";
import { findObjectsWithoutPermissions, type GovernedObject, permissionsRequireExplicit } from "../../policies/rules/permissions-require-explicit";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

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

describe("permissions-require-explicit, the registered rule", () => {
  test("only a Permissions resource declares access: another resource that takes the job's id and lists access controls does not", () => {
    const job = res(types.JOB, "training");
    const lookalike = res("databricks:index/sqlPermissions:SqlPermissions", "table-acl", { accessControls: [{ groupName: "g", permissionLevel: "CAN_VIEW" }] }, { propertyDependsOn: { jobId: [job] } });
    const missing = {
      urn: `urn:pulumi:prod::databricks-mlops::${types.JOB}::training`,
      message:
        "Job 'training' has no Permissions resource; declare databricks.Permissions with jobId set to it and an access control for each principal that may see, run or manage it.",
    };
    expect(invokeStackRule(permissionsRequireExplicit, [job, lookalike])).toEqual({ violations: [missing] });
    const acl = res(types.PERMISSIONS, "acl", { accessControls: [{ groupName: "g", permissionLevel: "CAN_VIEW" }] }, { propertyDependsOn: { jobId: [job] } });
    expect(invokeStackRule(permissionsRequireExplicit, [job, acl])).toEqual({ violations: [] });
  });

  test("a resource type named like an Object member is no job, cluster or endpoint", () => {
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(invokeStackRule(permissionsRequireExplicit, [res(type, "odd")])).toEqual({
        violations: [],
        notApplicable: "Policy only applies to stacks that declare jobs, clusters or serving endpoints",
      });
    }
  });
});
