import {
  type BindingWorkspacesConfig,
  bindingInputs,
  bindingsRestrictWorkspaces,
  findBindingWorkspaceViolations,
} from "../../policies/rules/bindings-restrict-workspaces";
import { invokeRule } from "./invoke-rule";

const PROD = "1000000000000003";
const DEV = "1000000000000001";
const STAGING = "1000000000000002";
const config: BindingWorkspacesConfig = { readWriteWorkspaceIds: [PROD], readOnlyWorkspaceIds: [DEV] };

const check = (props: Record<string, unknown>, cfg: BindingWorkspacesConfig = config) =>
  findBindingWorkspaceViolations(bindingInputs("b", props), cfg);

describe("bindings-restrict-workspaces", () => {
  test("the stage's own workspace writes, the listed dev workspace reads", () => {
    expect(check({ securableName: "prod_mlops", securableType: "catalog", bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: PROD })).toEqual([]);
    expect(check({ securableName: "prod_mlops", securableType: "catalog", bindingType: "BINDING_TYPE_READ_ONLY", workspaceId: DEV })).toEqual([]);
  });

  test("the provider's defaults apply: no type is a catalog, no binding type is READ_WRITE", () => {
    expect(check({ securableName: "prod_mlops", workspaceId: PROD })).toEqual([]);
    expect(check({ securableName: "prod_mlops", workspaceId: DEV })).toEqual([
      "Workspace binding 'b' of catalog 'prod_mlops' gives workspace '1000000000000001' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config: '1000000000000003').",
    ]);
  });

  test("a READ_WRITE binding of the prod catalog to the dev workspace alone is refused", () => {
    expect(check({ securableName: "prod_mlops", bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: DEV })).toHaveLength(1);
  });

  test("an external location, storage credential or credential bound to another workspace is refused", () => {
    for (const securableType of ["external_location", "storage_credential", "credential"]) {
      expect(check({ securableName: "landing", securableType, bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: DEV })).toEqual([
        `Workspace binding 'b' of ${securableType.replace(/_/g, " ")} 'landing' gives workspace '${DEV}' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config: '${PROD}').`,
      ]);
    }
  });

  test("a READ_ONLY binding to a workspace not listed is refused", () => {
    expect(check({ securableName: "prod_mlops", bindingType: "BINDING_TYPE_READ_ONLY", workspaceId: STAGING })).toEqual([
      `Workspace binding 'b' of catalog 'prod_mlops' gives workspace '${STAGING}' read-only access, but only '${DEV}' may read it (readOnlyWorkspaceIds in this stage's policy config).`,
    ]);
  });

  test("READ_ONLY on something other than a catalog is refused", () => {
    expect(check({ securableName: "landing", securableType: "external_location", bindingType: "BINDING_TYPE_READ_ONLY", workspaceId: DEV })).toEqual([
      "Workspace binding 'b' of external location 'landing' is READ_ONLY, which only catalogs support; bind it BINDING_TYPE_READ_WRITE to the stage's own workspace or not at all.",
    ]);
  });

  test("spellings are the API's whatever the case the stack used", () => {
    expect(check({ securableName: "prod_mlops", securableType: "CATALOG", bindingType: "binding_type_read_only", workspaceId: DEV })).toEqual([]);
  });

  test("an unknown binding type and a missing workspace are refused", () => {
    expect(check({ securableName: "prod_mlops", bindingType: "READ_ONLY", workspaceId: DEV })).toEqual([
      "Workspace binding 'b' of catalog 'prod_mlops' has binding type 'READ_ONLY'; use BINDING_TYPE_READ_ONLY, or BINDING_TYPE_READ_WRITE for the stage's own workspace.",
    ]);
    expect(check({ securableName: "prod_mlops" })).toEqual([
      "Workspace binding 'b' of catalog 'prod_mlops' names no workspace; set workspaceId to a workspace the policy config allows.",
    ]);
  });

  test("the deprecated CatalogWorkspaceBinding's catalogName names the catalog", () => {
    expect(check({ catalogName: "prod_mlops", workspaceId: DEV })[0]).toContain("of catalog 'prod_mlops' gives workspace");
  });

  test("without config no workspace may be bound (fail closed)", () => {
    expect(check({ securableName: "prod_mlops", workspaceId: PROD }, {})).toEqual([
      `Workspace binding 'b' of catalog 'prod_mlops' gives workspace '${PROD}' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config: none).`,
    ]);
    expect(check({ securableName: "prod_mlops", bindingType: "BINDING_TYPE_READ_ONLY", workspaceId: DEV }, { readWriteWorkspaceIds: [PROD] })[0]).toContain(
      "but only none may read it",
    );
  });
});

describe("bindings-restrict-workspaces, the registered rule", () => {
  test.each(["databricks:index/workspaceBinding:WorkspaceBinding", "databricks:index/catalogWorkspaceBinding:CatalogWorkspaceBinding"])(
    "checks %s",
    (type) => {
      const props = { catalogName: "prod_mlops", securableName: "prod_mlops", workspaceId: DEV };
      expect(invokeRule(bindingsRestrictWorkspaces, { type, props }, config).violations).toHaveLength(1);
      expect(invokeRule(bindingsRestrictWorkspaces, { type, props: { ...props, workspaceId: PROD } }, config).violations).toEqual([]);
    },
  );
});

describe("bindings-restrict-workspaces, raw inputs", () => {
  test("null inputs take the provider's defaults, and text is trimmed", () => {
    expect(bindingInputs("b", { securableName: " prod_mlops ", securableType: null, bindingType: null, workspaceId: ` ${PROD} ` })).toEqual({
      resourceName: "b",
      securableName: "prod_mlops",
      securableType: "catalog",
      bindingType: "BINDING_TYPE_READ_WRITE",
      workspaceId: PROD,
    });
  });

  test("a blank workspace id names no workspace", () => {
    expect(check({ securableName: "prod_mlops", workspaceId: "  " })).toEqual([
      "Workspace binding 'b' of catalog 'prod_mlops' names no workspace; set workspaceId to a workspace the policy config allows.",
    ]);
  });

  test("an empty list in the config allows nobody and is shown as none; a longer one is listed", () => {
    expect(check({ securableName: "prod_mlops", workspaceId: PROD }, { readWriteWorkspaceIds: [] })).toEqual([
      `Workspace binding 'b' of catalog 'prod_mlops' gives workspace '${PROD}' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config: none).`,
    ]);
    expect(check({ securableName: "prod_mlops", bindingType: "BINDING_TYPE_READ_ONLY", workspaceId: STAGING }, config)).toEqual([
      `Workspace binding 'b' of catalog 'prod_mlops' gives workspace '${STAGING}' read-only access, but only '${DEV}' may read it (readOnlyWorkspaceIds in this stage's policy config).`,
    ]);
    expect(check({ securableName: "prod_mlops", workspaceId: STAGING }, { readWriteWorkspaceIds: [PROD, DEV] })[0]).toContain(`policy config: '${PROD}', '${DEV}').`);
  });
});

describe("bindings-restrict-workspaces, a binding whose securable name is not known", () => {
  test("is still judged, and named as unknown", () => {
    expect(check({ bindingType: "BINDING_TYPE_READ_WRITE", workspaceId: DEV })).toEqual([
      "Workspace binding 'b' of catalog 'unknown' gives workspace '1000000000000001' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config: '1000000000000003').",
    ]);
  });
});
