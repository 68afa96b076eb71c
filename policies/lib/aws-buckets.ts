/**
 * S3 buckets and the resources that configure them. Since AWS provider v4 a bucket's encryption,
 * public-access block and policy are separate resources, so the bucket rules are stack rules: they pair
 * every bucket with the resources whose `bucket` input is that bucket, by a property dependency on it
 * (a bucket's id is unknown until it exists) or by its known name.
 */
import type { PolicyResource } from "@pulumi/policy";
import { readIfKnown } from "./applicability";
import { AWS_S3_BUCKET, AWS_S3_BUCKET_V2 } from "./resource-types";

/** The bucket types of @pulumi/aws 7 (`BucketV2` is the deprecated alias of `Bucket`). */
export const BUCKET_TYPES: readonly string[] = [AWS_S3_BUCKET, AWS_S3_BUCKET_V2];

/** What the bucket rules need to know about one bucket. */
export interface BucketFacts {
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** The S3 bucket name, when it is a known literal. */
  bucketName?: string;
  /** The bucket's own inputs (deprecated inline `serverSideEncryptionConfiguration`, `policy`). */
  props: Record<string, unknown>;
}

/** What the bucket rules need to know about one resource that configures a bucket. */
export interface BucketSettingFacts {
  urn: string;
  type: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** Its `bucket` input, when known. */
  bucket?: string;
  /** URNs its `bucket` input depends on. */
  bucketDependsOn: string[];
  props: Record<string, unknown>;
}

function knownString(read: () => unknown): string | undefined {
  const value = readIfKnown(read);
  return value.known && typeof value.value === "string" ? value.value : undefined;
}

/** Reads the facts of a bucket stack resource. */
export function bucketFacts(resource: PolicyResource): BucketFacts {
  return { urn: resource.urn, resourceName: resource.name, bucketName: knownString(() => resource.props.bucket), props: resource.props };
}

/** Reads the facts of a bucket-configuring stack resource. */
export function bucketSettingFacts(resource: PolicyResource): BucketSettingFacts {
  return {
    urn: resource.urn,
    type: resource.type,
    resourceName: resource.name,
    bucket: knownString(() => resource.props.bucket),
    bucketDependsOn: (resource.propertyDependencies.bucket ?? []).map((d) => d.urn),
    props: resource.props,
  };
}

/** True when `setting` configures `bucket`: it takes its `bucket` input from it, or names it. */
export function configures(setting: BucketSettingFacts, bucket: BucketFacts): boolean {
  if (setting.bucketDependsOn.includes(bucket.urn)) return true;
  return setting.bucket !== undefined && setting.bucket === bucket.bucketName;
}

/** How a message names a bucket. */
export function describeBucket(bucket: BucketFacts): string {
  return bucket.bucketName !== undefined ? `Bucket '${bucket.bucketName}'` : `Bucket resource '${bucket.resourceName}'`;
}

/** The buckets of a stack and, for each, the resources of `settingTypes` that configure it. */
export function bucketsWithSettings(
  resources: readonly PolicyResource[],
  settingTypes: readonly string[],
): { bucket: BucketFacts; settings: BucketSettingFacts[] }[] {
  const settings = resources.filter((r) => settingTypes.includes(r.type)).map(bucketSettingFacts);
  return resources
    .filter((r) => BUCKET_TYPES.includes(r.type))
    .map(bucketFacts)
    .map((bucket) => ({ bucket, settings: settings.filter((setting) => configures(setting, bucket)) }));
}
