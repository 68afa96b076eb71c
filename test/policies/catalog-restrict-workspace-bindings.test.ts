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
    expect(findWorkspaceBindingViolations([catalog], [own, binding("dev")], {})).toEqual([]);
  });

  test("a second READ_WRITE binding (a missing bindingType defaults to READ_WRITE) is reported on the catalog", () => {
    const second = binding("second", { bindingType: undefined, workspaceId: "3333" });
    expect(findWorkspaceBindingViolations([catalog], [own, second], {})).toEqual([
      {
        urn: "urn:catalog",
        message: "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1111', '3333'); at most one workspace may write to it.",
      },
    ]);
  });

  test("a binding type other than READ_ONLY/READ_WRITE is reported", () => {
    expect(findWorkspaceBindingViolations([catalog], [own, binding("typo", { bindingType: "READ_ONLY" })], {})).toEqual([
      {
        urn: "urn:typo",
        message:
          "Workspace binding 'typo' of catalog 'prod_mlops' has binding type 'READ_ONLY'; use BINDING_TYPE_READ_ONLY (or BINDING_TYPE_READ_WRITE for the owning workspace).",
      },
    ]);
  });

  test("readOnlyWorkspaceIds restricts which workspaces get read-only bindings", () => {
    expect(findWorkspaceBindingViolations([catalog], [own, binding("dev")], { readOnlyWorkspaceIds: ["2222"] })).toEqual([]);
    expect(findWorkspaceBindingViolations([catalog], [own, binding("other", { workspaceId: "4444" })], { readOnlyWorkspaceIds: ["2222"] })).toEqual([
      {
        urn: "urn:other",
        message:
          "Workspace binding 'other' gives workspace '4444' read-only access to catalog 'prod_mlops', but only workspaces '2222' may get read-only bindings.",
      },
    ]);
  });

  test("a binding of a catalog the stack does not declare is reported", () => {
    expect(findWorkspaceBindingViolations([catalog], [own, binding("foreign", { securableName: "staging_mlops" })], {})).toEqual([
      {
        urn: "urn:foreign",
        message: "Workspace binding 'foreign' targets catalog 'staging_mlops', which this stack does not declare; the stack that owns a catalog must declare its bindings.",
      },
    ]);
  });

  test("with an unknown name a binding is matched to its catalog through its dependencies", () => {
    const unknownName = binding("dev", { securableName: undefined, bindingType: "BINDING_TYPE_READ_WRITE", dependsOn: ["urn:catalog"] });
    expect(findWorkspaceBindingViolations([catalog], [own, unknownName], {})).toEqual([
      {
        urn: "urn:catalog",
        message: "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1111', '2222'); at most one workspace may write to it.",
      },
    ]);
    const unmatched = binding("lost", { securableName: undefined });
    expect(findWorkspaceBindingViolations([catalog], [own, unmatched], {})).toEqual([
      {
        urn: "urn:lost",
        message:
          "Workspace binding 'lost' targets a catalog whose name is unknown and which it does not depend on; the stack that owns a catalog must declare its bindings.",
      },
    ]);
  });

  test("bindings of other securable types are not this rule's business", () => {
    expect(findWorkspaceBindingViolations([], [binding("loc", { securableType: "external_location", securableName: "landing" })], {})).toEqual([]);
  });
});
