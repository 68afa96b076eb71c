/**
 * aws-require-bucket-encryption (stack rule): every S3 bucket encrypts by default with SSE-KMS under a
 * key the stack names, not with S3-managed keys (AES256) or the account's default `aws/s3` key.
 */
import { failingClosed, readIfKnown } from "../lib/applicability";
import { BUCKET_TYPES, bucketsWithSettings, describeBucket, type BucketFacts, type BucketSettingFacts } from "../lib/aws-buckets";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_S3_BUCKET_SSE, AWS_S3_BUCKET_SSE_V2 } from "../lib/resource-types";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** One default-encryption rule, from the separate resource or the bucket's deprecated inline block. */
interface EncryptionDefault {
  sseAlgorithm?: unknown;
  /** True when a key id is set (an unknown value counts: it is the output of a key the stack declares). */
  keySet: boolean;
}

function defaultsOf(rules: unknown): EncryptionDefault[] {
  const list = Array.isArray(rules) ? rules : rules === undefined || rules === null ? [] : [rules];
  return list.map((rule) => {
    const byDefault = (rule as { applyServerSideEncryptionByDefault?: Record<string, unknown> } | null)?.applyServerSideEncryptionByDefault;
    const key = readIfKnown(() => byDefault?.kmsMasterKeyId);
    return { sseAlgorithm: byDefault?.sseAlgorithm, keySet: !key.known || (typeof key.value === "string" && key.value !== "") };
  });
}

/** Returns a message when the bucket has no SSE-KMS default encryption under a named key. */
export function findBucketEncryptionGaps(bucket: BucketFacts, settings: readonly BucketSettingFacts[]): string[] {
  const inline = (bucket.props.serverSideEncryptionConfiguration as { rule?: unknown } | undefined)?.rule;
  const defaults = [...defaultsOf(inline), ...settings.flatMap((setting) => defaultsOf(setting.props.rules))];
  const subject = describeBucket(bucket);
  if (defaults.length === 0) {
    return [`${subject} has no default encryption; declare a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the stage's KMS key.`];
  }
  if (defaults.some((d) => KMS_ALGORITHMS.includes(String(d.sseAlgorithm)) && d.keySet)) return [];
  const kms = defaults.find((d) => KMS_ALGORITHMS.includes(String(d.sseAlgorithm)));
  if (kms) {
    return [`${subject} encrypts with the account's default aws/s3 key; set kmsMasterKeyId to the stage's customer-managed KMS key.`];
  }
  return [
    `${subject} encrypts with ${JSON.stringify(defaults[0].sseAlgorithm)}; use sseAlgorithm "aws:kms" with the stage's KMS key, so the key policy decides who can read the data.`,
  ];
}

/** The rule object registered in the pack. */
export const awsRequireBucketEncryption: DocumentedStackPolicy = {
  name: "aws-require-bucket-encryption",
  description: "Every S3 bucket encrypts by default with SSE-KMS under a customer-managed key the stack names.",
  severity: "high",
  remediationSteps:
    "Declare an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with applyServerSideEncryptionByDefault " +
    "{ sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <the stage's key ARN> } and bucketKeyEnabled: true.",
  documentation: {
    judgedTypes: [...BUCKET_TYPES, AWS_S3_BUCKET_SSE, AWS_S3_BUCKET_SSE_V2],
    waivers: "allowed",
    rationale:
      "Protected production data: the workspace root bucket holds DBFS data, job results and cluster logs. With SSE-KMS " +
      "under the stage's own key, the key policy (which names only the stage's account and Databricks acting for this " +
      "Databricks account) decides who can read it, and revoking the key cuts access.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "root_s3_bucket.tf: aws_s3_bucket_server_side_encryption_configuration sse_algorithm = \"aws:kms\"",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/root_s3_bucket.tf",
      },
      {
        framework: "Databricks Security Analysis Tool",
        id: "DP-4",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "DP-4 (object storage encryption) is a manual check in SAT; this rule checks it on every bucket the stack declares.",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const pairs = bucketsWithSettings(args.resources, [AWS_S3_BUCKET_SSE, AWS_S3_BUCKET_SSE_V2]);
    if (pairs.length === 0) args.notApplicable("Policy only applies to stacks that declare S3 buckets");
    for (const { bucket, settings } of pairs) {
      for (const message of findBucketEncryptionGaps(bucket, settings)) reportViolation(message, bucket.urn);
    }
  }),
};
