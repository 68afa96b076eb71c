/**
 * The access model checked on the stack config (defence in depth before the policy pack): every way a stack
 * file could give write power, ownership or a broad audience on staging or prod is refused with its key.
 */
import { parseStageConfig } from "../../stack/config";
import { SP_PROD, SP_STAGING, rawDev, rawProd, rawStaging } from "../support/stage-configs";
import { problemsOf } from "../support/config-problems";

const READ_LIST = "BROWSE, EXECUTE, READ_VOLUME, SELECT, USE_CATALOG, USE_SCHEMA";

const withCatalog = (raw: Record<string, unknown>, unityCatalog: Record<string, unknown>) => ({ ...raw, unityCatalog });

describe("ownership on staging and prod", () => {
  it("refuses an owner other than the stage's service principal, naming the key and the principal that must own", () => {
    expect(problemsOf(withCatalog(rawProd(), { owner: "mlops-ml-engineers" }), "prod")).toEqual([
      `  - databricks-mlops:unityCatalog.owner: got "mlops-ml-engineers"; must be the service principal (${SP_PROD}) on prod: an owner holds every privilege, and only the service principal writes prod data`,
    ]);
    expect(problemsOf(withCatalog(rawStaging(), { owner: SP_PROD }), "staging")).toEqual([
      `  - databricks-mlops:unityCatalog.owner: got "${SP_PROD}"; must be the service principal (${SP_STAGING}) on staging: an owner holds every privilege, and only the service principal writes staging data`,
    ]);
  });

  it("accepts the service principal in any case, and any owner on dev", () => {
    expect(parseStageConfig(withCatalog(rawProd(), { owner: SP_PROD.toUpperCase() }), "prod").unityCatalog.owner).toBe(SP_PROD.toUpperCase());
    expect(parseStageConfig(withCatalog(rawDev(), { owner: "ana@example.com" }), "dev").unityCatalog.owner).toBe("ana@example.com");
  });
});

describe("extra grants on staging and prod", () => {
  it("refuses write privileges for a group, MANAGE included, and names each privilege", () => {
    const raw = withCatalog(rawProd(), {
      extraGrants: [{ principal: "mlops-ml-engineers", privileges: ["SELECT", "modify", "MANAGE"], schema: "features" }],
    });
    expect(problemsOf(raw, "prod")).toEqual([
      `  - databricks-mlops:unityCatalog.extraGrants[0].privileges[1]: got "modify"; is not read-only; on prod reader groups hold only ${READ_LIST}, and only the service principal (${SP_PROD}) writes`,
      `  - databricks-mlops:unityCatalog.extraGrants[0].privileges[2]: got "MANAGE"; is not read-only; on prod reader groups hold only ${READ_LIST}, and only the service principal (${SP_PROD}) writes`,
    ]);
  });

  it("refuses another service principal, even read-only: it is not the stage's writer", () => {
    const raw = withCatalog(rawStaging(), { extraGrants: [{ principal: SP_PROD, privileges: ["SELECT"] }] });
    expect(problemsOf(raw, "staging")).toEqual([
      `  - databricks-mlops:unityCatalog.extraGrants[0].principal: got "${SP_PROD}"; on staging the only service principal granted privileges is the stage's own (${SP_STAGING}); another service principal is not its writer`,
    ]);
  });

  it("refuses an individual user, even read-only: people read through groups", () => {
    const raw = withCatalog(rawProd(), { extraGrants: [{ principal: "Ana@Example.com", privileges: ["SELECT"] }] });
    expect(problemsOf(raw, "prod")).toEqual([
      '  - databricks-mlops:unityCatalog.extraGrants[0].principal: got "Ana@Example.com"; on prod people read through groups, never as individual users; grant a group (and have a security reviewer trust it in the policy config)',
    ]);
  });

  it("accepts extra privileges for the stage's own service principal and read privileges for a group", () => {
    const raw = withCatalog(rawProd(), {
      extraGrants: [
        { principal: SP_PROD, privileges: ["CREATE_SCHEMA", "APPLY_TAG"] },
        { principal: "auditors", privileges: ["SELECT", "USE SCHEMA"], schema: "monitoring" },
      ],
    });
    expect(parseStageConfig(raw, "prod").unityCatalog.extraGrants).toHaveLength(2);
  });

  it("lets people write on dev", () => {
    const raw = withCatalog(rawDev(), { extraGrants: [{ principal: "ana@example.com", privileges: ["MODIFY", "MANAGE"] }] });
    expect(parseStageConfig(raw, "dev").unityCatalog.extraGrants).toEqual([{ principal: "ana@example.com", privileges: ["MANAGE", "MODIFY"] }]);
  });
});

describe("account-wide groups, on every stage", () => {
  it.each(["account users", "Account Users", "users", "USERS"])("refuses an extra grant to %j", (group) => {
    for (const [raw, stack] of [[rawDev(), "dev"], [rawProd(), "prod"]] as const) {
      expect(problemsOf(withCatalog(raw, { extraGrants: [{ principal: group, privileges: ["SELECT"] }] }), stack)).toEqual([
        `  - databricks-mlops:unityCatalog.extraGrants[0].principal: got ${JSON.stringify(group)}; an account-wide group contains every user and is never granted anything; grant a named group`,
      ]);
    }
  });

  it("refuses one as a project group or a reader group", () => {
    const raw = { ...rawProd(), groups: { dataScientists: "users", mlEngineers: "mlops-ml-engineers" }, devAccess: { workspaceId: "1000000000000001", readerGroups: ["account users"] } };
    const problems = problemsOf(raw, "prod");
    expect(problems.map((line) => line.split(";")[0])).toEqual([
      '  - databricks-mlops:devAccess.readerGroups[0]: got "account users"',
      '  - databricks-mlops:groups.dataScientists: got "users"',
    ]);
    expect(problems[0]).toContain("not an account-wide group (account users, users)");
  });
});
