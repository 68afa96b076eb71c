/**
 * data-forbid-legacy-access: a stage's stack opens no path to data outside Unity Catalog. The access model is
 * Unity Catalog only: every grant the pack judges is a Unity Catalog grant. Legacy table ACLs on the Hive
 * metastore (`SqlPermissions`, including `ANY FILE`, which reads every file a cluster can reach, and the whole
 * `CATALOG`), DBFS mounts (every user of the workspace reads and writes a mount through the cluster's
 * credentials), an instance profile or storage configuration for every SQL warehouse (`SqlGlobalConfig`), and an
 * instance profile on a cluster, a job's cluster or a SQL warehouse (its code uses the AWS role directly) each give
 * access that no Unity Catalog grant shows and access-restrict-principals cannot judge. So does an AWS key or identity
 * in a cluster's Spark configuration or environment variables (`fs.s3a.*access.key`, `fs.s3a.aws.credentials.provider`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_ROLE_ARN`, ..., in a cluster, job cluster, spark-submit `--conf`, pipeline, cluster
 * policy or the warehouses' `sqlConfigParams`): this rule owns that harm, a secret reference as much as a literal;
 * secrets-forbid-plain-aws-keys owns the key written in clear text.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import { normalizePrivilege } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { clusterSpecsOf } from "../lib/cluster-specs";
import { clusterPolicyDefinition, describeRule, ruleTypeOf, unreadableMessage } from "../lib/cluster-policies";
import { awsKeyKind, type AwsKeyKind } from "../lib/aws-keys";
import { policySparkAttributes, sparkSettingsOf } from "../lib/spark-settings";
import { CLUSTER, CLUSTER_POLICY, INSTANCE_POOL, JOB, MOUNT, PIPELINE, SQL_ENDPOINT, SQL_GLOBAL_CONFIG, SQL_PERMISSIONS } from "../lib/resource-types";

/** Every type the rule judges. */
export const LEGACY_ACCESS_TYPES: readonly string[] = [SQL_PERMISSIONS, MOUNT, SQL_GLOBAL_CONFIG, CLUSTER, JOB, SQL_ENDPOINT, PIPELINE, INSTANCE_POOL, CLUSTER_POLICY];

/** The cluster policy attribute that gives a cluster an AWS role. */
export const POLICY_INSTANCE_PROFILE = "aws_attributes.instance_profile_arn";

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const isSet = (value: unknown): boolean => value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");

/** How a value unknown during preview is shown; SqlPermissions and Mount are refused whatever their values. */
export const UNKNOWN = "(unknown until apply)";

/**
 * The inputs a message of a resource refused whatever its values shows, read one by one, with each value unknown
 * during preview replaced by UNKNOWN, so an unknown detail names itself instead of turning the finding into a
 * "cannot be checked" one.
 */
export function knownForMessage(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of keys) {
    const read = readIfKnown(() => props[key]);
    view[key] = read.known ? read.value : UNKNOWN;
  }
  return view;
}

/** The Hive metastore object a `SqlPermissions` governs, as its inputs name it. */
export function legacyObjectOf(props: Record<string, unknown>): string {
  const database = text(props.database);
  const qualified = (name: string) => (database === undefined || name.includes(".") ? name : `${database}.${name}`);
  const table = text(props.table);
  if (table !== undefined) return `table '${qualified(table)}'`;
  const view = text(props.view);
  if (view !== undefined) return `view '${qualified(view)}'`;
  if (database !== undefined) return `database '${database}'`;
  if (isSet(props.catalog)) return "CATALOG (every database of the Hive metastore)";
  if (isSet(props.anyFile)) return "ANY FILE (every file a cluster can reach, past every table ACL)";
  if (isSet(props.anonymousFunction)) return "ANONYMOUS FUNCTION";
  return "an object it does not name";
}

/** Each principal of a `SqlPermissions` with its privileges in canonical spelling: `'analysts' SELECT, MODIFY`. */
export function legacyGrantsOf(props: Record<string, unknown>): string[] {
  if (props.privilegeAssignments === UNKNOWN) return [`privileges ${UNKNOWN}`];
  const assignments = Array.isArray(props.privilegeAssignments) ? (props.privilegeAssignments as Record<string, unknown>[]) : [];
  return assignments.map((assignment) => {
    const principal = text(assignment?.principal) ?? "(no principal)";
    const privileges = Array.isArray(assignment?.privileges) ? assignment.privileges.filter((p): p is string => typeof p === "string").map(normalizePrivilege) : [];
    return `'${principal}' ${privileges.length > 0 ? privileges.join(", ") : "no privilege"}`;
  });
}

