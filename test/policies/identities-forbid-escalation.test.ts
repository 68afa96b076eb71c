import { CREDENTIAL_TYPES, MEMBERSHIP_TYPES, escalationMessage, identitiesForbidEscalation } from "../../policies/rules/identities-forbid-escalation";
import { GRANTS, GROUP_MEMBER, SERVICE_PRINCIPAL_SECRET, TOKEN } from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";

describe("identities-forbid-escalation", () => {
  test("resources that neither mint credentials nor change memberships are not its business", () => {
    expect(invokeRule(identitiesForbidEscalation, { type: GRANTS, props: { catalog: "prod_mlops", grants: [] } })).toEqual({
      violations: [],
      notApplicable: expect.stringContaining("Policy only applies to resources of type 'databricks:index/token:Token'"),
    });
  });

  test("a token for the deploying identity is refused, whatever its lifetime", () => {
    expect(invokeRule(identitiesForbidEscalation, { type: TOKEN, name: "ci-token", props: { lifetimeSeconds: 3600 } }).violations).toEqual([
      "Token 'ci-token' mints a personal access token for the identity that deploys the stack (the stage's writer), kept in the stack's state; deploy and run with OAuth, never a stack-made token.",
    ]);
  });

  test("a secret for a service principal is refused", () => {
    expect(invokeRule(identitiesForbidEscalation, { type: SERVICE_PRINCIPAL_SECRET, name: "writer-secret", props: { servicePrincipalId: "123" } }).violations).toEqual([
      "ServicePrincipalSecret 'writer-secret' creates an OAuth secret that acts as a service principal, kept in the stack's state; the account's identity administrators issue secrets, outside stage stacks.",
    ]);
  });

  test.each(CREDENTIAL_TYPES.filter((t) => t.includes("ederation")))("%s, trust in another issuer, is refused", (type) => {
    expect(invokeRule(identitiesForbidEscalation, { type, name: "github" }).violations).toEqual([escalationMessage(type, "github")]);
    expect(escalationMessage(type, "github")).toMatch(/lets tokens of another issuer act as an identity of the account/);
  });

  test("a person added to the workspace admins group is refused", () => {
    expect(invokeRule(identitiesForbidEscalation, { type: GROUP_MEMBER, name: "admins-alice", props: { groupId: "1001", memberId: "2002" } }).violations).toEqual([
      "GroupMember 'admins-alice' changes a group membership or role, which widens access without any grant the access rules see; memberships are managed by the account's identity administrators (SCIM), outside stage stacks.",
    ]);
  });

  test.each(MEMBERSHIP_TYPES)("%s is refused", (type) => {
    const { violations } = invokeRule(identitiesForbidEscalation, { type, name: "m" });
    expect(violations).toEqual([escalationMessage(type, "m")]);
    expect(violations[0]).toMatch(/changes a group membership or role/);
  });
});
