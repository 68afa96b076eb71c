import { makeUrn, parseUrn, ROOT_STACK_TYPE } from "../../tools/plan/urn";

const stackUrn = makeUrn("prod", "databricks-mlops", "", ROOT_STACK_TYPE, "databricks-mlops-prod");

describe("engine URNs", () => {
  test("the root stack has no parent type", () => {
    expect(stackUrn).toBe("urn:pulumi:prod::databricks-mlops::pulumi:pulumi:Stack::databricks-mlops-prod");
  });

  test("children of the root stack use their type alone", () => {
    expect(makeUrn("prod", "databricks-mlops", stackUrn, "databricks-mlops:index:MlopsStage", "prod-mlops")).toBe(
      "urn:pulumi:prod::databricks-mlops::databricks-mlops:index:MlopsStage::prod-mlops",
    );
  });

  test("nested components chain every ancestor's type with $", () => {
    const stage = makeUrn("prod", "p", stackUrn, "p:index:MlopsStage", "s");
    const catalog = makeUrn("prod", "p", stage, "p:catalog:StageCatalog", "c");
    const schema = makeUrn("prod", "p", catalog, "databricks:index/schema:Schema", "prod-schema");
    expect(catalog).toBe("urn:pulumi:prod::p::p:index:MlopsStage$p:catalog:StageCatalog::c");
    expect(schema).toBe(
      "urn:pulumi:prod::p::p:index:MlopsStage$p:catalog:StageCatalog$databricks:index/schema:Schema::prod-schema",
    );
  });

  test("parseUrn keeps a name that contains ::", () => {
    const urn = makeUrn("dev", "p", "", "a:b:C", "odd::name");
    expect(parseUrn(urn)).toEqual({ stack: "dev", project: "p", qualifiedType: "a:b:C", name: "odd::name" });
  });

  test("parseUrn rejects what is not a URN", () => {
    expect(() => parseUrn("arn:aws:s3:::bucket")).toThrow("not a Pulumi URN");
  });
});
