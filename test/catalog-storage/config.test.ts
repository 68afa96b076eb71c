/** `unityCatalog.createStorage`: its default per mode, and every refused combination with the key named. */
import { parseStageConfig } from "../../stack/config";
import { findCatalogStorageIssues, resolveCreateStorage } from "../../components/catalog-storage";
import { declareCatalogStorage } from "../../stack/stage-storage";
import { problemsOf } from "../support/config-problems";
import { rawCreated, rawDev } from "../support/stage-configs";

const withCatalog = (raw: Record<string, unknown>, unityCatalog: Record<string, unknown>) => ({ ...raw, unityCatalog });

describe("defaults", () => {
  it("create mode creates the catalog's storage unless storageRoot names a location; adopt mode never does", () => {
    expect(parseStageConfig(rawCreated("prod"), "prod").unityCatalog.createStorage).toBe(true);
    expect(parseStageConfig(withCatalog(rawCreated("prod"), { storageRoot: "s3://existing/prod" }), "prod").unityCatalog).toMatchObject({
      createStorage: false,
      storageRoot: "s3://existing/prod",
    });
    expect(parseStageConfig(withCatalog(rawCreated("dev"), { createStorage: false }), "dev").unityCatalog.createStorage).toBe(false);
    expect(parseStageConfig(withCatalog(rawCreated("dev"), { createStorage: true }), "dev").unityCatalog.createStorage).toBe(true);
    expect(parseStageConfig(rawDev(), "dev").unityCatalog.createStorage).toBe(false);
    expect(parseStageConfig(withCatalog(rawDev(), { createStorage: false }), "dev").unityCatalog.createStorage).toBe(false);
  });

  it("resolveCreateStorage reads the mode and storageRoot only when createStorage is unset", () => {
    expect(resolveCreateStorage({ workspace: { mode: "create" }, unityCatalog: {} })).toBe(true);
    expect(resolveCreateStorage({ workspace: { mode: "create" }, unityCatalog: { storageRoot: "s3://b" } })).toBe(false);
    expect(resolveCreateStorage({ workspace: { mode: "adopt" }, unityCatalog: {} })).toBe(false);
    expect(resolveCreateStorage({ workspace: { mode: "create" }, unityCatalog: { createStorage: false } })).toBe(false);
  });
});

describe("refused", () => {
  it("createStorage in adopt mode", () => {
    expect(problemsOf(withCatalog(rawDev(), { createStorage: true }), "dev")).toEqual([
      "  - databricks-mlops:unityCatalog.createStorage: got true; not allowed in adopt mode: the stack creates catalog storage only in the AWS account " +
        "of a workspace it creates (workspace.mode: create); name an existing external location's path in unityCatalog.storageRoot instead",
    ]);
  });

  it("createStorage beside storageRoot", () => {
    expect(problemsOf(withCatalog(rawCreated("prod"), { createStorage: true, storageRoot: "s3://existing/prod" }))).toEqual([
      "  - databricks-mlops:unityCatalog.createStorage: got true; conflicts with unityCatalog.storageRoot: the catalog's storage is either the one " +
        "the stack creates (createStorage) or the existing location storageRoot names; remove one of them",
    ]);
  });

  it("createStorage that is not a boolean", () => {
    expect(problemsOf(withCatalog(rawCreated("prod"), { createStorage: "yes" }))).toEqual([
      '  - databricks-mlops:unityCatalog.createStorage: got "yes"; expected true or false',
    ]);
  });

  it("says nothing about createStorage when the schema refused the mode", () => {
    const raw = { workspace: { mode: "crate" as "create" }, unityCatalog: { createStorage: true } };
    expect(findCatalogStorageIssues(raw, (path) => path.join(".") === "workspace.mode")).toEqual([]);
    expect(findCatalogStorageIssues(raw)).toHaveLength(1);
  });
});

test("declareCatalogStorage refuses a hand-built config that asks for storage outside create mode, before declaring anything", () => {
  const adopted = parseStageConfig(rawDev(), "dev");
  const config = { ...adopted, unityCatalog: { ...adopted.unityCatalog, createStorage: true } };
  const workspace = { provider: {} as never };
  expect(() => declareCatalogStorage("dev-mlops-catalog-storage", config, workspace, {})).toThrow(
    "declareCatalogStorage dev-mlops-catalog-storage: unityCatalog.createStorage needs workspace.mode create, with its AWS provider",
  );
  expect(declareCatalogStorage("dev-mlops-catalog-storage", adopted, workspace, {})).toBeUndefined();
});