/** Where a mount's storage is, as far as its inputs say. */
function mountSource(props: Record<string, unknown>): string {
  const uri = text(props.uri);
  if (uri !== undefined) return uri;
  const s3 = props.s3 as Record<string, unknown> | undefined;
  const bucket = text(s3?.bucketName);
  if (bucket !== undefined) return `s3://${bucket}`;
  return "its storage";
}

const REMEDY = "Use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.";

/**
 * A message per cluster specification (or SQL warehouse) that runs with an instance profile: its code reaches
 * storage with that AWS role whatever the grants say.
 */
export function findInstanceProfileViolations(type: string, name: string, props: Record<string, unknown>): string[] {
  const awsArn = (holder: unknown) => (holder as { awsAttributes?: Record<string, unknown> } | null | undefined)?.awsAttributes?.instanceProfileArn;
  const holders =
    type === SQL_ENDPOINT
      ? [{ where: `SQL warehouse '${name}'`, arn: props.instanceProfileArn, field: "instanceProfileArn" }]
      : type === INSTANCE_POOL
        ? [{ where: `instance pool '${name}'`, arn: awsArn(props), field: "awsAttributes.instanceProfileArn" }]
        : type === PIPELINE
          ? (Array.isArray(props.clusters) ? props.clusters : []).map((cluster: unknown) => ({
              where: `the cluster '${String((cluster as { label?: unknown } | null)?.label ?? "default")}' of Pipeline '${name}'`,
              arn: awsArn(cluster),
              field: "clusters[].awsAttributes.instanceProfileArn",
            }))
          : clusterSpecsOf(type, name, props).map(({ where, spec }) => ({
          where,
          arn: (spec.awsAttributes as Record<string, unknown> | undefined)?.instanceProfileArn,
          field: "awsAttributes.instanceProfileArn",
        }));
  return holders
    .filter(({ arn }) => text(arn) !== undefined)
    .map(
      ({ where, arn, field }) =>
        `${where.charAt(0).toUpperCase()}${where.slice(1)} runs with instance profile '${text(arn)}' (${field}), so its code reaches storage with ` +
        `that AWS role, outside Unity Catalog's grants. Remove it; ${REMEDY.charAt(0).toLowerCase()}${REMEDY.slice(1)}`,
    );
}

/**
 * A message when a cluster policy lets its clusters run with an instance profile: it fixes one, or leaves the
 * attribute open (unlimited when the definition does not name it), so whoever uses the policy, or a job cluster
 * that names it, gets an AWS role. Only `{"type": "forbidden"}` closes it.
 */
export function findPolicyInstanceProfileViolations(name: string, props: Record<string, unknown>): string[] {
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [unreadableMessage(policy, "run with an instance profile")];
  const attribute = policy.attributes[POLICY_INSTANCE_PROFILE];
  if (ruleTypeOf(attribute) === "forbidden") return [];
  const verb = ruleTypeOf(attribute) === "fixed" ? "fixes" : "leaves open";
  return [
    `${policy.where} ${verb} ${POLICY_INSTANCE_PROFILE} (${describeRule(attribute)}), so clusters created under it, and job clusters that name it, ` +
      `reach storage with an AWS role outside Unity Catalog's grants. Set "${POLICY_INSTANCE_PROFILE}": {"type": "forbidden"}; ` +
      `${REMEDY.charAt(0).toLowerCase()}${REMEDY.slice(1)}`,
  ];
}

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What a message says a setting does, by its kind. */
const AWS_KEY_EFFECT: Readonly<Record<AwsKeyKind, string>> = {
  carries: "hands its code an AWS credential",
  selects: "chooses the AWS identity its code runs with",
};

/**
 * A message per Spark configuration entry or environment variable that gives a cluster's code an AWS identity
 * (an access key, a credentials provider, a role, a profile): its code reaches S3 as that identity whatever
 * the grants say, a secret reference as much as a literal. Names the key and where it sits, never the value.
 * The data access settings of `SqlGlobalConfig` are left out: its own check refuses them whole, naming each key.
 */
