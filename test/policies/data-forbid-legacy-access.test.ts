import { dataForbidLegacyAccess, findLegacyAccessViolations, legacyObjectOf } from "../../policies/rules/data-forbid-legacy-access";
import { CLUSTER, GRANTS, JOB, MOUNT, SQL_ENDPOINT, SQL_GLOBAL_CONFIG, SQL_PERMISSIONS } from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";
import { prodBatchInferenceJob, prodTrainingJob } from "./job-fixtures";

const BYPASS = "through legacy table ACLs of the Hive metastore, which bypass every Unity Catalog grant and which the access rules cannot judge.";
const REMEDY = "Use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.";

describe("data-forbid-legacy-access", () => {
  test("a SQL global config without storage access passes; Unity Catalog grants are not its business", () => {
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_GLOBAL_CONFIG, name: "sql", props: { enableServerlessCompute: true, sqlConfigParams: { ANSI_MODE: "true" } } }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_GLOBAL_CONFIG, name: "sql", props: { instanceProfileArn: " ", dataAccessConfig: {} } }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_GLOBAL_CONFIG, name: "sql", props: { dataAccessConfig: null } }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: GRANTS, props: { catalog: "prod_mlops", grants: [] } })).toEqual({
      violations: [],
      notApplicable: expect.stringContaining("Policy only applies to resources of type 'databricks:index/sqlPermissions:SqlPermissions'"),
    });
  });

  test("SELECT on ANY FILE for a reader group is refused, naming the privileges in canonical spelling", () => {
    const props = { anyFile: true, privilegeAssignments: [{ principal: " mlops-data-scientists ", privileges: ["select", "Modify"] }] };
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_PERMISSIONS, name: "any-file", props }).violations).toEqual([
      `SqlPermissions 'any-file' grants 'mlops-data-scientists' SELECT, MODIFY on ANY FILE (every file a cluster can reach, past every table ACL) ${BYPASS} ${REMEDY}`,
    ]);
  });

  test.each([
    ["a table in a database", { database: "default", table: "predictions" }, "table 'default.predictions'"],
    ["a qualified table", { database: "default", table: "other.predictions" }, "table 'other.predictions'"],
    ["a view", { view: "v_scores" }, "view 'v_scores'"],
    ["a database", { database: "prod_ml" }, "database 'prod_ml'"],
    ["the whole catalog", { catalog: true }, "CATALOG (every database of the Hive metastore)"],
    ["ANY FILE given as a string", { anyFile: "TRUE" }, "ANY FILE (every file a cluster can reach, past every table ACL)"],
    ["anonymous functions", { anonymousFunction: true }, "ANONYMOUS FUNCTION"],
    ["nothing named", { catalog: false }, "an object it does not name"],
    ["flags given as strings, only a true one counting", { catalog: "no", anyFile: " false ", anonymousFunction: " True " }, "ANONYMOUS FUNCTION"],
  ])("legacy ACLs on %s are named", (_, props, object) => {
    expect(legacyObjectOf(props)).toBe(object);
    const grants = { ...props, privilegeAssignments: [{ principal: "users", privileges: ["READ_METADATA", "usage"] }, { principal: "analysts", privileges: [] }] };
    expect(findLegacyAccessViolations(SQL_PERMISSIONS, "p", grants)).toEqual([
      `SqlPermissions 'p' grants 'users' READ_METADATA, USAGE; 'analysts' no privilege on ${object} ${BYPASS} ${REMEDY}`,
    ]);
  });

  test("assignments without a principal or with malformed privileges are still named", () => {
    const props = { database: "default", privilegeAssignments: [null, { privileges: ["select", 3] }, { principal: "analysts", privileges: "MODIFY" }] };
    expect(findLegacyAccessViolations(SQL_PERMISSIONS, "p", props)).toEqual([
      `SqlPermissions 'p' grants '(no principal)' no privilege; '(no principal)' SELECT; 'analysts' no privilege on database 'default' ${BYPASS} ${REMEDY}`,
    ]);
  });

  test("legacy ACLs with no grant are refused too: they take over the object's ACL", () => {
    expect(findLegacyAccessViolations(SQL_PERMISSIONS, "p", { catalog: true })).toEqual([
      `SqlPermissions 'p' takes over the ACL (revoking every grant) of CATALOG (every database of the Hive metastore) ${BYPASS} ${REMEDY}`,
    ]);
  });

  test.each([
    ["an S3 bucket", { name: "raw", s3: { bucketName: "prod-raw-data", instanceProfile: "arn:aws:iam::1:instance-profile/x" } }, "s3://prod-raw-data"],
    ["a URI", { name: "raw", uri: "s3a://prod-raw-data/landing" }, "s3a://prod-raw-data/landing"],
    ["storage it does not name", { name: "raw" }, "its storage"],
  ])("a DBFS mount of %s is refused", (_, props, source) => {
    expect(invokeRule(dataForbidLegacyAccess, { type: MOUNT, name: "raw-mount", props }).violations).toEqual([
      `Mount 'raw-mount' mounts ${source} into DBFS, where every user of the workspace reads and writes it with the cluster's credentials, outside Unity Catalog's grants. ${REMEDY}`,
    ]);
  });

  test.each([
    ["an instance profile", { instanceProfileArn: "arn:aws:iam::1:instance-profile/warehouses" }, "instance profile 'arn:aws:iam::1:instance-profile/warehouses'"],
    ["storage keys", { dataAccessConfig: { "spark.hadoop.fs.s3a.access.key": "{{secrets/s/k}}" } }, "data access settings spark.hadoop.fs.s3a.access.key"],
    [
      "both",
      { instanceProfileArn: "arn:aws:iam::1:instance-profile/w", dataAccessConfig: { a: "1", b: "2" } },
      "instance profile 'arn:aws:iam::1:instance-profile/w' and data access settings a, b",
    ],
  ])("storage access for every SQL warehouse through %s is refused", (_, props, given) => {
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_GLOBAL_CONFIG, name: "sql", props }).violations).toEqual([
      `SqlGlobalConfig 'sql' gives every SQL warehouse the ${given}, so every warehouse user reaches storage with them, outside Unity Catalog's grants. ${REMEDY}`,
    ]);
  });

  test("legacy ACLs and mounts whose details are unknown during preview are refused all the same, the unknown named", () => {
    class UnknownValueError extends Error {}
    const unknownAt = (keys: string[], known: Record<string, unknown> = {}) =>
      Object.defineProperties(
        { ...known },
        Object.fromEntries(
          keys.map((key) => [
            key,
            {
              enumerable: true,
              get: () => {
                throw new UnknownValueError(`value at .${key} can't be known during preview`);
              },
            },
          ]),
        ),
      );
    expect(findLegacyAccessViolations(SQL_PERMISSIONS, "p", unknownAt(["table", "privilegeAssignments"], { database: "default" }))).toEqual([
      `SqlPermissions 'p' grants privileges (unknown until apply) on table 'default.(unknown until apply)' ${BYPASS} ${REMEDY}`,
    ]);
    expect(findLegacyAccessViolations(MOUNT, "m", unknownAt(["uri", "s3"]))).toEqual([
      `Mount 'm' mounts (unknown until apply) into DBFS, where every user of the workspace reads and writes it with the cluster's credentials, outside Unity Catalog's grants. ${REMEDY}`,
    ]);
    // An instance profile decides whether SqlGlobalConfig is refused, so an unknown one fails closed.
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_GLOBAL_CONFIG, name: "sql", props: unknownAt(["instanceProfileArn"]) }).violations).toEqual([
      expect.stringMatching(/^SqlGlobalConfig 'sql' cannot be checked during preview: value at \.instanceProfileArn can't be known during preview\./),
    ]);
  });

  const PROFILE = "arn:aws:iam::123456789012:instance-profile/prod-data";
  const ROLE_TAIL = `so its code reaches storage with that AWS role, outside Unity Catalog's grants. Remove it; use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.`;

  test("the program's jobs, a cluster and a warehouse without an instance profile pass", () => {
    expect(invokeRule(dataForbidLegacyAccess, { type: JOB, name: "train", props: prodTrainingJob() }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: JOB, name: "batch", props: prodBatchInferenceJob() }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: CLUSTER, name: "c", props: { dataSecurityMode: "SINGLE_USER", awsAttributes: { availability: "SPOT", instanceProfileArn: "" } } }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_ENDPOINT, name: "w", props: { clusterSize: "2X-Small" } }).violations).toEqual([]);
  });

  test("an instance profile on an all-purpose cluster or a SQL warehouse is refused", () => {
    expect(invokeRule(dataForbidLegacyAccess, { type: CLUSTER, name: "adhoc", props: { awsAttributes: { instanceProfileArn: ` ${PROFILE} ` } } }).violations).toEqual([
      `Cluster 'adhoc' runs with instance profile '${PROFILE}' (awsAttributes.instanceProfileArn), ${ROLE_TAIL}`,
    ]);
    expect(invokeRule(dataForbidLegacyAccess, { type: SQL_ENDPOINT, name: "wh", props: { instanceProfileArn: PROFILE } }).violations).toEqual([
      `SQL warehouse 'wh' runs with instance profile '${PROFILE}' (instanceProfileArn), ${ROLE_TAIL}`,
    ]);
  });

  test("an instance profile on each kind of job cluster is refused, each named where it sits", () => {
    const withProfile = { awsAttributes: { instanceProfileArn: PROFILE } };
    const props = {
      jobClusters: [{ jobClusterKey: "shared", newCluster: withProfile }, { jobClusterKey: "plain", newCluster: { numWorkers: 1 } }, "junk"],
      tasks: [
        { taskKey: "train", newCluster: withProfile },
        { taskKey: "score", jobClusterKey: "plain" },
        { taskKey: "loop", forEachTask: { inputs: "[1,2]", task: { taskKey: "each", newCluster: withProfile } } },
        { taskKey: "loop-serverless", forEachTask: { task: { taskKey: "each-serverless" } } },
      ],
      newCluster: withProfile,
    };
    expect(invokeRule(dataForbidLegacyAccess, { type: JOB, name: "prod-mlops-training", props }).violations).toEqual(
      [
        "Job cluster 'shared' of Job 'prod-mlops-training'",
        "The cluster of task 'train' of Job 'prod-mlops-training'",
        "The cluster of the for-each task 'each' of Job 'prod-mlops-training'",
        "The cluster of Job 'prod-mlops-training'",
      ].map((where) => `${where} runs with instance profile '${PROFILE}' (awsAttributes.instanceProfileArn), ${ROLE_TAIL}`),
    );
  });
});

