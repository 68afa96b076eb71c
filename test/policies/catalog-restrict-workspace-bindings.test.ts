import { CATALOG, CATALOG_WORKSPACE_BINDING, WORKSPACE_BINDING } from "../../policies/lib/resource-types";
import {
  type BindingFacts,
  type CatalogFacts,
  catalogRestrictWorkspaceBindings,
  findWorkspaceBindingViolations,
} from "../../policies/rules/catalog-restrict-workspace-bindings";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const catalog: CatalogFacts = { urn: "urn:catalog", name: "prod_mlops" };
const binding = (name: string, overrides: Partial<BindingFacts> = {}): BindingFacts => ({
  urn: `urn:${name}`,
  resourceName: name,
  securableName: "prod_mlops",
  securableType: "catalog",
  bindingType: "BINDING_TYPE_READ_ONLY",
  workspaceId: "2222",
  nameDependsOn: [],
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
    const dependent = binding("dependent", { securableName: undefined, nameDependsOn: ["urn:catalog"] });
    const orphan = binding("orphan", { securableName: undefined, nameDependsOn: [] });
    expect(findWorkspaceBindingViolations([unknownCatalog], [{ ...own, nameDependsOn: ["urn:catalog"] }, dependent, orphan])).toEqual([
      {
        urn: "urn:orphan",
        message:
          "Workspace binding 'orphan' targets a catalog whose name is unknown and does not come from a catalog this stack declares; the stack that owns a catalog must declare its bindings.",
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
    const first = binding("first", { bindingType: "BINDING_TYPE_READ_WRITE", nameDependsOn: ["urn:catalog"], workspaceId: undefined });
    const second = binding("second", { bindingType: "BINDING_TYPE_READ_WRITE", securableName: undefined, nameDependsOn: ["urn:catalog"], workspaceId: "3333" });
    expect(findWorkspaceBindingViolations([unnamed], [first, second])).toEqual([
      {
        urn: "urn:catalog",
        message: "The catalog has 2 READ_WRITE workspace bindings (workspaces 'unknown', '3333'); at most one workspace may write to it.",
      },
    ]);
  });
});

describe("catalog-restrict-workspace-bindings, the registered rule", () => {
  const at = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
  const stageCatalog = res(CATALOG, "stage", { name: "prod_mlops" });
  /** Binding props whose securableName is unknown, as during preview when it comes from another resource's output. */
  const unknownName = (props: Record<string, unknown>) =>
    Object.defineProperty({ ...props }, "securableName", {
      enumerable: true,
      get: () => {
        class UnknownValueError extends Error {}
        throw new UnknownValueError("string value at .securableName can't be known during preview");
      },
    });
  const writer = (workspaceId: string) => ({ workspaceId, bindingType: "BINDING_TYPE_READ_WRITE" });
  const secondWriter = {
    urn: at(CATALOG, "stage"),
    message: "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1', '2'); at most one workspace may write to it.",
  };

  test("an unknown catalog name is the stage catalog's when the binding takes it from that catalog, also by the deprecated catalogName", () => {
    const own = res(WORKSPACE_BINDING, "own", { securableName: "prod_mlops", ...writer("1") });
    const second = res(CATALOG_WORKSPACE_BINDING, "second", unknownName(writer("2")), { propertyDependsOn: { catalogName: [stageCatalog] } });
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [stageCatalog, own, second])).toEqual({ violations: [secondWriter] });
  });

  test("a dependsOn on the stage catalog does not make a binding of an unknown catalog the stage catalog's", () => {
    const ordered = res(WORKSPACE_BINDING, "ordered", unknownName(writer("2")), { dependsOn: [stageCatalog] });
    const viaWorkspace = res(WORKSPACE_BINDING, "via", unknownName(writer("3")), { propertyDependsOn: { workspaceId: [stageCatalog] } });
    const foreign = (name: string) => ({
      urn: at(WORKSPACE_BINDING, name),
      message: `Workspace binding '${name}' targets a catalog whose name is unknown and does not come from a catalog this stack declares; the stack that owns a catalog must declare its bindings.`,
    });
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [stageCatalog, ordered, viaWorkspace])).toEqual({ violations: [foreign("ordered"), foreign("via")] });
    const loose = res(WORKSPACE_BINDING, "loose", unknownName(writer("4")));
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [stageCatalog, loose])).toEqual({ violations: [foreign("loose")] });
  });

  test("applies to a stack with bindings and no catalog, and to one with catalogs and no binding", () => {
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [res(WORKSPACE_BINDING, "b", { securableName: "dev_mlops", ...writer("1") })])).toEqual({
      violations: [
        {
          urn: at(WORKSPACE_BINDING, "b"),
          message: "Workspace binding 'b' targets catalog 'dev_mlops', which this stack does not declare; the stack that owns a catalog must declare its bindings.",
        },
      ],
    });
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [stageCatalog])).toEqual({ violations: [] });
  });

  test("a catalog name that is no text matches no binding by name", () => {
    const odd = res(CATALOG, "odd", { name: 7 });
    const binding = res(WORKSPACE_BINDING, "b", { securableName: "7", ...writer("1") });
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [odd, binding]).violations.map((v) => v.urn)).toEqual([at(WORKSPACE_BINDING, "b")]);
  });
});

