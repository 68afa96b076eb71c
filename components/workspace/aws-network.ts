/**
 * The customer-managed VPC of a created workspace: one private subnet per zone, one public subnet holding
 * the NAT gateway (cluster egress), a security group that admits only itself and reaches out only on the
 * Databricks ports, S3 (gateway), STS and Kinesis (interface) endpoints, and optionally the back-end
 * PrivateLink endpoints. Declared as children of the caller, so their URNs are the caller's.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import type { Stage } from "../stages";
import type { AwsWorkspaceConfig } from "./config";
import { subnetCidrs, workspaceSecurityGroupRules } from "./network";

/** What the network declaration needs besides names. */
export interface WorkspaceNetworkArgs {
  /** The stage, for descriptions. */
  stage: Stage;
  /** The VPC plan, zones, region and PrivateLink services. */
  aws: AwsWorkspaceConfig;
  /** Tags of every resource. */
  tags: Record<string, string>;
}

/** The parts the cross-account role and the account's network registration name. */
export interface WorkspaceNetwork {
  vpc: ec2.Vpc;
  /** One per availability zone, in zone order. */
  privateSubnets: ec2.Subnet[];
  securityGroup: ec2.SecurityGroup;
  /** The PrivateLink endpoints (REST API, relay); undefined unless `aws.privateLink` is set. */
  privateLinkEndpointIds?: { workspace: pulumi.Output<string>; relay: pulumi.Output<string> };
}

/**
 * Declares the stage's VPC and everything in it with `child` options; `named` gives each its resource name and
 * `physical` the `Name` tag AWS shows (default: the resource name).
 */
export function declareWorkspaceNetwork(
  named: (purpose: string) => string,
  args: WorkspaceNetworkArgs,
  child: pulumi.CustomResourceOptions,
  physical: (purpose: string) => string = named,
): WorkspaceNetwork {
  const { stage, aws, tags } = args;
  const vpc = new ec2.Vpc(named("vpc"), { cidrBlock: aws.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: physical("vpc") } }, child);
  const cidrs = subnetCidrs(aws.vpcCidr, aws.availabilityZones.length + 1);
  const privateSubnets = aws.availabilityZones.map(
    (zone, index) =>
      new ec2.Subnet(named(`private-${zone}`), { vpcId: vpc.id, cidrBlock: cidrs[index], availabilityZone: zone, tags: { ...tags, Name: physical(`private-${zone}`) } }, child),
  );
  // One public subnet holds the NAT gateway; nothing else is public.
  const publicSubnet = new ec2.Subnet(
    named("public"),
    { vpcId: vpc.id, cidrBlock: cidrs[aws.availabilityZones.length], availabilityZone: aws.availabilityZones[0], mapPublicIpOnLaunch: false, tags: { ...tags, Name: physical("public") } },
    child,
  );
  const gateway = new ec2.InternetGateway(named("igw"), { vpcId: vpc.id, tags }, child);
  const natAddress = new ec2.Eip(named("nat"), { domain: "vpc", tags }, child);
  const nat = new ec2.NatGateway(named("nat"), { allocationId: natAddress.id, subnetId: publicSubnet.id, tags }, child);
  const publicRoutes = new ec2.RouteTable(named("public"), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags }, child);
  new ec2.RouteTableAssociation(named("public"), { subnetId: publicSubnet.id, routeTableId: publicRoutes.id }, child);
  const privateRoutes = new ec2.RouteTable(named("private"), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags }, child);
  privateSubnets.forEach((subnet, index) =>
    new ec2.RouteTableAssociation(named(`private-${aws.availabilityZones[index]}`), { subnetId: subnet.id, routeTableId: privateRoutes.id }, child),
  );
  const rules = workspaceSecurityGroupRules();
  const securityGroup = new ec2.SecurityGroup(
    named("workspace"),
    { vpcId: vpc.id, description: `Cluster nodes of the ${stage} workspace`, ingress: rules.ingress, egress: rules.egress, tags },
    child,
  );
  // S3 traffic stays on the AWS network; STS and Kinesis (credentials, logs) through interface endpoints.
  new ec2.VpcEndpoint(named("s3"), { vpcId: vpc.id, serviceName: `com.amazonaws.${aws.region}.s3`, vpcEndpointType: "Gateway", routeTableIds: [privateRoutes.id], tags }, child);
  // An interface endpoint in the private subnets, behind the workspace's security group.
  const interfaceEndpoint = (purpose: string, serviceName: string) =>
    new ec2.VpcEndpoint(
      named(purpose),
      {
        vpcId: vpc.id,
        serviceName,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: privateSubnets.map((subnet) => subnet.id),
        securityGroupIds: [securityGroup.id],
        tags,
      },
      child,
    );
  for (const service of ["sts", "kinesis-streams"]) interfaceEndpoint(service, `com.amazonaws.${aws.region}.${service}`);

  let privateLinkEndpointIds: WorkspaceNetwork["privateLinkEndpointIds"];
  if (aws.privateLink) {
    // Back-end PrivateLink: REST API and relay traffic of the clusters stays on AWS's network.
    const endpoint = (purpose: string, serviceName: string) => interfaceEndpoint(purpose, serviceName).id;
    privateLinkEndpointIds = {
      workspace: endpoint("privatelink-workspace", aws.privateLink.workspaceServiceName),
      relay: endpoint("privatelink-relay", aws.privateLink.relayServiceName),
    };
  }

  return { vpc, privateSubnets, securityGroup, privateLinkEndpointIds };
}
