import * as fs from "fs";
import * as path from "path";
import { findPlainAwsKeySettings, secretsForbidPlainAwsKeys } from "../../policies/rules/secrets-forbid-plain-aws-keys";
import { CLUSTER, CLUSTER_POLICY, GRANTS, JOB, PIPELINE, SQL_GLOBAL_CONFIG, WORKSPACE_CONF } from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";
import { prodBatchInferenceJob, prodTrainingJob } from "./job-fixtures";

const LEAK =
  "the AWS credential is kept in clear text in the stack's state and plan, and in the resource's settings, which every user who can view it reads. " +
  'Put it in a Databricks secret scope and write "{{secrets/<scope>/<key>}}" instead; then rotate the key, which is in the state of every earlier deployment.';
const LITERAL = `to a literal value, not a {{secrets/<scope>/<key>}} reference: ${LEAK}`;
/** A secret key and an access key id in the shape AWS documents for examples; never to be shown in a message. */
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const REFERENCE = "{{secrets/dev-mlops/aws-secret-key}}";

const judge = (type: string, props: Record<string, unknown>, name = "c") => {
  const { violations } = invokeRule(secretsForbidPlainAwsKeys, { type, name, props });
  for (const message of violations) expect([message.includes(SECRET_KEY), message.includes(KEY_ID)]).toEqual([false, false]);
  return violations;
};

