/**
 * aws-require-pinned-provider: every AWS resource of a stage is created by an AWS provider pinned to the stage's
 * account and region, and nothing of the stage's AWS footprint is placed in another region. The stage's provider
 * (`allowedAccountIds` set to its account, components/workspace) is what stops a deploy with the wrong credentials
 * from creating a stage's buckets, keys and roles in another account: the provider asks AWS which account its
 * credentials belong to and refuses any other. A resource that uses the
 * default provider, or a provider without the pin, lands wherever the environment's credentials point.
 *
 * The pack reads the provider the engine sends with each resource (explicit, or the engine's default provider with
 * the stack's `aws:` config), so the pin may come from either; the account comes from the policy config, which
 * security reviewers own, so a stack file cannot name a new one. The region is pinned the same way
 * (`workspace.aws.region` of the stack file must be the policy config's `region`): the provider's, a resource's own
 * `region`, a table's replicas and the regions the Databricks account registrations name (lib/aws-regions.ts).
 */
import { forResourceTypePrefixes, forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { typeDisplayName } from "../lib/resource-types";
import { DATABRICKS_REGION_TYPES, databricksRegionGaps, noRegionMessage, providerRegionGaps, regionOf, resourceRegionGaps } from "../lib/aws-regions";

/** The packages whose resources the rule judges: AWS Classic, and AWS Cloud Control (no pin the pack knows: refused). */
export const AWS_TYPE_PREFIXES: readonly string[] = ["aws:", "aws-native:"];

/** The provider type whose account pin the rule knows (@pulumi/aws). */
export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface PinnedProviderConfig {
  /** The stage's AWS account, 12 digits; unset: no account is trusted. */
  accountId?: string;
  /** The stage's AWS region (e.g. `us-east-1`); unset: no region is trusted. */
  region?: string;
}

/** The provider of a resource as the policy SDK hands it over. */
export interface ProviderView {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

/**
 * The account ids a provider's `allowedAccountIds` names: the SDK sends the list JSON-encoded (a string), the
 * engine's default provider takes it from stack config (a string too), another program may send an array.
 * Undefined when the input is absent or not a list.
 */
export function allowedAccountIdsOf(value: unknown): string[] | undefined {
  return jsonListOf(value)?.map((id) => (typeof id === "string" ? id.trim() : JSON.stringify(id)));
}

const isSet = (value: unknown): boolean => value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");

/** Returns a message when the resource's provider does not pin it to the stage's account. */
export function findPinViolations(type: string, name: string, provider: ProviderView | undefined, config: PinnedProviderConfig): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const fix = "create it with the stage's AWS provider (`allowedAccountIds` set to the stage's account), as the program's own AWS resources are";
  if (config.accountId === undefined || config.accountId.trim() === "") {
    return [`${subject} is an AWS resource, and this stage's policy config names no accountId, so no AWS account is trusted on this stage; a security reviewer names the stage's account there.`];
  }
  const account = config.accountId.trim();
  if (provider === undefined) {
    return [`${subject} reaches the pack without a provider, so nothing pins it to the stage's AWS account '${account}' (accountId in this stage's policy config); ${fix}.`];
  }
  const by = `${subject} is created by provider '${provider.name}'`;
  if (provider.type !== AWS_PROVIDER_TYPE) {
    return [`${by} of type '${provider.type}', whose account guard the pack does not know, so nothing pins it to the stage's AWS account '${account}'; ${fix}.`];
  }
  return pinGaps(by, provider.props, account);
}

/**
 * Returns a message per place an AWS resource lands outside the stage's region: its provider's region (judged only
 * for an AWS provider; the account check already refuses any other), its own `region`, its replicas.
 */
export function findRegionViolations(type: string, name: string, props: Record<string, unknown>, provider: ProviderView | undefined, config: PinnedProviderConfig): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const region = regionOf(config.region);
  if (region === undefined) return [noRegionMessage(subject)];
  const byProvider = provider?.type === AWS_PROVIDER_TYPE ? providerRegionGaps(`${subject} is created by provider '${provider.name}'`, provider.props, region) : [];
  return [...byProvider, ...resourceRegionGaps(type, name, props, region)];
}