export function findAwsKeySettingViolations(type: string, name: string, props: Record<string, unknown>): string[] {
  return sparkSettingsOf(type, name, props)
    .filter(({ field }) => field !== "dataAccessConfig")
    .flatMap(({ where, field, key }) => {
      const kind = awsKeyKind(key);
      return kind === undefined
        ? []
        : [`${capitalized(where)} sets '${key.trim()}' (${field}), which ${AWS_KEY_EFFECT[kind]}, so it reaches storage outside Unity Catalog's grants. Remove it; ${REMEDY.charAt(0).toLowerCase()}${REMEDY.slice(1)}`];
    });
}

/**
 * A message per `spark_conf.<key>` or `spark_env_vars.<name>` attribute of a cluster policy that fixes, defaults
 * or allows an AWS key setting: clusters under the policy get it. Only `{"type": "forbidden"}` closes one. A
 * definition that does not name such a key leaves it open like any attribute, but the family is open-ended (per
 * bucket, per variable), so no definition can close it; the clusters are judged themselves (docs: Known limits).
 * An unreadable definition has its message from `findPolicyInstanceProfileViolations`.
 */
export function findPolicyAwsKeyViolations(name: string, props: Record<string, unknown>): string[] {
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [];
  return policySparkAttributes(policy).flatMap(({ path, key, attribute }) => {
    const kind = awsKeyKind(key);
    const type = ruleTypeOf(attribute);
    if (kind === undefined || type === "forbidden") return [];
    const verb = type === "fixed" ? "fixes" : attribute.defaultValue !== undefined ? "sets by default" : "allows";
    return [
      `${policy.where} ${verb} ${path.trim()} (${type}${attribute.defaultValue !== undefined ? ", with a default value" : ""}), which ${AWS_KEY_EFFECT[kind]}, so clusters ` +
        `created under it, and job clusters that name it, reach storage outside Unity Catalog's grants. Set "${path.trim()}": {"type": "forbidden"} or remove it; ` +
        `${REMEDY.charAt(0).toLowerCase()}${REMEDY.slice(1)}`,
    ];
  });
}

/** Every message for a resource of a checked type: its legacy paths, then its AWS key settings. */
export function findLegacyAccessViolations(type: string, name: string, props: Record<string, unknown>): string[] {
  const keys = type === CLUSTER_POLICY ? findPolicyAwsKeyViolations(name, props) : findAwsKeySettingViolations(type, name, props);
  return [...findLegacyPathViolations(type, name, props), ...keys];
}

/** The one message for a resource of a checked type, or none when it opens no legacy path. */
function findLegacyPathViolations(type: string, name: string, props: Record<string, unknown>): string[] {
  if (type === CLUSTER_POLICY) return findPolicyInstanceProfileViolations(name, props);
  if (type === CLUSTER || type === JOB || type === SQL_ENDPOINT || type === PIPELINE || type === INSTANCE_POOL) return findInstanceProfileViolations(type, name, props);
  if (type === SQL_PERMISSIONS) {
    const shown = knownForMessage(props, ["database", "table", "view", "catalog", "anyFile", "anonymousFunction", "privilegeAssignments"]);
    const grants = legacyGrantsOf(shown);
    const what = grants.length > 0 ? `grants ${grants.join("; ")} on` : "takes over the ACL (revoking every grant) of";
    return [
      `SqlPermissions '${name}' ${what} ${legacyObjectOf(shown)} through legacy table ACLs of the Hive metastore, which bypass every Unity ` +
        `Catalog grant and which the access rules cannot judge. ${REMEDY}`,
    ];
  }
  if (type === MOUNT) {
    return [
      `Mount '${name}' mounts ${mountSource(knownForMessage(props, ["uri", "s3"]))} into DBFS, where every user of the workspace reads and writes it with the cluster's ` +
        `credentials, outside Unity Catalog's grants. ${REMEDY}`,
    ];
  }
  const profile = text(props.instanceProfileArn);
  const dataAccess = props.dataAccessConfig !== null && typeof props.dataAccessConfig === "object" ? Object.keys(props.dataAccessConfig) : [];
  const given = [...(profile === undefined ? [] : [`instance profile '${profile}'`]), ...(dataAccess.length > 0 ? [`data access settings ${dataAccess.join(", ")}`] : [])];
  if (given.length === 0) return [];
  return [
    `SqlGlobalConfig '${name}' gives every SQL warehouse the ${given.join(" and ")}, so every warehouse user reaches storage with them, ` +
      `outside Unity Catalog's grants. ${REMEDY}`,
  ];
}

