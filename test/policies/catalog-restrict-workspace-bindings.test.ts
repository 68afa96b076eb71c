import {
  type BindingFacts,
  type CatalogFacts,
  findWorkspaceBindingViolations,
} from "../../policies/rules/catalog-restrict-workspace-bindings";

const catalog: CatalogFacts = { urn: "urn:catalog", name: "prod_mlops" };
const binding = (name: string, overrides: Partial<BindingFacts> = {}): BindingFacts => ({
  urn: `urn:${name}`,
  resourceName: name,
  securableName: "prod_mlops",
  securableType: "catalog",
  bindingType: "BINDING_TYPE_READ_ONLY",
  workspaceId: "2222",
  dependsOn: [],
  ...overrides,
});
const own = binding("own", { bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: "1111" });

describe("catalog-restrict-workspace-bindings", () => {
  test("one READ_WRITE binding and READ_ONLY bindings pass", () => {
    expect(findWorkspaceBindingViolations([catalog], [own, binding("dev")])).toEqual([]);
  });

  test("a second READ_WRITE binding is reported on the catalog", () => {
    const second = binding("second", { bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: "3333" });
    expect(findWorkspaceBindingViolations([catalog], [own, second])).toEqual([
      {
        urn: "urn:catalog",
        message: "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1111', '3333'); at most one workspace may write to it.",
      },
    ]);
  });

  test("a second READ_WRITE binding spelling the catalog in upper case is the same catalog's", () => {
    const second = binding("second", { securableName: "PROD_MLOPS", bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: "3333" });
    expect(findWorkspaceBindingViolations([catalog], [own, second]).map((f) => f.urn)).toEqual(["urn:catalog"]);
  });

  test("a binding to a catalog the stack does not declare is reported on the binding", () => {
    expect(findWorkspaceBindingViolations([catalog], [own, binding("foreign", { securableName: "dev_mlops" })])).toEqual([
      {
        urn: "urn:foreign",
        message:
          "Workspace binding 'foreign' targets catalog 'dev_mlops', which this stack does not declare; the stack that owns a catalog must declare its bindings.",
      },
    ]);
  });

  test("when names are unknown during preview, a binding matches the catalog it depends on", () => {
    const unknownCatalog: CatalogFacts = { urn: "urn:catalog" };
    const dependent = binding("dependent", { securableName: undefined, dependsOn: ["urn:catalog"] });
    const orphan = binding("orphan", { securableName: undefined, dependsOn: [] });
    expect(findWorkspaceBindingViolations([unknownCatalog], [{ ...own, dependsOn: ["urn:catalog"] }, dependent, orphan])).toEqual([
      {
        urn: "urn:orphan",
        message:
          "Workspace binding 'orphan' targets a catalog whose name is unknown and which it does not depend on; the stack that owns a catalog must declare its bindings.",
      },
    ]);
  });

  test("bindings of other securable types are not catalog bindings", () => {
    const location = binding("location", { securableType: "external_location", securableName: "landing", bindingType: "BINDING_TYPE_READ_WRITE" });
    expect(findWorkspaceBindingViolations([catalog], [own, location])).toEqual([]);
  });
});

describe("catalog-restrict-workspace-bindings, partly unknown names", () => {
  test("a catalog whose name is unknown is matched by dependency even when the binding names a catalog", () => {
    const unnamed: CatalogFacts = { urn: "urn:catalog" };
    const first = binding("first", { bindingType: "BINDING_TYPE_READ_WRITE", dependsOn: ["urn:catalog"], workspaceId: undefined });
    const second = binding("second", { bindingType: "BINDING_TYPE_READ_WRITE", securableName: undefined, dependsOn: ["urn:catalog"], workspaceId: "3333" });
    expect(findWorkspaceBindingViolations([unnamed], [first, second])).toEqual([
      {
        urn: "urn:catalog",
        message: "The catalog has 2 READ_WRITE workspace bindings (workspaces 'unknown', '3333'); at most one workspace may write to it.",
      },
    ]);
  });
});
