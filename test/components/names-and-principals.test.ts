import { defaultCatalogName, resourceName, schemaFullName, ucIdentifier } from "../../components/naming";
import { isGroupName, principalKind } from "../../components/principals";
import { PIPELINE_PRIVILEGES, READ_PRIVILEGES, normalizePrivilege, normalizePrivileges } from "../../components/privileges";

describe("naming", () => {
  it("builds <stage>-<mlProject>-<purpose> resource names", () => {
    expect(resourceName("prod", "mlops", "catalog", "grants")).toBe("prod-mlops-catalog-grants");
    expect(resourceName("dev", "churn")).toBe("dev-churn");
  });

  it("builds Unity Catalog identifiers SQL can use without backticks", () => {
    expect(defaultCatalogName("staging", "fraud-detection")).toBe("staging_fraud_detection");
    expect(ucIdentifier("Prod", "My Project")).toBe("prod_my_project");
    expect(schemaFullName("prod_mlops", "features")).toBe("prod_mlops.features");
  });
});

describe("principals", () => {
  it.each([
    ["7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e", "servicePrincipal"],
    ["7C9D2E41-8F6A-4B5C-9D0E-1F2A3B4C5D6E", "servicePrincipal"],
    ["jane.doe@example.com", "user"],
    ["mlops-data-scientists", "group"],
    ["account users", "group"],
  ])("%s is a %s", (value, kind) => {
    expect(principalKind(value)).toBe(kind);
  });

  it.each(["", " padded", "trailing ", "semi;colon", "back`tick"])("%j is not a principal", (value) => {
    expect(principalKind(value)).toBeUndefined();
  });

  it("refuses group names that look like service principals", () => {
    expect(isGroupName("7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e")).toBe(false);
    expect(isGroupName("mlops-ml-engineers")).toBe(true);
  });
});

describe("privileges", () => {
  it("normalizes spellings to the API's form", () => {
    expect(normalizePrivilege(" use catalog ")).toBe("USE_CATALOG");
    expect(normalizePrivilege("read-volume")).toBe("READ_VOLUME");
    expect(normalizePrivileges(["select", "SELECT", "browse"])).toEqual(["BROWSE", "SELECT"]);
  });

  it("keeps the pipeline set a sorted superset of the read set, without admin privileges", () => {
    expect(PIPELINE_PRIVILEGES).toEqual([...PIPELINE_PRIVILEGES].sort());
    expect(PIPELINE_PRIVILEGES).toEqual(expect.arrayContaining([...READ_PRIVILEGES]));
    expect(PIPELINE_PRIVILEGES).not.toContain("MANAGE");
    expect(PIPELINE_PRIVILEGES).not.toContain("ALL_PRIVILEGES");
  });
});
