/**
 * network-restrict-vpc: the stack's network allows only what a Databricks customer-managed VPC needs, inside a VPC
 * the stack declares. The shipped prod network passes (as the program records it, and as a hand-built copy); each
 * way to break it fails. network-restrict-vpc-pack.test.ts runs the pull requests of issue 19 through the launched pack.
 */
import type { PolicyResource } from "@pulumi/policy";
import { WORKSPACE_EGRESS_PORTS, workspaceSecurityGroupRules } from "../../components/workspace/network";
import { DATABRICKS_EGRESS_PORTS } from "../../policies/lib/security-group-rules";
import { networkRestrictVpc, type NetworkConfig } from "../../policies/rules/network-restrict-vpc";
import type { PlannedStep } from "../../tools/plan/types";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";
import { recordShippedStage } from "../support/shipped-stage";
import { recordStage } from "../support/record-stage";
import { AWS_ACCOUNT_ID, rawCreated } from "../support/stage-configs";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RT = "aws:ec2/routeTable:RouteTable";
const RTA = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const IGW = "aws:ec2/internetGateway:InternetGateway";
const NAT = "aws:ec2/natGateway:NatGateway";
const EIP = "aws:ec2/eip:Eip";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const PRIVATE_LINK = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";

const awsProvider = stackResource("pulumi:providers:aws", "prod-mlops-aws", { region: "us-east-1", allowedAccountIds: '["123456789012"]' });
/** A resource of the stage's AWS provider whose inputs `deps` take their values from the given resources. */
const r = (type: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}, provider: PolicyResource | undefined = awsProvider) =>
  stackResource(type, name, props, { propertyDependsOn: deps, provider });

