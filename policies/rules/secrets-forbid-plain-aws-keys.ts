/**
 * secrets-forbid-plain-aws-keys: no AWS credential written as a literal into a cluster's Spark configuration or
 * environment variables (an all-purpose cluster, a job's clusters and spark-submit `--conf` arguments, a pipeline's
 * clusters and configuration, a cluster policy's values, the SQL warehouses' global settings, a workspace's
 * configuration map), on any stage. Only a `{{secrets/<scope>/<key>}}` reference keeps the key out of the settings.
 * Whether the stage may use such a key at all is data-forbid-legacy-access's question (refused on staging and prod);
 * this rule asks only whether the key itself sits in clear text, which is a leak on dev as much as on prod.
 */
import { forResourceTypes, readIfKnown, undecidedMessage } from "../lib/applicability";
import { awsKeyKind, isLiteralCredential } from "../lib/aws-keys";
import { clusterPolicyDefinition } from "../lib/cluster-policies";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER, CLUSTER_POLICY, JOB, PIPELINE, SQL_GLOBAL_CONFIG, WORKSPACE_CONF, typeDisplayName } from "../lib/resource-types";
import { policySparkAttributes, sparkSettingsOf } from "../lib/spark-settings";

/** Every type the rule judges: those whose inputs carry Spark configuration or environment variables. */
export const PLAIN_AWS_KEY_TYPES: readonly string[] = [CLUSTER, JOB, PIPELINE, CLUSTER_POLICY, SQL_GLOBAL_CONFIG, WORKSPACE_CONF];

/** An AWS access key id (long-term `AKIA`, temporary `ASIA`), however the key holding it is named. */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

const LEAK =
  "the AWS credential is kept in clear text in the stack's state and plan, and in the resource's settings, which every user who can view it reads. " +
  'Put it in a Databricks secret scope and write "{{secrets/<scope>/<key>}}" instead; then rotate the key, which is in the state of every earlier deployment.';

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** True when a string value holds something shaped like an access key id. */
const holdsAccessKeyId = (value: unknown): boolean => typeof value === "string" && ACCESS_KEY_ID.test(value);

/**
 * One message per setting of a cluster, job, pipeline, warehouse or workspace that writes an AWS credential as a
 * literal: a credential key (`fs.s3a.secret.key`, `AWS_SECRET_ACCESS_KEY`, ...) whose value is not a secret
 * reference, or any key whose value holds an access key id; then any other input holding an access key id. A credential key's value unknown during preview fails
 * closed (it may be a literal once known); other unknown values are skipped. The value is never shown.
 */
export function findPlainAwsKeySettings(type: string, name: string, props: Record<string, unknown>): string[] {
  const reported = new Set<unknown>();
  const settings = sparkSettingsOf(type, name, props).flatMap(({ where, field, key, value }) => {
    const credential = awsKeyKind(key) === "carries";
    const read = readIfKnown(value);
    const setting = `${capitalized(where)} sets '${key.trim()}' (${field})`;
    if (!read.known) return credential ? [undecidedMessage(`The value of '${key.trim()}' (${field}) of ${where}`, "it is unknown, so the pack cannot tell whether it is a {{secrets/<scope>/<key>}} reference")] : [];
    const literal = credential && isLiteralCredential(read.value);
    if (literal || holdsAccessKeyId(read.value)) reported.add(read.value);
    if (literal) return [`${setting} to a literal value, not a {{secrets/<scope>/<key>}} reference: ${LEAK}`];
    if (holdsAccessKeyId(read.value)) return [`${setting} to a value that holds an AWS access key id: ${LEAK}`];
    return [];
  });
  return [...settings, ...findAccessKeyIdsElsewhere(type, name, props, reported)];
}

