/**
 * network-restrict-vpc (stack rule): the stack's AWS network allows only what a Databricks customer-managed VPC
 * needs. Security groups admit only their own cluster nodes (or another group of the stack) and leave the VPC only
 * on Databricks' documented TCP ports; route tables route only to the stack's internet or NAT gateway; subnets hand
 * out no public address; endpoints reach only the AWS services the workspace uses and the Databricks PrivateLink
 * services the reviewer lists; KMS aliases point at the stack's keys. Every one of them must stand in a VPC (and on
 * gateways, subnets, addresses) the stack declares: the pack cannot judge a network it does not see.
 */
import type { PolicyResource } from "@pulumi/policy";
import { failingClosed, isUnknownValueError, readIfKnown, undecidedMessage } from "../lib/applicability";
import {
  AWS_EIP,
  AWS_INTERNET_GATEWAY,
  AWS_KMS_ALIAS,
  AWS_NAT_GATEWAY,
  AWS_ROUTE_TABLE,
  AWS_ROUTE_TABLE_ASSOCIATION,
  AWS_SECURITY_GROUP,
  AWS_SUBNET,
  AWS_VPC,
  AWS_VPC_ENDPOINT,
  NETWORK_TYPES,
  countDeclared,
  declaredNetwork,
  derivedFromDeclared,
  sourcesOf,
  type DeclaredNetwork,
} from "../lib/aws-network";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_KMS_KEY, typeDisplayName } from "../lib/resource-types";
import { entriesOf, findEgressGaps, findIngressGaps, namedSecurityGroups } from "../lib/security-group-rules";

/** The rule's policy config. */
export interface NetworkConfig {
  /** Databricks PrivateLink endpoint services (`com.amazonaws.vpce.<region>.vpce-svc-...`) endpoints may reach. Default none. */
  privateLinkServiceNames?: string[];
}

/** The AWS services a workspace's VPC reaches through endpoints: S3 (gateway), STS and Kinesis (interface). */
export const WORKSPACE_AWS_SERVICES: readonly string[] = ["s3", "sts", "kinesis-streams"];

/** Route targets other than the stack's internet and NAT gateways: peering, transit, instances, interfaces, ... */
export const FOREIGN_ROUTE_TARGETS: readonly string[] = [
  "carrierGatewayId",
  "coreNetworkArn",
  "egressOnlyGatewayId",
  "localGatewayId",
  "networkInterfaceId",
  "odbNetworkArn",
  "transitGatewayId",
  "vpcEndpointId",
  "vpcPeeringConnectionId",
];

/** One finding, on the resource it names. */
export interface NetworkFinding {
  urn: string;
  message: string;
}

type Check = (resource: PolicyResource, network: DeclaredNetwork, config: NetworkConfig) => string[];

const describe = (resource: PolicyResource) => `${typeDisplayName(resource.type)} '${resource.name}'`;
const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : isSet(value) ? [value] : []);

/**
 * The finding when `input` of `resource` does not come from a resource of `types` the stack declares. An
 * `optional` input left unset passes; an unknown value is judged by its sources alone (it is unknown because it
 * comes from a resource yet to be created).
 */
function requireDeclared(resource: PolicyResource, network: DeclaredNetwork, input: string, types: readonly string[], optional = false): string[] {
  const sources = sourcesOf(resource, input);
  if (derivedFromDeclared(network, sources, types)) return [];
  const value = readIfKnown(() => resource.props[input]);
  if (optional && sources.length === 0 && value.known && !isSet(value.value)) return [];
  const kinds = types.map(typeDisplayName).join(" or ");
  const seen =
    sources.length === 0
      ? value.known && !isSet(value.value)
        ? "nowhere (it is unset)"
        : "a literal"
      : [...new Set((resource.propertyDependencies[input] ?? []).map((dependency) => `'${dependency.type}'`))].join(", ");
  return [
    `${describe(resource)} takes ${input} from ${seen}, not from a ${kinds} this stack declares; the pack cannot judge a network it does not see, ` +
      `so derive ${input} from the stack's own ${kinds} (its output).`,
  ];
}

