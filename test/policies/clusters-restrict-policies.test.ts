/**
 * clusters-restrict-policies (issue 19: `mlProjects[].compute.policyId`): a cluster's policyId names a ClusterPolicy
 * the stack declares (by property dependency) or one listed in the policy config; every cluster shape is walked.
 */
import type { PolicyResource } from "@pulumi/policy";
import { clusterPolicySites } from "../../policies/lib/cluster-policy-refs";
import { foreignIds } from "../../policies/lib/declared-references";
import { clustersRestrictPolicies } from "../../policies/rules/clusters-restrict-policies";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const JOB = "databricks:index/job:Job";
const CLUSTER = "databricks:index/cluster:Cluster";
const PIPELINE = "databricks:index/pipeline:Pipeline";
const POLICY = "databricks:index/clusterPolicy:ClusterPolicy";
const FOREIGN = "E0123456789ABCDE";
const CONFIG = { externalPolicyIds: ["F00D0000AAAA1111"] };
const policy = stackResource(POLICY, "prod-jobs", { name: "prod-jobs" });
const run = (resources: PolicyResource[], config: object = CONFIG) => invokeStackRule(clustersRestrictPolicies, [policy, ...resources], config);
const refused = (where: string, id: string, listed = "'F00D0000AAAA1111'") =>
  `${where} runs under cluster policy '${id}' (policyId), which does not come from a ClusterPolicy this stack declares and is not listed in this ` +
  `stage's policy config (externalPolicyIds: ${listed}); a policy outside the stack decides what the cluster may do and the pack never sees its ` +
  "definition. Declare the policy in the stack (a databricks.ClusterPolicy, judged by the cluster rules) and name its id, or have a security " +
  "reviewer add the id to externalPolicyIds.";
const jobCluster = (key: string, policyId: unknown) => ({ jobClusterKey: key, newCluster: { policyId, sparkVersion: "15.4.x-scala2.12" } });