/** Every known string in the inputs with its path (`tasks[0].notebookTask.baseParameters.key`); unknown values are skipped. */
export function knownStrings(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (typeof value !== "object" || value === null) return [];
  const isList = Array.isArray(value);
  return Object.keys(value).flatMap((key) => {
    const child = readIfKnown(() => (value as Record<string, unknown>)[key]);
    return child.known ? knownStrings(child.value, isList ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`) : [];
  });
}

/**
 * One message per other input of the resource (a job's or notebook's parameters, a tag, ...) that holds an access
 * key id: a key handed to the code is in clear text as much as one in the Spark settings. Values the Spark settings
 * already reported are left out; values unknown during preview are skipped: a key the stack creates (`aws.iam.AccessKey`) is refused by
 * identities-restrict-aws-roles, and a credential key's unknown value fails closed above.
 */
function findAccessKeyIdsElsewhere(type: string, name: string, props: Record<string, unknown>, reported: ReadonlySet<unknown>): string[] {
  return knownStrings(props)
    .filter((leaf) => holdsAccessKeyId(leaf.value) && !reported.has(leaf.value))
    .map((leaf) => `${typeDisplayName(type)} '${name}' holds an AWS access key id at ${leaf.path}: ${LEAK}`);
}

/**
 * One message per `spark_conf.<key>` or `spark_env_vars.<name>` attribute of a cluster policy whose value,
 * default or allowed values write an AWS credential as a literal: the definition is in the state and shown to
 * every user of the policy, whatever the rule's type. An unreadable definition is data-forbid-legacy-access's.
 */
export function findPlainAwsKeyPolicyValues(name: string, props: Record<string, unknown>): string[] {
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [];
  return policySparkAttributes(policy).flatMap(({ path, key, attribute }) => {
    const values: [string, unknown][] = [
      ["value", attribute.value],
      ["defaultValue", attribute.defaultValue],
      ...(Array.isArray(attribute.values) ? attribute.values.map((v): [string, unknown] => ["values", v]) : []),
    ];
    const credential = awsKeyKind(key) === "carries";
    const literal = values.filter(([, value]) => (credential && isLiteralCredential(value)) || holdsAccessKeyId(value)).map(([field]) => field);
    return literal.length === 0
      ? []
      : [`${policy.where} gives ${path.trim()} a literal ${[...new Set(literal)].join(" and ")}, not a {{secrets/<scope>/<key>}} reference: ${LEAK}`];
  });
}

/** The rule object registered in the pack. */
export const secretsForbidPlainAwsKeys: DocumentedResourcePolicy = {
  name: "secrets-forbid-plain-aws-keys",
  description: "No AWS access key, secret key or session token written as a literal into a cluster's Spark configuration or environment variables, on any stage.",
  severity: "critical",
  remediationSteps:
    "Keep the key in a Databricks secret scope and set the Spark configuration key or environment variable to " +
    '`"{{secrets/<scope>/<key>}}"`, which the cluster resolves at start; never the key itself, in a cluster, a job cluster, a ' +
    "spark-submit `--conf`, a pipeline, a cluster policy, SqlGlobalConfig or WorkspaceConf. Then rotate the key: it is in the state of " +
    "every earlier deployment. On staging and prod data-forbid-legacy-access refuses the setting even as a reference: use Unity Catalog.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "A Spark configuration entry or environment variable is a plain input: the provider does not mark it secret, so a literal " +
      "`fs.s3a.secret.key` or `AWS_SECRET_ACCESS_KEY` is stored unencrypted in the stack's state, shown by every preview and plan, and " +
      "kept in the cluster's or job's settings, which everyone who can view them reads (wrapping it in `pulumi.secret` hides it from " +
      "the state, not from the workspace). A `{{secrets/<scope>/<key>}}` reference is resolved on the cluster, so only the scope's " +
      "readers hold the key. Keys are matched by pattern in any case and spacing (per-bucket `fs.s3a.bucket.<b>.access.key`, s3n's " +
      "`awsSecretAccessKey`, `spark.executorEnv.AWS_SECRET_ACCESS_KEY`), and a value shaped like an access key id is refused under any " +
      "key and in any other input of these resources (a job's or notebook's parameters, a tag), since a key handed to the code leaks the same way. The leak is the same on every stage, so dev blocks too; whether a stage may use such a key at all is data-forbid-legacy-access's " +
      "question. Messages name the key and the resource, never the value.",
    controls: [],
  },
  validateResource: forResourceTypes(PLAIN_AWS_KEY_TYPES, (args, reportViolation) => {
    const messages = args.type === CLUSTER_POLICY ? findPlainAwsKeyPolicyValues(args.name, args.props) : findPlainAwsKeySettings(args.type, args.name, args.props);
    for (const message of messages) reportViolation(message);
  }),
};