const checkSecurityGroup: Check = (group, network) => {
  const findings = requireDeclared(group, network, "vpcId", [AWS_VPC]);
  const ingress = entriesOf(group.props.ingress);
  ingress.forEach((entry, index) => findings.push(...findIngressGaps(`${describe(group)} ingress rule ${index + 1}`, entry)));
  const named = namedSecurityGroups(ingress);
  if (named.any) {
    const sources = sourcesOf(group, "ingress");
    const declared = countDeclared(network, sources, AWS_SECURITY_GROUP);
    if (!derivedFromDeclared(network, sources, [AWS_SECURITY_GROUP]) || named.known.size > declared) {
      findings.push(
        `${describe(group)} admits ingress from security groups that are not all groups this stack declares (${named.known.size} named by id, ` +
          `${declared} derived from the stack's groups); name other groups only by the output of a SecurityGroup of this stack.`,
      );
    }
  }
  entriesOf(group.props.egress).forEach((entry, index) => findings.push(...findEgressGaps(`${describe(group)} egress rule ${index + 1}`, entry)));
  return findings;
};

/** The routes' findings: only IPv4 destinations, only the stack's internet and NAT gateways as targets. */
function findRouteGaps(table: PolicyResource, network: DeclaredNetwork): string[] {
  const routes = entriesOf(table.props.routes);
  if (routes.length === 0) return [];
  const findings: string[] = [];
  const gateways = { gatewayId: new Set<string>(), natGatewayId: new Set<string>() };
  routes.forEach((route, index) => {
    const where = `${describe(table)} route ${index + 1}`;
    for (const field of FOREIGN_ROUTE_TARGETS) {
      const target = readIfKnown(() => route[field]);
      if (!target.known || isSet(target.value)) {
        findings.push(`${where} targets ${field}; routes may lead only to the stack's internet gateway (gatewayId) or NAT gateway (natGatewayId).`);
      }
    }
    if (isSet(route.ipv6CidrBlock)) {
      findings.push(`${where} routes IPv6 (${String(route.ipv6CidrBlock)}); the workspace's network is IPv4 only, and an IPv6 route would bypass its NAT gateway.`);
    }
    for (const field of ["gatewayId", "natGatewayId"] as const) {
      const target = readIfKnown(() => route[field]);
      if (target.known && typeof target.value === "string" && target.value !== "") gateways[field].add(target.value);
    }
  });
  const sources = sourcesOf(table, "routes");
  if (sources.length > 0 && !derivedFromDeclared(network, sources, [AWS_INTERNET_GATEWAY, AWS_NAT_GATEWAY])) {
    const types = [...new Set((table.propertyDependencies.routes ?? []).map((dependency) => `'${dependency.type}'`))].join(", ");
    findings.push(`${describe(table)} takes its routes from ${types}; routes may lead only to an InternetGateway or NatGateway this stack declares.`);
  }
  const pairs = [
    ["gatewayId", AWS_INTERNET_GATEWAY],
    ["natGatewayId", AWS_NAT_GATEWAY],
  ] as const;
  for (const [field, type] of pairs) {
    const declared = countDeclared(network, sources, type);
    const namesOne = routes.some((route) => {
      const target = readIfKnown(() => route[field]);
      return !target.known || isSet(target.value);
    });
    if (namesOne && (declared === 0 || gateways[field].size > declared)) {
      findings.push(
        `${describe(table)} routes to ${field} values that are not all ${typeDisplayName(type)}s this stack declares (${gateways[field].size} named by id, ` +
          `${declared} derived from the stack's gateways); set ${field} only from the output of the stack's own ${typeDisplayName(type)}.`,
      );
    }
  }
  return findings;
}

