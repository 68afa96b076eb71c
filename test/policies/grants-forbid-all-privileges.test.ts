import { findAllPrivilegesGrants } from "../../policies/rules/grants-forbid-all-privileges";
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