/** The prod network as AwsFoundation declares it, by hand, with the security group rules the program builds. */
function shippedNetwork() {
  const vpc = r(VPC, "vpc", { cidrBlock: "10.6.0.0/16" });
  const onVpc = { vpcId: [vpc] };
  const igw = r(IGW, "igw", { vpcId: "vpc-id" }, onVpc);
  const eip = r(EIP, "nat", { domain: "vpc" });
  const publicSubnet = r(SUBNET, "public", { vpcId: "vpc-id", cidrBlock: "10.6.64.0/19", mapPublicIpOnLaunch: false }, onVpc);
  const privateSubnet = r(SUBNET, "private-a", { vpcId: "vpc-id", cidrBlock: "10.6.0.0/19" }, onVpc);
  const nat = r(NAT, "nat", { allocationId: "nat-id", subnetId: "public-id" }, { allocationId: [eip], subnetId: [publicSubnet] });
  const publicRoutes = r(RT, "public", { vpcId: "vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }] }, { ...onVpc, routes: [igw] });
  const privateRoutes = r(RT, "private", { vpcId: "vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }] }, { ...onVpc, routes: [nat] });
  const association = r(RTA, "private-a", { routeTableId: "private-id", subnetId: "private-a-id" }, { routeTableId: [privateRoutes], subnetId: [privateSubnet] });
  const rules = workspaceSecurityGroupRules();
  const group = r(SG, "workspace", { vpcId: "vpc-id", ingress: rules.ingress, egress: rules.egress }, onVpc);
  const endpoint = (service: string, type: string) => r(ENDPOINT, service, { vpcId: "vpc-id", serviceName: `com.amazonaws.us-east-1.${service}`, vpcEndpointType: type }, onVpc);
  const key = r(KEY, "catalog-storage", { enableKeyRotation: true });
  const alias = r(ALIAS, "catalog-storage", { name: "alias/prod-mlops-catalog-storage", targetKeyId: "key-id" }, { targetKeyId: [key] });
  const all = [awsProvider, vpc, igw, eip, publicSubnet, privateSubnet, nat, publicRoutes, privateRoutes, association, group];
  all.push(endpoint("s3", "Gateway"), endpoint("sts", "Interface"), endpoint("kinesis-streams", "Interface"), key, alias);
  return { vpc, igw, eip, publicSubnet, privateSubnet, nat, publicRoutes, privateRoutes, group, key, all };
}

const check = (resources: PolicyResource[], config: NetworkConfig = {}) => invokeStackRule(networkRestrictVpc, resources, config).violations;
const messages = (resources: PolicyResource[], config: NetworkConfig = {}) => check(resources, config).map((v) => v.message);
/** The shipped network with `extra` resources added. */
const withExtra = (...extra: PolicyResource[]) => messages([...shippedNetwork().all, ...extra]);
/** The shipped network with the one resource of `name` and `type` replaced. */
function replaced(type: string, name: string, make: (net: ReturnType<typeof shippedNetwork>) => PolicyResource): string[] {
  const net = shippedNetwork();
  return messages([...net.all.filter((x) => !(x.type === type && x.name === name)), make(net)]);
}
const VPC_LITERAL = (type: string, name: string) =>
  `${type} '${name}' takes vpcId from a literal, not from a Vpc this stack declares; the pack cannot judge a network it does not see, so derive vpcId from the stack's own Vpc (its output).`;
const ALLOWED_EGRESS = "egress may go only to the group itself (self: true) or over tcp on Databricks' documented ports (443, 2443, 3306, 6666, 8443-8451)";
const INGRESS_ONLY = "ingress may come only from the group itself (self: true) or a security group this stack declares, never from addresses or prefix lists.";

/** Steps of the recorded plan as the stack rules see them: dependencies and providers resolved to resources. */
function asPolicyResources(steps: readonly PlannedStep[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const step of steps) byUrn.set(step.urn, stackResource(step.type, step.name, step.inputs));
  for (const step of steps) {
    const resource = byUrn.get(step.urn) as unknown as Record<string, unknown>;
    resource.urn = step.urn;
    resource.propertyDependencies = Object.fromEntries(Object.entries(step.propertyDependencies).map(([input, urns]) => [input, urns.map((urn) => byUrn.get(urn))]));
    const provider = step.provider === "" ? undefined : byUrn.get(step.provider.split("::").slice(0, -1).join("::"));
    resource.provider = provider;
  }
  return [...byUrn.values()];
}

describe("network-restrict-vpc: the shipped network passes", () => {
  test("the shipped prod stack as the program records it: every network resource, alias and endpoint", async () => {
    const resources = asPolicyResources(await recordShippedStage("prod"));
    const judged = resources.filter((x) => [SG, RT, SUBNET, ENDPOINT, ALIAS, NAT, EIP, IGW, RTA].includes(x.type)).map((x) => x.type);
    expect([SG, RT, SUBNET, ENDPOINT, ALIAS, NAT, EIP, IGW, RTA].filter((type) => !judged.includes(type))).toEqual([]);
    expect(check(resources)).toEqual([]);
  });

  test("the hand-built copy passes; the program's egress ports and the rule's are the same", () => {
    expect(check(shippedNetwork().all)).toEqual([]);
    const programPorts = WORKSPACE_EGRESS_PORTS.map((port) => (Array.isArray(port) ? port : [port, port])).sort((a, b) => a[0] - b[0]);
    expect(programPorts).toEqual(DATABRICKS_EGRESS_PORTS);
  });

  test("a stack without network resources or aliases is not the rule's", () => {
    expect(invokeStackRule(networkRestrictVpc, [stackResource(KEY, "k")]).notApplicable).toBe("Policy only applies to stacks that declare AWS network resources or KMS aliases");
  });

  test("values unknown in a first preview pass when they come from the stack's resources", () => {
    const net = shippedNetwork();
    const unknownRoutes = r(RT, "public", asValidationInputs({ vpcId: UNKNOWN_STRING, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN_STRING }] }), {
      vpcId: [net.vpc],
      routes: [net.igw],
    });
    const unknownGroups = r(SG, "endpoints", asValidationInputs({ vpcId: UNKNOWN_STRING, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: [UNKNOWN_STRING] }] }), {
      vpcId: [net.vpc],
      ingress: [net.group],
    });
    expect(messages([...net.all.filter((x) => x !== net.publicRoutes), unknownRoutes, unknownGroups])).toEqual([]);
  });

  test("an unknown value the rule must read refuses that resource alone, at the rule's level", () => {
    const net = shippedNetwork();
    const subnet = r(SUBNET, "public", asValidationInputs({ vpcId: "vpc-id", mapPublicIpOnLaunch: UNKNOWN_STRING }), { vpcId: [net.vpc] });
    const found = check([...net.all.filter((x) => x !== net.publicSubnet), subnet]);
    expect(found.map((v) => v.urn)).toEqual([subnet.urn]);
    expect(found[0].message).toMatch(/^Subnet 'public' cannot be checked during preview: .*This rule fails closed on unknown values/);
  });
});

