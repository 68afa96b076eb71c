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

describe("catalog-require-isolation on the storage under a catalog", () => {
  const STORAGE_CREDENTIAL = "databricks:index/storageCredential:StorageCredential";
  const EXTERNAL_LOCATION = "databricks:index/externalLocation:ExternalLocation";

  test.each([STORAGE_CREDENTIAL, EXTERNAL_LOCATION])("an ISOLATION_MODE_ISOLATED %s passes", (type) => {
    expect(findIsolationGap({ type, resourceName: "prod-mlops-catalog-location", catalogName: "prod_mlops_catalog_location", isolationMode: "ISOLATION_MODE_ISOLATED" })).toEqual([]);
  });

  test("a storage credential without isolationMode is reported in its type's spelling", () => {
    expect(findIsolationGap({ type: STORAGE_CREDENTIAL, resourceName: "prod-mlops-catalog-credential", catalogName: "prod_mlops_catalog_credential" })).toEqual([
      `StorageCredential 'prod_mlops_catalog_credential' does not set isolationMode; set isolationMode: "ISOLATION_MODE_ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
  });

  test("an OPEN external location is reported, by resource name when its name is unknown", () => {
    expect(findIsolationGap({ type: EXTERNAL_LOCATION, resourceName: "prod-mlops-catalog-location", isolationMode: "ISOLATION_MODE_OPEN" })).toEqual([
      `ExternalLocation resource 'prod-mlops-catalog-location' sets isolationMode "ISOLATION_MODE_OPEN"; set isolationMode: "ISOLATION_MODE_ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
  });

  test("the catalog's spelling is not the location's, and the other way round", () => {
    expect(findIsolationGap({ type: EXTERNAL_LOCATION, resourceName: "l", catalogName: "l", isolationMode: "ISOLATED" })).toEqual([
      `ExternalLocation 'l' sets isolationMode "ISOLATED"; set isolationMode: "ISOLATION_MODE_ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
    expect(findIsolationGap({ resourceName: "c", catalogName: "c", isolationMode: "ISOLATION_MODE_ISOLATED" })).toEqual([
      `Catalog 'c' sets isolationMode "ISOLATION_MODE_ISOLATED"; set isolationMode: "ISOLATED" so only the workspaces bound to it can reach it.`,
    ]);
  });
});
