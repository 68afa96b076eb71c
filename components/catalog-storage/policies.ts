/**
 * The IAM and KMS documents of a catalog's storage: the role Unity Catalog assumes (its trust and its
 * inline policy), the bucket's key policy and the bucket policy. Plain data, so the offline plan shows them
 * exactly and tests pin them; the shape follows the provider's own generators
 * (`aws/data_aws_unity_catalog_assume_role_policy.go`, `aws/data_aws_unity_catalog_policy.go`).
 */
import { policyDocument, type PolicyDocument } from "../workspace/policy-documents";
import { accountAdministers, tlsOnlyStatement } from "../workspace/storage-policies";

/**
 * Unity Catalog's master role in AWS commercial regions: the principal that assumes every storage
 * credential's role (the provider's `aws/constants.go`, `unityCatalogueIamArn` of partition `aws`; its
 * `docs/data-sources/aws_unity_catalog_assume_role_policy.md` states the same default).
 */
export const UNITY_CATALOG_MASTER_ROLE_ARN = "arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL";

/** What the role's trust needs: who the role is, and the external id the storage credential was given. */
export interface CatalogRoleTrustScope {
  awsAccountId: string;
  roleName: string;
  /** `awsIamRole.externalId` of the storage credential, which Databricks computes when it is created. */
  externalId: string;
}

/**
 * The role's trust: Unity Catalog's master role, and the role itself (Databricks requires storage credential
 * roles to be self-assuming), each only with the credential's external id. The self statement names the
 * account with an `aws:PrincipalArn` condition, not the role as principal: IAM refuses a principal that does
 * not exist yet, and the role does not exist while its own trust is created.
 */
export function catalogRoleTrustPolicy(scope: CatalogRoleTrustScope): PolicyDocument {
  const externalId = { "sts:ExternalId": scope.externalId };
  return policyDocument(
    {
      Sid: "UnityCatalogAssumeRole",
      Effect: "Allow",
      Principal: { AWS: UNITY_CATALOG_MASTER_ROLE_ARN },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: externalId },
    },
    {
      Sid: "ExplicitSelfRoleAssumption",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${scope.awsAccountId}:root` },
      Action: "sts:AssumeRole",
      Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${scope.awsAccountId}:role/${scope.roleName}` }, StringEquals: externalId },
    },
  );
}

/** What the role may reach: one bucket, one key, itself. */
export interface CatalogRolePolicyScope {
  bucketName: string;
  keyArn: string;
  roleArn: string;
}

/**
 * The role's inline policy: read, write and list the catalog bucket only (with multipart uploads), use its
 * key, assume itself. Without the provider generator's managed file events statements (SNS and SQS in the
 * account): the location declares `enableFileEvents: false`, so nothing needs them.
 */
export function catalogRolePolicy(scope: CatalogRolePolicyScope): PolicyDocument {
  return policyDocument(
    {
      Sid: "CatalogBucketReadWrite",
      Effect: "Allow",
      Action: [
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:ListBucket",
        "s3:GetBucketLocation",
        "s3:ListBucketMultipartUploads",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
      ],
      Resource: [`arn:aws:s3:::${scope.bucketName}/*`, `arn:aws:s3:::${scope.bucketName}`],
    },
    {
      Sid: "CatalogKeyUse",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
      Resource: scope.keyArn,
    },
    {
      Sid: "AssumeSelf",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: scope.roleArn,
    },
  );
}

/**
 * The catalog key's policy: the AWS account administers it; the catalog role encrypts and decrypts with it
 * (what SSE-KMS needs for reads and writes). Nothing else: Databricks' control plane reaches the data only
 * through the role.
 */
export function catalogKeyPolicy(scope: { awsAccountId: string; roleArn: string }): PolicyDocument {
  return policyDocument(accountAdministers(scope.awsAccountId), {
    Sid: "CatalogRoleUsesKey",
    Effect: "Allow",
    Principal: { AWS: scope.roleArn },
    Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
    Resource: "*",
  });
}

/** The catalog bucket's policy: no request without TLS, whoever makes it. Access itself is the role's policy. */
export function catalogBucketPolicy(bucketName: string): PolicyDocument {
  return policyDocument(tlsOnlyStatement(bucketName));
}
