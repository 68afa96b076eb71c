import { configures, type BucketFacts, type BucketSettingFacts } from "../../policies/lib/aws-buckets";
import { PUBLIC_ACCESS_BLOCK_FLAGS, findPublicAccessGaps } from "../../policies/rules/aws-require-bucket-public-access-block";

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
