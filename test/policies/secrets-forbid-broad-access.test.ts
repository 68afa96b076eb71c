/**
 * secrets-forbid-broad-access: on every stage where it runs (dev; access-restrict-principals covers staging and
 * prod), a secret scope is shared with named groups, never with an account-wide one.
 */
import { findBroadSecretAccess, secretsForbidBroadAccess } from "../../policies/rules/secrets-forbid-broad-access";
import { DEFAULT_BROAD_AUDIENCE_GROUPS } from "../../policies/lib/principals";
import { invokeRule } from "./invoke-rule";

const ACL = "databricks:index/secretAcl:SecretAcl";
const SCOPE = "databricks:index/secretScope:SecretScope";
const CONFIG = { broadAudienceGroups: [...DEFAULT_BROAD_AUDIENCE_GROUPS] };

describe("secrets-forbid-broad-access", () => {
  test("READ for a group of the stage and a scope without an initial manager pass", () => {
    expect(invokeRule(secretsForbidBroadAccess, { type: ACL, name: "ds-read", props: { scope: "dev-mlops", principal: "mlops-data-scientists", permission: "READ" } }, CONFIG)).toEqual({ violations: [] });
    expect(invokeRule(secretsForbidBroadAccess, { type: SCOPE, name: "scope", props: { name: "dev-mlops" } }, CONFIG)).toEqual({ violations: [] });
    expect(invokeRule(secretsForbidBroadAccess, { type: SCOPE, name: "scope", props: { name: "dev-mlops", initialManagePrincipal: " " } }, CONFIG)).toEqual({ violations: [] });
  });

  test.each([
    ["users", " Users ", "read", "READ"],
    ["account users", "ACCOUNT USERS", "Manage", "MANAGE"],
  ])("an ACL for %s is refused, in any spelling", (_, principal, permission, shown) => {
    expect(invokeRule(secretsForbidBroadAccess, { type: ACL, name: "open-acl", props: { scope: " dev-mlops ", principal, permission } }, CONFIG).violations).toEqual([
      `SecretAcl 'open-acl' gives the account-wide group '${principal.trim()}' ${shown} on secret scope 'dev-mlops'; it contains every user, and whoever reads ` +
        "a scope holds the credentials in it. Name a group of the stage instead.",
    ]);
  });

  test("a scope managed by every user from its creation is refused, and so is one whose initial manager is unknown", () => {
    expect(findBroadSecretAccess(SCOPE, "open", { initialManagePrincipal: "users" }, CONFIG)).toEqual([
      "SecretScope 'open' gives 'users' MANAGE on the scope from its creation (initialManagePrincipal, which the API accepts only as 'users', every user " +
        "of the workspace), so everyone reads and shares the credentials in it. Leave initialManagePrincipal unset and give the stage's groups what they need with SecretAcl.",
    ]);
    const unknown = new Proxy({} as Record<string, unknown>, {
      get: (_, key) => {
        if (key === "initialManagePrincipal") throw new (class UnknownValueError extends Error {})("unknown");
        return undefined;
      },
    });
    expect(findBroadSecretAccess(SCOPE, "open", unknown, CONFIG)[0]).toContain("gives a principal unknown until apply MANAGE");
  });

  test("a principal unknown during preview fails closed; the configured groups decide", () => {
    const unknown = new Proxy({} as Record<string, unknown>, {
      get: (_, key) => {
        if (key === "principal") throw new (class UnknownValueError extends Error {})("principal is unknown");
        return undefined;
      },
    });
    expect(invokeRule(secretsForbidBroadAccess, { type: ACL, name: "acl", props: unknown }, CONFIG).violations[0]).toMatch(/^SecretAcl 'acl' cannot be checked during preview/);
    expect(findBroadSecretAccess(ACL, "acl", { principal: "everyone-7q", permission: "READ", scope: "s" }, { broadAudienceGroups: ["Everyone-7q"] })).toHaveLength(1);
    expect(invokeRule(secretsForbidBroadAccess, { type: "databricks:index/secret:Secret" }, CONFIG).notApplicable).toContain("Policy only applies to resources of type");
  });
});
