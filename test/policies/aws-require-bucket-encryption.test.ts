import type { BucketFacts, BucketSettingFacts } from "../../policies/lib/aws-buckets";
import { findBucketEncryptionGaps } from "../../policies/rules/aws-require-bucket-encryption";

const bucket: BucketFacts = { urn: "urn:bucket", resourceName: "prod-mlops-root", bucketName: "prod-mlops-root-123456789012", props: {} };
const KEY = "arn:aws:kms:us-east-1:123456789012:key/0000";
const sse = (rule: Record<string, unknown>): BucketSettingFacts => ({
  urn: "urn:sse",
  type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  resourceName: "prod-mlops-root",
  bucketDependsOn: ["urn:bucket"],
  props: { rules: [rule] },
});

describe("aws-require-bucket-encryption", () => {
  test("SSE-KMS under the stage's key passes, from the separate resource or the inline block", () => {
    expect(findBucketEncryptionGaps(bucket, [sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } })])).toEqual([]);
    const inline = { ...bucket, props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY } } } } };
    expect(findBucketEncryptionGaps(inline, [])).toEqual([]);
  });

  test("a bucket without default encryption is reported", () => {
    expect(findBucketEncryptionGaps(bucket, [])).toEqual([
      `Bucket 'prod-mlops-root-123456789012' has no default encryption; declare a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the stage's KMS key.`,
    ]);
  });

  test("S3-managed keys (AES256) are reported", () => {
    expect(findBucketEncryptionGaps(bucket, [sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })])).toEqual([
      `Bucket 'prod-mlops-root-123456789012' encrypts with "AES256"; use sseAlgorithm "aws:kms" with the stage's KMS key, so the key policy decides who can read the data.`,
    ]);
  });

  test("aws:kms without a key (the account's aws/s3 key) is reported", () => {
    for (const kmsMasterKeyId of [undefined, ""]) {
      expect(findBucketEncryptionGaps(bucket, [sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId } })])).toEqual([
        "Bucket 'prod-mlops-root-123456789012' encrypts with the account's default aws/s3 key; set kmsMasterKeyId to the stage's customer-managed KMS key.",
      ]);
    }
  });

  test("a rule without a default-encryption block counts as none", () => {
    expect(findBucketEncryptionGaps({ ...bucket, bucketName: undefined }, [sse({ bucketKeyEnabled: true })])[0]).toContain(
      "Bucket resource 'prod-mlops-root' encrypts with undefined",
    );
  });
});

describe("aws-require-bucket-encryption, how rules are read", () => {
  const none = `Bucket 'prod-mlops-root-123456789012' has no default encryption; declare a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the stage's KMS key.`;

  test("absent or null rules are no rules", () => {
    expect(findBucketEncryptionGaps(bucket, [{ ...sse({}), props: { rules: null } }])).toEqual([none]);
    expect(findBucketEncryptionGaps(bucket, [{ ...sse({}), props: {} }])).toEqual([none]);
    expect(findBucketEncryptionGaps({ ...bucket, props: { serverSideEncryptionConfiguration: { rule: null } } }, [])).toEqual([none]);
  });

  test("a null entry in the rules is a rule without a default", () => {
    expect(findBucketEncryptionGaps(bucket, [{ ...sse({}), props: { rules: [null] } }])).toEqual([
      `Bucket 'prod-mlops-root-123456789012' encrypts with undefined; use sseAlgorithm "aws:kms" with the stage's KMS key, so the key policy decides who can read the data.`,
    ]);
  });

  test("one SSE-KMS default under a key is enough beside another default", () => {
    const inline = { ...bucket, props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } } };
    expect(findBucketEncryptionGaps(inline, [sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } })])).toEqual([]);
  });
});
