import { clusterSpecsOf } from "../../policies/lib/cluster-specs";
import { CLUSTER, GRANTS, JOB } from "../../policies/lib/resource-types";

describe("clusterSpecsOf", () => {
  const job = { jobClusters: [{ jobClusterKey: "shared", newCluster: { numWorkers: 1 } }], newCluster: { numWorkers: 2 } };

  test("an all-purpose cluster is its own specification; a job's clusters are found where they sit", () => {
    expect(clusterSpecsOf(CLUSTER, "adhoc", { numWorkers: 3 })).toEqual([{ where: "Cluster 'adhoc'", spec: { numWorkers: 3 } }]);
    expect(clusterSpecsOf(JOB, "j", job).map((s) => s.where)).toEqual(["job cluster 'shared' of Job 'j'", "the cluster of Job 'j'"]);
  });

  test("another type declares no cluster, whatever its inputs look like", () => {
    expect(clusterSpecsOf(GRANTS, "g", job)).toEqual([]);
  });
});
