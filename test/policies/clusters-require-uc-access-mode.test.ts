import { findAccessModeGaps, jobClusterDefinitions } from "../../policies/rules/clusters-require-uc-access-mode";

describe("clusters-require-uc-access-mode", () => {
  test("clusters in a Unity Catalog mode pass, legacy and current names alike", () => {
    for (const mode of ["USER_ISOLATION", "SINGLE_USER", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_DEDICATED", "DATA_SECURITY_MODE_AUTO"]) {
      expect(findAccessModeGaps([{ where: "Cluster 'c'", dataSecurityMode: mode }])).toEqual([]);
    }
  });

  test("a cluster without a mode, in NONE or in a legacy mode is reported", () => {
    expect(findAccessModeGaps([{ where: "Cluster 'c'", dataSecurityMode: undefined }])).toEqual([
      "Cluster 'c' sets no dataSecurityMode; set dataSecurityMode to a Unity Catalog mode (USER_ISOLATION, SINGLE_USER, DATA_SECURITY_MODE_STANDARD, DATA_SECURITY_MODE_DEDICATED, DATA_SECURITY_MODE_AUTO).",
    ]);
    for (const mode of ["NONE", "LEGACY_TABLE_ACL", "LEGACY_PASSTHROUGH", "LEGACY_SINGLE_USER"]) {
      expect(findAccessModeGaps([{ where: "Cluster 'c'", dataSecurityMode: mode }])[0]).toContain(`Cluster 'c' runs in access mode "${mode}"`);
    }
  });

  test("every cluster a job defines is checked: shared job clusters, task clusters, the deprecated top-level one", () => {
    const definitions = jobClusterDefinitions("prod-mlops-training", {
      jobClusters: [{ jobClusterKey: "train", newCluster: { dataSecurityMode: "SINGLE_USER" } }],
      tasks: [{ taskKey: "Train", jobClusterKey: "train" }, { taskKey: "Score", newCluster: { dataSecurityMode: "NONE" } }, { taskKey: "Serverless" }],
      newCluster: {},
    });
    expect(findAccessModeGaps(definitions).map((m) => m.split(";")[0])).toEqual([
      "The cluster of task 'Score' of Job 'prod-mlops-training' runs in access mode \"NONE\"",
      "The cluster of Job 'prod-mlops-training' sets no dataSecurityMode",
    ]);
  });

  test("the cluster inside a for-each task is checked too", () => {
    const props = { tasks: [{ taskKey: "loop", forEachTask: { inputs: "[1]", task: { taskKey: "each", newCluster: { dataSecurityMode: "LEGACY_SINGLE_USER" } } } }] };
    expect(findAccessModeGaps(jobClusterDefinitions("j", props)).map((m) => m.split(";")[0])).toEqual([
      "The cluster of the for-each task 'each' of Job 'j' runs in access mode \"LEGACY_SINGLE_USER\"",
    ]);
  });

  test("malformed entries are skipped, but a cluster given as a non-object is a cluster without settings (fails closed)", () => {
    const props = { jobClusters: [null, "junk", { jobClusterKey: "odd", newCluster: "SINGLE_USER" }], tasks: [null, { taskKey: "t", newCluster: null, forEachTask: null }] };
    expect(jobClusterDefinitions("j", props)).toEqual([{ where: "job cluster 'odd' of Job 'j'", dataSecurityMode: undefined }]);
  });

  test("a serverless job (no cluster) has nothing to check", () => {
    expect(jobClusterDefinitions("j", { tasks: [{ taskKey: "t", environmentKey: "default" }] })).toEqual([]);
  });
});

describe("clusters-require-uc-access-mode, job clusters", () => {
  test("a shared job cluster is named by its key; an entry without a new cluster defines none", () => {
    expect(jobClusterDefinitions("j", { jobClusters: [{ jobClusterKey: "train", newCluster: { dataSecurityMode: "NONE" } }, { jobClusterKey: "empty" }] })).toEqual([
      { where: "job cluster 'train' of Job 'j'", dataSecurityMode: "NONE" },
    ]);
  });
});
