/**
 * A stage catalog's own managed storage, as the Security Reference Architecture gives each catalog: an S3
 * bucket under its own rotating KMS key, the IAM role Unity Catalog assumes to reach it, the storage
 * credential naming that role and the external location over the bucket. A metastore without root storage
 * (what automatic enablement creates) refuses a catalog without a storage root; this is the one it gets.
 *
 * The cycle (the credential needs the role's ARN, the role's trust needs the credential's external id) is
 * broken as the provider's `docs/guides/unity-catalog.md` and SRA break it: the ARN is built from the known
 * role name and account, so the credential comes first and the role's trust reads its external id.
 * Databricks validates the location on create (`catalog/resource_external_location.go` `Create` sends
 * `skip_validation` false by default), so the location waits for the role's trust and policy, the key and the
 * bucket's settings, and then for IAM to propagate.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as time from "@pulumiverse/time";
import { ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import type { AddIssue } from "../config-fields";
import { resourceName } from "../naming";
import { principalKind } from "../principals";
import type { Stage } from "../stages";
import { type AwsAccountConfig, checkAwsAccountArg } from "../workspace/config";
import {
  catalogBucketName,
  catalogRoleName,
  catalogStorageRoot,
  externalLocationName,
  externalLocationUrl,
  roleArnOf,
  storageCredentialName,
} from "./names";
import { catalogBucketPolicy, catalogKeyPolicy, catalogRolePolicy, catalogRoleTrustPolicy } from "./policies";
import { dataProtection } from "../resource-options";

/**
 * Isolation of the credential and the location: usable only from the workspaces bound to them. The
 * provider binds the workspace it creates them through (`catalog/bindings/bindings.go`
 * `AddCurrentWorkspaceBindings`, called from both resources' `Create`), so no `WorkspaceBinding` is declared,
 * as for the catalog (docs/access-model.md).
 */
export const ISOLATED = "ISOLATION_MODE_ISOLATED";

/** How long IAM gets to propagate the role's trust and policy before Databricks validates the location (SRA waits 60 s). */
export const DEFAULT_PROPAGATION_DELAY = "60s";

/** Privileges of the writer, by securable: what the stage's own use of its storage needs, nothing else. */
export const WRITER_PRIVILEGES = {
  /** Create the location over the bucket. */
  storageCredential: ["CREATE_EXTERNAL_LOCATION"],
  /** Create the catalog with its managed storage under the location. */
  externalLocation: ["CREATE_MANAGED_STORAGE"],
} as const;

/** Inputs of a `CatalogStorage`. */
export interface CatalogStorageArgs {
  /** The stage; in the physical names (bucket, role, credential, location) and the tags. */
  stage: Stage;
  /** Short ML project name, in the physical names and the tags. */
  mlProject: string;
  /** The AWS account and region of the bucket, key and role; the account is in the bucket's name. */
  aws: AwsAccountConfig;
  /**
   * The one principal that owns the credential and the location and is granted its privileges on them
   * (`WRITER_PRIVILEGES`): the stage's service principal. Default none: the deploying identity owns them and
   * no `Grants` is declared (an authoritative `Grants` needs one principal: the provider reads an empty list
   * as deleted, `catalog/resource_grants.go` `Read`, and would create it again on every `up`).
   */
  writer?: string;
  /** Keep every version of the bucket's objects. Default: `protectData`. */
  versioning?: boolean;
  /**
   * Protect the bucket, the key, the credential and the location against deletion (`protect`,
   * `retainOnDelete`). Default false; the stage config resolves it to true on prod.
   */
  protectData?: boolean;
  /** The stage's AWS provider, pinned to `aws.accountId`. Default: the `aws` provider the component's options give (`providers`, or its parent's). */
  awsProvider?: AwsProvider;
  /**
   * The stage's workspace-level Databricks provider; it binds the isolated credential and location to its workspace.
   * Default: the `databricks` provider the component's options give (`providers`, or its parent's).
   */
  workspaceProvider?: databricks.Provider;
  /** The provider of the IAM propagation wait. Default: one created here, `<name>-catalog-time`. */
  timeProvider?: time.Provider;
  /** How long to wait for IAM before the location is created, as `time.Sleep` takes it (`<n>s`, `<n>m`). Default `DEFAULT_PROPAGATION_DELAY`. */
  propagationDelay?: string;
  /**
   * What the storage's Unity Catalog calls wait for: the workspace's metastore assignment (a workspace without a
   * metastore has no Unity Catalog to create them in) and whatever creates the principal `writer` names (owner
   * and grantee, resolved by name when the call is made). Default none: a created workspace's provider already
   * depends on the workspace being ready (`CreatedWorkspace.workspaceReady`), and the writer exists.
   */
  dependsOn?: pulumi.Resource[];
}