describe("network-restrict-vpc: security groups", () => {
  const group = (props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}) => (net: ReturnType<typeof shippedNetwork>) =>
    r(SG, "workspace", { vpcId: "vpc-id", ...props }, { vpcId: [net.vpc], ...deps });

  test("issue 19: every port and protocol from anywhere, in a VPC the stack does not declare", () => {
    const open = r(SG, "x", { vpcId: "vpc-1", ingress: [{ fromPort: 0, toPort: 65535, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] });
    expect(withExtra(open)).toEqual([
      VPC_LITERAL("SecurityGroup", "x"),
      `SecurityGroup 'x' ingress rule 1 admits cidrBlocks 0.0.0.0/0 on all protocols and ports; ${INGRESS_ONLY}`,
    ]);
  });

  test.each([
    ["an IPv6 range", { ipv6CidrBlocks: ["::/0"] }, "ipv6CidrBlocks ::/0"],
    ["a prefix list", { prefixListIds: ["pl-63a5400a"] }, "prefixListIds pl-63a5400a"],
    ["a private range", { cidrBlocks: ["10.0.0.0/8"] }, "cidrBlocks 10.0.0.0/8"],
  ])("ingress from %s is refused, even on a documented port", (_, source, named) => {
    expect(replaced(SG, "workspace", group({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ...source }] }))).toEqual([
      `SecurityGroup 'workspace' ingress rule 1 admits ${named} on tcp port 443; ${INGRESS_ONLY}`,
    ]);
  });

  test("ingress from another group of the stack passes on a protocol; from a group by literal id, or on protocol -1, it is refused", () => {
    const fromGroup = (entry: Record<string, unknown>) => {
      const net = shippedNetwork();
      const other = r(SG, "other", { vpcId: "vpc-id" }, { vpcId: [net.vpc] });
      const group = r(SG, "workspace", { vpcId: "vpc-id", ingress: [entry] }, { vpcId: [net.vpc], ingress: [other] });
      return messages([...net.all.filter((x) => x !== net.group), other, group]);
    };
    expect(fromGroup({ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["other-id"] })).toEqual([]);
    expect(fromGroup({ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["other-id"] })).toEqual([
      "SecurityGroup 'workspace' ingress rule 1 admits another security group on all protocols and ports; protocol -1 (all) is allowed only with self: true.",
    ]);
    // A literal id beside the derived one: two ids named, one group behind them.
    expect(fromGroup({ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["other-id", "sg-0evil"] })).toEqual([
      "SecurityGroup 'workspace' admits ingress from security groups that are not all groups this stack declares (2 named by id, 1 derived from the stack's groups); " +
        "name other groups only by the output of a SecurityGroup of this stack.",
    ]);
    expect(replaced(SG, "workspace", group({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["sg-0evil"] }] }))).toEqual([
      "SecurityGroup 'workspace' admits ingress from security groups that are not all groups this stack declares (1 named by id, 0 derived from the stack's groups); " +
        "name other groups only by the output of a SecurityGroup of this stack.",
    ]);
  });

  test("self ingress and egress on every protocol pass, protocol -1 included", () => {
    const all = { protocol: "-1", fromPort: 0, toPort: 0, self: true };
    expect(replaced(SG, "workspace", group({ ingress: [all], egress: [all] }))).toEqual([]);
  });

  test.each([
    ["every port (fromPort 0/toPort 0, protocol -1)", { protocol: "-1", fromPort: 0, toPort: 0 }, `sends all protocols and ports to 0.0.0.0/0; protocol -1 (all) is allowed only with self: true; ${ALLOWED_EGRESS}.`],
    ["protocol 'all'", { protocol: "all", fromPort: 0, toPort: 0 }, `sends all protocols and ports to 0.0.0.0/0; protocol -1 (all) is allowed only with self: true; ${ALLOWED_EGRESS}.`],
    ["a range that includes a forbidden port", { protocol: "tcp", fromPort: 443, toPort: 3306 }, `sends tcp ports 443-3306 to 0.0.0.0/0; ${ALLOWED_EGRESS}.`],
    ["a range one port wider than 8443-8451", { protocol: "tcp", fromPort: 8443, toPort: 8452 }, `sends tcp ports 8443-8452 to 0.0.0.0/0; ${ALLOWED_EGRESS}.`],
    ["an undocumented port", { protocol: "tcp", fromPort: 22, toPort: 22 }, `sends tcp port 22 to 0.0.0.0/0; ${ALLOWED_EGRESS}.`],
    ["udp on a documented port", { protocol: "udp", fromPort: 443, toPort: 443 }, `sends udp port 443 to 0.0.0.0/0; ${ALLOWED_EGRESS}.`],
    ["udp by its number", { protocol: "17", fromPort: 443, toPort: 443 }, `sends udp port 443 to 0.0.0.0/0; ${ALLOWED_EGRESS}.`],
  ])("egress to 0.0.0.0/0 on %s is refused", (_, entry, message) => {
    expect(replaced(SG, "workspace", group({ egress: [{ cidrBlocks: ["0.0.0.0/0"], ...entry }] }))).toEqual([`SecurityGroup 'workspace' egress rule 1 ${message}`]);
  });

  test("egress over tcp by its number, or a reversed range inside 8443-8451, passes", () => {
    expect(replaced(SG, "workspace", group({ egress: [{ cidrBlocks: ["0.0.0.0/0"], protocol: "6", fromPort: 8451, toPort: 8443 }] }))).toEqual([]);
  });

  test.each([
    ["an IPv6 range", { ipv6CidrBlocks: ["::/0"] }, "ipv6CidrBlocks ::/0"],
    ["a prefix list", { prefixListIds: ["pl-63a5400a"] }, "prefixListIds pl-63a5400a"],
    ["another security group", { securityGroups: ["sg-0evil"] }, "other security groups (securityGroups)"],
  ])("egress to %s is refused", (_, destination, named) => {
    expect(replaced(SG, "workspace", group({ egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ...destination }] }))).toEqual([
      `SecurityGroup 'workspace' egress rule 1 sends traffic to ${named}; ${ALLOWED_EGRESS}.`,
    ]);
  });

  test("a second security group in the stack's VPC is judged as the first", () => {
    const second = (net: ReturnType<typeof shippedNetwork>) =>
      r(SG, "second", { vpcId: "vpc-id", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }, { vpcId: [net.vpc] });
    const net = shippedNetwork();
    expect(messages([...net.all, second(net)])).toEqual([`SecurityGroup 'second' ingress rule 1 admits cidrBlocks 0.0.0.0/0 on tcp port 22; ${INGRESS_ONLY}`]);
  });

  test("a group without vpcId (the account's default VPC) or with a VPC from something else is refused", () => {
    expect(withExtra(r(SG, "default", {}))).toEqual([
      "SecurityGroup 'default' takes vpcId from nowhere (it is unset), not from a Vpc this stack declares; the pack cannot judge a network it does not see, so derive vpcId from the stack's own Vpc (its output).",
    ]);
    const foreign = stackResource("aws:ec2/defaultVpc:DefaultVpc", "default");
    expect(withExtra(foreign, r(SG, "g", { vpcId: "vpc-0" }, { vpcId: [foreign] }))).toEqual([
      "SecurityGroup 'g' takes vpcId from 'aws:ec2/defaultVpc:DefaultVpc', not from a Vpc this stack declares; the pack cannot judge a network it does not see, so derive vpcId from the stack's own Vpc (its output).",
    ]);
  });
});

