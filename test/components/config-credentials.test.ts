/**
 * Provider credentials in the stack file (issue 19): refused in clear text on every stage, and at all on staging and
 * prod, naming the key and never the value; the pack's list of credential inputs and the stack layer's agree.
 */
import { CREDENTIAL_INPUTS } from "../../policies/rules/providers-forbid-credentials";
import { parseStageConfig } from "../../stack/config";
import { PROVIDER_CREDENTIAL_KEYS, isProviderCredentialKey, providerCredentialProblems } from "../../stack/config-credentials";
import { rawConfigFromPulumi } from "../../stack/config-source";
import { rawDev, rawProd } from "../support/stage-configs";

const SECRET_VALUE = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
const asAllConfig = (raw: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(raw).map(([key, value]) => [`databricks-mlops:${key}`, typeof value === "string" ? value : JSON.stringify(value)]));

describe("provider credentials in the stack file", () => {
  const parse = (raw: Record<string, unknown>, stack: string, extra: Record<string, string>, secrets: string[] = []) => {
    const allConfig = { ...asAllConfig(raw), ...extra };
    return () => parseStageConfig(rawConfigFromPulumi(allConfig, "databricks-mlops"), stack, { allConfig, isSecretKey: (key) => secrets.includes(key) });
  };

  test("a credential in clear text is refused on every stage, naming the key and never the value", () => {
    for (const [raw, stack] of [[rawDev(), "dev"], [rawProd(), "prod"]] as const) {
      let message = "";
      try {
        parse(raw, stack, { "aws:secretKey": SECRET_VALUE, "databricks:token": SECRET_VALUE })();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(
        `  - aws:secretKey: got a plain value (not shown); is a credential of the aws provider in clear text; remove it and let the deploying environment supply it (docs/configuration.md, "Credentials")\n` +
          `  - databricks:token: got a plain value (not shown); is a credential of the databricks provider in clear text; remove it and let the deploying environment supply it (docs/configuration.md, "Credentials")`,
      );
      expect(message).not.toContain(SECRET_VALUE);
    }
  });

  test("as a secret it is refused on staging and prod, where the stack file must not choose the deploy identity, and kept on dev", () => {
    expect(parse(rawProd(), "prod", { "databricks:clientSecret": "v1:encrypted" }, ["databricks:clientSecret"])).toThrow(
      "  - databricks:clientSecret: got a secret (not shown); is a credential of the databricks provider; on prod the deploy identity comes from the environment (OIDC in CI), never from the stack file: remove it",
    );
    expect(parse(rawDev(), "dev", { "databricks:clientSecret": "v1:encrypted" }, ["databricks:clientSecret"])).not.toThrow();
  });

  test("settings that are no credential pass; a name that reads as one in a provider's namespace is one", () => {
    expect(parse(rawProd(), "prod", { "aws:region": "us-east-1", "aws:tokenBucketRateLimiterCapacity": "10", "databricks:disableOauthRefreshToken": "true", "pulumi:tags": "{}" })).not.toThrow();
    expect(isProviderCredentialKey("time", "apiKey")).toBe(true);
    expect(isProviderCredentialKey("aws", "assumeRoleWithWebIdentity")).toBe(true);
    // A path to credential files names no credential itself; another package's namespace is the namespace check's.
    expect(providerCredentialProblems({ "aws:sharedCredentialsFiles": "[]", "gcp:password": "x", "time:apiKey": "x" }, "prod", () => false).map((p) => p.key)).toEqual(["time:apiKey"]);
  });

  test("the stack layer's credential keys are the pack's (nested inputs by their top-level key)", () => {
    const packTopLevel = Object.fromEntries(Object.entries(CREDENTIAL_INPUTS).map(([pkg, inputs]) => [pkg, [...new Set(inputs.map((input) => input.split(".")[0]))]]));
    expect(PROVIDER_CREDENTIAL_KEYS).toEqual(packTopLevel);
  });
});