describe("data-forbid-legacy-access on pipeline clusters and instance pools", () => {
  const POOL = "databricks:index/instancePool:InstancePool";
  const PIPELINE = "databricks:index/pipeline:Pipeline";
  const PROFILE = "arn:aws:iam::123456789012:instance-profile/prod-data";
  const ROLE_TAIL = `so its code reaches storage with that AWS role, outside Unity Catalog's grants. Remove it; use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.`;

  test("a pipeline or pool without an instance profile passes", () => {
    expect(invokeRule(dataForbidLegacyAccess, { type: PIPELINE, name: "etl", props: { clusters: [{ label: "default", numWorkers: 1 }] } }).violations).toEqual([]);
    expect(invokeRule(dataForbidLegacyAccess, { type: POOL, name: "pool", props: { instancePoolName: "pool", awsAttributes: { availability: "SPOT" } } }).violations).toEqual([]);
  });

  test("an instance profile on a pipeline's cluster or an instance pool is refused, naming each holder", () => {
    const props = { clusters: [{ label: "default" }, { label: "maintenance", awsAttributes: { instanceProfileArn: PROFILE } }, null] };
    expect(invokeRule(dataForbidLegacyAccess, { type: PIPELINE, name: "etl", props }).violations).toEqual([
      `The cluster 'maintenance' of Pipeline 'etl' runs with instance profile '${PROFILE}' (clusters[].awsAttributes.instanceProfileArn), ${ROLE_TAIL}`,
    ]);
    expect(invokeRule(dataForbidLegacyAccess, { type: POOL, name: "pool", props: { awsAttributes: { instanceProfileArn: PROFILE } } }).violations).toEqual([
      `Instance pool 'pool' runs with instance profile '${PROFILE}' (awsAttributes.instanceProfileArn), ${ROLE_TAIL}`,
    ]);
  });
});

