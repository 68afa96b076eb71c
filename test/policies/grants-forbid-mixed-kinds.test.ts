import { type GrantResourceFacts, findMixedGrantKinds } from "../../policies/rules/grants-forbid-mixed-kinds";
import type { Securable } from "../../policies/lib/securables";

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
