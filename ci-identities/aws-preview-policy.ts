/**
 * What the AWS preview role of a stage may do: read the configuration of the AWS resource types the stage
 * declares (what a `pulumi refresh` of each reads), and nothing else. It reads no data: no object, item,
 * decrypted value or secret, and no listing of a bucket's object keys. The same document is the role's
 * permissions boundary, so a policy attached to the role later cannot widen it, and its explicit Deny of
 * every data read wins over any Allow (`test/ci-identities/aws-preview-policy.test.ts` evaluates both).
 *
 * A plain `pulumi preview` (what the pull-request workflow runs) reads none of this: it diffs the program
 * against the state in Pulumi Cloud. The read actions are what a `--refresh` preview reads, which the daily
 * drift check runs with the drift role (`driftPolicy`): the same document plus `s3:ListBucket`, because
 * reading a bucket starts with HeadBucket, which needs it. That action also lists object keys, so the pull
 * request's preview, which runs the pull request's code, does not get it; the drift check runs only the
 * protected branches' code.
 */
import type { IamPolicyDocument } from "./iam-evaluate";

/**
 * The read-only actions per AWS resource type the stages declare (Pulumi type tokens). A test holds every
 * AWS type of every shipped stage to an entry here. The provider's own start needs none:
 * `sts:GetCallerIdentity` is allowed to every principal.
 */
export const PREVIEW_READ_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeRouteTables", "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups"],
  "aws:ec2/subnet:Subnet": ["ec2:DescribeSubnets"],
  "aws:ec2/routeTable:RouteTable": ["ec2:DescribeRouteTables"],
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ["ec2:DescribeRouteTables"],
  "aws:ec2/securityGroup:SecurityGroup": ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
  "aws:ec2/internetGateway:InternetGateway": ["ec2:DescribeInternetGateways"],
  "aws:ec2/natGateway:NatGateway": ["ec2:DescribeNatGateways"],
  "aws:ec2/eip:Eip": ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"],
  "aws:s3/bucket:Bucket": [
    "s3:GetBucketLocation",
    "s3:GetBucketTagging",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketWebsite",
    "s3:GetBucketVersioning",
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketLogging",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketPolicy",
  ],
  "aws:s3/bucketPolicy:BucketPolicy": ["s3:GetBucketPolicy"],
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["s3:GetBucketOwnershipControls"],
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["s3:GetBucketPublicAccessBlock"],
  "aws:s3/bucketVersioning:BucketVersioning": ["s3:GetBucketVersioning"],
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["s3:GetEncryptionConfiguration"],
  "aws:kms/key:Key": ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
  "aws:kms/alias:Alias": ["kms:ListAliases"],
  "aws:iam/role:Role": ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags"],
  "aws:iam/rolePolicy:RolePolicy": ["iam:GetRolePolicy"],
  "aws:dynamodb/table:Table": ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"],
};

/**
 * Reads of data and secrets, denied outright: objects and their key listings, table items and streams,
 * decryption and data keys, secret and parameter values, and the EC2 reads that return user data, passwords
 * or console output. Wildcards cover each family (`s3:GetObject*` is every object read, versions and ACLs
 * included).
 */
export const DENIED_DATA_READS: readonly string[] = [
  "s3:GetObject*",
  "s3:ListBucket*",
  "s3:ListMultipartUploadParts",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PartiQLSelect",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ExportTableToPointInTime",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "ssm:GetParameter*",
  "ec2:DescribeInstanceAttribute",
  "ec2:GetPasswordData",
  "ec2:GetConsoleOutput",
  "ec2:GetConsoleScreenshot",
  "ec2:GetLaunchTemplateData",
];

/** The distinct read actions of `PREVIEW_READ_ACTIONS`, sorted. */
export function previewReadActions(): string[] {
  return [...new Set(Object.values(PREVIEW_READ_ACTIONS).flat())].sort();
}

/** What the drift role reads beyond the preview role: HeadBucket's permission, which a bucket's refresh starts with. */
export const DRIFT_EXTRA_READS: readonly string[] = ["s3:ListBucket"];

/** The drift role's deny list: the preview role's, with object-key listing narrowed to what HeadBucket does not need. */
export function driftDeniedReads(): string[] {
  return [...DENIED_DATA_READS.filter((p) => p !== "s3:ListBucket*"), "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"];
}

function readOnlyPolicy(allowed: string[], denied: string[]): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadInfrastructureConfiguration", Effect: "Allow", Action: allowed, Resource: "*" },
      { Sid: "DenyDataAndSecrets", Effect: "Deny", Action: denied, Resource: "*" },
    ],
  };
}

/** The preview role's policy: its inline policy and its permissions boundary alike. */
export function previewPolicy(): IamPolicyDocument {
  return readOnlyPolicy(previewReadActions(), [...DENIED_DATA_READS]);
}

/** The drift role's policy (inline and boundary): the preview role's, plus `DRIFT_EXTRA_READS`. */
export function driftPolicy(): IamPolicyDocument {
  return readOnlyPolicy([...previewReadActions(), ...DRIFT_EXTRA_READS].sort(), driftDeniedReads());
}