/** The pin of one AWS provider's inputs to `account`; `by` names the provider in the messages. */
function pinGaps(by: string, props: Record<string, unknown>, account: string): string[] {
  const messages: string[] = [];
  const ids = allowedAccountIdsOf(props.allowedAccountIds);
  if (ids === undefined || ids.length === 0) {
    messages.push(`${by}, which does not pin allowedAccountIds, so it deploys into whatever account its credentials reach; pin it to '${account}' (accountId in this stage's policy config).`);
  } else {
    const others = ids.filter((id) => id !== account);
    if (others.length > 0) {
      messages.push(`${by}, which allows the AWS account(s) ${others.map((id) => `'${id}'`).join(", ")}; only the stage's account '${account}' (accountId in this stage's policy config) may be allowed.`);
    }
  }
  if (isSet(props.skipRequestingAccountId)) {
    messages.push(`${by}, which sets skipRequestingAccountId, so it never learns which account its credentials belong to and the account pin cannot hold; remove it.`);
  }
  return messages;
}

/** A list input the SDK may send as JSON text (`endpoints`, `allowedAccountIds`); undefined when absent, JSON null or not a list. */
function jsonListOf(value: unknown): unknown[] | undefined {
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(list) ? list : undefined;
}

const isText = (value: unknown): boolean => typeof value === "string" && value.trim() !== "" && value.trim() !== "null";

/**
 * Returns one message per setting of an AWS provider itself that loosens what the pin promises: no pin to the stage's
 * account, a skipped account lookup, skipped credentials validation, custom service `endpoints` (the stage's API calls,
 * signed with its credentials, go to another host), TLS verification off (`insecure`), another CA bundle
 * (`customCaBundle`), or another instance metadata endpoint (`ec2MetadataServiceEndpoint`, where credentials come from).
 * `skipRegionValidation` and `skipMetadataApiCheck` stay allowed: the first only skips matching the region name
 * against the provider's built-in list, the second only stops asking the metadata service; the account pin holds.
 */
export function findProviderSettingGaps(name: string, props: Record<string, unknown>, config: PinnedProviderConfig): string[] {
  const subject = `AWS provider '${name}'`;
  const account = config.accountId?.trim();
  // The pin of the provider is judged as for the resources it creates, so a provider that creates nothing is held too.
  const messages =
    account === undefined || account === ""
      ? [`${subject} is an AWS provider, and this stage's policy config names no accountId, so no AWS account is trusted on this stage; a security reviewer names the stage's account there.`]
      : pinGaps(subject, props, account).map((m) => m.replace(`${subject}, which`, `${subject}`));
  const region = regionOf(config.region);
  messages.push(
    ...(region === undefined ? [noRegionMessage(subject)] : providerRegionGaps(subject, props, region).map((m) => m.replace(`${subject}, which`, `${subject}`))),
  );
  if (isSet(props.skipCredentialsValidation)) {
    messages.push(`${subject} sets skipCredentialsValidation, so it never checks whose credentials it holds before it acts; remove it.`);
  }
  const endpoints = jsonListOf(props.endpoints);
  if (endpoints !== undefined && endpoints.length > 0) {
    messages.push(`${subject} sets custom endpoints, so the stage's AWS calls, signed with its credentials, go to hosts the pack does not know; remove endpoints.`);
  }
  if (isSet(props.insecure)) {
    messages.push(`${subject} sets insecure, so it accepts any TLS certificate and anyone on the path can read or change its calls; remove it.`);
  }
  if (isText(props.customCaBundle)) {
    messages.push(`${subject} sets customCaBundle, so it trusts certificates of another authority for AWS's hosts; remove it.`);
  }
  if (isText(props.ec2MetadataServiceEndpoint)) {
    messages.push(`${subject} sets ec2MetadataServiceEndpoint, so it may take its credentials from another host than the instance's metadata service; remove it.`);
  }
  return messages;
}

/** The rule's judgement of the AWS resources (by prefix) and of the AWS provider resource itself. */
const judgeResources = forResourceTypePrefixes(AWS_TYPE_PREFIXES, (args, reportViolation) => {
  const config = args.getConfig<PinnedProviderConfig>();
  for (const message of findPinViolations(args.type, args.name, args.provider, config)) reportViolation(message);
  for (const message of findRegionViolations(args.type, args.name, args.props, args.provider, config)) reportViolation(message);
});
const judgeProvider = forResourceTypes([AWS_PROVIDER_TYPE], (args, reportViolation) => {
  for (const message of findProviderSettingGaps(args.name, args.props, args.getConfig<PinnedProviderConfig>())) reportViolation(message);
});
/** The Databricks registrations that place the workspace, its network, keys or metastore in an AWS region. */
const judgeDatabricksRegions = forResourceTypes(DATABRICKS_REGION_TYPES, (args, reportViolation) => {
  const region = regionOf(args.getConfig<PinnedProviderConfig>().region);
  const messages = region === undefined ? [noRegionMessage(`${typeDisplayName(args.type)} '${args.name}'`)] : databricksRegionGaps(args.type, args.name, args.props, region);
  for (const message of messages) reportViolation(message);
});

