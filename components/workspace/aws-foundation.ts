/**
 * The AWS side of a created workspace, as the Security Reference Architecture lays it out: a root bucket
 * (SSE-KMS, every public-access block, TLS-only policy), KMS keys with rotation, a cross-account role scoped
 * to the account, region, VPC and Databricks tags, and the customer-managed VPC of `aws-network.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import type { AddIssue } from "../config-fields";
import { isApplicationId } from "../principals";
import type { Stage } from "../stages";
import { type AwsWorkspaceConfig, checkAwsAccountArg } from "./config";
import { crossAccountRolePolicy, crossAccountTrustPolicy } from "./iam-policies";
import { awsName, rootBucketName } from "./names";
import { declareWorkspaceNetwork } from "./aws-network";
import { managedServicesKeyPolicy, rootBucketPolicy, workspaceStorageKeyPolicy } from "./storage-policies";
import { dataProtection } from "../resource-options";

/** Inputs of an `AwsFoundation`. */
export interface AwsFoundationArgs {
  /** The stage; in the physical names (role, bucket, key aliases, `Name` tags) and the tags. */
  stage: Stage;
  /** Short ML project name, in the physical names and the tags. */
  mlProject: string;
  /** The Databricks account (a UUID); the external id of the role and the condition of every Databricks grant. */
  databricksAccountId: string;
  /** Account, region, VPC plan and switches (see `AwsWorkspaceConfig` for their defaults). */
  aws: AwsWorkspaceConfig;
  /** Protect the bucket and keys against deletion (`protect`, `retainOnDelete`). Default false. */
  protectData?: boolean;
}

/** A KMS key as Databricks registers it: its ARN, its alias name and the alias resource that makes the name real. */
export interface RegisteredKey {
  arn: pulumi.Output<string>;
  alias: string;
  /** The `kms.Alias`; the registration waits for it, since it passes the alias by name. */
  aliasResource: kms.Alias;
}

/** What a Databricks account id looks like. */
export const DATABRICKS_ACCOUNT_ALLOWED = "the Databricks account id, a UUID, e.g. \"0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b\"";

/**
 * What an `AwsFoundation` refuses before it registers anything: a stage, project, Databricks account, AWS account
 * or region the stack file could not give, and fewer than two availability zones (Databricks needs two subnets).
 */
export function checkAwsFoundationArgs(args: AwsFoundationArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.mlProject, SHORT_NAME_PATTERN, ML_PROJECT_ALLOWED, ["mlProject"], addIssue);
  if (typeof args.databricksAccountId !== "string" || !isApplicationId(args.databricksAccountId)) addIssue(["databricksAccountId"], DATABRICKS_ACCOUNT_ALLOWED);
  checkAwsAccountArg(args.aws, ["aws"], addIssue);
  if (args.aws && !(Array.isArray(args.aws.availabilityZones) && args.aws.availabilityZones.length >= 2)) {
    addIssue(["aws", "availabilityZones"], "a list of at least two availability zones of the region, e.g. [\"us-east-1a\", \"us-east-1b\"]");
  }
}

/**
 * Everything Databricks' account API needs to register the workspace's credentials, storage, network and keys.
 * Its children are named `<name>-<purpose>` (`<name>-vpc`, `<name>-cross-account`, `<name>-root`, ...); role,
 * bucket, alias names and `Name` tags come from `stage` and `mlProject`. Bad args throw a `ComponentArgsError`.
 */
export class AwsFoundation extends pulumi.ComponentResource {
  /** The root (DBFS) bucket's name. */
  readonly rootBucketName: pulumi.Output<string>;
  /** ARN of the cross-account role. */
  readonly crossAccountRoleArn: pulumi.Output<string>;
  /** The customer-managed VPC. */
  readonly vpcId: pulumi.Output<string>;
  /** The private subnets, one per availability zone. */
  readonly privateSubnetIds: pulumi.Output<string>[];
  /** The security group of cluster nodes (and of the interface endpoints). */
  readonly securityGroupId: pulumi.Output<string>;
  /** The PrivateLink endpoints (REST API, relay); undefined unless `privateLink` is configured. */
  readonly privateLinkEndpointIds?: { workspace: pulumi.Output<string>; relay: pulumi.Output<string> };
  /** Key and alias of workspace storage and of managed services; undefined when `customerManagedKeys` is off. */
  readonly keys?: { storage: RegisteredKey; managedServices: RegisteredKey };
  /**
   * The cross-account role's inline policy. Databricks checks the role's permissions when the workspace is
   * created (`Failed credentials validation checks`), so the credentials wait for this policy, not only the role.
   */
  readonly crossAccountRolePolicy: iam.RolePolicy;
  /**
   * What the root bucket must have before Databricks validates it at workspace creation (`Failed storage
   * configuration validation checks`): its policy, public-access block, ownership and encryption.
   */
  readonly rootBucketSettings: pulumi.Resource[];

