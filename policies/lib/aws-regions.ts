/**
 * Where a stage's AWS footprint is placed: the region of its AWS provider, the `region` an AWS resource may set for
 * itself (AWS provider 7 manages any resource in another region than its provider's), the regions a DynamoDB table
 * replicates its items to, and the AWS regions the Databricks account registrations name for the workspace and its
 * network, keys and metastore. aws-require-pinned-provider holds all of them to the region of the policy config.
 *
 * Regions are compared trimmed and case-insensitively: AWS spells them in lowercase and a value in another case
 * names the same region (or none, which AWS refuses), so only a different region is refused.
 */
import { MWS_PRIVATE_ACCESS_SETTINGS, MWS_WORKSPACES, METASTORE, AWS_DYNAMODB_TABLE, typeDisplayName } from "./resource-types";

const databricks = (module: string, className: string) => `databricks:index/${module}:${className}`;

/** One input of a Databricks registration that names an AWS region: a top-level input, or a field of an input block. */
export interface RegionInput {
  input: string;
  field?: string;
}

/** The Databricks types that place something in an AWS region, and the inputs that name it (@pulumi/databricks 1.110). */
export const DATABRICKS_REGION_INPUTS: Readonly<Record<string, readonly RegionInput[]>> = {
  [MWS_WORKSPACES]: [{ input: "awsRegion" }],
  [MWS_PRIVATE_ACCESS_SETTINGS]: [{ input: "region" }],
  [databricks("mwsVpcEndpoint", "MwsVpcEndpoint")]: [{ input: "region" }],
  [databricks("mwsCustomerManagedKeys", "MwsCustomerManagedKeys")]: [{ input: "awsKeyInfo", field: "keyRegion" }],
  [databricks("mwsNetworkConnectivityConfig", "MwsNetworkConnectivityConfig")]: [{ input: "region" }],
  [METASTORE]: [{ input: "region" }],
};

/** The Databricks types whose region the rule judges. */
export const DATABRICKS_REGION_TYPES: readonly string[] = Object.keys(DATABRICKS_REGION_INPUTS);

/** A region as compared: trimmed, lowercase; undefined for anything but non-empty text. */
export function regionOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const PINNED = (region: string) => `the stage's region '${region}' (region in this stage's policy config)`;

/**
 * The region gaps of an AWS provider's inputs: no `region` (then the environment's `AWS_REGION` decides) or another
 * region than the stage's. `by` names the provider in the messages.
 */
export function providerRegionGaps(by: string, props: Record<string, unknown>, region: string): string[] {
  const own = regionOf(props.region);
  if (own === undefined) {
    return [`${by}, which does not pin region, so it deploys into whatever region its environment names; pin it to ${PINNED(region)}.`];
  }
  return own === region ? [] : [`${by}, which deploys into region '${own}'; only ${PINNED(region)} may be used.`];
}

/**
 * The region gaps of an AWS resource's own inputs: its `region` (which overrides the provider's) and, for a DynamoDB
 * table, each replica's `regionName` (a copy of every item in that region).
 */
export function resourceRegionGaps(type: string, name: string, props: Record<string, unknown>, region: string): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const messages: string[] = [];
  const own = regionOf(props.region);
  if (own !== undefined && own !== region) {
    messages.push(`${subject} sets region '${own}', so it is managed outside ${PINNED(region)}; remove region (the stage's provider gives the region).`);
  }
  if (type === AWS_DYNAMODB_TABLE && Array.isArray(props.replicas)) {
    for (const replica of props.replicas) {
      const to = regionOf(record(replica).regionName);
      if (to !== region) {
        messages.push(`${subject} replicates its items to region ${to === undefined ? "(not given as text)" : `'${to}'`} (replicas[].regionName), outside ${PINNED(region)}; remove the replica.`);
      }
    }
  }
  return messages;
}

/** The region gaps of a Databricks registration: each region input that is set and names another region. */
export function databricksRegionGaps(type: string, name: string, props: Record<string, unknown>, region: string): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const messages: string[] = [];
  for (const { input, field } of DATABRICKS_REGION_INPUTS[type] ?? []) {
    const value = field === undefined ? props[input] : record(props[input])[field];
    if (value === undefined || value === null) continue;
    const named = regionOf(value);
    if (named === region) continue;
    const where = field === undefined ? input : `${input}.${field}`;
    messages.push(
      `${subject} places the stage's workspace in AWS region ${named === undefined ? "(not given as text)" : `'${named}'`} (${where}), outside ${PINNED(region)}; ` +
        "set it to the stage's region, from `workspace.aws.region` in the stack file.",
    );
  }
  return messages;
}

/** The message for a stage whose policy config names no region: no region is trusted. */
export function noRegionMessage(subject: string): string {
  return `${subject} is placed in an AWS region, and this stage's policy config names no region, so no AWS region is trusted on this stage; a security reviewer names the stage's region there.`;
}