const checkRouteTable: Check = (table, network) => {
  const findings = requireDeclared(table, network, "vpcId", [AWS_VPC]);
  if (listOf(table.props.propagatingVgws).length > 0) {
    findings.push(`${describe(table)} sets propagatingVgws; routes propagated from a virtual private gateway lead to networks the stack does not declare.`);
  }
  return [...findings, ...findRouteGaps(table, network)];
};

const checkRouteTableAssociation: Check = (association, network) => {
  const findings = [
    ...requireDeclared(association, network, "routeTableId", [AWS_ROUTE_TABLE]),
    ...requireDeclared(association, network, "subnetId", [AWS_SUBNET], true),
  ];
  if (isSet(association.props.gatewayId)) {
    findings.push(`${describe(association)} sets gatewayId (an edge association); the workspace's network routes gateway traffic only through its own route tables' routes.`);
  }
  return findings;
};

const checkSubnet: Check = (subnet, network) => {
  const findings = requireDeclared(subnet, network, "vpcId", [AWS_VPC]);
  for (const field of ["mapPublicIpOnLaunch", "assignIpv6AddressOnCreation", "mapCustomerOwnedIpOnLaunch"]) {
    if (subnet.props[field] === true) {
      findings.push(`${describe(subnet)} sets ${field}: true; a workspace subnet gives its instances no public or IPv6 address (clusters use secure cluster connectivity).`);
    }
  }
  return findings;
};

const checkInternetGateway: Check = (gateway, network) => requireDeclared(gateway, network, "vpcId", [AWS_VPC], true);

const checkNatGateway: Check = (gateway, network) => [
  ...requireDeclared(gateway, network, "subnetId", [AWS_SUBNET]),
  ...requireDeclared(gateway, network, "allocationId", [AWS_EIP], true),
];

const checkEip: Check = (address) =>
  ["instance", "networkInterface", "associateWithPrivateIp"]
    .filter((field) => isSet(address.props[field]))
    .map((field) => `${describe(address)} sets ${field}; the stack's Elastic IPs serve its NAT gateway only, never an instance or a network interface.`);

/** The region of the resource's AWS provider, when known. */
function providerRegion(resource: PolicyResource): string | undefined {
  const region = readIfKnown(() => resource.provider?.props.region);
  return region.known && typeof region.value === "string" && region.value !== "" ? region.value : undefined;
}

/** The service names endpoints may reach in `region`; without a region only the listed PrivateLink services. */
export function allowedEndpointServices(region: string | undefined, config: NetworkConfig): string[] {
  const aws = region === undefined ? [] : WORKSPACE_AWS_SERVICES.map((service) => `com.amazonaws.${region}.${service}`);
  return [...aws, ...(config.privateLinkServiceNames ?? [])];
}

const checkVpcEndpoint: Check = (endpoint, network, config) => {
  const findings = requireDeclared(endpoint, network, "vpcId", [AWS_VPC]);
  const region = providerRegion(endpoint);
  const allowed = allowedEndpointServices(region, config);
  const serviceName = endpoint.props.serviceName;
  if (typeof serviceName !== "string" || !allowed.includes(serviceName)) {
    const named = typeof serviceName === "string" ? `service '${serviceName}'` : "no service by serviceName";
    const place = region === undefined ? "its provider names no region, so only the listed PrivateLink services pass" : `in ${region}`;
    findings.push(
      `${describe(endpoint)} reaches ${named}; endpoints may reach ${allowed.length > 0 ? `only ${allowed.join(", ")}` : "no service"} (${place}: the AWS services ` +
        "the workspace uses, and the Databricks PrivateLink services listed in privateLinkServiceNames of this stage's policy config).",
    );
  }
  const serviceRegion = endpoint.props.serviceRegion;
  if (isSet(serviceRegion) && serviceRegion !== region) {
    findings.push(`${describe(endpoint)} sets serviceRegion ${String(serviceRegion)}; an endpoint reaches services of its own provider's region only.`);
  }
  return findings;
};

