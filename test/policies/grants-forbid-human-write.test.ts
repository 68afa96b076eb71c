import { DEFAULT_READ_ONLY_PRIVILEGES } from "../../policies/lib/principals";
import { findHumanWriteGrants, grantsForbidHumanWrite } from "../../policies/rules/grants-forbid-human-write";
import { DATA_SCIENTIST_READ, PROD_SP, SP_WRITE } from "./fixtures";

const defaults = { readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES] };
const allowed = "USE_CATALOG, USE_SCHEMA, SELECT, EXECUTE, READ_VOLUME, BROWSE";

describe("grants-forbid-human-write", () => {
  test("a service principal may write and a human group may read", () => {
    const props = {
      catalog: "prod_mlops",
      grants: [
        { principal: PROD_SP, privileges: SP_WRITE },
        { principal: "data-scientists", privileges: DATA_SCIENTIST_READ },
      ],
    };
    expect(findHumanWriteGrants(props, defaults)).toEqual([]);
  });

  test("a group holding write privileges on a catalog is named with the privileges and the allowed set", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: "data-scientists", privileges: ["SELECT", "MODIFY", "CREATE_TABLE"] }] };
    expect(findHumanWriteGrants(props, defaults)).toEqual([
      `Human principal 'data-scientists' holds MODIFY, CREATE_TABLE on catalog 'prod_mlops'; humans may hold only ${allowed}.`,
    ]);
  });

  test("a user e-mail on a single Grant of a schema is human", () => {
    const props = { schema: "prod_mlops.features", principal: "ana@example.com", privileges: ["modify"] };
    expect(findHumanWriteGrants(props, defaults)).toEqual([
      `Human principal 'ana@example.com' holds MODIFY on schema 'prod_mlops.features'; humans may hold only ${allowed}.`,
    ]);
  });

  test("privilege names are normalized before comparing: 'use catalog' is read-only", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: "data-scientists", privileges: ["use catalog", "Use_Schema", " select "] }] };
    expect(findHumanWriteGrants(props, defaults)).toEqual([]);
  });

  test("an unknown privilege counts as write", () => {
    const props = { volume: "prod_mlops.features.raw", grants: [{ principal: "ml-engineers", privileges: ["READ_VOLUME", "TELEPORT"] }] };
    expect(findHumanWriteGrants(props, defaults)).toEqual([
      `Human principal 'ml-engineers' holds TELEPORT on volume 'prod_mlops.features.raw'; humans may hold only ${allowed}.`,
    ]);
  });

  test("the configured read-only set replaces the default one", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: "data-scientists", privileges: ["SELECT", "MODIFY"] }] };
    expect(findHumanWriteGrants(props, { readOnlyPrivileges: ["select", "modify"] })).toEqual([]);
    expect(findHumanWriteGrants(props, { readOnlyPrivileges: ["USE_CATALOG"] })).toEqual([
      "Human principal 'data-scientists' holds SELECT, MODIFY on catalog 'prod_mlops'; humans may hold only USE_CATALOG.",
    ]);
  });

  test("the schema default of readOnlyPrivileges is the access model's read-only set", () => {
    const schema = grantsForbidHumanWrite.configSchema?.properties.readOnlyPrivileges as { default: string[] };
    expect(schema.default).toEqual(["USE_CATALOG", "USE_SCHEMA", "SELECT", "EXECUTE", "READ_VOLUME", "BROWSE"]);
  });
});
