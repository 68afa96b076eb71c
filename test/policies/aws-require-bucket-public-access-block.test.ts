import { configures, type BucketFacts, type BucketSettingFacts } from "../../policies/lib/aws-buckets";
import { AWS_S3_BUCKET, AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK } from "../../policies/lib/resource-types";
import { PUBLIC_ACCESS_BLOCK_FLAGS, awsRequireBucketPublicAccessBlock, findPublicAccessGaps, findWeakeningBlocks } from "../../policies/rules/aws-require-bucket-public-access-block";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const bucket: BucketFacts = { urn: "urn:bucket", resourceName: "prod-mlops-root", bucketName: "prod-mlops-root-123456789012", props: {} };
const allOn = Object.fromEntries(PUBLIC_ACCESS_BLOCK_FLAGS.map((flag) => [flag, true]));
const block = (props: Record<string, unknown>, extra: Partial<BucketSettingFacts> = {}): BucketSettingFacts => ({
  urn: "urn:pab",
  type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  resourceName: "prod-mlops-root",
  bucketDependsOn: ["urn:bucket"],
  props,
  ...extra,
});

describe("aws-require-bucket-public-access-block", () => {
  test("a block with all four settings on passes", () => {
    expect(findPublicAccessGaps(bucket, [block(allOn)])).toEqual([]);
  });

  test("a bucket without a block is reported", () => {
    expect(findPublicAccessGaps(bucket, [])).toEqual([
      "Bucket 'prod-mlops-root-123456789012' has no public-access block; declare a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.",
    ]);
  });

  test.each(PUBLIC_ACCESS_BLOCK_FLAGS)("a block that leaves %s off (false or unset) is reported", (flag) => {
    for (const value of [false, undefined]) {
      expect(findPublicAccessGaps(bucket, [block({ ...allOn, [flag]: value })])).toEqual([
        `Bucket 'prod-mlops-root-123456789012': public-access block 'prod-mlops-root' leaves ${flag} off; set all four to true.`,
      ]);
    }
  });

  test("a block counts for the bucket it takes its bucket input from, or names; not for another bucket", () => {
    expect(configures(block(allOn), bucket)).toBe(true);
    expect(configures(block(allOn, { bucketDependsOn: [], bucket: "prod-mlops-root-123456789012" }), bucket)).toBe(true);
    expect(configures(block(allOn, { bucketDependsOn: ["urn:other"], bucket: "other-bucket" }), bucket)).toBe(false);
    expect(configures(block(allOn, { bucketDependsOn: [] }), { ...bucket, bucketName: undefined })).toBe(false);
  });
});

describe("aws-require-bucket-public-access-block, several blocks", () => {
  test("one complete block is enough beside a partial one", () => {
    expect(findPublicAccessGaps(bucket, [block({ blockPublicAcls: true }, { resourceName: "partial" }), block(allOn)])).toEqual([]);
  });

  test("each partial block is named with every setting it leaves off", () => {
    expect(findPublicAccessGaps(bucket, [block({ blockPublicAcls: true, ignorePublicAcls: "true" }, { resourceName: "a" }), block({ ...allOn, blockPublicPolicy: false }, { resourceName: "b" })])).toEqual([
      "Bucket 'prod-mlops-root-123456789012': public-access block 'a' leaves blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets off; set all four to true.",
      "Bucket 'prod-mlops-root-123456789012': public-access block 'b' leaves blockPublicPolicy off; set all four to true.",
    ]);
  });
});

describe("which bucket a setting configures", () => {
  test("two unknown names are no match", () => {
    const unnamed = { ...bucket, bucketName: undefined };
    expect(configures(block(allOn, { bucketDependsOn: [], bucket: undefined }), unnamed)).toBe(false);
    expect(configures(block(allOn, { bucketDependsOn: [], bucket: "prod-mlops-root-123456789012" }), unnamed)).toBe(false);
    expect(configures(block(allOn, { bucketDependsOn: [], bucket: undefined }), bucket)).toBe(false);
  });
});

describe("aws-require-bucket-public-access-block, the registered rule", () => {
  const urnOf = (name: string) => `urn:pulumi:prod::databricks-mlops::${AWS_S3_BUCKET}::${name}`;

  test("a complete block on one bucket leaves the stack's other bucket open", () => {
    const root = stackResource(AWS_S3_BUCKET, "root", { bucket: "prod-root" });
    const logs = stackResource(AWS_S3_BUCKET, "logs", { bucket: "prod-logs" });
    const rootBlock = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "root-pab", allOn, { propertyDependsOn: { bucket: [root] } });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [root, logs, rootBlock])).toEqual({
      violations: [{ urn: urnOf("logs"), message: "Bucket 'prod-logs' has no public-access block; declare a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true." }],
    });
  });

  test("a bucket name that is no text is no name: the bucket is named by its resource, and no block matches it by name", () => {
    const odd = stackResource(AWS_S3_BUCKET, "odd", { bucket: 42 });
    const byName = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "pab", { ...allOn, bucket: 42 });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [odd, byName])).toEqual({
      violations: [{ urn: urnOf("odd"), message: "Bucket resource 'odd' has no public-access block; declare a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true." }],
    });
  });

  test("a block that turns settings off on a bucket the stack does not declare is refused on the block; one with all four on passes", () => {
    const root = stackResource(AWS_S3_BUCKET, "root", { bucket: "prod-root" });
    const rootBlock = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "root-pab", allOn, { propertyDependsOn: { bucket: [root] } });
    const outside = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "open-other", { ...allOn, blockPublicPolicy: false, restrictPublicBuckets: false, bucket: "data-lake-123456789012" });
    const closedOutside = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "closed-other", { ...allOn, bucket: "data-lake-123456789012" });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [root, rootBlock, closedOutside])).toEqual({ violations: [] });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [root, rootBlock, outside])).toEqual({
      violations: [
        {
          urn: `urn:pulumi:prod::databricks-mlops::${AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK}::open-other`,
          message: "Public-access block 'open-other' leaves blockPublicPolicy, restrictPublicBuckets off on bucket 'data-lake-123456789012', which this stack does not declare; set all four to true.",
        },
      ],
    });
  });

  test("a weakening block is judged in a stack without buckets too, and one whose target is unknown is named as such", () => {
    const unknownTarget = stackResource(AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "open", { blockPublicAcls: true });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [unknownTarget])).toEqual({
      violations: [
        {
          urn: `urn:pulumi:prod::databricks-mlops::${AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK}::open`,
          message: "Public-access block 'open' leaves blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets off on a bucket this stack does not declare; set all four to true.",
        },
      ],
    });
    expect(findWeakeningBlocks([block(allOn, { bucketDependsOn: [], bucket: "x" })])).toEqual([]);
  });
});