describe("secrets-forbid-plain-aws-keys", () => {
  test("the program's jobs, secret references, empty values and keys that carry no credential pass; other types are not its business", () => {
    expect(judge(JOB, prodTrainingJob())).toEqual([]);
    expect(judge(JOB, prodBatchInferenceJob())).toEqual([]);
    const referenced = {
      sparkConf: { "spark.hadoop.fs.s3a.access.key": REFERENCE, "spark.hadoop.fs.s3a.secret.key": REFERENCE, "spark.hadoop.fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider" },
      sparkEnvVars: { AWS_SECRET_ACCESS_KEY: REFERENCE, AWS_SESSION_TOKEN: "", AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/r", AWS_REGION: "eu-west-1" },
    };
    expect(judge(CLUSTER, referenced)).toEqual([]);
    expect(invokeRule(secretsForbidPlainAwsKeys, { type: GRANTS, props: {} }).notApplicable).toEqual(expect.stringContaining("Policy only applies to resources of type"));
  });

  test.each([
    ["a secret key", { sparkConf: { "spark.hadoop.fs.s3a.secret.key": SECRET_KEY } }, "'spark.hadoop.fs.s3a.secret.key' (sparkConf)"],
    ["an access key id", { sparkConf: { "spark.hadoop.fs.s3a.access.key": KEY_ID } }, "'spark.hadoop.fs.s3a.access.key' (sparkConf)"],
    ["a key without the spark.hadoop. prefix", { sparkConf: { "fs.s3a.session.token": "FwoGZXIvYXdzEJr" } }, "'fs.s3a.session.token' (sparkConf)"],
    ["a per-bucket key", { sparkConf: { "spark.hadoop.fs.s3a.bucket.dev-raw.secret.key": SECRET_KEY } }, "'spark.hadoop.fs.s3a.bucket.dev-raw.secret.key' (sparkConf)"],
    ["s3n's key", { sparkConf: { "spark.hadoop.fs.s3n.awsSecretAccessKey": SECRET_KEY } }, "'spark.hadoop.fs.s3n.awsSecretAccessKey' (sparkConf)"],
    ["a key in another case and spacing", { sparkConf: { " SPARK.HADOOP.FS.S3A.SECRET .KEY": SECRET_KEY } }, "'SPARK.HADOOP.FS.S3A.SECRET .KEY' (sparkConf)"],
    ["an environment variable", { sparkEnvVars: { AWS_SECRET_ACCESS_KEY: SECRET_KEY } }, "'AWS_SECRET_ACCESS_KEY' (sparkEnvVars)"],
    ["an environment variable in lower case", { sparkEnvVars: { aws_secret_access_key: SECRET_KEY } }, "'aws_secret_access_key' (sparkEnvVars)"],
    ["an executor's environment variable set through Spark", { sparkConf: { "spark.executorEnv.AWS_SECRET_ACCESS_KEY": SECRET_KEY } }, "'spark.executorEnv.AWS_SECRET_ACCESS_KEY' (sparkConf)"],
    ["the application master's environment", { sparkConf: { "spark.yarn.appMasterEnv.AWS_SESSION_TOKEN": "FwoGZXIvYXdzEJr" } }, "'spark.yarn.appMasterEnv.AWS_SESSION_TOKEN' (sparkConf)"],
    ["a reference with text around it", { sparkEnvVars: { AWS_SECRET_ACCESS_KEY: `${REFERENCE} ` } }, "'AWS_SECRET_ACCESS_KEY' (sparkEnvVars)"],
    ["a value that is not text", { sparkEnvVars: { AWS_ACCESS_KEY_ID: 12345 } }, "'AWS_ACCESS_KEY_ID' (sparkEnvVars)"],
  ])("%s written as a literal on a cluster is refused, the value never shown", (_, props, setting) => {
    expect(judge(CLUSTER, props, "dev-adhoc")).toEqual([`Cluster 'dev-adhoc' sets ${setting} ${LITERAL}`]);
  });

  test("an access key id under any other key is refused, wherever it sits in the value", () => {
    expect(judge(CLUSTER, { sparkEnvVars: { MY_KEYS: `id=${KEY_ID};` }, sparkConf: { "spark.app.name": "x" } })).toEqual([
      `Cluster 'c' sets 'MY_KEYS' (sparkEnvVars) to a value that holds an AWS access key id: ${LEAK}`,
    ]);
  });

  test("an access key id handed to the code in any other input is refused by its path; a value the Spark settings report is not reported again", () => {
    const props = {
      tags: { owner: "mlops" },
      tasks: [
        { taskKey: "train", notebookTask: { notebookPath: "training/notebooks/Train", baseParameters: { aws_key: "ASIAIOSFODNN7EXAMPLE" } } },
        { taskKey: "score", newCluster: { sparkEnvVars: { AWS_ACCESS_KEY_ID: KEY_ID } }, sparkPythonTask: { pythonFile: "score.py", parameters: ["--key", `${KEY_ID}`] } },
      ],
    };
    expect(judge(JOB, props, "dev-mlops-training")).toEqual([
      `The cluster of task 'score' of Job 'dev-mlops-training' sets 'AWS_ACCESS_KEY_ID' (sparkEnvVars) ${LITERAL}`,
      `Job 'dev-mlops-training' holds an AWS access key id at tasks[0].notebookTask.baseParameters.aws_key: ${LEAK}`,
    ]);
    expect(judge(PIPELINE, { tags: { k: `key ${KEY_ID}` } }, "etl")).toEqual([`Pipeline 'etl' holds an AWS access key id at tags.k: ${LEAK}`]);
  });

  test("an input unknown during preview is skipped by the search for access key ids", () => {
    class UnknownValueError extends Error {}
    const tags = Object.defineProperty({ known: KEY_ID }, "later", {
      enumerable: true,
      get: () => {
        throw new UnknownValueError("value at .tags.later can't be known during preview");
      },
    });
    expect(findPlainAwsKeySettings(JOB, "j", { tags })).toEqual([`Job 'j' holds an AWS access key id at tags.known: ${LEAK}`]);
  });

  test("each kind of job cluster and a spark-submit --conf are refused, named where they sit", () => {
    const keyed = { sparkEnvVars: { AWS_SECRET_ACCESS_KEY: SECRET_KEY } };
    const props = {
      jobClusters: [{ jobClusterKey: "shared", newCluster: keyed }],
      tasks: [
        { taskKey: "train", newCluster: keyed },
        { taskKey: "submit", sparkSubmitTask: { parameters: ["--conf", `spark.hadoop.fs.s3a.secret.key=${SECRET_KEY}`, `--conf=spark.hadoop.fs.s3a.access.key=${REFERENCE}`] } },
        { taskKey: "loop", forEachTask: { task: { taskKey: "each", newCluster: keyed } } },
      ],
      newCluster: keyed,
    };
    expect(judge(JOB, props, "dev-mlops-training")).toEqual([
      `Job cluster 'shared' of Job 'dev-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars) ${LITERAL}`,
      `The cluster of task 'train' of Job 'dev-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars) ${LITERAL}`,
      `The cluster of the for-each task 'each' of Job 'dev-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars) ${LITERAL}`,
      `The cluster of Job 'dev-mlops-training' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars) ${LITERAL}`,
      `Task 'submit' of Job 'dev-mlops-training' sets 'spark.hadoop.fs.s3a.secret.key' (sparkSubmitTask.parameters) ${LITERAL}`,
    ]);
  });

  test("a pipeline's configuration and clusters, the warehouses' settings and a workspace's configuration map are refused", () => {
    expect(judge(PIPELINE, { configuration: { "spark.hadoop.fs.s3a.secret.key": SECRET_KEY }, clusters: [{ label: "default", sparkEnvVars: { AWS_SECRET_ACCESS_KEY: SECRET_KEY } }] }, "etl")).toEqual([
      `Pipeline 'etl' sets 'spark.hadoop.fs.s3a.secret.key' (configuration) ${LITERAL}`,
      `The cluster 'default' of Pipeline 'etl' sets 'AWS_SECRET_ACCESS_KEY' (sparkEnvVars) ${LITERAL}`,
    ]);
    expect(judge(SQL_GLOBAL_CONFIG, { dataAccessConfig: { "spark.hadoop.fs.s3a.secret.key": SECRET_KEY }, sqlConfigParams: { "fs.s3a.access.key": KEY_ID } }, "sql")).toEqual([
      `SqlGlobalConfig 'sql' sets 'spark.hadoop.fs.s3a.secret.key' (dataAccessConfig) ${LITERAL}`,
      `SqlGlobalConfig 'sql' sets 'fs.s3a.access.key' (sqlConfigParams) ${LITERAL}`,
    ]);
    expect(judge(WORKSPACE_CONF, { customConfig: { "spark.hadoop.fs.s3a.secret.key": SECRET_KEY, enableIpAccessLists: "true" } }, "conf")).toEqual([
      `WorkspaceConf 'conf' sets 'spark.hadoop.fs.s3a.secret.key' (customConfig) ${LITERAL}`,
    ]);
  });

  const policy = (definition: Record<string, unknown>) => ({ definition: JSON.stringify(definition) });

  test("a cluster policy that fixes, defaults or allows only references, or forbids the key, passes; an unreadable one is the legacy rule's", () => {
    expect(
      judge(CLUSTER_POLICY, policy({
        "spark_conf.spark.hadoop.fs.s3a.secret.key": { type: "fixed", value: REFERENCE },
        "spark_env_vars.AWS_ACCESS_KEY_ID": { type: "allowlist", values: [REFERENCE], defaultValue: REFERENCE },
        "spark_env_vars.AWS_SESSION_TOKEN": { type: "forbidden" },
        "spark_env_vars.AWS_ROLE_ARN": { type: "fixed", value: "arn:aws:iam::123456789012:role/r" },
      })),
    ).toEqual([]);
    expect(judge(CLUSTER_POLICY, { definition: "{not json" })).toEqual([]);
  });

  test.each([
    ["a fixed value", { "spark_conf.spark.hadoop.fs.s3a.secret.key": { type: "fixed", value: SECRET_KEY } }, "spark_conf.spark.hadoop.fs.s3a.secret.key a literal value"],
    ["a default", { "spark_env_vars.AWS_SECRET_ACCESS_KEY": { type: "unlimited", defaultValue: SECRET_KEY } }, "spark_env_vars.AWS_SECRET_ACCESS_KEY a literal defaultValue"],
    ["allowed values", { "SPARK_ENV_VARS.aws_access_key_id": { type: "allowlist", values: [REFERENCE, KEY_ID], defaultValue: KEY_ID } }, "SPARK_ENV_VARS.aws_access_key_id a literal defaultValue and values"],
    ["a forbidden attribute that still spells the key", { "spark_conf.fs.s3a.access.key": { type: "forbidden", value: KEY_ID } }, "spark_conf.fs.s3a.access.key a literal value"],
    ["an access key id under another key", { "spark_env_vars.MY_KEYS": { type: "fixed", value: `id=${KEY_ID}` } }, "spark_env_vars.MY_KEYS a literal value"],
  ])("a cluster policy with %s is refused, the value never shown", (_, definition, what) => {
    expect(judge(CLUSTER_POLICY, policy(definition), "jobs")).toEqual([`ClusterPolicy 'jobs' (definition) gives ${what}, not a {{secrets/<scope>/<key>}} reference: ${LEAK}`]);
  });

  test("a credential's value unknown during preview fails closed, naming the key; other unknown values are skipped", () => {
    class UnknownValueError extends Error {}
    const withUnknown = (known: Record<string, unknown>, key: string) =>
      Object.defineProperty({ ...known }, key, {
        enumerable: true,
        get: () => {
          throw new UnknownValueError(`value at .sparkConf.${key} can't be known during preview`);
        },
      });
    expect(findPlainAwsKeySettings(CLUSTER, "c", { sparkConf: withUnknown({ "spark.app.name": "x" }, "spark.hadoop.fs.s3a.secret.key") })).toEqual([
      "The value of 'spark.hadoop.fs.s3a.secret.key' (sparkConf) of Cluster 'c' cannot be checked during preview: it is unknown, so the pack cannot tell whether it is a " +
        "{{secrets/<scope>/<key>}} reference. This rule fails closed on unknown values: make the value known at preview time (a literal or an input of another resource, " +
        "not a provider-computed output), or preview again once the resource it comes from exists.",
    ]);
    expect(findPlainAwsKeySettings(CLUSTER, "c", { sparkConf: withUnknown({}, "spark.app.name") })).toEqual([]);
  });
});

test("the shipped policy configs block a plain AWS key on every stage, dev included, like the other credential leaks", () => {
  const levelOn = (stage: string) => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, `../../policies/config/${stage}.json`), "utf8")) as Record<string, unknown>;
    const entry = config["secrets-forbid-plain-aws-keys"];
    const own = typeof entry === "string" ? entry : (entry as { enforcementLevel?: string } | undefined)?.enforcementLevel;
    return own ?? config.all;
  };
  expect(["dev", "staging", "prod"].map(levelOn)).toEqual(["mandatory", "mandatory", "mandatory"]);
});
