import { mergeGrants } from "../../components/catalog-access";
import { planCatalogAccess } from "../../stack/catalog-access";
import { parseStageConfig } from "../../stack/config";
import { PIPELINE_PRIVILEGES, READ_PRIVILEGES } from "../../components/privileges";
import { checkStageCatalogArgs } from "../../components/stage-catalog";
import { DEV_WORKSPACE_ID, SP_PROD, SP_STAGING, rawDev, rawProd, rawStaging } from "../support/stage-configs";

const READ = [...READ_PRIVILEGES];
const PIPELINE = [...PIPELINE_PRIVILEGES];

describe("planCatalogAccess: the access matrix of the reference design", () => {
  it("dev: both groups author, one read-write binding to the dev workspace", () => {
    const plan = planCatalogAccess(parseStageConfig(rawDev(), "dev"));
    expect(plan.catalogGrants).toEqual([
      { principal: "mlops-data-scientists", privileges: PIPELINE },
      { principal: "mlops-ml-engineers", privileges: PIPELINE },
    ]);
    expect(plan.bindings).toEqual([{ purpose: "own", workspaceId: DEV_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_WRITE" }]);
    expect(plan.schemaGrants).toEqual([]);
  });

  it("staging: only the staging service principal writes; people read from dev", () => {
    const plan = planCatalogAccess(parseStageConfig(rawStaging(), "staging"));
    expect(plan.catalogGrants).toEqual([
      { principal: SP_STAGING, privileges: PIPELINE },
      { principal: "mlops-data-scientists", privileges: READ },
      { principal: "mlops-ml-engineers", privileges: READ },
    ]);
    expect(plan.bindings).toEqual([
      { purpose: "own", workspaceId: "1000000000000002", bindingType: "BINDING_TYPE_READ_WRITE" },
      { purpose: "dev-read", workspaceId: DEV_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_ONLY" },
    ]);
  });

  it("prod: only the prod service principal writes; the configured reader groups get exactly the read set", () => {
    const raw = { ...rawProd(), devAccess: { workspaceId: DEV_WORKSPACE_ID, readerGroups: ["mlops-data-scientists"] } };
    const plan = planCatalogAccess(parseStageConfig(raw, "prod"));
    expect(plan.catalogGrants).toEqual([
      { principal: SP_PROD, privileges: PIPELINE },
      { principal: "mlops-data-scientists", privileges: ["BROWSE", "EXECUTE", "READ_VOLUME", "SELECT", "USE_CATALOG", "USE_SCHEMA"] },
    ]);
    expect(plan.bindings.map((binding) => binding.bindingType)).toEqual(["BINDING_TYPE_READ_WRITE", "BINDING_TYPE_READ_ONLY"]);
  });

  it("merges extra grants into the principal's entry on the catalog and groups schema grants by schema", () => {
    const raw = {
      ...rawProd(),
      unityCatalog: {
        extraGrants: [
          { principal: SP_PROD, privileges: ["APPLY_TAG"] },
          { principal: "auditors", privileges: ["SELECT", "USE_SCHEMA"], schema: "monitoring" },
          { principal: "analysts", privileges: ["SELECT"], schema: "inference" },
          { principal: "analysts", privileges: ["USE_SCHEMA"], schema: "inference" },
        ],
      },
    };
    const plan = planCatalogAccess(parseStageConfig(raw, "prod"));
    expect(plan.catalogGrants.find((grant) => grant.principal === SP_PROD)?.privileges).toEqual(
      [...PIPELINE_PRIVILEGES, "APPLY_TAG"].sort(),
    );
    expect(plan.schemaGrants).toEqual([
      { schema: "inference", grants: [{ principal: "analysts", privileges: ["SELECT", "USE_SCHEMA"] }] },
      { schema: "monitoring", grants: [{ principal: "auditors", privileges: ["SELECT", "USE_SCHEMA"] }] },
    ]);
  });
});

describe("mergeGrants", () => {
  it("gives each principal one sorted, de-duplicated, normalized entry, principals sorted", () => {
    expect(
      mergeGrants([
        { principal: "b", privileges: ["select"] },
        { principal: "a", privileges: ["USE CATALOG", "SELECT"] },
        { principal: "b", privileges: ["SELECT", "use_schema"] },
      ]),
    ).toEqual([
      { principal: "a", privileges: ["SELECT", "USE_CATALOG"] },
      { principal: "b", privileges: ["SELECT", "USE_SCHEMA"] },
    ]);
  });
});

describe("checkStageCatalogArgs", () => {
  const access = planCatalogAccess(parseStageConfig(rawProd(), "prod"));
  const args = { stage: "prod" as const, mlProject: "mlops", catalogName: "prod_mlops", schemas: [{ name: "features", comment: "" }], access };
  const issuesOf = (checked: Parameters<typeof checkStageCatalogArgs>[0]) => {
    const issues: string[] = [];
    checkStageCatalogArgs(checked, (path, reason) => issues.push(`${path.join(".")}: ${reason}`));
    return issues;
  };

  it("accepts schema grants on the catalog's own schemas", () => {
    const withGrant = { ...args, access: { ...access, schemaGrants: [{ schema: "features", grants: [] }] } };
    expect(issuesOf(withGrant)).toEqual([]);
  });

  it("rejects a schema grant on a schema the catalog does not create, before anything is registered", () => {
    const withGrant = { ...args, access: { ...access, schemaGrants: [{ schema: "reports", grants: [] }] } };
    expect(issuesOf(withGrant)).toEqual(["access.schemaGrants.0.schema: names schema 'reports', which is not among its schemas (features)"]);
  });
});