describe("network-restrict-vpc: route tables", () => {
  const table = (routes: object[], deps: (net: ReturnType<typeof shippedNetwork>) => PolicyResource[]) => (net: ReturnType<typeof shippedNetwork>) =>
    r(RT, "private", { vpcId: "vpc-id", routes }, { vpcId: [net.vpc], routes: deps(net) });

  test("issue 19: a default route to a literal internet gateway, in a VPC the stack does not declare", () => {
    expect(withExtra(r(RT, "x", { vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-evil" }] }))).toEqual([
      VPC_LITERAL("RouteTable", "x"),
      "RouteTable 'x' routes to gatewayId values that are not all InternetGateways this stack declares (1 named by id, 0 derived from the stack's gateways); " +
        "set gatewayId only from the output of the stack's own InternetGateway.",
    ]);
  });

  test("a literal gateway beside the stack's NAT is refused", () => {
    const routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }, { cidrBlock: "192.0.2.0/24", natGatewayId: "nat-0evil" }];
    expect(replaced(RT, "private", table(routes, (net) => [net.nat]))).toEqual([
      "RouteTable 'private' routes to natGatewayId values that are not all NatGateways this stack declares (2 named by id, 1 derived from the stack's gateways); " +
        "set natGatewayId only from the output of the stack's own NatGateway.",
    ]);
  });

  test.each(["vpcPeeringConnectionId", "transitGatewayId", "networkInterfaceId", "vpcEndpointId", "egressOnlyGatewayId", "carrierGatewayId", "localGatewayId", "coreNetworkArn"])(
    "a route to %s is refused",
    (field) => {
      expect(replaced(RT, "private", table([{ cidrBlock: "10.9.0.0/16", [field]: "x-0evil" }], () => []))).toEqual([
        `RouteTable 'private' route 1 targets ${field}; routes may lead only to the stack's internet gateway (gatewayId) or NAT gateway (natGatewayId).`,
      ]);
    },
  );

  test("an IPv6 default route to the stack's internet gateway is refused", () => {
    expect(replaced(RT, "private", table([{ ipv6CidrBlock: "::/0", gatewayId: "igw-id" }], (net) => [net.igw]))).toEqual([
      "RouteTable 'private' route 1 routes IPv6 (::/0); the workspace's network is IPv4 only, and an IPv6 route would bypass its NAT gateway.",
    ]);
  });

  test("routes taken from another resource, and propagated VPN routes, are refused", () => {
    const instance = stackResource("aws:ec2/instance:Instance", "box");
    expect(replaced(RT, "private", table([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }], (net) => [net.igw, instance]))).toEqual([
      "RouteTable 'private' takes its routes from 'aws:ec2/internetGateway:InternetGateway', 'aws:ec2/instance:Instance'; routes may lead only to an InternetGateway or NatGateway this stack declares.",
    ]);
    expect(replaced(RT, "private", (net) => r(RT, "private", { vpcId: "vpc-id", propagatingVgws: ["vgw-0evil"] }, { vpcId: [net.vpc] }))).toEqual([
      "RouteTable 'private' sets propagatingVgws; routes propagated from a virtual private gateway lead to networks the stack does not declare.",
    ]);
  });

  test("an association with another route table, or an edge association of a gateway, is refused", () => {
    expect(withExtra(r(RTA, "x", { routeTableId: "rtb-0evil", subnetId: "subnet-0evil" }))).toEqual([
      "RouteTableAssociation 'x' takes routeTableId from a literal, not from a RouteTable this stack declares; the pack cannot judge a network it does not see, so derive routeTableId from the stack's own RouteTable (its output).",
      "RouteTableAssociation 'x' takes subnetId from a literal, not from a Subnet this stack declares; the pack cannot judge a network it does not see, so derive subnetId from the stack's own Subnet (its output).",
    ]);
    const net = shippedNetwork();
    const edge = r(RTA, "edge", { routeTableId: "public-id", gatewayId: "igw-id" }, { routeTableId: [net.publicRoutes], gatewayId: [net.igw] });
    expect(messages([...net.all, edge])).toEqual([
      "RouteTableAssociation 'edge' sets gatewayId (an edge association); the workspace's network routes gateway traffic only through its own route tables' routes.",
    ]);
  });
});

