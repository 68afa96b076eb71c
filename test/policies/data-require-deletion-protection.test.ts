import {
  DATA_HOLDING_TYPES,
  dataRequireDeletionProtection,
  findDeletionProtectionGaps,
} from "../../policies/rules/data-require-deletion-protection";
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
    expect(invokeRule(dataRequireDeletionProtection, { type, name: "prod-x", protect: false }).violations).toHaveLength(1);
    expect(invokeRule(dataRequireDeletionProtection, { type, name: "prod-x", protect: true })).toEqual({ violations: [] });
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
