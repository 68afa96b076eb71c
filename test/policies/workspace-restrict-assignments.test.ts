import { ASSIGNMENT_TYPES, findAssignmentViolations, workspaceRestrictAssignments, type WorkspaceAssignmentsConfig } from "../../policies/rules/workspace-restrict-assignments";
import { invokeRule } from "./invoke-rule";

const SP = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
const config: WorkspaceAssignmentsConfig = { userPrincipals: ["mlops-data-scientists", SP], adminPrincipals: ["mlops-break-glass"] };
const check = (props: Record<string, unknown>, cfg: WorkspaceAssignmentsConfig = config) => findAssignmentViolations("a", props, cfg);

describe("workspace-restrict-assignments", () => {
  test("listed users and the listed admin group pass, names compared without regard to case", () => {
    expect(check({ groupName: "MLOps-Data-Scientists", permissions: ["USER"] })).toEqual([]);
    expect(check({ servicePrincipalName: SP.toUpperCase(), permissions: ["USER"] })).toEqual([]);
    expect(check({ groupName: "mlops-break-glass", permissions: ["ADMIN"] })).toEqual([]);
  });

  test("a workspace admin the config does not list is refused, and so is any permission other than USER", () => {
    expect(check({ groupName: "mlops-data-scientists", permissions: ["ADMIN"] })).toEqual([
      "Workspace assignment 'a' makes 'mlops-data-scientists' workspace admin (ADMIN); an admin can change every job and setting of the workspace, so only 'mlops-break-glass' may be (adminPrincipals in this stage's policy config).",
    ]);
    expect(check({ groupName: "mlops-data-scientists", permissions: ["USER", "OWNER"] })[0]).toContain("workspace admin (USER, OWNER)");
    expect(check({ groupName: "mlops-break-glass", permissions: ["ADMIN"] }, { userPrincipals: [] })[0]).toContain("so only none may be");
  });

  test("a user the config does not list is refused: another group, a person, a numeric id", () => {
    expect(check({ groupName: "contractors", permissions: ["USER"] })).toEqual([
      `Workspace assignment 'a' assigns 'contractors' to the workspace, but only 'mlops-data-scientists', '${SP}' may be assigned (userPrincipals in this stage's policy config).`,
    ]);
    expect(check({ userName: "ana@example.com", permissions: ["USER"] })).toHaveLength(1);
    expect(check({ principalId: 1234567, permissions: ["USER"] })[0]).toContain("assigns '1234567' to the workspace");
  });

  test("an account-wide group is refused whatever the config lists; an assignment without a principal too", () => {
    expect(check({ groupName: "Account Users", permissions: ["USER"] }, { userPrincipals: ["account users"] })).toEqual([
      "Workspace assignment 'a' assigns the account-wide group 'Account Users', which contains every user; assign named groups.",
    ]);
    expect(check({ permissions: ["USER"] })).toEqual(["Workspace assignment 'a' names no principal; name a group or service principal the policy config lists."]);
  });

  test.each(ASSIGNMENT_TYPES.filter((t) => t.includes("IamWorkspaceAssignmentV2")))("%s, which names the principal by internal id, is judged as a user assignment of that id", (type) => {
    const props = { principalId: " 4004 ", entitlements: ["WORKSPACE_ACCESS"] };
    expect(invokeRule(workspaceRestrictAssignments, { type, name: "a", props }, config).violations).toEqual([
      `Workspace assignment 'a' assigns '4004' to the workspace, but only 'mlops-data-scientists', '${SP}' may be assigned (userPrincipals in this stage's policy config).`,
    ]);
    expect(invokeRule(workspaceRestrictAssignments, { type, name: "a", props }, { userPrincipals: ["4004"] }).violations).toEqual([]);
  });

  test("without config nobody may be assigned (fail closed)", () => {
    expect(check({ groupName: "mlops-data-scientists", permissions: ["USER"] }, {})[0]).toContain("but only none may be assigned");
  });
});

