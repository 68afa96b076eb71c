import { resolveOnlineStore } from "../../components/online-store/online-store-config";
import { storeTableArgs } from "../../components/online-store/store";
import { awsForbidDataExpiry, findDataExpiry } from "../../policies/rules/aws-forbid-data-expiry";
import { invokeRule } from "./invoke-rule";
import { judgesType } from "../../policies/lib/judged-types";

const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const BUCKET = "aws:s3/bucket:Bucket";
const TABLE = "aws:dynamodb/table:Table";
const expire = (type: string, props: Record<string, unknown>, config = {}) => findDataExpiry(type, "r", props, config);
const expiryMessage = (type: string, rule: string, parts: string) =>
  `${type.split(":").pop()} 'r': lifecycle rule ${rule} sets ${parts}, so S3 deletes the stage's objects on a timer; remove it ` +
  "(transitions to colder storage classes keep the data and pass).";

describe("aws-forbid-data-expiry", () => {
  test("a lifecycle rule that expires objects or their older versions is refused, in both lifecycle types", () => {
    for (const type of [LIFECYCLE, LIFECYCLE_V2]) {
      const rules = [
        { id: "tidy", status: "Enabled", expiration: { days: 30 } },
        { status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 7 } },
        { id: "both", status: "enabled", expiration: { expiredObjectDeleteMarker: true }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
      ];
      expect(expire(type, { bucket: "b", rules })).toEqual([
        expiryMessage(type, "#1 'tidy'", "expiration"),
        expiryMessage(type, "#2", "noncurrentVersionExpiration"),
        expiryMessage(type, "#3 'both'", "expiration and noncurrentVersionExpiration"),
      ]);
    }
  });

  test("a disabled rule, transitions and aborted uploads pass", () => {
    const rules = [
      { id: "off", status: "Disabled", expiration: { days: 30 } },
      { id: "cold", status: "Enabled", transitions: [{ days: 30, storageClass: "GLACIER" }], abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ];
    expect(expire(LIFECYCLE, { rules })).toEqual([]);
  });

  test("a bucket's inline lifecycle rules are judged too; enabled: false passes", () => {
    expect(expire(BUCKET, { lifecycleRules: [{ enabled: true, expiration: { days: 1 } }] })).toEqual([expiryMessage(BUCKET, "#1", "expiration")]);
    expect(expire(BUCKET, { lifecycleRules: [{ enabled: false, expiration: { days: 1 } }] })).toEqual([]);
    expect(expire(BUCKET, { bucket: "b" })).toEqual([]);
  });

  test("a table's time-to-live is refused unless the config names the table", () => {
    const props = storeTableArgs("prod", "mlops", resolveOnlineStore({ keyColumn: { name: "customer_id" }, ttlAttribute: "expires_at", publisherRoleName: "prod-mlops-batch-inference" }), "arn:key");
    const refused = [
      "Table 'r' turns on time-to-live, so DynamoDB deletes its items on a timer, and its table 'prod-mlops-predictions' is not among expiringTables " +
        "in this stage's policy config; turn ttl off, or have a security reviewer name the table there.",
    ];
    expect(expire(TABLE, props)).toEqual(refused);
    expect(expire(TABLE, props, { expiringTables: ["prod-mlops-predictions"] })).toEqual([]);
    expect(expire(TABLE, props, { expiringTables: ["prod-mlops-other"] })).toEqual(refused);
    expect(expire(TABLE, { ...props, ttl: { enabled: "true", attributeName: "x" } })).toEqual(refused);
    expect(expire(TABLE, { ...props, ttl: { enabled: false, attributeName: "x" } })).toEqual([]);
    expect(expire(TABLE, { ttl: { enabled: true } }, { expiringTables: ["prod-mlops-predictions"] })[0]).toContain("its table has no literal name");
  });

  test("registered: judges lifecycle types that prod does not admit yet, and tables", () => {
    const call = invokeRule(awsForbidDataExpiry, { type: LIFECYCLE_V2, props: { rules: [{ status: "Enabled", expiration: { days: 1 } }] } });
    expect(call.violations).toHaveLength(1);
    expect(invokeRule(awsForbidDataExpiry, { type: "aws:ec2/vpc:Vpc" }).notApplicable).toMatch(/^Policy only applies to resources of type /);
    // The judged-types table counts it for a type a reviewer admits later.
    expect([LIFECYCLE, LIFECYCLE_V2, TABLE, BUCKET].map((type) => judgesType(awsForbidDataExpiry, type))).toEqual([true, true, true, true]);
  });
});