describe("data-forbid-legacy-access on AWS keys in Spark configuration and environment variables", () => {
  const CLUSTER_POLICY = "databricks:index/clusterPolicy:ClusterPolicy";
  const PIPELINE = "databricks:index/pipeline:Pipeline";
  const REMEDY_TAIL = "use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.";
  const CARRIES = `which hands its code an AWS credential, so it reaches storage outside Unity Catalog's grants. Remove it; ${REMEDY_TAIL}`;
  const SELECTS = `which chooses the AWS identity its code runs with, so it reaches storage outside Unity Catalog's grants. Remove it; ${REMEDY_TAIL}`;
  const REFERENCE = "{{secrets/prod-mlops/aws-secret-key}}";
  const refused = (type: string, props: Record<string, unknown>, name = "c") => invokeRule(dataForbidLegacyAccess, { type, name, props }).violations;

  test("clusters, jobs and pipelines with Spark settings that give no AWS identity pass", () => {
    const settings = { sparkConf: { "spark.databricks.cluster.profile": "singleNode", "spark.hadoop.fs.s3a.endpoint": "s3.eu-west-1.amazonaws.com" }, sparkEnvVars: { AWS_REGION: "eu-west-1" } };
    expect(refused(CLUSTER, settings)).toEqual([]);
    expect(refused(JOB, { jobClusters: [{ jobClusterKey: "k", newCluster: settings }], tasks: [{ taskKey: "s", sparkSubmitTask: { parameters: ["--conf", "spark.sql.shuffle.partitions=8"] } }] })).toEqual([]);
    expect(refused(PIPELINE, { configuration: { "pipelines.trigger.interval": "1 hour" }, clusters: [settings] })).toEqual([]);
    expect(refused(SQL_GLOBAL_CONFIG, { sqlConfigParams: { ANSI_MODE: "true" } })).toEqual([]);
  });

  test("an access key pair on an all-purpose cluster is refused, a secret reference as much as a literal, the value never shown", () => {
    const props = { sparkConf: { "spark.hadoop.fs.s3a.access.key": REFERENCE, "spark.hadoop.fs.s3a.secret.key": "wJalrXUtnFEMI/K7MDENG" } };
    expect(refused(CLUSTER, props, "adhoc")).toEqual([
      `Cluster 'adhoc' sets 'spark.hadoop.fs.s3a.access.key' (sparkConf), ${CARRIES}`,
      `Cluster 'adhoc' sets 'spark.hadoop.fs.s3a.secret.key' (sparkConf), ${CARRIES}`,
    ]);
    expect(refused(CLUSTER, props).join(" ")).not.toContain("wJalr");
  });

  test.each([
    ["a key without the spark.hadoop. prefix", { sparkConf: { "fs.s3a.session.token": REFERENCE } }, "'fs.s3a.session.token' (sparkConf)", CARRIES],
    ["a per-bucket key", { sparkConf: { "spark.hadoop.fs.s3a.bucket.prod-raw-data.secret.key": REFERENCE } }, "'spark.hadoop.fs.s3a.bucket.prod-raw-data.secret.key' (sparkConf)", CARRIES],
    ["s3n's key in another case", { sparkConf: { "SPARK.HADOOP.FS.S3N.AWSSECRETACCESSKEY": REFERENCE } }, "'SPARK.HADOOP.FS.S3N.AWSSECRETACCESSKEY' (sparkConf)", CARRIES],
    ["a key with spaces", { sparkConf: { " spark.hadoop.fs.s3a. access.key ": REFERENCE } }, "'spark.hadoop.fs.s3a. access.key' (sparkConf)", CARRIES],
    ["a credentials provider", { sparkConf: { "spark.hadoop.fs.s3a.aws.credentials.provider": "com.amazonaws.auth.EnvironmentVariableCredentialsProvider" } }, "'spark.hadoop.fs.s3a.aws.credentials.provider' (sparkConf)", SELECTS],
    ["an assumed role", { sparkConf: { "spark.hadoop.fs.s3a.assumed.role.arn": "arn:aws:iam::1:role/r" } }, "'spark.hadoop.fs.s3a.assumed.role.arn' (sparkConf)", SELECTS],
    ["an environment variable", { sparkEnvVars: { AWS_SECRET_ACCESS_KEY: REFERENCE } }, "'AWS_SECRET_ACCESS_KEY' (sparkEnvVars)", CARRIES],
    ["an environment variable set through Spark", { sparkConf: { "spark.executorEnv.AWS_ACCESS_KEY_ID": REFERENCE } }, "'spark.executorEnv.AWS_ACCESS_KEY_ID' (sparkConf)", CARRIES],
    ["the application master's environment", { sparkConf: { "spark.yarn.appMasterEnv.AWS_SESSION_TOKEN": REFERENCE } }, "'spark.yarn.appMasterEnv.AWS_SESSION_TOKEN' (sparkConf)", CARRIES],
    ["a role to assume with a web identity", { sparkEnvVars: { AWS_ROLE_ARN: "arn:aws:iam::1:role/r" } }, "'AWS_ROLE_ARN' (sparkEnvVars)", SELECTS],
    ["a profile", { sparkEnvVars: { aws_profile: "prod" } }, "'aws_profile' (sparkEnvVars)", SELECTS],
  ])("%s on a cluster is refused", (_, props, setting, effect) => {
    expect(refused(CLUSTER, props)).toEqual([`Cluster 'c' sets ${setting}, ${effect}`]);
  });

  test("each kind of job cluster and each spark-submit --conf is refused, named where it sits", () => {
    const keyed = { sparkEnvVars: { AWS_SECRET_ACCESS_KEY: REFERENCE } };
    const props = {
      jobClusters: [{ jobClusterKey: "shared", newCluster: keyed }],
      tasks: [
        { taskKey: "train", newCluster: keyed },
        { taskKey: "submit", sparkSubmitTask: { parameters: ["--conf", `spark.hadoop.fs.s3a.secret.key=${REFERENCE}`] } },
        { taskKey: "loop", forEachTask: { task: { taskKey: "each", newCluster: keyed } } },
      ],
    };
    expect(refused(JOB, props, "prod-mlops-training")).toEqual([
      `Job cluster 'shared' of Job 'prod-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars), ${CARRIES}`,
      `The cluster of task 'train' of Job 'prod-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars), ${CARRIES}`,
      `The cluster of the for-each task 'each' of Job 'prod-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars), ${CARRIES}`,
      `Task 'submit' of Job 'prod-mlops-training' sets 'spark.hadoop.fs.s3a.secret.key' (sparkSubmitTask.parameters), ${CARRIES}`,
    ]);
  });

  test("a pipeline's configuration and its clusters are refused; an instance profile and a key on one cluster give two findings", () => {
    const props = {
      configuration: { "spark.hadoop.fs.s3a.access.key": REFERENCE },
      clusters: [{ label: "default", awsAttributes: { instanceProfileArn: "arn:aws:iam::1:instance-profile/p" }, sparkEnvVars: { AWS_PROFILE: "x" } }],
    };
    expect(refused(PIPELINE, props, "etl")).toEqual([
      expect.stringMatching(/^The cluster 'default' of Pipeline 'etl' runs with instance profile/),
      `Pipeline 'etl' sets 'spark.hadoop.fs.s3a.access.key' (configuration), ${CARRIES}`,
      `The cluster 'default' of Pipeline 'etl' sets 'AWS_PROFILE' (sparkEnvVars), ${SELECTS}`,
    ]);
  });

  test("the SQL warehouses' sqlConfigParams are refused by key; dataAccessConfig stays refused whole, once", () => {
    expect(refused(SQL_GLOBAL_CONFIG, { sqlConfigParams: { "spark.hadoop.fs.s3a.secret.key": REFERENCE } }, "sql")).toEqual([
      `SqlGlobalConfig 'sql' sets 'spark.hadoop.fs.s3a.secret.key' (sqlConfigParams), ${CARRIES}`,
    ]);
    expect(refused(SQL_GLOBAL_CONFIG, { dataAccessConfig: { "spark.hadoop.fs.s3a.secret.key": REFERENCE } }, "sql")).toEqual([
      `SqlGlobalConfig 'sql' gives every SQL warehouse the data access settings spark.hadoop.fs.s3a.secret.key, so every warehouse user reaches storage with them, outside Unity Catalog's grants. ${REMEDY}`,
    ]);
  });

  const policy = (definition: Record<string, unknown>) => ({
    definition: JSON.stringify({ "aws_attributes.instance_profile_arn": { type: "forbidden" }, ...definition }),
  });
  const POLICY_TAIL = (path: string) =>
    `so clusters created under it, and job clusters that name it, reach storage outside Unity Catalog's grants. Set "${path}": {"type": "forbidden"} or remove it; ${REMEDY_TAIL}`;

  test("a cluster policy that forbids the keys it names, or names none, passes", () => {
    expect(refused(CLUSTER_POLICY, policy({ "spark_conf.spark.hadoop.fs.s3a.secret.key": { type: "forbidden" }, "spark_env_vars.AWS_REGION": { type: "fixed", value: "eu-west-1" } }))).toEqual([]);
    expect(refused(CLUSTER_POLICY, policy({}))).toEqual([]);
  });

  test.each([
    ["fixes a key, its value never shown", { "spark_conf.spark.hadoop.fs.s3a.secret.key": { type: "fixed", value: "wJalrXUtnFEMI" } }, "fixes spark_conf.spark.hadoop.fs.s3a.secret.key (fixed)", "hands its code an AWS credential"],
    ["sets a key by default", { "spark_env_vars.AWS_ACCESS_KEY_ID": { type: "unlimited", defaultValue: REFERENCE } }, "sets by default spark_env_vars.AWS_ACCESS_KEY_ID (unlimited, with a default value)", "hands its code an AWS credential"],
    ["allows a key unlimited", { "spark_conf.fs.s3a.aws.credentials.provider": { type: "unlimited" } }, "allows spark_conf.fs.s3a.aws.credentials.provider (unlimited)", "chooses the AWS identity its code runs with"],
    ["allows a key by a list", { "SPARK_ENV_VARS.aws_role_arn": { type: "allowlist", values: ["arn:aws:iam::1:role/r"] } }, "allows SPARK_ENV_VARS.aws_role_arn (allowlist)", "chooses the AWS identity its code runs with"],
  ])("a cluster policy that %s is refused", (_, definition, what, effect) => {
    const path = Object.keys(definition)[0];
    const violations = refused(CLUSTER_POLICY, policy(definition), "jobs");
    expect(violations).toEqual([`ClusterPolicy 'jobs' (definition) ${what}, which ${effect}, ${POLICY_TAIL(path)}`]);
    expect(violations.join(" ")).not.toContain("wJalr");
  });

  test("an unreadable cluster policy gets the one unreadable message, not one per judgement", () => {
    expect(refused(CLUSTER_POLICY, { definition: "{not json" }, "jobs")).toEqual([
      "ClusterPolicy 'jobs' (definition) cannot be judged: its definition is not valid JSON, so the pack cannot tell whether its clusters may run with an instance profile. Give it a JSON object of attribute rules.",
    ]);
  });

  test("a key whose value is unknown during preview is refused by its name alone; an unknown settings map fails closed", () => {
    class UnknownValueError extends Error {}
    const unknown = (key: string) =>
      Object.defineProperty({}, key, {
        enumerable: true,
        get: () => {
          throw new UnknownValueError(`value at .${key} can't be known during preview`);
        },
      });
    expect(refused(CLUSTER, { sparkConf: unknown("spark.hadoop.fs.s3a.secret.key") })).toEqual([`Cluster 'c' sets 'spark.hadoop.fs.s3a.secret.key' (sparkConf), ${CARRIES}`]);
    expect(refused(CLUSTER, unknown("sparkEnvVars"))).toEqual([expect.stringMatching(/^Cluster 'c' cannot be checked during preview: value at \.sparkEnvVars can't be known during preview\./)]);
  });
});
