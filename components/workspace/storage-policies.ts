/**
 * Policies of the workspace's root bucket and KMS keys: Databricks' control plane may use them only on
 * behalf of this Databricks account, and nothing reaches the bucket without TLS.
 */
import {
  DATABRICKS_PRINCIPAL,
  databricksAccountCondition,
  policyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from "./policy-documents";

/** Refuses every request to the bucket that is not made over TLS, whoever makes it. */
export function tlsOnlyStatement(bucketName: string): PolicyStatement {
  return {
    Sid: "AllowSSLRequestsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** The root bucket's policy: Databricks reads and writes it for this account only; TLS only. */
export function rootBucketPolicy(bucketName: string, databricksAccountId: string): PolicyDocument {
  return policyDocument(
    {
      Sid: "DatabricksWorkspaceStorage",
      Effect: "Allow",
      Principal: { ...DATABRICKS_PRINCIPAL },
      Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
      Condition: databricksAccountCondition(databricksAccountId),
    },
    tlsOnlyStatement(bucketName),
  );
}

/** What a key policy needs to know. */
export interface KeyPolicyScope {
  awsAccountId: string;
  region: string;
  databricksAccountId: string;
}

/** The account's own administrators keep control of the key (without this statement a key is unmanageable). */
export function accountAdministers(awsAccountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${awsAccountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Key for managed services (notebooks, secrets, queries in the control plane). */
export function managedServicesKeyPolicy(scope: KeyPolicyScope): PolicyDocument {
  return policyDocument(accountAdministers(scope.awsAccountId), {
    Sid: "DatabricksEncryptsManagedServices",
    Effect: "Allow",
    Principal: { ...DATABRICKS_PRINCIPAL },
    Action: ["kms:Encrypt", "kms:Decrypt"],
    Resource: "*",
    Condition: databricksAccountCondition(scope.databricksAccountId),
  });
}

/**
 * Key for workspace storage: the root bucket (through Databricks' principal) and the EBS volumes of
 * cluster nodes (through the cross-account role, only via EC2 in the stage's region).
 */
export function workspaceStorageKeyPolicy(scope: KeyPolicyScope & { crossAccountRoleArn: string }): PolicyDocument {
  return policyDocument(
    accountAdministers(scope.awsAccountId),
    {
      Sid: "DatabricksEncryptsWorkspaceStorage",
      Effect: "Allow",
      Principal: { ...DATABRICKS_PRINCIPAL },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: databricksAccountCondition(scope.databricksAccountId),
    },
    {
      Sid: "ClusterVolumesThroughEc2Only",
      Effect: "Allow",
      Principal: { AWS: scope.crossAccountRoleArn },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `ec2.${scope.region}.amazonaws.com` } },
    },
  );
}
