import { dataForbidDroppedResources, describeUrn, findDroppedResources } from "../../policies/rules/data-forbid-dropped-resources";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const STAGE = "urn:pulumi:prod::databricks-mlops::databricks-mlops:index:MlopsStage$";
const CATALOG_TYPE = "databricks:index/catalog:Catalog";
const catalog = `${STAGE}${CATALOG_TYPE}::prod-mlops-catalog`;
const renamed = `${STAGE}${CATALOG_TYPE}::prod-mlops-catalog-v2`;
const model = `${STAGE}databricks:index/registeredModel:RegisteredModel::prod-mlops-model`;
const declared = (urn: string, fields: Partial<{ type: string; aliases: string[]; protect: boolean }> = {}) => ({
  urn,
  type: urn.split("::")[2].split("$").pop() as string,
  aliases: [],
  protect: true,
  ...fields,
});

describe("data-forbid-dropped-resources", () => {
  test("every inventory entry declared under its URN and protected passes", () => {
    expect(findDroppedResources([catalog, model], [declared(catalog), declared(model), declared(renamed)])).toEqual([]);
  });

  test("a renamed resource that names its old URN as an alias passes", () => {
    expect(findDroppedResources([catalog], [declared(renamed, { aliases: [catalog] })])).toEqual([]);
  });

  test("an entry the program no longer declares is reported about the stack, naming it", () => {
    expect(findDroppedResources([catalog, model], [declared(renamed), declared(model)])).toEqual([
      {
        message:
          `Catalog 'prod-mlops-catalog' (${catalog}) is in this stage's inventory of protected data but the program no longer declares it, so Pulumi would delete it. ` +
          "If it was renamed or moved to another parent, give the new resource the old one as an alias (aliases: [{ name: <old name> }] or the old URN); " +
          "to delete it on purpose, remove it from the inventory in the stage's policy config in a reviewed change first.",
      },
    ]);
  });

  test("an entry whose resource (under its URN or an alias) is no longer protected is reported on that resource", () => {
    expect(findDroppedResources([catalog], [declared(catalog, { protect: false })])).toEqual([
      { urn: catalog, message: `Catalog 'prod-mlops-catalog' (${catalog}) is in this stage's inventory of protected data but is no longer protected; keep protect: true.` },
    ]);
    expect(findDroppedResources([catalog], [declared(renamed, { aliases: [catalog], protect: false })])).toEqual([
      {
        urn: renamed,
        message: `Catalog 'prod-mlops-catalog' (${catalog}) (now Catalog 'prod-mlops-catalog-v2') is in this stage's inventory of protected data but is no longer protected; keep protect: true.`,
      },
    ]);
  });

  test("a protected resource of another type that claims the entry as an alias does not satisfy it", () => {
    const decoy = `${STAGE}databricks:index/grants:Grants::decoy`;
    expect(findDroppedResources([catalog], [declared(decoy, { aliases: [catalog] })])).toEqual([
      {
        urn: decoy,
        message:
          `Catalog 'prod-mlops-catalog' (${catalog}) is in this stage's inventory of protected data, and Grants 'decoy' of another type claims it as an alias; ` +
          "Pulumi would replace the data-holding resource, deleting it. Keep the data-holding resource declared with its own type.",
      },
    ]);
  });

  test("the resource under the entry's own URN wins over an alias elsewhere", () => {
    expect(findDroppedResources([catalog], [declared(renamed, { aliases: [catalog], protect: false }), declared(catalog)])).toEqual([]);
  });

  test("names a URN by its type and name, a name with '::' included", () => {
    expect(describeUrn(model)).toBe("RegisteredModel 'prod-mlops-model'");
    expect(describeUrn(`${STAGE}${CATALOG_TYPE}::a::b`)).toBe("Catalog 'a::b'");
  });

  test("the registered rule reads URNs, types, aliases and protect from the stack's resources", () => {
    const CATALOG = "databricks:index/catalog:Catalog";
    const kept = stackResource(CATALOG, "prod-mlops-catalog");
    const keptUrn = kept.urn;
    const protectedAs = (resource: typeof kept, opts: Partial<{ protect: boolean; aliases: string[] }>) =>
      ({ ...resource, opts: { ...resource.opts, protect: true, ...opts } }) as typeof kept;
    const inventory = { inventory: [keptUrn] };
    expect(invokeStackRule(dataForbidDroppedResources, [protectedAs(kept, {})], inventory)).toEqual({ violations: [] });
    const renamed = protectedAs(stackResource(CATALOG, "prod-mlops-catalog-v2"), { aliases: [keptUrn] });
    expect(invokeStackRule(dataForbidDroppedResources, [renamed], inventory)).toEqual({ violations: [] });
    expect(invokeStackRule(dataForbidDroppedResources, [protectedAs(kept, { protect: false })], inventory).violations).toEqual([
      { urn: keptUrn, message: `Catalog 'prod-mlops-catalog' (${keptUrn}) is in this stage's inventory of protected data but is no longer protected; keep protect: true.` },
    ]);
    const decoy = protectedAs(stackResource("databricks:index/grants:Grants", "decoy"), { aliases: [keptUrn] });
    expect(invokeStackRule(dataForbidDroppedResources, [decoy], inventory).violations.map((v) => v.urn)).toEqual([decoy.urn]);
    expect(invokeStackRule(dataForbidDroppedResources, [], inventory).violations.map((v) => v.urn)).toEqual([undefined]);
  });

  test("without an inventory the rule is not applicable", () => {
    const args = {
      resources: [],
      getConfig: () => ({}),
      notApplicable: (reason: string) => {
        throw new Error(`not applicable: ${reason}`);
      },
    };
    expect(() => dataForbidDroppedResources.validateStack(args as never, () => undefined)).toThrow(
      "not applicable: No inventory of protected data for this stage",
    );
  });
});

describe("data-forbid-dropped-resources, entries as written", () => {
  test("the resource under the entry's own URN wins over an alias declared before it", () => {
    expect(findDroppedResources([catalog], [declared(catalog), declared(renamed, { aliases: [catalog], protect: false })])).toEqual([]);
  });

  test("an inventory entry that is no URN is still reported as dropped", () => {
    const [finding] = findDroppedResources(["prod-mlops-catalog"], []);
    expect(finding.urn).toBeUndefined();
    expect(finding.message).toMatch(/^Entry 'prod-mlops-catalog' \(prod-mlops-catalog\) is in this stage's inventory of protected data but the program no longer declares it, /);
    expect(findDroppedResources(["urn:pulumi:prod::databricks-mlops::prod-mlops-catalog"], [])[0].message).toMatch(/^Entry 'urn:pulumi:prod::databricks-mlops::prod-mlops-catalog' \(/);
  });

  test("a config without an inventory is not applicable", () => {
    expect(invokeStackRule(dataForbidDroppedResources, [stackResource(CATALOG_TYPE, "prod-mlops-catalog")], {})).toEqual({
      violations: [],
      notApplicable: "No inventory of protected data for this stage",
    });
  });
});