/** What `propagationDelay` must look like. */
const DELAY_ALLOWED = "a duration such as \"60s\" or \"2m\": a whole number of seconds, minutes or hours";
/** What `writer` must look like. */
const WRITER_ALLOWED = "a group name, a user e-mail or a service principal application id (UUID)";

/**
 * What a `CatalogStorage` refuses before it registers anything: a stage, project, AWS account or region the
 * stack file could not give, a writer that names no principal and a wait `time.Sleep` could not parse.
 */
export function checkCatalogStorageArgs(args: CatalogStorageArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.mlProject, SHORT_NAME_PATTERN, ML_PROJECT_ALLOWED, ["mlProject"], addIssue);
  checkAwsAccountArg(args.aws, ["aws"], addIssue);
  if (args.writer !== undefined && (typeof args.writer !== "string" || principalKind(args.writer) === undefined)) addIssue(["writer"], WRITER_ALLOWED);
  if (args.propagationDelay !== undefined) checkTextArg(args.propagationDelay, /^[0-9]{1,5}[smh]$/, DELAY_ALLOWED, ["propagationDelay"], addIssue);
}

/** The external id Databricks gave the credential; a credential without one cannot be trusted. */
export function externalIdOf(credentialName: string, role: { externalId?: string } | undefined): string {
  if (!role?.externalId) {
    throw new Error(`CatalogStorage: storage credential ${credentialName} has no awsIamRole.externalId to put into its role's trust`);
  }
  return role.externalId;
}

/**
 * A catalog's bucket, key, role, storage credential and external location. Its children are named from its own
 * name, `<name>-catalog-<purpose>` (`<name>-catalog-bucket`, `<name>-catalog-credential`, ...); the physical names
 * (bucket, role, key alias, credential, location) come from `stage`, `mlProject` and the AWS account. Bad args
 * throw a `ComponentArgsError` naming each argument before anything is declared.
 */
export class CatalogStorage extends pulumi.ComponentResource {
  /** The bucket's name, `<stage>-<mlProject>-catalog-<aws account>`. */
  readonly bucketName: string;
  /** The role Unity Catalog assumes. */
  readonly roleArn: pulumi.Output<string>;
  /** The storage credential (protected and retained when `protectData` is set). */
  readonly storageCredential: databricks.StorageCredential;
  /** The external location over the whole bucket (protected and retained when `protectData` is set). */
  readonly externalLocation: databricks.ExternalLocation;
  /**
   * The catalog's storage root, `s3://<bucket>/managed`. Built from the bucket name, not from the location's
   * read-back `url`, but carried as an output of the location, so a catalog given it waits for the location.
   */
  readonly storageRoot: pulumi.Output<string>;