/** The rule object registered in the pack. */
export const dataForbidLegacyAccess: DocumentedResourcePolicy = {
  name: "data-forbid-legacy-access",
  description:
    "A stage's stack opens no path to data outside Unity Catalog: no legacy table ACLs, no DBFS mounts, no instance profile on a cluster, pipeline, pool or warehouse or allowed by a cluster policy, no storage access for every SQL warehouse, no AWS key or identity in Spark configuration or environment variables.",
  severity: "critical",
  remediationSteps:
    "Remove the SqlPermissions, Mount, the instanceProfileArn and dataAccessConfig of SqlGlobalConfig, and the " +
    "instanceProfileArn of a cluster's awsAttributes (all-purpose, in a job or in a pipeline), of an instance pool or of a SQL warehouse from the stage's program, " +
    "and give every ClusterPolicy `\"aws_attributes.instance_profile_arn\": {\"type\": \"forbidden\"}`. Remove every Spark configuration key " +
    "or environment variable that gives code an AWS identity (`fs.s3a.*access.key`, `secret.key`, `session.token`, `aws.credentials.provider`, " +
    "`assumed.role.*`, s3n's `awsAccessKeyId`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_ROLE_ARN`, `AWS_PROFILE`, ...) from " +
    "clusters, job clusters, spark-submit `--conf`, pipelines and `sqlConfigParams`, and forbid any such `spark_conf.`/`spark_env_vars.` attribute a policy names. Grant access with Unity Catalog (Grants on a catalog, schema, table or volume; an external location " +
    "with its storage credential), which the access rules judge against the stage's policy config.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: the design is Unity Catalog only, and every door to data the pack guards is a Unity Catalog grant, " +
      "owner or binding. Legacy table ACLs (`SqlPermissions` on a Hive metastore table, view, database, the whole " +
      "CATALOG, ANY FILE or ANONYMOUS FUNCTION) are a second grant system beside it that access-restrict-principals does " +
      "not see, so a reader group granted MODIFY there, or SELECT on ANY FILE, would write or read prod data past every " +
      "rule. A DBFS mount and an instance profile for every SQL warehouse give storage access to whoever uses the " +
      "workspace or a warehouse, and an instance profile on a cluster, job cluster, pipeline cluster or instance pool gives its code the AWS role, " +
      "again outside the grants. A cluster policy is the template of every cluster its users and the job clusters that name it create: " +
      "one that fixes an instance profile, or does not forbid one (an attribute a definition leaves out is unlimited), hands the role on, so " +
      "only `{\"type\": \"forbidden\"}` on `aws_attributes.instance_profile_arn` passes; a policy of a family is judged by its overrides, " +
      "since the family's own definition is not in the stack. An AWS key in a cluster's Spark configuration or environment " +
      "variables (`spark.hadoop.fs.s3a.access.key`, a per-bucket `fs.s3a.bucket.<b>.secret.key`, `spark.executorEnv.AWS_SECRET_ACCESS_KEY`) or a setting " +
      "that picks the identity (`fs.s3a.aws.credentials.provider`, `fs.s3a.assumed.role.arn`, `AWS_ROLE_ARN`, `AWS_PROFILE`, `AWS_WEB_IDENTITY_TOKEN_FILE`) " +
      "makes the cluster's code reach S3 as an AWS identity Unity Catalog does not govern, the same bypass as an instance profile, so it is " +
      "refused even as a `{{secrets/...}}` reference; keys are matched by pattern in any case and spacing, with or without `spark.hadoop.`. " +
      "workspace-require-legacy-disabled switches the legacy paths " +
      "off in the workspace; this rule keeps the stack from declaring them at all.",
    controls: [],
  },
  validateResource: forResourceTypes(LEGACY_ACCESS_TYPES, (args, reportViolation) => {
    for (const message of findLegacyAccessViolations(args.type, args.name, args.props)) reportViolation(message);
  }),
};
