import type { PolicyResource } from "@pulumi/policy";
import { awsForbidDuplicateSettings } from "../../policies/rules/aws-forbid-duplicate-settings";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const urn = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;

/** The SDK's error for a read of a value unknown during preview, recognised by its class name. */
class UnknownValueError extends Error {}
function unknown(props: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...props };
  Object.defineProperty(copy, key, {
    enumerable: true,
    get: () => {
      throw new UnknownValueError(`string value at .${key} can't be known during preview`);
    },
  });
  return copy;
}

const bucket = res(BUCKET, "data", { bucket: "prod-data" });
/** A setting of `bucket` by its id, as the program declares it (`bucket: bucket.id`). */
const of = (type: string, name: string, target: PolicyResource = bucket, props: Record<string, unknown> = {}) =>
  res(type, name, { bucket: `${target.name}-id`, ...props }, { propertyDependsOn: { bucket: [target] } });
const run = (...resources: PolicyResource[]) => invokeStackRule(awsForbidDuplicateSettings, resources);
const repeat = (target: string, label: string, all: string[], extra: string) =>
  `${target} has ${all.length} declarations of its ${label} (${all.join(", ")}); AWS keeps one per target, so whichever is applied last ` +
  `replaces the others and the one judged may not be the one in force. Declare it once (${extra} is a repeat).`;

