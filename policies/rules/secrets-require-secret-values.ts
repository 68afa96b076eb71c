/**
 * secrets-require-secret-values (a remediation): every input the Databricks provider's schema marks secret (a
 * secret's value, a Git token, an OAuth secret, connection options, a provider's credentials, ...) reaches the
 * engine as a Pulumi secret, so the state, `pulumi stack output` and previews never hold it in plain text.
 * The TypeScript SDK wraps these inputs itself; a program that registers resources another way (raw
 * registrations, a language or tool that does not) may not, and this policy wraps what arrives plain.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { DATABRICKS_PROVIDER } from "../lib/resource-types";
import { leafAt, withSecretPaths } from "../lib/secret-values";

const databricks = (module: string, className: string) => `databricks:index/${module}:${className}`;

/**
 * The top-level inputs @pulumi/databricks 1.110 marks secret, by type (the SDK wraps each in `pulumi.secret`;
 * a test holds this table against the SDK, so a provider upgrade that adds one fails there).
 */
export const SECRET_INPUTS: Readonly<Record<string, readonly string[]>> = {
  [databricks("secret", "Secret")]: ["stringValue"],
  [databricks("secretUc", "SecretUc")]: ["value"],
  [databricks("gitCredential", "GitCredential")]: ["personalAccessToken"],
  [databricks("servicePrincipalSecret", "ServicePrincipalSecret")]: ["secret"],
  [databricks("customAppIntegration", "CustomAppIntegration")]: ["clientSecret"],
  [databricks("connection", "Connection")]: ["options"],
  [databricks("recipient", "Recipient")]: ["sharingCode"],
  [databricks("metastoreProvider", "MetastoreProvider")]: ["recipientProfileStr"],
  [databricks("mwsNetworks", "MwsNetworks")]: ["accountId"],
  [databricks("mwsStorageConfigurations", "MwsStorageConfigurations")]: ["accountId"],
  [databricks("mwsWorkspaces", "MwsWorkspaces")]: ["accountId"],
  [DATABRICKS_PROVIDER]: ["azureClientSecret", "clientSecret", "googleCredentials", "metadataServiceUrl", "password", "token"],
};

/**
 * The secret inputs of a resource that arrived in plain text, in raw (remediation) inputs. A value unknown
 * during preview that is not marked secret counts as plain: once known it would be stored as it came.
 */
export function plainSecretInputs(type: string, rawInputs: unknown): string[] {
  return (SECRET_INPUTS[type] ?? []).filter((field) => {
    const leaf = leafAt(rawInputs, [field]);
    return leaf !== undefined && !leaf.secret && leaf.value !== "" && leaf.value !== null;
  });
}

/** The remediation: the same inputs with every plain secret input made a secret; nothing when none is plain. */
export function secretInputs(args: Pick<ResourceValidationArgs, "type" | "props">): Record<string, unknown> | undefined {
  const plain = plainSecretInputs(args.type, args.props);
  return plain.length === 0 ? undefined : withSecretPaths(args.props, plain.map((field) => [field]));
}

/** The rule object registered in the pack. */
export const secretsRequireSecretValues: DocumentedResourcePolicy = {
  name: "secrets-require-secret-values",
  description: "Inputs the Databricks provider marks secret (a secret's value, tokens, OAuth secrets, provider credentials) reach the state as Pulumi secrets.",
  severity: "high",
  remediationSteps:
    "Take the value from a secret stack config key (`pulumi config set --secret <key> <value>`, read with " +
    "`config.requireSecret`) or wrap it in `pulumi.secret(...)`; never write it as a literal in the program or as a plain " +
    "value in a stack file. At the remediate level this policy makes a plain value secret before the engine stores it.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "A `databricks.Secret` puts a credential into a secret scope for the stage's jobs, and its value is kept in the stack's " +
      "state too; so are a Git token, an OAuth secret, a connection's options and a provider's credentials. Plain inputs are " +
      "stored unencrypted in the state and shown by previews, so whoever reads the state holds the credential. The policy SDK " +
      "hides from validations whether a value is secret, so this rule is a remediation: it sees the inputs as the engine sends " +
      "them and wraps every plain one. It runs on dev too: dev's state is read by more people than prod's, and a leaked " +
      "credential stays leaked. What it cannot see is where a secret value came from: the TypeScript SDK wraps these inputs " +
      "even when the program wrote them as literals, so a literal in the program's source is a review finding, not a policy " +
      "one (this program declares no `Secret`).",
    controls: [],
  },
  remediateResource: (args) => secretInputs(args),
};
