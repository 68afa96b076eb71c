import { findAllPrivilegesGrants, grantsForbidAllPrivileges } from "../../policies/rules/grants-forbid-all-privileges";
import { invokeRule } from "./invoke-rule";
import { PROD_SP, SP_WRITE } from "./fixtures";

describe("grants-forbid-all-privileges", () => {
  test("explicit privileges pass", () => {
    expect(findAllPrivilegesGrants({ catalog: "prod_mlops", grants: [{ principal: PROD_SP, privileges: SP_WRITE }] })).toEqual([]);
  });

  test("ALL_PRIVILEGES on a Grants entry is reported, even for a service principal", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: PROD_SP, privileges: ["ALL_PRIVILEGES"] }] };
    expect(findAllPrivilegesGrants(props)).toEqual([
      `Principal '${PROD_SP}' is granted ALL_PRIVILEGES on catalog 'prod_mlops'; grant the explicit privileges it needs instead.`,
    ]);
  });

  test("the spelling 'ALL PRIVILEGES' on a Grant is the same privilege", () => {
    const props = { externalLocation: "landing", principal: "admins", privileges: ["SELECT", "all privileges"] };
    expect(findAllPrivilegesGrants(props)).toEqual([
      "Principal 'admins' is granted ALL_PRIVILEGES on external location 'landing'; grant the explicit privileges it needs instead.",
    ]);
  });
});

describe("grants-forbid-all-privileges, the registered rule", () => {
  test.each(["databricks:index/grants:Grants", "databricks:index/grant:Grant"])("checks %s", (type) => {
    const props =
      type.endsWith("Grants")
        ? { catalog: "prod_mlops", grants: [{ principal: PROD_SP, privileges: ["ALL_PRIVILEGES"] }] }
        : { catalog: "prod_mlops", principal: PROD_SP, privileges: ["ALL_PRIVILEGES"] };
    expect(invokeRule(grantsForbidAllPrivileges, { type, props }).violations).toHaveLength(1);
  });
});
