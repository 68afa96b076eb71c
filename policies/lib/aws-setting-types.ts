/**
 * Type tokens of the AWS resources that set something AWS keeps once per bucket, key or role, and of the
 * resources that can expire data (@pulumi/aws 7). Kept apart from resource-types.ts, which names what the
 * Databricks rules read.
 */
export const AWS_S3_BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const AWS_S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const AWS_S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
export const AWS_S3_BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const AWS_S3_BUCKET_LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
export const AWS_KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const AWS_IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
