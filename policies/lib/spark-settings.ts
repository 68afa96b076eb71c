/**
 * Every Spark configuration entry and environment variable a resource gives its clusters, wherever it sits: the
 * cluster specifications `clusterSpecsOf` walks (an all-purpose cluster, a job's clusters), a pipeline's clusters and
 * its `configuration` (Spark configuration of the pipeline), `--conf` arguments of a job's spark-submit tasks,
 * the warehouse-wide settings of `SqlGlobalConfig` and a `WorkspaceConf` map. Values are read only when a rule asks,
 * so a value unknown during preview stops only the rule that needs it.
 */
import { clusterSpecsOf } from "./cluster-specs";
import type { PolicyAttribute, ReadablePolicy } from "./cluster-policies";
import { listOf, objectOf, stringOf } from "./jobs";
import { JOB, PIPELINE, SQL_GLOBAL_CONFIG, WORKSPACE_CONF } from "./resource-types";

/** One entry of a settings map, and where it is declared, for messages. */
export interface SparkSetting {
  /** e.g. `the cluster of task 'train' of Job 'prod-mlops-training'`. */
  where: string;
  /** The input that holds it: `sparkConf`, `sparkEnvVars`, `configuration`, `sparkSubmitTask.parameters`, ... */
  field: string;
  /** The key or variable name as written. */
  key: string;
  /** The value; reading it throws the SDK's UnknownValueError when it is unknown during preview. */
  value: () => unknown;
}

/** Each entry of a map input (keys are always known; values are read on demand). */
function entriesOf(where: string, field: string, map: unknown): SparkSetting[] {
  const holder = objectOf(map);
  return Object.keys(holder).map((key) => ({ where, field, key, value: () => holder[key] }));
}

/** The Spark configuration and environment variables of one cluster specification. */
function clusterEntries(where: string, spec: Record<string, unknown>): SparkSetting[] {
  return [...entriesOf(where, "sparkConf", spec.sparkConf), ...entriesOf(where, "sparkEnvVars", spec.sparkEnvVars)];
}

/**
 * The `--conf key=value` (or `--conf=key=value`, `-c key=value`) arguments of a spark-submit task's parameters:
 * Spark configuration given on the command line instead of the cluster.
 */
export function sparkSubmitConf(where: string, parameters: unknown): SparkSetting[] {
  const args = listOf(parameters).map((arg) => stringOf(arg) ?? "");
  const settings: SparkSetting[] = [];
  args.forEach((arg, index) => {
    // `--conf k=v` written as one argument does not configure Spark, but its value sits in the settings all the same.
    const inline = /^(?:--conf|-c)(?:=|\s+)(\S[\s\S]*)$/.exec(arg.trim())?.[1];
    const pair = inline ?? (arg.trim() === "--conf" || arg.trim() === "-c" ? args[index + 1] : undefined);
    if (pair === undefined) return;
    const split = pair.indexOf("=");
    const key = split < 0 ? pair : pair.slice(0, split);
    settings.push({ where, field: "sparkSubmitTask.parameters", key, value: () => (split < 0 ? "" : pair.slice(split + 1)) });
  });
  return settings;
}

/** The spark-submit tasks of a job, the inner task of a for-each task and the deprecated top-level task included. */
function sparkSubmitEntries(job: string, props: Record<string, unknown>): SparkSetting[] {
  const topLevel = sparkSubmitConf(job, objectOf(props.sparkSubmitTask).parameters);
  return [...topLevel, ...listOf(props.tasks).flatMap((raw) => {
    const task = objectOf(raw);
    const inner = objectOf(objectOf(task.forEachTask).task);
    return [
      ...sparkSubmitConf(`task '${String(task.taskKey)}' of ${job}`, objectOf(task.sparkSubmitTask).parameters),
      ...sparkSubmitConf(`the for-each task '${String(inner.taskKey)}' of ${job}`, objectOf(inner.sparkSubmitTask).parameters),
    ];
  })];
}

/** Every Spark configuration entry and environment variable the resource declares; none for types without them. */
export function sparkSettingsOf(type: string, name: string, props: Record<string, unknown>): SparkSetting[] {
  if (type === PIPELINE) {
    const pipeline = `Pipeline '${name}'`;
    return [
      ...entriesOf(pipeline, "configuration", props.configuration),
      ...listOf(props.clusters).flatMap((cluster) => clusterEntries(`the cluster '${String(objectOf(cluster).label ?? "default")}' of ${pipeline}`, objectOf(cluster))),
    ];
  }
  if (type === SQL_GLOBAL_CONFIG) {
    const where = `SqlGlobalConfig '${name}'`;
    return [...entriesOf(where, "dataAccessConfig", props.dataAccessConfig), ...entriesOf(where, "sqlConfigParams", props.sqlConfigParams)];
  }
  if (type === WORKSPACE_CONF) return entriesOf(`WorkspaceConf '${name}'`, "customConfig", props.customConfig);
  const specs = clusterSpecsOf(type, name, props).flatMap(({ where, spec }) => clusterEntries(where, spec));
  return type === JOB ? [...specs, ...sparkSubmitEntries(`Job '${name}'`, props)] : specs;
}

/** One attribute of a cluster policy that sets or opens a Spark configuration key or environment variable. */
export interface PolicySparkAttribute {
  /** The attribute path as written, e.g. `spark_conf.spark.hadoop.fs.s3a.access.key`. */
  path: string;
  /** `spark_conf` or `spark_env_vars`. */
  field: string;
  /** The configuration key or variable name after the field. */
  key: string;
  attribute: PolicyAttribute;
}

/** The `spark_conf.<key>` and `spark_env_vars.<name>` attributes of a readable cluster policy definition. */
export function policySparkAttributes(policy: ReadablePolicy): PolicySparkAttribute[] {
  return Object.entries(policy.attributes).flatMap(([path, attribute]) => {
    const match = /^\s*(spark_conf|spark_env_vars)\.(.+)$/i.exec(path);
    return match === null ? [] : [{ path, field: match[1].toLowerCase(), key: match[2], attribute }];
  });
}
