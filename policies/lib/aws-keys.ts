/**
 * Which Spark configuration keys and environment variables give a cluster's code an AWS identity of its own,
 * and whether a value is a Databricks secret reference. Matched by pattern, in any case and spacing, since the
 * family is open: Hadoop's S3 connectors take per-bucket forms (`fs.s3a.bucket.<bucket>.access.key`), Spark
 * passes an environment variable through configuration (`spark.executorEnv.<NAME>`, `spark.yarn.appMasterEnv.<NAME>`),
 * and the AWS SDKs read several variables besides the key pair.
 */

/**
 * What a setting does with an AWS identity: `carries` a credential (an access key, secret key or session token:
 * its value is the secret) or `selects` one (a credentials provider class, a role to assume, a profile, a file of
 * keys, a token file: its value names where the identity comes from).
 */
export type AwsKeyKind = "carries" | "selects";

/** A Hadoop S3 connector key (`fs.s3a.`, `fs.s3n.`, `fs.s3.`), after any prefix such as `spark.hadoop.`. */
const S3_CONNECTOR = /(^|\.)fs\.s3[an]?\./;
/** Connector keys whose value is a credential: `access.key`, `secret.key`, `session.token`, s3n's `awsAccessKeyId`, ... */
const S3_CARRIES = /(access\.key|secret\.key|session\.token|awsaccesskeyid|awssecretaccesskey)$/;
/** Connector keys that choose the identity: the credentials provider, an assumed role, a credential store. */
const S3_SELECTS = /(credentials\.provider|credentialstype|assumed\.role\.[a-z.]+|stsassumerole\.[a-z.]+|credential\.provider\.path)$/;
/** Hadoop's credential store for every connector, which can hold the S3 keys. */
const HADOOP_CREDENTIAL_STORE = /(^|\.)hadoop\.security\.credential\.provider\.path$/;

/** AWS SDK variables whose value is a credential (not a path to one). */
const ENV_CARRIES = /^aws_\w*(access_key|secret|token)\w*$/;
/** AWS SDK variables that choose where the identity comes from: a role, a profile, a credentials or token file, a container endpoint. */
const ENV_SELECTS = /^aws_\w*(role|profile|credential|config_file|identity|container)\w*$/;

/** A key or variable name as the rules compare it: lower case, without whitespace anywhere. */
export const normalizedKey = (key: string): string => key.replace(/\s+/g, "").toLowerCase();

/** What an environment variable name does with an AWS identity, if anything. */
function envKind(name: string): AwsKeyKind | undefined {
  if (!name.startsWith("aws_")) return undefined;
  if (ENV_CARRIES.test(name) && !name.endsWith("_file")) return "carries";
  if (ENV_CARRIES.test(name) || ENV_SELECTS.test(name)) return "selects";
  return undefined;
}

/**
 * What a Spark configuration key or environment variable name does with an AWS identity, or undefined when it
 * does nothing with one. A configuration key's last segment is read as a variable name too, which covers
 * `spark.executorEnv.AWS_SECRET_ACCESS_KEY` and its kin.
 */
export function awsKeyKind(key: string): AwsKeyKind | undefined {
  const name = normalizedKey(key);
  if (S3_CONNECTOR.test(name)) {
    if (S3_CARRIES.test(name)) return "carries";
    if (S3_SELECTS.test(name)) return "selects";
  }
  if (HADOOP_CREDENTIAL_STORE.test(name)) return "selects";
  return envKind(name.slice(name.lastIndexOf(".") + 1));
}

/** `{{secrets/<scope>/<key>}}`, the whole value: Databricks resolves it on the cluster, so the key never sits in the settings. */
const SECRET_REFERENCE = /^\{\{secrets\/[^/{}\s]+\/[^/{}\s]+\}\}$/;

/** True when a value is exactly a Databricks secret reference. */
export const isSecretReference = (value: unknown): boolean => typeof value === "string" && SECRET_REFERENCE.test(value);

/** True when a value would put a credential in the settings: anything but a secret reference, an empty string or no value. */
export const isLiteralCredential = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "") && !isSecretReference(value);