describe("clusters-restrict-policies", () => {
  test("a job cluster from the stack's ClusterPolicy, one listed in the config, and a serverless job pass", () => {
    const own = stackResource(JOB, "own", { jobClusters: [jobCluster("main", "prod-jobs-id")] }, { propertyDependsOn: { jobClusters: [policy] } });
    const listed = stackResource(JOB, "listed", { jobClusters: [jobCluster("main", " F00D0000AAAA1111 ")] });
    const serverless = stackResource(JOB, "serverless", { tasks: [{ taskKey: "train", notebookTask: { notebookPath: "n" } }] });
    expect(run([own, listed, serverless])).toEqual({ violations: [] });
  });

  test.each([
    ["a shared job cluster", { jobClusters: [jobCluster("main", FOREIGN)] }, "Job cluster 'main' of Job 'j'"],
    ["a task's own cluster", { tasks: [{ taskKey: "train", newCluster: { policyId: FOREIGN } }] }, "The cluster of task 'train' of Job 'j'"],
    ["a for-each task's inner cluster", { tasks: [{ taskKey: "loop", forEachTask: { task: { taskKey: "each", newCluster: { policyId: FOREIGN } } } }] }, "The cluster of the for-each task 'each' of Job 'j'"],
    ["the deprecated top-level cluster", { newCluster: { policyId: FOREIGN } }, "The cluster of Job 'j'"],
  ])("a job naming a policy outside the stack in %s is refused, on the job", (_label, props, where) => {
    const job = stackResource(JOB, "j", props);
    expect(run([job]).violations).toEqual([{ message: refused(where, FOREIGN), urn: job.urn }]);
  });

  test("an all-purpose cluster (on an instance pool too) and a pipeline's cluster naming a foreign policy are refused", () => {
    const cluster = stackResource(CLUSTER, "c", { instancePoolId: "pool-1", policyId: FOREIGN });
    const pipeline = stackResource(PIPELINE, "p", { clusters: [{ label: "default", policyId: "prod-jobs-id" }, { label: "maintenance", policyId: FOREIGN }] }, { propertyDependsOn: { clusters: [policy] } });
    expect(run([cluster, pipeline], { externalPolicyIds: [] }).violations.map((v) => v.message)).toEqual([
      refused("Cluster 'c'", FOREIGN, "none"),
      ...["prod-jobs-id", FOREIGN].map((id) =>
        refused(`The cluster '${id === FOREIGN ? "maintenance" : "default"}' of Pipeline 'p'`, id, "none").replace(
          "which does not come from a ClusterPolicy this stack declares and is not listed",
          "which the pack cannot trace to a ClusterPolicy this stack declares: its input holds more distinct ids (2) than dependencies on the stack's ClusterPolicy resources left to account for them (1), so at least one comes from outside the stack, and it is not listed",
        ),
      ),
    ]);
  });

  test("a literal beside the stack's policy in one input is refused: one dependency vouches for one distinct id", () => {
    const job = stackResource(JOB, "j", { jobClusters: [jobCluster("a", "prod-jobs-id"), jobCluster("b", "prod-jobs-id"), jobCluster("c", FOREIGN)] }, { propertyDependsOn: { jobClusters: [policy, policy] } });
    expect(run([job]).violations.map((v) => v.message.slice(0, 60))).toEqual(["Job cluster 'a' of Job 'j' runs under cluster policy 'prod-j", "Job cluster 'b' of Job 'j' runs under cluster policy 'prod-j", "Job cluster 'c' of Job 'j' runs under cluster policy 'E01234"]);
    // Two clusters on the one stack policy pass.
    const same = stackResource(JOB, "same", { jobClusters: [jobCluster("a", "prod-jobs-id"), jobCluster("b", "prod-jobs-id")] }, { propertyDependsOn: { jobClusters: [policy] } });
    expect(run([same])).toEqual({ violations: [] });
  });

  test("a dependency on something other than a stack ClusterPolicy, an id in another case, and an id that is no text are refused", () => {
    const other = stackResource("databricks:index/directory:Directory", "d");
    const job = stackResource(JOB, "j", { jobClusters: [jobCluster("main", FOREIGN)] }, { propertyDependsOn: { jobClusters: [other] } });
    expect(run([other, job]).violations.map((v) => v.message)).toEqual([refused("Job cluster 'main' of Job 'j'", FOREIGN)]);
    expect(run([stackResource(JOB, "k", { jobClusters: [jobCluster("main", "f00d0000aaaa1111")] })]).violations.map((v) => v.message)).toEqual([refused("Job cluster 'main' of Job 'k'", "f00d0000aaaa1111")]);
    expect(run([stackResource(CLUSTER, "n", { policyId: 7 })]).violations[0].message).toMatch(/^Cluster 'n' runs under cluster policy a value that is not text \(7\) \(policyId\), which does not come from a ClusterPolicy/);
  });

  test("an id unknown during preview passes when its input depends on a stack ClusterPolicy, and is refused otherwise", () => {
    const props = asValidationInputs({ jobClusters: [jobCluster("main", UNKNOWN_STRING)] });
    expect(run([stackResource(JOB, "own", props, { propertyDependsOn: { jobClusters: [policy] } })])).toEqual({ violations: [] });
    expect(run([stackResource(JOB, "j", props)]).violations.map((v) => v.message)).toEqual([
      "Job cluster 'main' of Job 'j' runs under cluster policy an id unknown during preview (policyId), which does not come from a ClusterPolicy this stack " +
        "declares, so the pack cannot tell which one it is; a policy outside the stack decides what the cluster may do and the pack never sees its " +
        "definition. Declare the policy in the stack (a databricks.ClusterPolicy, judged by the cluster rules) and name its id, or have a security " +
        "reviewer add the id to externalPolicyIds.",
    ]);
    // A whole input unknown: its clusters cannot be read, so it passes only when derived from a stack policy.
    const whole = asValidationInputs({ tasks: UNKNOWN_STRING });
    expect(clusterPolicySites(JOB, "w", whole)).toEqual([{ where: "the clusters of Job 'w' (tasks)", input: "tasks", id: { known: false } }]);
    expect(run([stackResource(JOB, "w", whole)]).violations[0].message).toMatch(/^The clusters of Job 'w' \(tasks\) runs under cluster policy an id unknown/);
    expect(clusterPolicySites(PIPELINE, "p", asValidationInputs({ clusters: UNKNOWN_STRING }))).toEqual([{ where: "the clusters of Pipeline 'p'", input: "clusters", id: { known: false } }]);
  });

  test("an unknown id from the stack's policy uses its one dependency: a literal beside it is refused", () => {
    const props = asValidationInputs({ jobClusters: [jobCluster("a", UNKNOWN_STRING), jobCluster("b", FOREIGN)] });
    expect(run([stackResource(JOB, "j", props, { propertyDependsOn: { jobClusters: [policy] } })]).violations.map((v) => v.message)).toEqual([
      refused("Job cluster 'b' of Job 'j'", FOREIGN).replace(
        "which does not come from a ClusterPolicy this stack declares and is not listed",
        "which the pack cannot trace to a ClusterPolicy this stack declares: its input holds more distinct ids (1) than dependencies on the stack's ClusterPolicy resources left to account for them (0), so at least one comes from outside the stack, and it is not listed",
      ),
    ]);
  });

  test("two stack policies vouch for two distinct ids; listed ids match trimmed on both sides; the listing is named in full", () => {
    const second = stackResource(POLICY, "prod-etl", { name: "prod-etl" });
    const job = stackResource(JOB, "j", { jobClusters: [jobCluster("a", "prod-jobs-id"), jobCluster("b", "prod-etl-id")] }, { propertyDependsOn: { jobClusters: [policy, second] } });
    expect(run([second, job])).toEqual({ violations: [] });
    const padded = stackResource(JOB, "padded", { jobClusters: [jobCluster("a", "F00D0000AAAA1111")] });
    expect(run([padded], { externalPolicyIds: [" F00D0000AAAA1111 "] })).toEqual({ violations: [] });
    const both = stackResource(JOB, "k", { jobClusters: [jobCluster("a", FOREIGN), jobCluster("b", ` ${FOREIGN}`)] });
    expect(run([both], { externalPolicyIds: ["A1", "B2"] }).violations.map((v) => v.message)).toEqual([
      refused("Job cluster 'a' of Job 'k'", FOREIGN, "'A1', 'B2'"),
      refused("Job cluster 'b' of Job 'k'", FOREIGN, "'A1', 'B2'"),
    ]);
    expect(run([both], {}).violations[0].message).toContain("(externalPolicyIds: none)");
  });

  test("odd shapes: a null policy id is none, a pipeline cluster without label is the default one, a null cluster has no policy", () => {
    expect(clusterPolicySites(CLUSTER, "c", { policyId: null })).toEqual([]);
    expect(clusterPolicySites(PIPELINE, "p", { clusters: [null, { policyId: FOREIGN }, { label: 3, policyId: FOREIGN }] }).map((s) => s.where)).toEqual([
      "the cluster 'default' of Pipeline 'p'",
      "the cluster 'default' of Pipeline 'p'",
    ]);
    expect(clusterPolicySites(PIPELINE, "p", { clusters: "none" })).toEqual([]);
    expect(clusterPolicySites("databricks:index/catalog:Catalog", "x", { jobClusters: [jobCluster("a", FOREIGN)] })).toEqual([]);
    expect(clusterPolicySites(CLUSTER, "c", { policyId: FOREIGN })).toEqual([{ where: "Cluster 'c'", input: "policyId", id: { known: true, value: FOREIGN } }]);
  });

  test("clusters without a policy have no site; the rule is not applicable to stacks without clusters, jobs or pipelines", () => {
    expect(clusterPolicySites(JOB, "j", { jobClusters: [{ jobClusterKey: "a", newCluster: {} }], tasks: [{ taskKey: "t" }] })).toEqual([]);
    expect(clusterPolicySites(CLUSTER, "c", {})).toEqual([]);
    expect(clusterPolicySites(PIPELINE, "p", { clusters: [{ label: "default" }] })).toEqual([]);
    expect(clusterPolicySites("databricks:index/catalog:Catalog", "x", { policyId: FOREIGN })).toEqual([]);
    expect(run([]).notApplicable).toBe("Policy only applies to stacks that declare clusters, jobs or pipelines");
    expect(foreignIds([], {}, [])).toEqual([]);
  });
});