describe("network-restrict-vpc: subnets, gateways, addresses", () => {
  test("issue 19: a subnet that hands out public addresses, in a VPC the stack does not declare", () => {
    expect(withExtra(r(SUBNET, "x", { vpcId: "vpc-1", cidrBlock: "10.6.9.0/24", mapPublicIpOnLaunch: true }))).toEqual([
      VPC_LITERAL("Subnet", "x"),
      "Subnet 'x' sets mapPublicIpOnLaunch: true; a workspace subnet gives its instances no public or IPv6 address (clusters use secure cluster connectivity).",
    ]);
  });

  test("IPv6 or customer-owned addresses on launch are refused in the stack's own VPC", () => {
    for (const field of ["assignIpv6AddressOnCreation", "mapCustomerOwnedIpOnLaunch"]) {
      expect(replaced(SUBNET, "private-a", (net) => r(SUBNET, "private-a", { vpcId: "vpc-id", [field]: true }, { vpcId: [net.vpc] }))).toEqual([
        `Subnet 'private-a' sets ${field}: true; a workspace subnet gives its instances no public or IPv6 address (clusters use secure cluster connectivity).`,
      ]);
    }
  });

  test("a gateway attached to another VPC, a NAT in another subnet or with another address, an address on an instance, are refused", () => {
    expect(withExtra(r(IGW, "x", { vpcId: "vpc-1" }))).toEqual([VPC_LITERAL("InternetGateway", "x")]);
    expect(withExtra(r(IGW, "detached", {}))).toEqual([]);
    expect(withExtra(r(NAT, "x", { subnetId: "subnet-0evil", allocationId: "eipalloc-0evil" }))).toEqual([
      "NatGateway 'x' takes subnetId from a literal, not from a Subnet this stack declares; the pack cannot judge a network it does not see, so derive subnetId from the stack's own Subnet (its output).",
      "NatGateway 'x' takes allocationId from a literal, not from a Eip this stack declares; the pack cannot judge a network it does not see, so derive allocationId from the stack's own Eip (its output).",
    ]);
    expect(withExtra(r(EIP, "x", { domain: "vpc", instance: "i-0evil" }))).toEqual([
      "Eip 'x' sets instance; the stack's Elastic IPs serve its NAT gateway only, never an instance or a network interface.",
    ]);
  });
});

