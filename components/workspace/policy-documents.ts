/**
 * The JSON documents every created workspace's AWS resources carry: IAM policy grammar as plain data.
 * Built here, not by provider data-source invokes, so the offline plan shows them exactly and tests pin
 * them. Shared by the IAM, bucket and KMS policy builders.
 */

/** The AWS account of the Databricks control plane (commercial regions) that assumes the cross-account role. */
export const DATABRICKS_AWS_ACCOUNT_ID = "414351767826";

/** The principal of the Databricks control plane. */
export const DATABRICKS_PRINCIPAL = { AWS: `arn:aws:iam::${DATABRICKS_AWS_ACCOUNT_ID}:root` } as const;

/** One statement of an IAM, bucket or key policy. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A complete policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** A policy document of the given statements. */
export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** The condition that limits Databricks' principal to requests made for this Databricks account. */
export function databricksAccountCondition(databricksAccountId: string): PolicyStatement["Condition"] {
  return { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [databricksAccountId] } };
}
