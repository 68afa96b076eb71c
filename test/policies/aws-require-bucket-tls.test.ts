import type { BucketFacts, BucketSettingFacts } from "../../policies/lib/aws-buckets";
import { deniesInsecureTransport, findTlsGaps, statementsOf } from "../../policies/rules/aws-require-bucket-tls";
import { rootBucketPolicy, tlsOnlyStatement } from "../../components/workspace/storage-policies";

const NAME = "prod-mlops-root-123456789012";
const bucket: BucketFacts = { urn: "urn:bucket", resourceName: "prod-mlops-root", bucketName: NAME, props: {} };
const policyOf = (document: unknown): BucketSettingFacts => ({
  urn: "urn:policy",
  type: "aws:s3/bucketPolicy:BucketPolicy",
  resourceName: "prod-mlops-root",
  bucketDependsOn: ["urn:bucket"],
  props: { policy: typeof document === "string" ? document : JSON.stringify(document) },
});
const withDeny = (change: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ ...tlsOnlyStatement(NAME), ...change }] });
const MISSING = `Bucket '${NAME}' has a policy that allows requests without TLS; add a statement that denies "s3:*" to Principal "*" on arn:aws:s3:::${NAME} and arn:aws:s3:::${NAME}/* when aws:SecureTransport is "false".`;

describe("aws-require-bucket-tls", () => {
  test("the program's root bucket policy passes, as JSON text, as an object and inline on the bucket", () => {
    expect(findTlsGaps(bucket, [policyOf(rootBucketPolicy(NAME, "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"))])).toEqual([]);
    expect(findTlsGaps({ ...bucket, props: { policy: rootBucketPolicy(NAME, "x") } }, [])).toEqual([]);
    expect(deniesInsecureTransport({ ...tlsOnlyStatement(NAME), Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } }, NAME)).toBe(true);
  });

  test("a bucket without any policy is reported", () => {
    expect(findTlsGaps(bucket, [])).toEqual([MISSING.replace("has a policy that allows requests without TLS", "has no bucket policy")]);
  });

  test("each way to weaken the deny is reported", () => {
    const weakened = [
      { Effect: "Allow" },
      { Principal: { AWS: "arn:aws:iam::414351767826:root" } },
      { Action: "s3:GetObject" },
      { Resource: [`arn:aws:s3:::${NAME}`] },
      { Resource: [`arn:aws:s3:::other-bucket`, `arn:aws:s3:::other-bucket/*`] },
      { Condition: { Bool: { "aws:SecureTransport": "true" } } },
      { Condition: undefined },
    ];
    for (const change of weakened) expect(findTlsGaps(bucket, [policyOf(withDeny(change))])).toEqual([MISSING]);
  });

  test("text that is not JSON has no statements", () => {
    expect(statementsOf("{not json")).toEqual([]);
    expect(findTlsGaps(bucket, [policyOf("{not json")])).toEqual([MISSING]);
  });
});

describe("aws-require-bucket-tls, reading statements", () => {
  const deny = tlsOnlyStatement(NAME);

  test("entries of Statement that are no objects are skipped", () => {
    expect(statementsOf({ Statement: [null, "Deny", 3, deny] })).toEqual([deny]);
    expect(findTlsGaps(bucket, [policyOf({ Statement: [null, "x", deny] })])).toEqual([]);
  });

  test("a deny without a principal, a condition block or its Bool does not count", () => {
    expect(deniesInsecureTransport({ ...deny, Principal: undefined }, NAME)).toBe(false);
    expect(deniesInsecureTransport({ ...deny, Principal: { Service: "s3.amazonaws.com" } }, NAME)).toBe(false);
    expect(deniesInsecureTransport({ ...deny, Condition: {} }, NAME)).toBe(false);
  });

  test("every action and every resource count as s3:* and the bucket", () => {
    expect(deniesInsecureTransport({ ...deny, Action: ["*"] }, NAME)).toBe(true);
    expect(deniesInsecureTransport({ ...deny, Action: ["s3:GetObject", "s3:*"], Resource: "*" }, NAME)).toBe(true);
    expect(deniesInsecureTransport({ ...deny, Resource: `arn:aws:s3:::${NAME}/*` }, NAME)).toBe(false);
  });

  test("a bucket whose name is unknown needs only the deny itself", () => {
    expect(deniesInsecureTransport({ ...deny, Resource: [] })).toBe(true);
    const unnamed = { ...bucket, bucketName: undefined };
    expect(findTlsGaps(unnamed, [])).toEqual([
      `Bucket resource 'prod-mlops-root' has no bucket policy; add a statement that denies "s3:*" to Principal "*" on the bucket and its objects when aws:SecureTransport is "false".`,
    ]);
  });

  test("a weak inline policy is a policy that allows requests without TLS", () => {
    expect(findTlsGaps({ ...bucket, props: { policy: JSON.stringify({ Statement: [] }) } }, [])).toEqual([MISSING]);
  });
});
