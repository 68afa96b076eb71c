import { findIsolationGap } from "../../policies/rules/catalog-require-isolation";

describe("catalog-require-isolation", () => {
  test("an ISOLATED catalog passes", () => {
    expect(findIsolationGap({ resourceName: "prod-mlops", catalogName: "prod_mlops", isolationMode: "ISOLATED" })).toEqual([]);
  });

  test("a catalog without isolationMode is reported", () => {
    expect(findIsolationGap({ resourceName: "prod-mlops", catalogName: "prod_mlops" })).toEqual([
      `Catalog 'prod_mlops' does not set isolationMode; set isolationMode: "ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
  });

  test("an OPEN catalog is reported, by resource name when its catalog name is unknown", () => {
    expect(findIsolationGap({ resourceName: "prod-mlops", isolationMode: "OPEN" })).toEqual([
      `Catalog resource 'prod-mlops' sets isolationMode "OPEN"; set isolationMode: "ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
  });
});
