import { clusterPolicyDefinition, type ReadablePolicy } from "../../policies/lib/cluster-policies";
import { CLUSTER, CLUSTER_POLICY, JOB, PIPELINE, SQL_ENDPOINT, SQL_GLOBAL_CONFIG, WORKSPACE_CONF } from "../../policies/lib/resource-types";
import { policySparkAttributes, sparkSettingsOf, sparkSubmitConf } from "../../policies/lib/spark-settings";

const shown = (type: string, props: Record<string, unknown>) => sparkSettingsOf(type, "r", props).map(({ where, field, key, value }) => [where, field, key, value()]);

describe("the Spark settings a resource gives its clusters", () => {
  test("an all-purpose cluster's configuration and environment variables", () => {
    expect(shown(CLUSTER, { sparkConf: { a: "1" }, sparkEnvVars: { B: "2" } })).toEqual([
      ["Cluster 'r'", "sparkConf", "a", "1"],
      ["Cluster 'r'", "sparkEnvVars", "B", "2"],
    ]);
  });

  test("every cluster of a job and every spark-submit task's --conf, for-each and top-level ones included", () => {
    const cluster = { sparkConf: { k: "v" } };
    const props = {
      jobClusters: [{ jobClusterKey: "shared", newCluster: cluster }],
      tasks: [
        { taskKey: "train", newCluster: { sparkEnvVars: { E: "x" } } },
        { taskKey: "submit", sparkSubmitTask: { parameters: ["--class", "Main", "--conf", "a=1", "--conf=b=2=3", "-c", "c", "--conf d=4", "app.jar"] } },
        { taskKey: "loop", forEachTask: { task: { taskKey: "each", newCluster: cluster, sparkSubmitTask: { parameters: ["--conf", "e=5"] } } } },
      ],
      newCluster: cluster,
      sparkSubmitTask: { parameters: ["--conf", "f=6"] },
    };
    expect(shown(JOB, props)).toEqual([
      ["job cluster 'shared' of Job 'r'", "sparkConf", "k", "v"],
      ["the cluster of task 'train' of Job 'r'", "sparkEnvVars", "E", "x"],
      ["the cluster of the for-each task 'each' of Job 'r'", "sparkConf", "k", "v"],
      ["the cluster of Job 'r'", "sparkConf", "k", "v"],
      ["Job 'r'", "sparkSubmitTask.parameters", "f", "6"],
      ["task 'submit' of Job 'r'", "sparkSubmitTask.parameters", "a", "1"],
      ["task 'submit' of Job 'r'", "sparkSubmitTask.parameters", "b", "2=3"],
      ["task 'submit' of Job 'r'", "sparkSubmitTask.parameters", "c", ""],
      ["task 'submit' of Job 'r'", "sparkSubmitTask.parameters", "d", "4"],
      ["the for-each task 'each' of Job 'r'", "sparkSubmitTask.parameters", "e", "5"],
    ]);
  });

  test("a --conf as the last argument, or a non-string argument, names nothing", () => {
    expect(sparkSubmitConf("t", ["--conf"]).map(({ key }) => key)).toEqual([]);
    expect(sparkSubmitConf("t", [3, "--conf", "a=1"]).map(({ key }) => key)).toEqual(["a"]);
    expect(sparkSubmitConf("t", "--conf a=1")).toEqual([]);
  });

  test("a pipeline's configuration and each of its clusters", () => {
    expect(shown(PIPELINE, { configuration: { c: "1" }, clusters: [{ sparkConf: { d: "2" } }, { label: "maintenance", sparkEnvVars: { E: "3" } }, null] })).toEqual([
      ["Pipeline 'r'", "configuration", "c", "1"],
      ["the cluster 'default' of Pipeline 'r'", "sparkConf", "d", "2"],
      ["the cluster 'maintenance' of Pipeline 'r'", "sparkEnvVars", "E", "3"],
    ]);
  });

  test("the SQL warehouses' global settings and a workspace's configuration map", () => {
    expect(shown(SQL_GLOBAL_CONFIG, { dataAccessConfig: { a: "1" }, sqlConfigParams: { B: "2" } })).toEqual([
      ["SqlGlobalConfig 'r'", "dataAccessConfig", "a", "1"],
      ["SqlGlobalConfig 'r'", "sqlConfigParams", "B", "2"],
    ]);
    expect(shown(WORKSPACE_CONF, { customConfig: { enableIpAccessLists: "true" } })).toEqual([["WorkspaceConf 'r'", "customConfig", "enableIpAccessLists", "true"]]);
  });

  test("types without Spark settings, and settings that are not maps, give none", () => {
    expect(shown(SQL_ENDPOINT, { sparkConf: { a: "1" } })).toEqual([]);
    expect(shown(CLUSTER, { sparkConf: ["a=1"], sparkEnvVars: "A=1" })).toEqual([]);
  });

  test("a cluster policy's spark_conf and spark_env_vars attributes, in any case", () => {
    const policy = clusterPolicyDefinition(
      "p",
      { definition: JSON.stringify({ "spark_conf.a.b": { type: "fixed", value: "1" }, " SPARK_ENV_VARS.E": { type: "unlimited" }, spark_version: { type: "unlimited" } }) },
    ) as ReadablePolicy;
    expect(policySparkAttributes(policy)).toEqual([
      { path: "spark_conf.a.b", field: "spark_conf", key: "a.b", attribute: expect.objectContaining({ type: "fixed", value: "1" }) },
      { path: " SPARK_ENV_VARS.E", field: "spark_env_vars", key: "E", attribute: expect.objectContaining({ type: "unlimited" }) },
    ]);
    expect(CLUSTER_POLICY).toBe("databricks:index/clusterPolicy:ClusterPolicy");
  });
});