  constructor(name: string, args: CatalogStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("CatalogStorage", name, (addIssue) => checkCatalogStorageArgs(args, addIssue));
    super("databricks-mlops:catalog:CatalogStorage", name, {}, opts);
    const { stage, mlProject, aws } = args;
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const protectData = args.protectData ?? false;
    const tags = { "mlops:stage": stage, "mlops:project": mlProject, "managed-by": "pulumi" };
    // Without a provider arg, each child takes its package's provider from the component's options.
    const onAws: pulumi.CustomResourceOptions = { parent: this, ...(args.awsProvider ? { provider: args.awsProvider } : {}) };
    const awsData: pulumi.CustomResourceOptions = { ...onAws, ...dataProtection(protectData) };
    const onWorkspace: pulumi.CustomResourceOptions = { parent: this, ...(args.workspaceProvider ? { provider: args.workspaceProvider } : {}) };
    const timeProvider = args.timeProvider ?? new time.Provider(named("catalog", "time"), {}, { parent: this });

    const bucketName = catalogBucketName(stage, mlProject, aws.accountId);
    const roleName = catalogRoleName(stage, mlProject);
    const credentialName = storageCredentialName(stage, mlProject);
    this.bucketName = bucketName;

    // Read-back (catalog/resource_storage_credential.go, adjustDataAccessSchema in resource_metastore_data_access.go):
    // owner, isolation_mode, metastore_id and aws_iam_role.external_id/unity_catalog_iam_arn are computed; name
    // compares without case (lower-case here); the API returns no skip_validation (hence the provider's
    // false -> true suppression), so it is left unset; read_only reads back false, as declared: the catalog
    // writes through this credential. Owner and isolation are applied by one update after create, then the
    // provider binds this workspace.
    this.storageCredential = new databricks.StorageCredential(
      named("catalog", "credential"),
      {
        name: credentialName,
        comment: `Storage of the ${stage} catalog of the ${mlProject} ML project. Managed by Pulumi.`,
        awsIamRole: { roleArn: roleArnOf(aws.accountId, roleName) },
        owner: args.writer,
        isolationMode: ISOLATED,
        readOnly: false,
        forceDestroy: false,
      },
      { ...onWorkspace, ...dataProtection(protectData), dependsOn: args.dependsOn ?? [] },
    );

    const role = new iam.Role(
      named("catalog", "storage"),
      {
        name: roleName,
        assumeRolePolicy: this.storageCredential.awsIamRole.apply((awsRole) =>
          JSON.stringify(catalogRoleTrustPolicy({ awsAccountId: aws.accountId, roleName, externalId: externalIdOf(credentialName, awsRole) })),
        ),
        tags,
      },
      onAws,
    );
    this.roleArn = role.arn;

    // KMS refuses a key policy naming a role that does not exist yet, so the policy takes the role's ARN output.
    const key = new kms.Key(
      named("catalog", "storage"),
      {
        description: `Catalog storage of the ${stage} stage`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: role.arn.apply((roleArn) => JSON.stringify(catalogKeyPolicy({ awsAccountId: aws.accountId, roleArn }))),
        tags,
      },
      awsData,
    );
    new kms.Alias(named("catalog", "storage"), { name: `alias/${resourceName(stage, mlProject, "catalog", "storage")}`, targetKeyId: key.keyId }, onAws);

    const rolePolicy = new iam.RolePolicy(
      named("catalog", "storage"),
      {
        name: roleName,
        role: role.id,
        policy: pulumi.all([key.arn, role.arn]).apply(([keyArn, roleArn]) => JSON.stringify(catalogRolePolicy({ bucketName, keyArn, roleArn }))),
      },
      onAws,
    );

    const bucket = new s3.Bucket(named("catalog", "bucket"), { bucket: bucketName, forceDestroy: false, tags }, awsData);
    const bucketSettings: pulumi.Resource[] = [
      new s3.BucketPublicAccessBlock(
        named("catalog", "bucket"),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        onAws,
      ),
      new s3.BucketOwnershipControls(named("catalog", "bucket"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, onAws),
      new s3.BucketServerSideEncryptionConfiguration(
        named("catalog", "bucket"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        onAws,
      ),
      new s3.BucketPolicy(named("catalog", "bucket"), { bucket: bucket.id, policy: JSON.stringify(catalogBucketPolicy(bucketName)) }, onAws),
    ];
    if (args.versioning ?? protectData) {
      bucketSettings.push(new s3.BucketVersioning(named("catalog", "bucket"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, onAws));
    }

    // IAM is eventually consistent: a role's trust and policy can take seconds to apply everywhere, and
    // Databricks assumes the role to validate the location as soon as it is created.
    const propagation = new time.Sleep(
      named("catalog", "iam-propagation"),
      { createDuration: args.propagationDelay ?? DEFAULT_PROPAGATION_DELAY },
      { parent: this, provider: timeProvider, dependsOn: [role, rolePolicy, key, ...bucketSettings] },
    );

    // Read-back (catalog/resource_external_location.go): url differs only by a trailing slash
    // (ucDirectoryPathSlashOnlySuppressDiff); owner, isolation_mode and metastore_id are computed; name compares
    // without case. enable_file_events is neither computed nor defaulted by the provider, and the server turns
    // it on when the request omits it (CHANGELOG v1.117.0; Create force-sends read_only, fallback and
    // enable_file_events), so false is declared: no diff, and the role needs no SNS or SQS rights.
    this.externalLocation = new databricks.ExternalLocation(
      named("catalog", "location"),
      {
        name: externalLocationName(stage, mlProject),
        url: externalLocationUrl(bucketName),
        credentialName: this.storageCredential.name,
        comment: `Managed storage of the ${stage} catalog of the ${mlProject} ML project. Managed by Pulumi.`,
        owner: args.writer,
        isolationMode: ISOLATED,
        readOnly: false,
        fallback: false,
        enableFileEvents: false,
        forceDestroy: false,
      },
      { ...onWorkspace, ...dataProtection(protectData), dependsOn: [propagation, ...(args.dependsOn ?? [])] },
    );
    this.storageRoot = this.externalLocation.id.apply(() => catalogStorageRoot(bucketName));

    if (args.writer !== undefined) {
      // Authoritative: any privilege granted on them by hand is revoked on the next `up`.
      new databricks.Grants(
        named("catalog", "credential", "grants"),
        { storageCredential: this.storageCredential.name, grants: [{ principal: args.writer, privileges: [...WRITER_PRIVILEGES.storageCredential] }] },
        { ...onWorkspace, dependsOn: args.dependsOn ?? [] },
      );
      new databricks.Grants(
        named("catalog", "location", "grants"),
        { externalLocation: this.externalLocation.name, grants: [{ principal: args.writer, privileges: [...WRITER_PRIVILEGES.externalLocation] }] },
        { ...onWorkspace, dependsOn: args.dependsOn ?? [] },
      );
    }

    this.registerOutputs({
      bucketName: this.bucketName,
      roleArn: this.roleArn,
      storageCredential: this.storageCredential,
      externalLocation: this.externalLocation,
      storageRoot: this.storageRoot,
    });
  }
}