describe("network-restrict-vpc: VPC endpoints", () => {
  test("issue 19: an endpoint to a service nobody listed, in a VPC the stack does not declare", () => {
    const evil = "com.amazonaws.vpce.us-east-1.vpce-svc-evil";
    expect(withExtra(r(ENDPOINT, "x", { vpcId: "vpc-1", serviceName: evil, vpcEndpointType: "Interface" }))).toEqual([
      VPC_LITERAL("VpcEndpoint", "x"),
      `VpcEndpoint 'x' reaches service '${evil}'; endpoints may reach only com.amazonaws.us-east-1.s3, com.amazonaws.us-east-1.sts, com.amazonaws.us-east-1.kinesis-streams ` +
        "(in us-east-1: the AWS services the workspace uses, and the Databricks PrivateLink services listed in privateLinkServiceNames of this stage's policy config).",
    ]);
  });

  test("Databricks PrivateLink services pass once listed in the policy config, and only then", () => {
    const net = shippedNetwork();
    const privateLink = r(ENDPOINT, "privatelink-workspace", { vpcId: "vpc-id", serviceName: PRIVATE_LINK, vpcEndpointType: "Interface" }, { vpcId: [net.vpc] });
    expect(messages([...net.all, privateLink], { privateLinkServiceNames: [PRIVATE_LINK] })).toEqual([]);
    expect(messages([...net.all, privateLink])).toHaveLength(1);
  });

  test("an AWS service of another region, one the workspace does not use, a provider without region, or another serviceRegion, is refused", () => {
    const net = shippedNetwork();
    const endpoint = (name: string, props: Record<string, unknown>, provider: PolicyResource | undefined = awsProvider) =>
      r(ENDPOINT, name, { vpcId: "vpc-id", vpcEndpointType: "Interface", ...props }, { vpcId: [net.vpc] }, provider);
    const found = messages([
      ...net.all,
      endpoint("west", { serviceName: "com.amazonaws.eu-west-1.s3" }),
      endpoint("ecr", { serviceName: "com.amazonaws.us-east-1.ecr.api" }),
      endpoint("lattice", { serviceNetworkArn: "arn:aws:vpc-lattice:us-east-1:210987654321:servicenetwork/sn-0evil" }),
      endpoint("noregion", { serviceName: "com.amazonaws.us-east-1.sts" }, stackResource("pulumi:providers:aws", "bare", {})),
      endpoint("cross", { serviceName: "com.amazonaws.us-east-1.sts", serviceRegion: "eu-west-1" }),
    ]);
    expect(found).toEqual([
      expect.stringMatching(/^VpcEndpoint 'west' reaches service 'com.amazonaws.eu-west-1.s3'; endpoints may reach only com.amazonaws.us-east-1.s3, /),
      expect.stringMatching(/^VpcEndpoint 'ecr' reaches service 'com.amazonaws.us-east-1.ecr.api'; /),
      expect.stringMatching(/^VpcEndpoint 'lattice' reaches no service by serviceName; /),
      "VpcEndpoint 'noregion' reaches service 'com.amazonaws.us-east-1.sts'; endpoints may reach no service (its provider names no region, so only the listed PrivateLink services pass: " +
        "the AWS services the workspace uses, and the Databricks PrivateLink services listed in privateLinkServiceNames of this stage's policy config).",
      "VpcEndpoint 'cross' sets serviceRegion eu-west-1; an endpoint reaches services of its own provider's region only.",
    ]);
  });
});

