/**
 * aws-require-bucket-public-access-block (stack rule): every S3 bucket has a public-access block with all
 * four settings on, so no ACL or bucket policy can ever make it public; and no public-access block the stack
 * declares leaves a setting off, whichever bucket it targets (one outside the stack included).
 */
import { failingClosed } from "../lib/applicability";
import { BUCKET_TYPES, bucketSettingFacts, bucketsWithSettings, describeBucket, type BucketFacts, type BucketSettingFacts } from "../lib/aws-buckets";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK } from "../lib/resource-types";

/** The four settings of a public-access block; each must be `true`. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** Returns a message when no block covers the bucket, or one per block that leaves a setting off. */
export function findPublicAccessGaps(bucket: BucketFacts, blocks: readonly BucketSettingFacts[]): string[] {
  const subject = describeBucket(bucket);
  if (blocks.length === 0) {
    return [`${subject} has no public-access block; declare a BucketPublicAccessBlock with ${PUBLIC_ACCESS_BLOCK_FLAGS.join(", ")} all true.`];
  }
  if (blocks.some((block) => PUBLIC_ACCESS_BLOCK_FLAGS.every((flag) => block.props[flag] === true))) return [];
  return blocks.map((block) => {
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => block.props[flag] !== true);
    return `${subject}: public-access block '${block.resourceName}' leaves ${off.join(", ")} off; set all four to true.`;
  });
}

/**
 * Returns one message per block paired with no bucket of the stack that leaves a setting off: it weakens a bucket
 * outside the stack (another of the account's buckets), which no other finding names.
 */
export function findWeakeningBlocks(unpaired: readonly BucketSettingFacts[]): { urn: string; message: string }[] {
  return unpaired.flatMap((block) => {
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => block.props[flag] !== true);
    if (off.length === 0) return [];
    const target = block.bucket === undefined ? "a bucket this stack does not declare" : `bucket '${block.bucket}', which this stack does not declare`;
    return [{ urn: block.urn, message: `Public-access block '${block.resourceName}' leaves ${off.join(", ")} off on ${target}; set all four to true.` }];
  });
}

/** The rule object registered in the pack. */
export const awsRequireBucketPublicAccessBlock: DocumentedStackPolicy = {
  name: "aws-require-bucket-public-access-block",
  description: "Every S3 bucket has a public-access block with all four settings on, and no public-access block turns one off.",
  severity: "critical",
  remediationSteps:
    "Declare an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls " +
    "and restrictPublicBuckets all set to true. Do not declare a block that turns a setting off on any other bucket.",
  documentation: {
    judgedTypes: [...BUCKET_TYPES, AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK],
    waivers: "refused-on-prod",
    rationale:
      "Protected production data: a public root bucket would expose workspace data to the internet whatever the " +
      "Databricks grants say. The block makes that impossible even if a later ACL or policy tried. A block that turns " +
      "the settings off on another of the account's buckets (the stage's AWS account holds its data) is the same harm " +
      "through a target the stack does not declare.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "root_s3_bucket.tf: aws_s3_bucket_public_access_block, all four flags true",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/root_s3_bucket.tf",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const pairs = bucketsWithSettings(args.resources, [AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK]);
    const paired = new Set(pairs.flatMap(({ settings }) => settings.map((setting) => setting.urn)));
    const unpaired = args.resources.filter((r) => r.type === AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK && !paired.has(r.urn)).map(bucketSettingFacts);
    if (pairs.length === 0 && unpaired.length === 0) args.notApplicable("Policy only applies to stacks that declare S3 buckets or public-access blocks");
    for (const { bucket, settings } of pairs) {
      for (const message of findPublicAccessGaps(bucket, settings)) reportViolation(message, bucket.urn);
    }
    for (const { urn, message } of findWeakeningBlocks(unpaired)) reportViolation(message, urn);
  }),
};