describe("aws-forbid-duplicate-settings", () => {
  test("one declaration of each setting per target passes, whatever else the stack declares", () => {
    const other = res(BUCKET, "other", { bucket: "prod-other" });
    const key = res(KEY, "k", { policy: "{}" });
    const role = res(ROLE, "role", { name: "prod-role" });
    const resources = [
      bucket, other, key, role,
      of(BUCKET_POLICY, "p"), of(BUCKET_POLICY, "p-other", other), of(SSE, "sse"), of(SSE, "sse-other", other),
      res(ROLE_POLICY, "a", { role: "prod-role-id", name: "a" }, { propertyDependsOn: { role: [role] } }),
      res(ROLE_POLICY, "b", { role: "prod-role-id", name: "b" }, { propertyDependsOn: { role: [role] } }),
      // Without a name the provider generates a unique one: it cannot collide.
      res(ROLE_POLICY, "c", { role: "prod-role-id" }, { propertyDependsOn: { role: [role] } }),
    ];
    expect(run(...resources)).toEqual({ violations: [] });
  });

  test("a second bucket policy for one bucket is refused on the repeat, paired by dependency or by the bucket's name", () => {
    const first = of(BUCKET_POLICY, "first");
    const byName = res(BUCKET_POLICY, "second", { bucket: "prod-data" });
    const message = repeat("Bucket 'prod-data'", "bucket policy", ["BucketPolicy 'first'", "BucketPolicy 'second'"], "BucketPolicy 'second'");
    expect(run(bucket, first, byName)).toEqual({ violations: [{ message, urn: byName.urn }] });
    expect(run(bucket, first, of(BUCKET_POLICY, "second"))).toEqual({ violations: [{ message, urn: urn(BUCKET_POLICY, "second") }] });
  });

  test("an inline policy on the bucket counts as its first declaration", () => {
    const inline = res(BUCKET, "data", { bucket: "prod-data", policy: "{}" });
    const policy = of(BUCKET_POLICY, "p", inline);
    expect(run(inline, policy).violations).toEqual([
      { message: repeat("Bucket 'prod-data'", "bucket policy", ["Bucket 'data' (inline)", "BucketPolicy 'p'"], "BucketPolicy 'p'"), urn: policy.urn },
    ]);
  });

  test("the two encryption types are one setting; two settings of a bucket outside the stack, named alike, collide too", () => {
    const v2 = of(SSE_V2, "sse2");
    expect(run(bucket, of(SSE, "sse"), v2).violations.map((v) => v.urn)).toEqual([v2.urn]);
    const outside = [res(BUCKET_POLICY, "x", { bucket: "elsewhere" }), res(BUCKET_POLICY, "y", { bucket: "elsewhere" })];
    expect(run(...outside).violations).toEqual([
      { message: repeat("the target 'elsewhere'", "bucket policy", ["BucketPolicy 'x'", "BucketPolicy 'y'"], "BucketPolicy 'y'"), urn: outside[1].urn },
    ]);
  });

  test("every bucket setting kind is held, each to one per bucket", () => {
    const kinds = [
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketVersioningV2:BucketVersioningV2",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ];
    for (const type of kinds) expect([type, run(bucket, of(type, "one"), of(type, "two")).violations.map((v) => v.urn)]).toEqual([type, [urn(type, "two")]]);
  });

  test("a key's inline policy and a KeyPolicy of it, or two KeyPolicies, collide", () => {
    const key = res(KEY, "k", { policy: "{}" });
    const keyPolicy = res(KEY_POLICY, "kp", { keyId: "k-id", policy: "{}" }, { propertyDependsOn: { keyId: [key] } });
    expect(run(key, keyPolicy).violations).toEqual([
      { message: repeat("Key 'k'", "key policy", ["Key 'k' (inline)", "KeyPolicy 'kp'"], "KeyPolicy 'kp'"), urn: keyPolicy.urn },
    ]);
    // A key policy computed from other outputs is unknown during preview, and still declared.
    const computed = res(KEY, "k", unknown({}, "policy"));
    const late = res(KEY_POLICY, "kp", { keyId: "k-id" }, { propertyDependsOn: { keyId: [computed] } });
    expect(run(computed, late).violations.map((v) => v.urn)).toEqual([late.urn]);
    expect(run(computed).violations).toEqual([]);
    const bare = res(KEY, "k", {});
    const second = res(KEY_POLICY, "kp2", { keyId: "k-id" }, { propertyDependsOn: { keyId: [bare] } });
    expect(run(bare, res(KEY_POLICY, "kp", { keyId: "k-id" }, { propertyDependsOn: { keyId: [bare] } }), second).violations.map((v) => v.urn)).toEqual([second.urn]);
  });

  test("two inline policies of one name on one role collide, by the role's dependency, its name, or the role's own inlinePolicies", () => {
    const role = res(ROLE, "role", { name: "prod-role", inlinePolicies: [{ name: "data", policy: "{}" }] });
    const byDependency = res(ROLE_POLICY, "a", { role: "prod-role-id", name: "data" }, { propertyDependsOn: { role: [role] } });
    const byName = res(ROLE_POLICY, "b", { role: "prod-role", name: "data" });
    expect(run(role, byDependency, byName).violations.map((v) => [v.urn, v.message.split(" has ")[0]])).toEqual([
      [byDependency.urn, "Role 'prod-role' named 'data'"],
      [byName.urn, "Role 'prod-role' named 'data'"],
    ]);
  });

  test("a setting whose target is unknown and derived from no target fails closed; one derived from its target still pairs", () => {
    const lost = res(BUCKET_POLICY, "lost", unknown({}, "bucket"));
    expect(run(bucket, lost).violations).toEqual([
      {
        urn: lost.urn,
        message: expect.stringMatching(
          /^BucketPolicy 'lost' cannot be checked during preview: its bucket is unknown and derived from no bucket of the stack, so the pack cannot tell whether another bucket policy sets the same one\. This rule fails closed/,
        ),
      },
    ]);
    const derived = res(BUCKET_POLICY, "derived", unknown({}, "bucket"), { propertyDependsOn: { bucket: [bucket] } });
    expect(run(bucket, derived, of(BUCKET_POLICY, "p")).violations.map((v) => v.urn)).toEqual([urn(BUCKET_POLICY, "p")]);
    const unnamed = res(ROLE_POLICY, "u", unknown({ role: "prod-role" }, "name"));
    expect(run(unnamed).violations.map((v) => [v.urn, v.message.split(":")[0]])).toEqual([[unnamed.urn, "RolePolicy 'u' cannot be checked during preview"]]);
  });

  test("a stack without buckets, keys, roles or their settings is not applicable", () => {
    expect(run(res("aws:ec2/vpc:Vpc", "vpc"))).toEqual({ violations: [], notApplicable: "Policy only applies to stacks that declare S3 buckets, KMS keys, IAM roles or their settings" });
  });
});
