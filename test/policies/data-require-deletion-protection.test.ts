import {
  DATA_HOLDING_TYPES,
  dataRequireDeletionProtection,
  findDeletionProtectionGaps,
} from "../../policies/rules/data-require-deletion-protection";
import { findDisabledGuards } from "../../policies/lib/deletion-guards";
import { invokeRule } from "./invoke-rule";

describe("data-require-deletion-protection", () => {
  test.each(DATA_HOLDING_TYPES)("a protected %s without forceDestroy passes", (type) => {
    expect(findDeletionProtectionGaps({ type, name: "prod-x", protect: true, forceDestroy: false })).toEqual([]);
  });

  test("an unprotected schema is reported", () => {
    expect(findDeletionProtectionGaps({ type: "databricks:index/schema:Schema", name: "prod-mlops-features", protect: false })).toEqual([
      "Schema 'prod-mlops-features' is not protected; set the resource option protect: true so Pulumi refuses to delete it.",
    ]);
  });

  test("the storage credential and external location under a catalog are judged: unprotected or force-destroyed, each is reported", () => {
    const location = "databricks:index/externalLocation:ExternalLocation";
    const credential = "databricks:index/storageCredential:StorageCredential";
    expect(DATA_HOLDING_TYPES).toEqual(expect.arrayContaining([location, credential]));
    expect(findDeletionProtectionGaps({ type: location, name: "prod-mlops-catalog-location", protect: false, forceDestroy: false })).toEqual([
      "ExternalLocation 'prod-mlops-catalog-location' is not protected; set the resource option protect: true so Pulumi refuses to delete it.",
    ]);
    expect(findDeletionProtectionGaps({ type: credential, name: "prod-mlops-catalog-credential", protect: true, forceDestroy: true })).toEqual([
      "StorageCredential 'prod-mlops-catalog-credential' sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.",
    ]);
  });

  test("forceDestroy: true is reported even when protected", () => {
    const facts = { type: "databricks:index/catalog:Catalog", name: "prod-mlops", protect: true, forceDestroy: true };
    expect(findDeletionProtectionGaps(facts)).toEqual([
      "Catalog 'prod-mlops' sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.",
    ]);
  });
});

describe("data-require-deletion-protection, the registered rule", () => {
  test.each(DATA_HOLDING_TYPES)("refuses an unprotected %s", (type) => {
    // A DynamoDB table needs its own deletion protection and point-in-time recovery on too (below).
    const props = type === "aws:dynamodb/table:Table" ? { deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: true } } : {};
    expect(invokeRule(dataRequireDeletionProtection, { type, name: "prod-x", protect: false, props }).violations).toHaveLength(1);
    expect(invokeRule(dataRequireDeletionProtection, { type, name: "prod-x", protect: true, props })).toEqual({ violations: [] });
  });

  test("a folder that deletes what it holds (deleteRecursive) is refused even when protected; protected without it, it passes", () => {
    const directory = "databricks:index/directory:Directory";
    expect(invokeRule(dataRequireDeletionProtection, { type: directory, name: "prod-mlops-experiments", protect: true, props: { path: "/Shared/prod", deleteRecursive: true } }).violations).toEqual([
      "Directory 'prod-mlops-experiments' sets deleteRecursive: true, so deleting it would also delete every experiment and notebook in it; remove deleteRecursive.",
    ]);
    expect(invokeRule(dataRequireDeletionProtection, { type: directory, name: "prod-mlops-experiments", protect: true, props: { path: "/Shared/prod", deleteRecursive: false } })).toEqual({ violations: [] });
  });

  test("does not apply to resources that hold no data", () => {
    expect(invokeRule(dataRequireDeletionProtection, { type: "databricks:index/grants:Grants" }).notApplicable).toMatch(/^Policy only applies to/);
  });
});

describe("data-require-deletion-protection: the cloud's own deletion guards (issue 19)", () => {
  const TABLE = "aws:dynamodb/table:Table";
  const KEY = "aws:kms/key:Key";
  const BUCKET = "aws:s3/bucket:Bucket";
  const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";

  const RECOVERABLE = { pointInTimeRecovery: { enabled: true } };

  test("the program's guards pass: table protection and recovery on, the longest key window (or the default), versioning Enabled", () => {
    expect(findDisabledGuards(TABLE, "t", { deletionProtectionEnabled: true, ...RECOVERABLE })).toEqual([]);
    expect(findDisabledGuards(KEY, "k", { deletionWindowInDays: 30 })).toEqual([]);
    expect(findDisabledGuards(KEY, "k", {})).toEqual([]);
    expect(findDisabledGuards(VERSIONING, "v", { bucket: "b", versioningConfiguration: { status: "Enabled" } })).toEqual([]);
  });

  test.each([
    [TABLE, { deletionProtectionEnabled: false, ...RECOVERABLE }, "Table 'x' does not set deletionProtectionEnabled: true (AWS defaults to off), so the table can be deleted outside Pulumi; set it."],
    [TABLE, RECOVERABLE, "Table 'x' does not set deletionProtectionEnabled: true (AWS defaults to off), so the table can be deleted outside Pulumi; set it."],
    [TABLE, { deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: false } }, "Table 'x' does not set pointInTimeRecovery.enabled: true (AWS defaults to off), so deleted or overwritten items cannot be restored; set it."],
    [TABLE, { deletionProtectionEnabled: true }, "Table 'x' does not set pointInTimeRecovery.enabled: true (AWS defaults to off), so deleted or overwritten items cannot be restored; set it."],
    [
      KEY,
      { deletionWindowInDays: 7 },
      "Key 'x' sets deletionWindowInDays 7; a scheduled deletion of a key makes everything it encrypts unreadable, so keep the longest window, 30 days (the default), to notice and cancel it.",
    ],
    [VERSIONING, { versioningConfiguration: { status: "Suspended" } }, "BucketVersioning 'x' turns bucket versioning off, so a deleted or overwritten object cannot be recovered; keep versioning Enabled."],
    [BUCKET, { versioning: { enabled: false } }, "Bucket 'x' turns bucket versioning off, so a deleted or overwritten object cannot be recovered; keep versioning Enabled."],
  ])("%s %j turns a guard off", (type, props, message) => {
    expect(findDisabledGuards(type, "x", props)).toEqual([message]);
  });

  test("the registered rule judges guard types that hold no data themselves, without asking them to be protected", () => {
    const props = { versioningConfiguration: { status: "Suspended" } };
    expect(invokeRule(dataRequireDeletionProtection, { type: VERSIONING, name: "x", protect: false, props }).violations).toEqual([
      "BucketVersioning 'x' turns bucket versioning off, so a deleted or overwritten object cannot be recovered; keep versioning Enabled.",
    ]);
    expect(invokeRule(dataRequireDeletionProtection, { type: VERSIONING, name: "x", protect: false, props: { versioningConfiguration: { status: "Enabled" } } })).toEqual({ violations: [] });
    expect(invokeRule(dataRequireDeletionProtection, { type: TABLE, name: "x", protect: true, props: {} }).violations).toHaveLength(2);
  });
});