  constructor(name: string, args: AwsFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("AwsFoundation", name, (addIssue) => checkAwsFoundationArgs(args, addIssue));
    super("databricks-mlops:workspace:AwsFoundation", name, {}, opts);
    const { stage, mlProject, aws } = args;
    // Pulumi names come from the component's name; what AWS shows (role, alias, bucket, Name tags) from stage and project.
    const named = (purpose: string) => `${name}-${purpose}`;
    const physical = (purpose: string) => awsName(stage, mlProject, purpose);
    const tags = { "mlops:stage": stage, "mlops:project": mlProject, "managed-by": "pulumi" };
    const protectData = args.protectData ?? false;
    const child: pulumi.CustomResourceOptions = { parent: this };
    const data: pulumi.CustomResourceOptions = { parent: this, ...dataProtection(protectData) };

    // Network first: the role's policy is scoped to this VPC and security group.
    const network = declareWorkspaceNetwork(named, { stage, aws, tags }, child, physical);
    const { vpc, privateSubnets, securityGroup } = network;
    this.privateLinkEndpointIds = network.privateLinkEndpointIds;

    const role = new iam.Role(
      named("cross-account"),
      { name: physical("cross-account"), assumeRolePolicy: JSON.stringify(crossAccountTrustPolicy(args.databricksAccountId)), tags },
      child,
    );
    this.crossAccountRolePolicy = new iam.RolePolicy(
      named("cross-account"),
      {
        name: physical("cross-account"),
        role: role.id,
        policy: pulumi
          .all([vpc.id, securityGroup.id])
          .apply(([vpcId, securityGroupId]) =>
            JSON.stringify(crossAccountRolePolicy({ awsAccountId: aws.accountId, region: aws.region, vpcId, securityGroupId })),
          ),
      },
      child,
    );

    const keyScope = { awsAccountId: aws.accountId, region: aws.region, databricksAccountId: args.databricksAccountId };
    const newKey = (purpose: string, policy: pulumi.Input<string>) => {
      const key = new kms.Key(
        named(purpose),
        { description: `${purpose} of the ${stage} Databricks workspace`, enableKeyRotation: true, deletionWindowInDays: 30, policy, tags },
        data,
      );
      const alias = `alias/${physical(purpose)}`;
      const aliasResource = new kms.Alias(named(purpose), { name: alias, targetKeyId: key.keyId }, child);
      return { key, alias, aliasResource };
    };
    // The storage key always exists: the root bucket is SSE-KMS either way. Registering it with Databricks
    // (and the managed-services key) is what `customerManagedKeys` switches.
    const storage = newKey(
      "workspace-storage",
      role.arn.apply((crossAccountRoleArn) => JSON.stringify(workspaceStorageKeyPolicy({ ...keyScope, crossAccountRoleArn }))),
    );
    if (aws.customerManagedKeys) {
      const managedServices = newKey("managed-services", JSON.stringify(managedServicesKeyPolicy(keyScope)));
      this.keys = {
        storage: { arn: storage.key.arn, alias: storage.alias, aliasResource: storage.aliasResource },
        managedServices: { arn: managedServices.key.arn, alias: managedServices.alias, aliasResource: managedServices.aliasResource },
      };
    }

    const bucketName = rootBucketName(stage, mlProject, aws.accountId);
    const bucket = new s3.Bucket(named("root"), { bucket: bucketName, forceDestroy: false, tags }, data);
    const publicAccessBlock = new s3.BucketPublicAccessBlock(
      named("root"),
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const ownership = new s3.BucketOwnershipControls(named("root"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const encryption = new s3.BucketServerSideEncryptionConfiguration(
      named("root"),
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: storage.key.arn }, bucketKeyEnabled: true }],
      },
      child,
    );
    // After the public-access block, as the provider's AWS workspace guide orders them (docs/guides/aws-workspace.md):
    // S3 refuses concurrent conditional changes to one bucket ("OperationAborted").
    const policy = new s3.BucketPolicy(
      named("root"),
      { bucket: bucket.id, policy: JSON.stringify(rootBucketPolicy(bucketName, args.databricksAccountId)) },
      { ...child, dependsOn: [publicAccessBlock] },
    );
    this.rootBucketSettings = [policy, publicAccessBlock, ownership, encryption];
    if (aws.rootBucketVersioning) {
      new s3.BucketVersioning(named("root"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
    }

    this.rootBucketName = bucket.bucket;
    this.crossAccountRoleArn = role.arn;
    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({
      rootBucketName: this.rootBucketName,
      crossAccountRoleArn: this.crossAccountRoleArn,
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      securityGroupId: this.securityGroupId,
    });
  }
}