describe("workspace-restrict-assignments, how the principal and permissions are read", () => {
  test("each principal field is read, in order, skipping blank ones, and trimmed", () => {
    expect(check({ groupName: "  ", servicePrincipalName: ` ${SP} `, permissions: ["USER"] })).toEqual([]);
    expect(check({ groupName: "Mlops-Data-Scientists", permissions: ["USER"] })).toEqual([]);
    expect(check({ principalId: "mlops-data-scientists", permissions: ["USER"] })).toEqual([]);
    expect(check({ groupName: "contractors", userName: "mlops-data-scientists", permissions: ["USER"] })[0]).toContain("assigns 'contractors'");
    expect(check({ groupName: true, userName: " ", permissions: ["USER"] })).toEqual([
      "Workspace assignment 'a' names no principal; name a group or service principal the policy config lists.",
    ]);
  });

  test("a listed principal is matched as its kind: a user or service principal carrying a group's name, or a group named like the writer, is refused", () => {
    const asOther = (who: string, listedAs: string) =>
      `Workspace assignment 'a' assigns '${who}' to the workspace, but only 'mlops-data-scientists', '${SP}' may be assigned ` +
      `(userPrincipals in this stage's policy config); it is listed as ${listedAs}, and a principal of another kind that carries its name is not it.`;
    expect(check({ userName: "Mlops-Data-Scientists", permissions: ["USER"] })).toEqual([asOther("Mlops-Data-Scientists", "a group (groupName)")]);
    expect(check({ servicePrincipalName: "mlops-data-scientists", permissions: ["USER"] })).toEqual([asOther("mlops-data-scientists", "a group (groupName)")]);
    expect(check({ groupName: SP, permissions: ["USER"] })).toEqual([asOther(SP, "a service principal (servicePrincipalName)")]);
    expect(check({ userName: SP, permissions: ["USER"] })).toEqual([asOther(SP, "a service principal (servicePrincipalName)")]);
  });

  test("a user listed by e-mail may be assigned by userName", () => {
    expect(findAssignmentViolations("a", { userName: "Ana@example.com", permissions: ["USER"] }, { userPrincipals: ["ana@example.com"] })).toEqual([]);
    expect(findAssignmentViolations("a", { groupName: "ana@example.com", permissions: ["USER"] }, { userPrincipals: ["ana@example.com"] })).toEqual([]);
  });

  test("permissions are compared trimmed and upper-cased; none at all is a plain user", () => {
    expect(check({ groupName: "mlops-data-scientists", permissions: [" user "] })).toEqual([]);
    expect(check({ groupName: "mlops-data-scientists" })).toEqual([]);
  });

  test("an admin listed in the config may also be a plain user; an empty admin list reads none", () => {
    expect(check({ groupName: "mlops-break-glass", permissions: ["USER"] })).toEqual([]);
    expect(check({ groupName: "ops", permissions: ["ADMIN"] }, { adminPrincipals: [] })[0]).toContain("so only none may be");
    expect(check({ groupName: "ops", permissions: ["ADMIN"] }, { adminPrincipals: ["a", "b"] })[0]).toContain("so only 'a', 'b' may be");
  });
});

describe("workspace-restrict-assignments: entitlements for one identity are an assignment (issue 19)", () => {
  const ENTITLEMENTS = "databricks:index/entitlements:Entitlements";
  const judge = (props: Record<string, unknown>) => invokeRule(workspaceRestrictAssignments, { type: ENTITLEMENTS, name: "e", props }, config).violations;

  test("a group's entitlements pass (its members come in through the group's assignment)", () => {
    expect(judge({ groupId: "prod-mlops-group-data-scientists-id", workspaceAccess: true })).toEqual([]);
  });

  test("a user's or service principal's entitlements let that identity in, and are refused unless the config lists its id", () => {
    expect(judge({ userId: "4242", workspaceAccess: true })).toEqual([
      "Entitlements 'e' entitles userId '4242' directly, which lets that identity into the workspace outside the assignments; only " +
        `'mlops-data-scientists', '${SP}' may be in it (userPrincipals in this stage's policy config). Entitle a group the config names.`,
    ]);
    expect(judge({ servicePrincipalId: "77", databricksSqlAccess: true })).toHaveLength(1);
    expect(invokeRule(workspaceRestrictAssignments, { type: ENTITLEMENTS, name: "e", props: { userId: "4242" } }, { userPrincipals: ["4242"] }).violations).toEqual([]);
  });
});