/** The rule object registered in the pack. */
export const awsRequirePinnedProvider: DocumentedResourcePolicy = {
  name: "aws-require-pinned-provider",
  description:
    "Every AWS resource is created by an AWS provider whose allowedAccountIds pins it to the stage's account (from the policy config), " +
    "and no AWS provider loosens that pin (custom endpoints, skipped account or credentials checks, TLS off); the provider, the resources " +
    "and the Databricks account registrations place nothing outside the stage's region (from the policy config).",
  severity: "high",
  remediationSteps:
    "Create every AWS resource with an explicit `aws.Provider` whose `allowedAccountIds` is exactly the stage's account (the " +
    "program's stage provider does this in create mode, and in adopt mode once the stack names `workspace.aws`), through `provider` or the `providers` of a parent component; leave " +
    "`skipRequestingAccountId`, `skipCredentialsValidation`, `endpoints`, `insecure`, `customCaBundle` and `ec2MetadataServiceEndpoint` unset. Give the provider the stage's `region` and set no other `region` on a resource, no replica in " +
    "another region, and the stage's region on the workspace's registrations (`workspace.aws.region` of the stack file). A security reviewer " +
    "names the account as `accountId` and the region as `region` in policies/config/<stage>.json.",
  configSchema: {
    properties: {
      accountId: {
        type: "string",
        pattern: "^[0-9]{12}$",
        description: "The stage's AWS account id (12 digits). Unset: no account is trusted, and every AWS resource is refused.",
      },
      region: {
        type: "string",
        pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
        description:
          "The stage's AWS region (e.g. us-east-1), compared case-insensitively. Unset: no region is trusted, and every AWS resource and every Databricks registration of a type that names a region is refused.",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages: each stage's AWS resources (root bucket, KMS keys, cross-account role, VPC, online store) belong in " +
      "that stage's AWS account. The AWS provider's `allowedAccountIds` is the guard: it asks AWS which account its credentials " +
      "belong to and refuses to act in any other, so a prod deploy run with staging credentials (or the reverse) stops before it " +
      "creates anything. A resource on the default provider, or on a provider without the pin, goes wherever the credentials " +
      "of the shell point. The pack judges the provider the engine sends with each resource, explicit or default, against the " +
      "account in the policy config; a provider that skips asking for its account id cannot enforce the pin, and AWS Cloud " +
      "Control (`aws-native`) resources are refused because the pack knows no pin of that provider. The program builds one " +
      "pinned provider per stage: from the created workspace's AWS account, or, for a stage that adopts its workspace, from " +
      "`workspace.aws.accountId` and `region` in its stack, which the config requires on staging and prod when a project " +
      "declares an online store (the only AWS resources an adopted stage declares). An adopted dev stage without them " +
      "keeps the default provider, which the offline plan does not have and which, under the Pulumi CLI, passes only if " +
      "the stack file pins it (`aws:allowedAccountIds`) to the account the policy config names. The region is the other half of " +
      "where the stage lives (data residency, and the region the reviewers' network and key review assumed): the provider must " +
      "name the policy config's region, since without one the environment's AWS_REGION decides; a resource's own `region` " +
      "(AWS provider 7 manages any resource in another region) and a DynamoDB replica elsewhere are refused, and so are the AWS " +
      "regions the Databricks account registrations name (workspace, private access settings, VPC endpoints, key info, " +
      "network connectivity, metastore).",
    controls: [],
  },
  validateResource: (args, reportViolation) =>
    args.type === AWS_PROVIDER_TYPE
      ? judgeProvider(args, reportViolation)
      : DATABRICKS_REGION_TYPES.includes(args.type)
        ? judgeDatabricksRegions(args, reportViolation)
        : judgeResources(args, reportViolation),
};
