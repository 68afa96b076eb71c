/**
 * Names of a stage catalog's own storage. Pure, so tests pin them without mocks. The bucket name carries
 * the AWS account id (S3 names are global); the Unity Catalog names use `_`, as the catalog's do.
 */
import { ucIdentifier } from "../naming";
import type { Stage } from "../stages";
import { awsName, workspaceName } from "../workspace/names";

/**
 * The catalog bucket, e.g. `prod-mlops-catalog-123456789012`: at most 7 + 1 + 30 + 9 + 12 = 59 characters
 * (the longest stage, the longest `mlProject`), under S3's 63.
 */
export function catalogBucketName(stage: Stage, mlProject: string, awsAccountId: string): string {
  return `${workspaceName(stage, mlProject)}-catalog-${awsAccountId}`;
}

/** The IAM role Unity Catalog assumes, e.g. `prod-mlops-catalog-storage` (at most 54 of IAM's 64 characters). */
export function catalogRoleName(stage: Stage, mlProject: string): string {
  return awsName(stage, mlProject, "catalog-storage");
}

/** The role's ARN, known before the role exists: the storage credential names it before the role can trust it. */
export function roleArnOf(awsAccountId: string, roleName: string): string {
  return `arn:aws:iam::${awsAccountId}:role/${roleName}`;
}

/** The storage credential, e.g. `prod_mlops_catalog_credential`. */
export function storageCredentialName(stage: Stage, mlProject: string): string {
  return ucIdentifier(stage, mlProject, "catalog", "credential");
}

/** The external location, e.g. `prod_mlops_catalog_location`. */
export function externalLocationName(stage: Stage, mlProject: string): string {
  return ucIdentifier(stage, mlProject, "catalog", "location");
}

/** The external location's URL: the whole bucket, `s3://<bucket>/`. */
export function externalLocationUrl(bucketName: string): string {
  return `s3://${bucketName}/`;
}

/**
 * The catalog's managed storage root: a fixed folder under the location, `s3://<bucket>/managed`. Not the
 * catalog's name: a catalog's `storageRoot` cannot change in place (ForceNew in the provider's
 * `catalog/resource_catalog.go`), and a rename of the catalog must not replace it.
 */
export function catalogStorageRoot(bucketName: string): string {
  return `s3://${bucketName}/managed`;
}
