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
