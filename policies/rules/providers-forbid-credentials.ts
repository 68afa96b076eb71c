/**
 * providers-forbid-credentials: no provider carries a credential among its inputs. A provider's inputs are kept in
 * the stack's state and come from the program or the stack file, so a credential there is readable by everyone who
 * reads the state, travels with every copy of the stack file, and lets a change to the program or the stack file
 * alone decide which identity deploys the stage. Credentials come from the deploying environment (environment
 * variables, set directly or by a Pulumi ESC environment), which the stack cannot change.
 */
import { forResourceTypePrefixes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";

/** The prefix of every provider type. */
export const PROVIDER_PREFIX = "pulumi:providers:";

/**
 * Inputs that hold a credential, per provider package: the inputs each package's SDK marks secret (`pulumi.secret`
 * in its provider.js) and the ones that carry a token or key by another name. A package not listed here is judged
 * by CREDENTIAL_NAME alone.
 */
export const CREDENTIAL_INPUTS: Readonly<Record<string, readonly string[]>> = {
  databricks: ["token", "password", "clientSecret", "azureClientSecret", "googleCredentials", "metadataServiceUrl", "actionsIdTokenRequestToken"],
  aws: ["accessKey", "secretKey", "token", "assumeRoleWithWebIdentity.webIdentityToken"],
};

/** Input names that read as a credential in any package (`password`, `apiKey`, `clientSecret`, `privateKey`, `token`, ...). */
export const CREDENTIAL_NAME = /(password|secret|token$|^token|apikey|api_key|privatekey|private_key|accesskey|access_key|credentials$)/i;

/**
 * Names CREDENTIAL_NAME matches that hold no credential (a switch, a rate limit). Listed per package, so the exemption cannot reach another package's input of the same name.
 */
export const NOT_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  databricks: ["disableOauthRefreshToken"],
  aws: ["tokenBucketRateLimiterCapacity"],
};

/** Whether an input value is set: the provider SDKs send unset inputs as absent, null or JSON "null". */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "" && value.trim() !== "null" && value.trim() !== '""';
  return true;
}

/** The value at a dotted path of the inputs; objects the SDK sent as JSON text are read through. */
function valueAt(props: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = props;
  for (const key of dotted.split(".")) {
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        return undefined;
      }
    }
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The credential inputs a provider of `pkg` sets, by name. */
export function credentialInputsOf(pkg: string, props: Record<string, unknown>): string[] {
  const exempt = NOT_CREDENTIALS[pkg] ?? [];
  const byName = Object.keys(props).filter((key) => CREDENTIAL_NAME.test(key) && !exempt.includes(key));
  const candidates = [...new Set([...(CREDENTIAL_INPUTS[pkg] ?? []), ...byName])];
  return candidates.filter((input) => isSet(valueAt(props, input))).sort();
}

/** Returns a message when the provider carries credential inputs. */
export function findProviderCredentials(type: string, name: string, props: Record<string, unknown>): string[] {
  const pkg = type.slice(PROVIDER_PREFIX.length);
  const found = credentialInputsOf(pkg, props);
  if (found.length === 0) return [];
  return [
    `Provider '${name}' (${type}) sets ${found.map((f) => `'${f}'`).join(", ")}: a credential among a provider's inputs is kept in the state and ` +
      "set by the program or the stack file; take it from the deploying environment (environment variables, or a Pulumi ESC environment's environmentVariables) instead.",
  ];
}

/** The rule object registered in the pack. */
export const providersForbidCredentials: DocumentedResourcePolicy = {
  name: "providers-forbid-credentials",
  description: "No provider carries a credential (token, password, client secret, access key) among its inputs.",
  severity: "critical",
  remediationSteps:
    "Remove the credential from the provider's arguments and from the stack file (`databricks:token`, `aws:secretKey`, ...). " +
    "Give the deploying process its credentials through the environment: `DATABRICKS_CLIENT_ID`/`DATABRICKS_CLIENT_SECRET` or " +
    "workload identity federation, AWS's standard credential chain, set directly or by a Pulumi ESC environment's `environmentVariables`.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Deploy code, not credentials; stack files cannot decide identity. A provider's inputs are stored in the stack's state and come " +
      "from the program or the stack file (the engine's default provider takes them from `<package>:` config keys), so a credential " +
      "there is readable by every reader of the state and lets a change to the program or the stack file alone choose which " +
      "identity deploys the stage. The pack judges every provider it is sent, explicit or default, of every package.",
    controls: [],
  },
  validateResource: forResourceTypePrefixes([PROVIDER_PREFIX], (args, reportViolation) => {
    for (const message of findProviderCredentials(args.type, args.name, args.props)) reportViolation(message);
  }),
};
