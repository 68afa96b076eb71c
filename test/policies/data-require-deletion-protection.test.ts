import { DATA_HOLDING_TYPES, findDeletionProtectionGaps } from "../../policies/rules/data-require-deletion-protection";

describe("data-require-deletion-protection", () => {
  test.each(DATA_HOLDING_TYPES)("a protected %s without forceDestroy passes", (type) => {
    expect(findDeletionProtectionGaps({ type, name: "prod-x", protect: true, forceDestroy: false })).toEqual([]);
  });

  test("an unprotected schema is reported", () => {
    expect(findDeletionProtectionGaps({ type: "databricks:index/schema:Schema", name: "prod-mlops-features", protect: false })).toEqual([
      "Schema 'prod-mlops-features' is not protected; set the resource option protect: true so Pulumi refuses to delete it.",
    ]);
  });

  test("forceDestroy: true is reported even when protected", () => {
    const facts = { type: "databricks:index/catalog:Catalog", name: "prod-mlops", protect: true, forceDestroy: true };
    expect(findDeletionProtectionGaps(facts)).toEqual([
      "Catalog 'prod-mlops' sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.",
    ]);
  });
});
