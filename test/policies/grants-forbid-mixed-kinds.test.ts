import { CATALOG, EXTERNAL_LOCATION, GRANT, GRANTS, STORAGE_CREDENTIAL } from "../../policies/lib/resource-types";
import { type GrantResourceFacts, findMixedGrantKinds, grantsForbidMixedKinds } from "../../policies/rules/grants-forbid-mixed-kinds";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";
import type { Securable } from "../../policies/lib/securables";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const catalog: Securable = { kind: "catalog", name: "prod_mlops" };
const urn = (name: string) => `urn:pulumi:prod::databricks-mlops::databricks:index/grant:Grant::${name}`;
const grants = (name: string, securable = catalog): GrantResourceFacts => ({ urn: urn(name), name, kind: "Grants", securable });
const grant = (name: string, principal: string, securable = catalog): GrantResourceFacts => ({ urn: urn(name), name, kind: "Grant", securable, principal });

describe("grants-forbid-mixed-kinds", () => {
  test("one Grants per securable, or Grant resources for distinct principals, pass", () => {
    const schema: Securable = { kind: "schema", name: "prod_mlops.features" };
    expect(findMixedGrantKinds([grants("catalog-grants"), grant("a", "data-scientists", schema), grant("b", "ml-engineers", schema)])).toEqual([]);
  });

  test("Grants and Grant on one securable are reported against the last of them", () => {
    expect(findMixedGrantKinds([grants("catalog-grants"), grant("extra", "data-scientists")])).toEqual([
      {
        urn: urn("extra"),
        message:
          "Catalog 'prod_mlops' is managed by both Grants 'catalog-grants' and Grant 'extra'; " +
          "Grants replaces every grant on it, so they undo each other on every update.",
      },
    ]);
  });

  test("two Grants on one securable are reported", () => {
    expect(findMixedGrantKinds([grants("first"), grants("second")])).toEqual([
      {
        urn: urn("second"),
        message: "Catalog 'prod_mlops' is managed by 2 Grants resources ('first', 'second'); each replaces the other's grants, so merge them into one.",
      },
    ]);
  });

  test("two Grant resources for one principal on one securable are reported", () => {
    expect(findMixedGrantKinds([grant("a", "data-scientists"), grant("b", "data-scientists")])).toEqual([
      { urn: urn("b"), message: "Catalog 'prod_mlops' has 2 Grant resources for principal 'data-scientists' ('a', 'b'); merge them into one." },
    ]);
  });

  test("resources whose securable is unknown during preview are left out", () => {
    expect(findMixedGrantKinds([grants("first"), { ...grants("second"), securable: undefined }])).toEqual([]);
  });
});

describe("grants-forbid-mixed-kinds: names as Unity Catalog compares them", () => {
  test("a Grants on prod_mlops beside a Grant on PROD_MLOPS is one securable with both kinds", () => {
    const upper: Securable = { kind: "catalog", name: "PROD_MLOPS" };
    expect(findMixedGrantKinds([grants("catalog-grants"), grant("extra", "data-scientists", upper)]).map((f) => f.urn)).toEqual([urn("extra")]);
  });

  test("two Grant resources for Ana@... and ana@... are two grants for one principal", () => {
    expect(findMixedGrantKinds([grant("a", "Ana@example.com"), grant("b", "ana@example.com")])).toEqual([
      {
        urn: urn("b"),
        message: "Catalog 'prod_mlops' has 2 Grant resources for principal 'Ana@example.com' / 'ana@example.com' ('a', 'b'); merge them into one.",
      },
    ]);
  });

  test("a Grants or Grant whose securable is unknown during preview fails closed", () => {
    const unknown: GrantResourceFacts = { urn: urn("late"), name: "late", kind: "Grant", securableUnknown: true, principal: "x" };
    expect(findMixedGrantKinds([grants("catalog-grants"), unknown])).toEqual([
      {
        urn: urn("late"),
        message:
          "Grant 'late' cannot be checked during preview: the securable it targets is unknown. This rule fails closed on unknown values: " +
          "make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
          "or preview again once the resource it comes from exists.",
      },
    ]);
  });
});