const checkKmsAlias: Check = (alias, network) => requireDeclared(alias, network, "targetKeyId", [AWS_KMS_KEY]);

const CHECKS: Readonly<Record<string, Check>> = {
  [AWS_SECURITY_GROUP]: checkSecurityGroup,
  [AWS_ROUTE_TABLE]: checkRouteTable,
  [AWS_ROUTE_TABLE_ASSOCIATION]: checkRouteTableAssociation,
  [AWS_SUBNET]: checkSubnet,
  [AWS_INTERNET_GATEWAY]: checkInternetGateway,
  [AWS_NAT_GATEWAY]: checkNatGateway,
  [AWS_EIP]: checkEip,
  [AWS_VPC_ENDPOINT]: checkVpcEndpoint,
  [AWS_KMS_ALIAS]: checkKmsAlias,
};

/** The findings for every network resource of the stack; a resource with a value unknown at preview is refused alone. */
export function findNetworkGaps(resources: readonly PolicyResource[], config: NetworkConfig): NetworkFinding[] {
  const network = declaredNetwork(resources);
  const findings: NetworkFinding[] = [];
  for (const resource of resources) {
    const check = CHECKS[resource.type];
    if (check === undefined) continue;
    let messages: string[];
    try {
      messages = check(resource, network, config);
    } catch (err) {
      if (!isUnknownValueError(err)) throw err;
      messages = [undecidedMessage(describe(resource), err.message)];
    }
    findings.push(...messages.map((message) => ({ urn: resource.urn, message })));
  }
  return findings;
}

/** The rule object registered in the pack. */
export const networkRestrictVpc: DocumentedStackPolicy = {
  name: "network-restrict-vpc",
  description: "The stack's AWS network allows only what a Databricks customer-managed VPC needs, inside a VPC the stack declares.",
  severity: "high",
  remediationSteps:
    "Build the network as the program's AwsFoundation does: security group ingress only from the group itself (self: true), egress to " +
    "itself or over tcp on Databricks' documented ports; route tables whose routes lead to the stack's InternetGateway or NatGateway; " +
    "subnets without public or IPv6 addresses; endpoints to com.amazonaws.<region>.s3, sts or kinesis-streams, or to the Databricks " +
    "PrivateLink services a reviewer lists in privateLinkServiceNames; KMS aliases of the stack's keys. Take every vpcId, subnetId, " +
    "gateway id and key id from the output of a resource of this stack, never a literal.",
  configSchema: {
    properties: {
      privateLinkServiceNames: {
        type: "array",
        items: { type: "string" },
        description: "Databricks PrivateLink endpoint services (com.amazonaws.vpce.<region>.vpce-svc-...) that VPC endpoints may reach. Default none.",
        default: [],
      },
    },
  },
  documentation: {
    judgedTypes: NETWORK_TYPES,
    waivers: "refused-on-prod",
    rationale:
      "Separate stages and protected production data: the workspace's clusters read prod data, so their network decides where it can go. " +
      "An open security group, a route to someone else's gateway, a public subnet or an endpoint to another service is a way in or out " +
      "that no grant or bucket policy sees, and a resource in a VPC the stack does not declare is a network the pack never judged.",
    controls: [
      {
        framework: "Databricks documentation",
        id: "Customer-managed VPC: security groups (self ingress/egress; egress 443, 3306, 6666, 2443, 8443-8451) and subnets",
        url: "https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc",
      },
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "network.tf: workspace security group (self ingress and egress, egress on the documented ports), private subnets, NAT route",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/sra/network.tf",
        note: "The SRA's isolated variant routes nothing to the internet; this rule admits the NAT and internet gateway routes of the reference design.",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    if (!args.resources.some((resource) => NETWORK_TYPES.includes(resource.type))) {
      args.notApplicable("Policy only applies to stacks that declare AWS network resources or KMS aliases");
    }
    for (const { urn, message } of findNetworkGaps(args.resources, args.getConfig<NetworkConfig>())) reportViolation(message, urn);
  }),
};
