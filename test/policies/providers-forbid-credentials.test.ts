/**
 * providers-forbid-credentials: a provider of any package passes only without credential inputs. One compliant
 * case per package, one failing case per credential kind, and the provider SDKs' own secret markings as the floor.
 */
import * as fs from "fs";
import * as path from "path";
import { CREDENTIAL_INPUTS, credentialInputsOf, providersForbidCredentials } from "../../policies/rules/providers-forbid-credentials";
import { invokeRule } from "./invoke-rule";

const check = (type: string, props: Record<string, unknown>) => invokeRule(providersForbidCredentials, { type, name: "prod-mlops-workspace", props }).violations;
const FIX =
  "a credential among a provider's inputs is kept in the state and set by the program or the stack file; take it from the deploying environment " +
  "(environment variables, or a Pulumi ESC environment's environmentVariables) instead.";

describe("providers-forbid-credentials", () => {
  test("providers configured by host, account, region and pin pass; so does a package without inputs", () => {
    expect(check("pulumi:providers:databricks", { host: "https://prod-mlops.cloud.databricks.com", disableOauthRefreshToken: "true" })).toEqual([]);
    expect(check("pulumi:providers:databricks", { host: "https://accounts.cloud.databricks.com", accountId: "0d1f", token: null, password: "" })).toEqual([]);
    expect(check("pulumi:providers:aws", { region: "us-east-1", allowedAccountIds: '["123456789012"]', tokenBucketRateLimiterCapacity: "100", assumeRoleWithWebIdentity: "null" })).toEqual([]);
    expect(check("pulumi:providers:time", {})).toEqual([]);
  });

  test.each([
    ["a Databricks personal access token", "pulumi:providers:databricks", { host: "https://prod-mlops.cloud.databricks.com", token: "dapi0123" }, "'token'"],
    ["a Databricks OAuth client secret", "pulumi:providers:databricks", { clientId: "sp", clientSecret: "dose0123" }, "'clientSecret'"],
    ["a Databricks user name and password", "pulumi:providers:databricks", { username: "ana", password: "hunter2" }, "'password'"],
    ["AWS access keys", "pulumi:providers:aws", { accessKey: "AKIA", secretKey: "s3cr3t", region: "us-east-1" }, "'accessKey', 'secretKey'"],
    ["an AWS web identity token, nested and sent as JSON text", "pulumi:providers:aws", { assumeRoleWithWebIdentity: '{"roleArn":"arn:aws:iam::1:role/r","webIdentityToken":"eyJ"}' }, "'assumeRoleWithWebIdentity.webIdentityToken'"],
    ["an API key of another package, by its name", "pulumi:providers:datadog", { apiKey: "k", appKey: "a" }, "'apiKey'"],
  ])("%s is refused", (_label, type, props, named) => {
    expect(check(type, props)).toEqual([`Provider 'prod-mlops-workspace' (${type}) sets ${named}: ${FIX}`]);
  });

  test("resources are not the rule's, providers of every package are", () => {
    expect(invokeRule(providersForbidCredentials, { type: "databricks:index/catalog:Catalog" }).notApplicable).toBe("Policy only applies to resources whose type starts with 'pulumi:providers:'");
    expect(credentialInputsOf("random", { keepers: "x" })).toEqual([]);
  });

  test("every input the Databricks and AWS SDKs mark secret on their provider is a credential the rule names", () => {
    for (const pkg of ["databricks", "aws"]) {
      const js = fs.readFileSync(path.join(path.dirname(require.resolve(`@pulumi/${pkg}/package.json`)), "provider.js"), "utf8");
      const marked = [...js.matchAll(/resourceInputs\["(\w+)"\] = args\?\.\w+ \? pulumi\.secret\(/g)].map((m) => m[1]);
      expect(marked.length).toBeGreaterThan(0);
      expect([pkg, marked.filter((input) => !CREDENTIAL_INPUTS[pkg]?.includes(input as string))]).toEqual([pkg, []]);
    }
  });
});
