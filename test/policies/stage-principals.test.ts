/**
 * Edge cases of the access rule's checks (policies/lib/stage-principals/): how entries are read and spelled,
 * and what happens without a writer. access-restrict-principals.test.ts holds the rule's main cases.
 */
import { aclEntriesOf, findAclViolations, isChangeLevel } from "../../policies/lib/stage-principals/acls";
import { resolvedConfig } from "../../policies/lib/stage-principals/config";
import { findImpersonationViolations, impersonatorsOf, ruleSetGoverns } from "../../policies/lib/stage-principals/impersonation";
import { findPrincipalGrantViolations } from "../../policies/lib/stage-principals/grants";
import { findOwnershipViolations } from "../../policies/lib/stage-principals/ownership";
import { findRunAsViolations } from "../../policies/lib/stage-principals/run-as";
import { DEFAULT_READ_ONLY_PRIVILEGES } from "../../policies/lib/principals";

const SP = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
const OTHER = "2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b";
const config = resolvedConfig({ writerPrincipal: SP, readerGroups: ["readers"] });
const noWriter = resolvedConfig({ readerGroups: ["readers"] });
const OBO = "databricks:index/oboToken:OboToken";
const RULE_SET = "databricks:index/accessControlRuleSet:AccessControlRuleSet";

describe("resolvedConfig", () => {
  test("fills the schema defaults, and keeps what the config names", () => {
    expect(resolvedConfig({})).toEqual({
      writerPrincipal: undefined,
      readerGroups: [],
      readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES],
      broadAudienceGroups: ["account users", "users"],
      adminPrincipals: [],
      shareRecipients: [],
    });
    expect(resolvedConfig({ readOnlyPrivileges: ["SELECT"], broadAudienceGroups: [] })).toMatchObject({ readOnlyPrivileges: ["SELECT"], broadAudienceGroups: [] });
  });
});

describe("access control lists", () => {
  test("entries are read per principal field, trimmed, with the level in upper case; others are skipped", () => {
    expect(
      aclEntriesOf({
        accessControls: [null, { groupName: " g ", userName: "u", permissionLevel: " can_view " }, { servicePrincipalName: SP }, { groupName: 3 }],
      }),
    ).toEqual([
      { principal: "g", kind: "group", level: "CAN_VIEW" },
      { principal: "u", kind: "user", level: "CAN_VIEW" },
      { principal: SP, kind: "servicePrincipal", level: "" },
    ]);
    expect(aclEntriesOf({ accessControls: "x" })).toEqual([]);
  });

  test("change levels compare trimmed and in upper case", () => {
    expect(isChangeLevel(" can_manage ")).toBe(true);
    expect(isChangeLevel("CAN_MANAGE_RUN")).toBe(false);
  });

  test("without a writer nobody may hold a change level, the writer's name included", () => {
    expect(findAclViolations("acl", { accessControls: [{ servicePrincipalName: SP, permissionLevel: "IS_OWNER" }] }, noWriter)).toHaveLength(1);
  });

  test("a user named like an account-wide group is no group: judged as the outsider it is, not as the group", () => {
    const messages = findAclViolations("acl", { accessControls: [{ userName: "users", permissionLevel: "CAN_VIEW" }] }, config);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Permissions 'acl' gives user 'users' CAN_VIEW, but it is neither this stage's writer/);
  });
});

