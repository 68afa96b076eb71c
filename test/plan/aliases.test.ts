import { collapseAlias, inheritedChildAlias, resolveAliases } from "../../tools/plan/aliases";

const STAGE = "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage::prod-mlops";
const target = { stack: "prod", project: "databricks-mlops", type: "databricks:index/catalog:Catalog", name: "prod-mlops-catalog-v2", parent: STAGE };
const spec = (fields: Partial<{ name: string; type: string; stack: string; project: string; parentUrn: string; noParent: boolean }>) => ({
  name: "",
  type: "",
  stack: "",
  project: "",
  parentUrn: "",
  noParent: false,
  ...fields,
});

describe("alias URNs as the engine computes them", () => {
  test("a URN alias is taken as written", () => {
    expect(collapseAlias(target, { urn: "urn:pulumi:prod::p::t::n" })).toBe("urn:pulumi:prod::p::t::n");
  });

  test("a spec fills its empty fields from the resource, the parent included", () => {
    expect(collapseAlias(target, spec({ name: "prod-mlops-catalog" }))).toBe(
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/catalog:Catalog::prod-mlops-catalog",
    );
  });

  test("noParent and an explicit parent move the alias, the root stack adds no type", () => {
    expect(collapseAlias(target, spec({ name: "old", noParent: true }))).toBe("urn:pulumi:prod::databricks-mlops::databricks:index/catalog:Catalog::old");
    const root = "urn:pulumi:prod::databricks-mlops::pulumi:pulumi:Stack::databricks-mlops-prod";
    expect(collapseAlias(target, spec({ parentUrn: root }))).toBe(
      "urn:pulumi:prod::databricks-mlops::databricks:index/catalog:Catalog::prod-mlops-catalog-v2",
    );
    expect(collapseAlias(target, spec({ stack: "staging", project: "other", type: "databricks:index/schema:Schema" }))).toBe(
      "urn:pulumi:staging::other::mlops:index:MlopsStage$databricks:index/schema:Schema::prod-mlops-catalog-v2",
    );
  });

  test("a child inherits its parent's aliases, the parent's name swapped in a prefixed child name", () => {
    const oldStage = "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage::mlops-prod";
    expect(inheritedChildAlias({ ...target, name: "prod-mlops-schema" }, "databricks:index/schema:Schema", "prod-mlops-schema", oldStage)).toBe(
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/schema:Schema::mlops-prod-schema",
    );
    expect(inheritedChildAlias(target, target.type, "catalog", oldStage)).toBe(
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/catalog:Catalog::catalog",
    );
  });

  test("own aliases first, then each multiplied by the parent's, without duplicates", () => {
    const oldStage = "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage::mlops-prod";
    expect(resolveAliases(target, [spec({ name: "prod-mlops-catalog" }), spec({ name: "prod-mlops-catalog" })], [oldStage])).toEqual([
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/catalog:Catalog::prod-mlops-catalog",
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/catalog:Catalog::mlops-prod-catalog-v2",
      "urn:pulumi:prod::databricks-mlops::mlops:index:MlopsStage$databricks:index/catalog:Catalog::mlops-prod-catalog",
    ]);
    expect(resolveAliases(target, [], [])).toEqual([]);
  });
});
