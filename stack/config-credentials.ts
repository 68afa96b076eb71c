/**
 * Provider credentials in the stack file. A stage's identity comes from the deploying environment (OIDC in CI, a
 * profile or `databricks auth login` on a laptop, an ESC environment's variables). A credential under a provider's
 * namespace (`aws:secretKey`, `databricks:token`) in clear text is readable by everyone who reads the repository; even
 * encrypted, it lets a change to the stack file alone decide which identity deploys staging or prod, which is why
 * the pack's providers-forbid-credentials refuses it as a provider input there. The stack file is refused before
 * anything is declared, so the offline plan and `pulumi up` fail the same way.
 */
import type { ConfigProblem } from "./config-errors";
import { PROVIDER_NAMESPACES } from "./config-namespaces";

/**
 * Config keys that hold a credential, per provider package: the inputs each package's SDK marks secret, and those
 * carrying a token or key by another name (a test holds this list equal to the pack's). Nested values are named by
 * their top-level key (`aws:assumeRoleWithWebIdentity` holds `webIdentityToken`).
 */
export const PROVIDER_CREDENTIAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  databricks: ["token", "password", "clientSecret", "azureClientSecret", "googleCredentials", "metadataServiceUrl", "actionsIdTokenRequestToken"],
  aws: ["accessKey", "secretKey", "token", "assumeRoleWithWebIdentity"],
};

/** Key names that read as a credential in any provider's namespace (`password`, `apiKey`, `privateKey`, `token`, ...). */
const CREDENTIAL_NAME = /(password|secret|token$|^token|apikey|api_key|privatekey|private_key|accesskey|access_key|credentials$)/i;

/** Names the pattern matches that hold no credential, per package. */
const NOT_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  databricks: ["disableOauthRefreshToken"],
  aws: ["tokenBucketRateLimiterCapacity"],
};

/** Whether `<namespace>:<name>` holds a credential of that provider. */
export function isProviderCredentialKey(namespace: string, name: string): boolean {
  if ((NOT_CREDENTIALS[namespace] ?? []).includes(name)) return false;
  return (PROVIDER_CREDENTIAL_KEYS[namespace] ?? []).includes(name) || CREDENTIAL_NAME.test(name);
}

/**
 * One problem per provider credential in the stack file: in clear text on every stage, and at all on staging and
 * prod. Values are never shown.
 */
export function providerCredentialProblems(
  allConfig: Readonly<Record<string, string>>,
  stage: string,
  isSecret: (fullKey: string) => boolean,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(allConfig).sort()) {
    const colon = key.indexOf(":");
    const namespace = key.slice(0, colon);
    if (colon < 0 || namespace === "pulumi" || !PROVIDER_NAMESPACES.includes(namespace)) continue;
    if (!isProviderCredentialKey(namespace, key.slice(colon + 1))) continue;
    if (!isSecret(key)) {
      problems.push({
        key,
        given: "a plain value (not shown)",
        reason: `is a credential of the ${namespace} provider in clear text; remove it and let the deploying environment supply it (docs/configuration.md, "Credentials")`,
      });
    } else if (stage !== "dev") {
      problems.push({
        key,
        given: "a secret (not shown)",
        reason: `is a credential of the ${namespace} provider; on ${stage} the deploy identity comes from the environment (OIDC in CI), never from the stack file: remove it`,
      });
    }
  }
  return problems;
}