describe("grants-forbid-mixed-kinds: principals as written", () => {
  test("one principal spelled with spaces around it is named once, trimmed", () => {
    expect(findMixedGrantKinds([grant("a", " data-scientists "), grant("b", "data-scientists")])).toEqual([
      { urn: urn("b"), message: "Catalog 'prod_mlops' has 2 Grant resources for principal 'data-scientists' ('a', 'b'); merge them into one." },
    ]);
  });

  test("Grant resources without a principal are no duplicates", () => {
    expect(findMixedGrantKinds([{ ...grant("a", "x"), principal: undefined }, { ...grant("b", "x"), principal: undefined }])).toEqual([]);
  });

  test("a Grant whose principal is unknown during preview beside another Grant on its securable fails closed", () => {
    const late: GrantResourceFacts = { ...grant("late", "x"), principal: undefined, principalUnknown: true };
    expect(findMixedGrantKinds([grant("a", "data-scientists"), late])).toEqual([
      {
        urn: urn("late"),
        message:
          "Grant 'late' cannot be checked during preview: its principal is unknown, so whether another Grant on catalog 'prod_mlops' names the same principal cannot be told. " +
          "This rule fails closed on unknown values: make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
          "or preview again once the resource it comes from exists.",
      },
    ]);
  });

  test("a Grant whose principal is unknown alone on its securable duplicates nobody", () => {
    const schema: Securable = { kind: "schema", name: "prod_mlops.features" };
    const late: GrantResourceFacts = { ...grant("late", "x", schema), principal: undefined, principalUnknown: true };
    expect(findMixedGrantKinds([grant("a", "data-scientists"), late])).toEqual([]);
  });
});

describe("grants-forbid-mixed-kinds, the registered rule", () => {
  const at = (name: string) => `urn:pulumi:prod::databricks-mlops::${GRANT}::${name}`;
  const select = (principal: unknown) => ({ catalog: "prod_mlops", principal, privileges: ["SELECT"] });
  /** The catalog the grants are on, declared by the same stack. */
  const stage = res(CATALOG, "stage", { name: "prod_mlops" });

  test("two Grant resources for one principal, however it is spelt, are reported", () => {
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANT, "a", select("Ana@example.com")), res(GRANT, "b", select("ana@example.com"))])).toEqual({
      violations: [{ urn: at("b"), message: "Catalog 'prod_mlops' has 2 Grant resources for principal 'Ana@example.com' / 'ana@example.com' ('a', 'b'); merge them into one." }],
    });
  });

  test("principals unknown during preview cannot be compared: each such Grant fails closed; a principal that is no text is none", () => {
    const unknownPrincipal = asValidationInputs({ catalog: "prod_mlops", privileges: ["SELECT"], principal: UNKNOWN_STRING });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANT, "a", unknownPrincipal), res(GRANT, "b", unknownPrincipal)]).violations.map((v) => v.urn)).toEqual([at("a"), at("b")]);
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANT, "a", select("ana@example.com")), res(GRANT, "b", unknownPrincipal)]).violations).toEqual([
      expect.objectContaining({ urn: at("b"), message: expect.stringMatching(/^Grant 'b' cannot be checked during preview: its principal is unknown/) }),
    ]);
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANT, "a", select(7)), res(GRANT, "b", select(7))])).toEqual({ violations: [] });
  });

  test("a Grants resource is judged as Grants even with a stray principal input", () => {
    const authoritative = res(GRANTS, "all", { ...select("ana@example.com"), grants: [] });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, authoritative, res(GRANT, "one", select("ana@example.com"))]).violations).toEqual([
      { urn: at("one"), message: "Catalog 'prod_mlops' is managed by both Grants 'all' and Grant 'one'; Grants replaces every grant on it, so they undo each other on every update." },
    ]);
  });
});


