import { CREDENTIAL_TYPES, IDENTITY_TYPES, MEMBERSHIP_TYPES, escalationMessage, identitiesForbidEscalation } from "../../policies/rules/identities-forbid-escalation";
import { APP, USER, GIT_CREDENTIAL, GRANTS, GROUP_INSTANCE_PROFILE, GROUP_MEMBER, SERVICE_PRINCIPAL_SECRET, TOKEN, USER_INSTANCE_PROFILE } from "../../policies/lib/resource-types";
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

  test.each(IDENTITY_TYPES.filter((t) => t !== APP))("%s, a user or service principal the stack creates, is refused", (type) => {
    const { violations } = invokeRule(identitiesForbidEscalation, { type, name: "mlops-data-scientists", props: { displayName: "mlops-data-scientists" } });
    expect(violations).toEqual([escalationMessage(type, "mlops-data-scientists")]);
    expect(violations[0]).toMatch(/creates a user or service principal, which the access rules cannot trust/);
  });

  test("a user named like a reader group is an identity the stack creates, refused with the rest", () => {
    expect(invokeRule(identitiesForbidEscalation, { type: USER, name: "u", props: { userName: "mlops-ml-engineers" } }).violations).toEqual([
      "User 'u' creates a user or service principal, which the access rules cannot trust: the stage trusts only the writer and the reader groups its policy " +
        "config names, and people and service principals come from the account's identity administration (SCIM), outside stage stacks.",
    ]);
  });

  test("an app, which acts through its own service principal, is refused", () => {
    const props = { name: "dash", resources: [{ name: "job", job: { id: "1", permission: "CAN_MANAGE_RUN" } }] };
    expect(invokeRule(identitiesForbidEscalation, { type: APP, name: "dash", props }).violations).toEqual([
      "App 'dash' creates an app with its own service principal, which acts on the jobs, endpoints, warehouses and secrets the app names for everyone " +
        "allowed to use the app: a principal acting through another that no grant or ACL of the stage shows. Apps are not part of a stage's stack.",
    ]);
  });

  const GIT_TAIL =
    "kept in the stack's state; whoever reads the state acts on Git as that identity, on the repositories the stage's jobs run from. Give jobs read access to Git " +
    "outside the stack (the Databricks GitHub App, or a credential the identity administrators set).";

  test("a Git credential of the deploying identity is refused, naming its Git provider", () => {
    const props = { gitProvider: "gitHub", gitUsername: "mlops-bot", personalAccessToken: "ghp_x" };
    expect(invokeRule(identitiesForbidEscalation, { type: GIT_CREDENTIAL, name: "repo-token", props }).violations).toEqual([
      `GitCredential 'repo-token' stores a Git personal access token (gitHub) in the workspace for the identity that deploys the stack (the stage's writer), ${GIT_TAIL}`,
    ]);
  });

  test.each([
    ["an application id", { gitProvider: " gitLab ", principalId: " 2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b " }, " (gitLab)", "the service principal '2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b'"],
    ["a numeric id", { principalId: 4004 }, "", "the service principal '4004'"],
    ["an empty id (the deploying identity)", { gitProvider: "  ", principalId: " " }, "", "the identity that deploys the stack (the stage's writer)"],
  ])("a Git credential for a service principal given by %s is refused, naming it", (_, props, provider, owner) => {
    expect(invokeRule(identitiesForbidEscalation, { type: GIT_CREDENTIAL, name: "sp-git", props }).violations).toEqual([
      `GitCredential 'sp-git' stores a Git personal access token${provider} in the workspace for ${owner}, ${GIT_TAIL}`,
    ]);
  });

  test.each([GROUP_INSTANCE_PROFILE, USER_INSTANCE_PROFILE])("%s, an AWS role given to people, is refused like a role", (type) => {
    expect(invokeRule(identitiesForbidEscalation, { type, name: "ip", props: { groupId: "1001", userId: "2002", instanceProfileId: "arn:aws:iam::1:instance-profile/x" } }).violations).toEqual([
      expect.stringMatching(/^(GroupInstanceProfile|UserInstanceProfile) 'ip' changes a group membership or role, which widens access without any grant/),
    ]);
  });

  test("a Git credential whose service principal id or provider is unknown during preview is still refused as a Git credential", () => {
    class UnknownValueError extends Error {}
    const unknown = (key: string) => ({
      enumerable: true,
      get: () => {
        throw new UnknownValueError(`value at .${key} can't be known during preview`);
      },
    });
    const props = Object.defineProperties({}, { principalId: unknown("principalId"), gitProvider: unknown("gitProvider") });
    expect(invokeRule(identitiesForbidEscalation, { type: GIT_CREDENTIAL, name: "sp-git", props }).violations).toEqual([
      `GitCredential 'sp-git' stores a Git personal access token in the workspace for a service principal whose id is unknown until apply, ${GIT_TAIL}`,
    ]);
  });
});
