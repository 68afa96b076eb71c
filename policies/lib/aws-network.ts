/**
 * The AWS network a stack declares (VPC, subnets, gateways, route tables, security groups, endpoints, the NAT's
 * address, KMS aliases) and how a network resource is tied to it. A network resource's ids are unknown until it
 * exists and are never among its inputs, so a reference to one is recognised by the referring input's property
 * dependency on it, as lib/aws-buckets.ts pairs a bucket's settings with their bucket.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS_KMS_KEY } from "./resource-types";

const ec2 = (module: string, className: string) => `aws:ec2/${module}:${className}`;
export const AWS_VPC = ec2("vpc", "Vpc");
export const AWS_SUBNET = ec2("subnet", "Subnet");
export const AWS_SECURITY_GROUP = ec2("securityGroup", "SecurityGroup");
export const AWS_ROUTE_TABLE = ec2("routeTable", "RouteTable");
export const AWS_ROUTE_TABLE_ASSOCIATION = ec2("routeTableAssociation", "RouteTableAssociation");
export const AWS_INTERNET_GATEWAY = ec2("internetGateway", "InternetGateway");
export const AWS_NAT_GATEWAY = ec2("natGateway", "NatGateway");
export const AWS_EIP = ec2("eip", "Eip");
export const AWS_VPC_ENDPOINT = ec2("vpcEndpoint", "VpcEndpoint");
export const AWS_KMS_ALIAS = "aws:kms/alias:Alias";

/** The network types judged for what they allow (the VPC itself allows nothing; it is what the others must name). */
export const NETWORK_TYPES: readonly string[] = [
  AWS_SECURITY_GROUP,
  AWS_ROUTE_TABLE,
  AWS_ROUTE_TABLE_ASSOCIATION,
  AWS_SUBNET,
  AWS_INTERNET_GATEWAY,
  AWS_NAT_GATEWAY,
  AWS_EIP,
  AWS_VPC_ENDPOINT,
  AWS_KMS_ALIAS,
];

/** The URNs of the resources of each type the stack declares. */
export type DeclaredNetwork = ReadonlyMap<string, ReadonlySet<string>>;

/** Indexes the stack's resources of the types an input may name (VPCs, subnets, gateways, keys, ...). */
export function declaredNetwork(resources: readonly PolicyResource[]): DeclaredNetwork {
  const byType = new Map<string, Set<string>>();
  for (const type of [...NETWORK_TYPES, AWS_VPC, AWS_KMS_KEY]) byType.set(type, new Set());
  for (const resource of resources) byType.get(resource.type)?.add(resource.urn);
  return byType;
}

/** The URNs an input of `resource` takes its value from (its property dependencies). */
export function sourcesOf(resource: PolicyResource, input: string): string[] {
  return (resource.propertyDependencies[input] ?? []).map((dependency) => dependency.urn);
}

/**
 * True when the input takes its value only from resources of `types` the stack declares: at least one source,
 * and every source one of them. A literal (no source) or anything else (a data source's output, another type)
 * names something the pack cannot see.
 */
export function derivedFromDeclared(network: DeclaredNetwork, sources: readonly string[], types: readonly string[]): boolean {
  return sources.length > 0 && sources.every((urn) => types.some((type) => network.get(type)?.has(urn) === true));
}

/** How many of `sources` are declared resources of `type`. */
export function countDeclared(network: DeclaredNetwork, sources: readonly string[], type: string): number {
  return new Set(sources.filter((urn) => network.get(type)?.has(urn) === true)).size;
}