describe("impersonation", () => {
  const rules = (principals: unknown[], role: unknown = "roles/servicePrincipal.user") => ({
    name: `accounts/acc/servicePrincipals/${SP}/ruleSets/default`,
    grantRules: [{ role, principals }],
  });

  test("the account-wide rule set and the writer's own govern it; another's and look-alikes do not", () => {
    expect(ruleSetGoverns("accounts/acc/ruleSets/default", SP)).toBe(true);
    expect(ruleSetGoverns(`accounts/acc/servicePrincipals/${SP.toUpperCase()}/ruleSets/default`, SP)).toBe(true);
    expect(ruleSetGoverns(`accounts/acc/servicePrincipals/${OTHER}/ruleSets/default`, SP)).toBe(false);
    expect(ruleSetGoverns("prefix/accounts/acc/ruleSets/default", SP)).toBe(false);
    expect(ruleSetGoverns("accounts/acc/ruleSets/default/more", SP)).toBe(false);
    expect(ruleSetGoverns("accounts/a/b/ruleSets/default", SP)).toBe(false);
  });

  test("impersonators are the other principals of impersonation roles, trimmed; other roles and entries are skipped", () => {
    expect(impersonatorsOf(rules([" groups/ops ", `servicePrincipals/${SP}`, 3]), SP)).toEqual([{ principal: "groups/ops", role: "roles/servicePrincipal.user" }]);
    expect(impersonatorsOf(rules(["groups/ops"], "roles/servicePrincipal.manager"), SP)).toHaveLength(1);
    expect(impersonatorsOf(rules(["groups/ops"], "roles/other"), SP)).toEqual([]);
    expect(impersonatorsOf(rules(["groups/ops"], 3), SP)).toEqual([]);
    expect(impersonatorsOf({ name: `accounts/acc/servicePrincipals/${SP}/ruleSets/default`, grantRules: [null, { role: "roles/servicePrincipal.user", principals: "groups/ops" }] }, SP)).toEqual([]);
    expect(impersonatorsOf({ name: 3, grantRules: rules(["groups/ops"]).grantRules }, SP)).toEqual([]);
  });

  test("without a writer there is no one to impersonate, but a rule set's role is still refused; a token for another principal is not the writer's", () => {
    const refused = findImpersonationViolations(RULE_SET, "r", rules(["groups/ops"]), noWriter);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^AccessControlRuleSet 'r' gives 'groups\/ops' roles\/servicePrincipal.user on /);
    expect(findImpersonationViolations(OBO, "t", { applicationId: SP }, noWriter)).toEqual([]);
    expect(findImpersonationViolations(OBO, "t", { applicationId: 3 }, config)).toEqual([]);
    expect(findImpersonationViolations(OBO, "t", { applicationId: ` ${SP} ` }, config)).toHaveLength(1);
  });
});

describe("ownership and run-as", () => {
  test("an owner is named trimmed; without a writer even the writer's name is a foreign owner", () => {
    expect(findOwnershipViolations({ type: "databricks:index/catalog:Catalog", name: "c", owner: ` ${OTHER} ` }, config)[0]).toContain(`is owned by '${OTHER}';`);
    expect(findOwnershipViolations({ type: "databricks:index/catalog:Catalog", name: "c", owner: SP }, noWriter)).toHaveLength(1);
    expect(findOwnershipViolations({ type: "databricks:index/catalog:Catalog", name: "c", owner: "" }, noWriter)[0]).toContain(
      "set owner to the stage's writer (none is named in this stage's policy config).",
    );
  });

  test("a run-as identity is named trimmed; a null or non-object runAs names none", () => {
    expect(findRunAsViolations("j", { runAs: { servicePrincipalName: ` ${OTHER} ` } }, config)[0]).toContain(`runs as '${OTHER}', so`);
    expect(findRunAsViolations("j", { runAs: { servicePrincipalName: SP } }, noWriter)).toHaveLength(1);
    expect(findRunAsViolations("j", { runAs: null }, config)).toEqual([]);
    expect(findRunAsViolations("j", { runAs: "sp" }, config)).toEqual([]);
  });
});

describe("grants", () => {
  const grant = (principal: string, privileges: string[]) => ({ catalog: "prod_mlops", principal, privileges });

  test("a principal granted nothing is no finding", () => {
    expect(findPrincipalGrantViolations(grant("outsiders", []), config)).toEqual([]);
  });

  test("every privilege is listed, and the principal named trimmed", () => {
    expect(findPrincipalGrantViolations(grant(" users ", ["SELECT", "BROWSE"]), config)).toEqual([
      "Account-wide group 'users' is granted SELECT, BROWSE on catalog 'prod_mlops'; it contains every user, so it may hold nothing on this stage, read included. Grant a named reader group instead.",
    ]);
    expect(findPrincipalGrantViolations(grant("readers", ["SELECT", "MODIFY", "CREATE_TABLE"]), config)[0]).toMatch(
      /^Reader group 'readers' is granted MODIFY, CREATE_TABLE on catalog 'prod_mlops'; readers may hold only USE_CATALOG, USE_SCHEMA, SELECT, EXECUTE, READ_VOLUME, BROWSE, and /,
    );
    expect(findPrincipalGrantViolations(grant("outsiders", ["SELECT", "MODIFY", "CREATE_TABLE"]), config)[0]).toMatch(/^Principal 'outsiders' is granted write privileges MODIFY, CREATE_TABLE on /);
    expect(findPrincipalGrantViolations(grant("outsiders", ["SELECT", "BROWSE"]), config)[0]).toMatch(/^Principal 'outsiders' is granted SELECT, BROWSE on /);
  });
});
