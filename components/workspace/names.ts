/**
 * Names of a created workspace and its AWS resources. Pure, so tests pin them without mocks. Names that
 * AWS makes global (S3 buckets) carry the AWS account id, so two accounts never collide.
 */
import type { Stage } from "../stages";

/** The Databricks workspace name, e.g. `prod-mlops`; also the default host prefix. */
export function workspaceName(stage: Stage, mlProject: string): string {
  return `${stage}-${mlProject}`;
}

/** The root (DBFS) bucket, e.g. `prod-mlops-root-123456789012`: at most 7 + 30 + 18 = 55 characters, under S3's 63. */
export function rootBucketName(stage: Stage, mlProject: string, awsAccountId: string): string {
  return `${workspaceName(stage, mlProject)}-root-${awsAccountId}`;
}

/** An IAM role or KMS alias name of the stage, e.g. `prod-mlops-cross-account`. */
export function awsName(stage: Stage, mlProject: string, purpose: string): string {
  return `${workspaceName(stage, mlProject)}-${purpose}`;
}