describe("network-restrict-vpc: a stage with back-end PrivateLink", () => {
  test("plans clean once the stack file's two service names are listed in privateLinkServiceNames, and not before", async () => {
    const privateLink = {
      workspaceServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04",
      relayServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-00e4d3b7d9d0f1d52",
    };
    const raw = rawCreated("staging");
    const steps = await recordStage({ ...raw, workspace: { ...(raw.workspace as object), aws: { accountId: AWS_ACCOUNT_ID, region: "us-east-1", privateLink } } }, "staging");
    const resources = asPolicyResources(steps);
    expect(check(resources, { privateLinkServiceNames: [privateLink.workspaceServiceName, privateLink.relayServiceName] })).toEqual([]);
    expect(check(resources).map((v) => v.message.split(";")[0])).toEqual([
      `VpcEndpoint 'staging-mlops-privatelink-workspace' reaches service '${privateLink.workspaceServiceName}'`,
      `VpcEndpoint 'staging-mlops-privatelink-relay' reaches service '${privateLink.relayServiceName}'`,
    ]);
  });
});

describe("network-restrict-vpc: KMS aliases", () => {
  test("issue 19: an alias of the stack's name moved to a key by literal id is refused; one of the stack's keys passes", () => {
    expect(withExtra(r(ALIAS, "x", { name: "alias/prod-mlops-catalog-storage", targetKeyId: "evil-key" }))).toEqual([
      "Alias 'x' takes targetKeyId from a literal, not from a Key this stack declares; the pack cannot judge a network it does not see, so derive targetKeyId from the stack's own Key (its output).",
    ]);
    const net = shippedNetwork();
    expect(messages([...net.all, r(ALIAS, "second", { name: "alias/second", targetKeyId: "key-id" }, { targetKeyId: [net.key] })])).toEqual([]);
  });
});