describe("grants-forbid-mixed-kinds, grants only in the stack that declares the securable", () => {
  const grantsAt = (name: string) => `urn:pulumi:prod::databricks-mlops::${GRANTS}::${name}`;
  const stage = res(CATALOG, "stage", { name: "prod_mlops" });
  const credential = res(STORAGE_CREDENTIAL, "credential", { name: "prod_mlops_catalog_credential" });
  const foreign = (label: string, securable: string) =>
    `Grants '${label}' grants on ${securable}, which this stack does not declare; declare a securable's grants in the stack that declares it ` +
    "(its authoritative Grants would revoke these, and a stage's writer would gain access to another stage's data).";

  test("grants on the stack's catalog, on objects inside it, and on resources it declares pass, by dependency or by name", () => {
    const onCatalog = res(GRANTS, "catalog", { catalog: "PROD_MLOPS", grants: [] });
    const onTable = res(GRANTS, "table", { table: "prod_mlops.features.customers", grants: [] });
    const onCredential = res(GRANTS, "credential", { storageCredential: "computed-name", grants: [] }, { propertyDependsOn: { storageCredential: [credential] } });
    const byName = res(GRANTS, "credential-by-name", { storageCredential: "prod_mlops_catalog_credential", grants: [] });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, credential, onCatalog, onTable, onCredential]).violations).toEqual([]);
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, credential, byName]).violations).toEqual([]);
  });

  test("a grant on another stage's catalog, on a schema inside it, or on the metastore is refused", () => {
    const devCatalog = res(GRANTS, "dev-write", { catalog: "dev_mlops", grants: [] });
    const devSchema = res(GRANTS, "dev-schema", { schema: "dev_mlops.features", grants: [] });
    const metastore = res(GRANTS, "metastore", { metastore: "5e6f7a8b", grants: [] });
    const lookalike = res(GRANTS, "lookalike", { schema: "prod_mlops_copy.features", grants: [] });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, lookalike]).violations).toEqual([{ urn: grantsAt("lookalike"), message: foreign("lookalike", "schema 'prod_mlops_copy.features'") }]);
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, devCatalog, devSchema, metastore]).violations).toEqual([
      { urn: grantsAt("dev-write"), message: foreign("dev-write", "catalog 'dev_mlops'") },
      { urn: grantsAt("dev-schema"), message: foreign("dev-schema", "schema 'dev_mlops.features'") },
      { urn: grantsAt("metastore"), message: foreign("metastore", "metastore '5e6f7a8b'") },
    ]);
  });

  test("a dependency on a declared resource of another kind does not vouch: a location's grants taken from the catalog are refused", () => {
    const location = res(GRANTS, "location", { externalLocation: "landing", grants: [] }, { propertyDependsOn: { externalLocation: [stage] } });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, location]).violations).toEqual([{ urn: grantsAt("location"), message: foreign("location", "external location 'landing'") }]);
    const declaredLocation = res(EXTERNAL_LOCATION, "landing", { name: "landing" });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, declaredLocation, location]).violations).toEqual([]);
  });

  test("a securable unknown at preview is left to the check above, which fails closed on it once; a grant naming none is refused", () => {
    const unknownCatalog = asValidationInputs({ catalog: UNKNOWN_STRING, grants: [] });
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANTS, "from-stage", unknownCatalog, { propertyDependsOn: { catalog: [stage] } })]).violations).toEqual([
      expect.objectContaining({ urn: grantsAt("from-stage"), message: expect.stringMatching(/^Grants 'from-stage' cannot be checked during preview: the securable it targets is unknown/) }),
    ]);
    expect(invokeStackRule(grantsForbidMixedKinds, [stage, res(GRANTS, "nothing", { grants: [] })]).violations).toEqual([
      { urn: grantsAt("nothing"), message: "Grants 'nothing' names no securable, so whose grants it declares cannot be told; name the securable this stack declares." },
    ]);
  });
});
