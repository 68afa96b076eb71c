/**
 * The cross-account IAM role Databricks assumes to run classic compute in the stage's VPC, scoped as the
 * Security Reference Architecture scopes it: to the AWS account and region, the workspace's VPC and security
 * group, Databricks' own AMIs, and instances tagged `Vendor=Databricks`.
 */
import { DATABRICKS_PRINCIPAL, policyDocument, type PolicyDocument } from "./policy-documents";

/** The AWS account that publishes the AMIs Databricks clusters boot from. */
export const DATABRICKS_AMI_OWNER = "601306020600";

/** Trust policy: only the Databricks control plane, and only on behalf of this Databricks account (external id). */
export function crossAccountTrustPolicy(databricksAccountId: string): PolicyDocument {
  return policyDocument({
    Sid: "DatabricksControlPlaneAssumesRole",
    Effect: "Allow",
    Principal: { ...DATABRICKS_PRINCIPAL },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "sts:ExternalId": databricksAccountId } },
  });
}

/** Where the role may act. */
export interface CrossAccountScope {
  awsAccountId: string;
  region: string;
  /** The customer-managed VPC (`vpc-...`). */
  vpcId: string;
  /** The workspace security group (`sg-...`); the only group whose rules the role may change. */
  securityGroupId: string;
}

/** The role's permissions: EC2 in one account, region and VPC, on Databricks-tagged resources only. */
export function crossAccountRolePolicy(scope: CrossAccountScope): PolicyDocument {
  const arn = (resource: string) => `arn:aws:ec2:${scope.region}:${scope.awsAccountId}:${resource}`;
  const tagged = { StringEquals: { "aws:RequestTag/Vendor": "Databricks" } };
  const ownedByDatabricks = { StringEquals: { "ec2:ResourceTag/Vendor": "Databricks" } };
  return policyDocument(
    {
      // Describe calls support no resource-level scoping in IAM; they reveal nothing they could change.
      Sid: "DescribeOnly",
      Effect: "Allow",
      Action: [
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeFleetHistory",
        "ec2:DescribeFleetInstances",
        "ec2:DescribeFleets",
        "ec2:DescribeIamInstanceProfileAssociations",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstances",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:DescribeNatGateways",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribePrefixLists",
        "ec2:DescribeReservedInstancesOfferings",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotInstanceRequests",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
        "ec2:DescribeVolumes",
        "ec2:DescribeVpcAttribute",
        "ec2:DescribeVpcs",
        "ec2:GetSpotPlacementScores",
      ],
      Resource: "*",
    },
    {
      Sid: "RunInstancesInTheWorkspaceVpcOnly",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: [arn("subnet/*"), arn("network-interface/*")],
      Condition: { StringEquals: { "ec2:Vpc": arn(`vpc/${scope.vpcId}`) } },
    },
    {
      Sid: "RunInstancesWithTheWorkspaceSecurityGroup",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: arn(`security-group/${scope.securityGroupId}`),
    },
    {
      Sid: "RunInstancesFromDatabricksImagesOnly",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: `arn:aws:ec2:${scope.region}::image/*`,
      Condition: { StringEquals: { "ec2:Owner": DATABRICKS_AMI_OWNER } },
    },
    {
      Sid: "CreateOnlyDatabricksTaggedResources",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateVolume", "ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:RequestSpotInstances"],
      Resource: [arn("instance/*"), arn("volume/*"), arn("fleet/*"), arn("launch-template/*"), arn("spot-instances-request/*")],
      Condition: tagged,
    },
    {
      Sid: "TagOnlyOnCreate",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: [arn("instance/*"), arn("volume/*"), arn("fleet/*"), arn("launch-template/*"), arn("spot-instances-request/*")],
      Condition: { StringEquals: { "ec2:CreateAction": ["RunInstances", "CreateVolume", "CreateFleet", "CreateLaunchTemplate", "RequestSpotInstances"] } },
    },
    {
      Sid: "ManageOnlyDatabricksTaggedResources",
      Effect: "Allow",
      Action: [
        "ec2:AssignPrivateIpAddresses",
        "ec2:AssociateIamInstanceProfile",
        "ec2:AttachVolume",
        "ec2:CancelSpotInstanceRequests",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:CreateTags",
        "ec2:DeleteFleets",
        "ec2:DeleteLaunchTemplate",
        "ec2:DeleteLaunchTemplateVersions",
        "ec2:DeleteTags",
        "ec2:DeleteVolume",
        "ec2:DetachVolume",
        "ec2:DisassociateIamInstanceProfile",
        "ec2:GetLaunchTemplateData",
        "ec2:ModifyFleet",
        "ec2:ModifyLaunchTemplate",
        "ec2:TerminateInstances",
      ],
      Resource: [arn("instance/*"), arn("volume/*"), arn("network-interface/*"), arn("fleet/*"), arn("launch-template/*"), arn("spot-instances-request/*")],
      Condition: ownedByDatabricks,
    },
    {
      Sid: "ChangeOnlyTheWorkspaceSecurityGroup",
      Effect: "Allow",
      Action: [
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
      ],
      Resource: arn(`security-group/${scope.securityGroupId}`),
    },
    {
      Sid: "SpotServiceLinkedRole",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `arn:aws:iam::${scope.awsAccountId}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
      Condition: { StringLike: { "iam:AWSServiceName": "spot.amazonaws.com" } },
    },
  );
}
