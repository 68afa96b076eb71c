/**
 * Read-back models of the AWS resources. The terraform-provider-aws source was NOT read on this machine (its
 * snapshot is too large to fetch here): these entries state the provider's documented schema (force-new
 * fields, sets, computed fields, equivalent-policy suppression) from the resource's page and the engineer's
 * knowledge of it, and each says so. Re-check them against the source when it is at hand.
 */
import type { TypeModel } from "./model";
import { computed, forceNew, normalised } from "./fields";
import { asSet, policyDocument } from "./normalise";

/** Where an AWS entry comes from: the resource, and that its source was not read here. */
const aws = (resource: string) => `terraform-provider-aws ${resource} (schema as documented; source not read here)`;

const tagsAll = (resource: string) => computed("tagsAll", "Computed: provider default tags merged with tags", aws(resource));
const policy = (path: string, resource: string) =>
  normalised(path, { compareAs: policyDocument }, "an equivalent JSON policy does not diff (suppressEquivalentPolicyDiffs)", aws(resource));

export const AWS_MODELS: TypeModel[] = [
  { type: "aws:ec2/vpc:Vpc", source: aws("aws_vpc"), fields: [forceNew("cidrBlock", aws("aws_vpc")), computed("enableDnsSupport", "default true", aws("aws_vpc")), tagsAll("aws_vpc")] },
  {
    type: "aws:ec2/subnet:Subnet",
    source: aws("aws_subnet"),
    fields: [...["vpcId", "cidrBlock", "availabilityZone"].map((f) => ({ ...forceNew(f, aws("aws_subnet")), computed: f === "availabilityZone" })), tagsAll("aws_subnet")],
  },
  { type: "aws:ec2/internetGateway:InternetGateway", source: aws("aws_internet_gateway"), fields: [tagsAll("aws_internet_gateway")] },
  { type: "aws:ec2/eip:Eip", source: aws("aws_eip"), fields: [{ ...forceNew("domain", aws("aws_eip")), computed: true }, tagsAll("aws_eip")] },
  {
    type: "aws:ec2/natGateway:NatGateway",
    source: aws("aws_nat_gateway"),
    fields: [forceNew("allocationId", aws("aws_nat_gateway")), forceNew("subnetId", aws("aws_nat_gateway")), tagsAll("aws_nat_gateway")],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    source: aws("aws_route_table"),
    fields: [normalised("routes", { compareAs: asSet(), computed: true }, "a set (Optional+Computed): order does not diff", aws("aws_route_table")), forceNew("vpcId", aws("aws_route_table")), tagsAll("aws_route_table")],
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    source: aws("aws_route_table_association"),
    fields: [forceNew("subnetId", aws("aws_route_table_association"))],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    source: aws("aws_security_group"),
    fields: [
      ...["ingress", "egress"].map((f) => normalised(f, { compareAs: asSet(), computed: true }, "a set (Optional+Computed): rule order does not diff", aws("aws_security_group"))),
      forceNew("description", aws("aws_security_group")),
      forceNew("vpcId", aws("aws_security_group")),
      computed("revokeRulesOnDelete", "default false", aws("aws_security_group")),
      tagsAll("aws_security_group"),
    ],
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    source: aws("aws_vpc_endpoint"),
    fields: [
      ...["subnetIds", "securityGroupIds", "routeTableIds"].map((f) => normalised(f, { compareAs: asSet(), computed: true }, "a set: order does not diff", aws("aws_vpc_endpoint"))),
      ...["serviceName", "vpcId", "vpcEndpointType"].map((f) => forceNew(f, aws("aws_vpc_endpoint"))),
      computed("privateDnsEnabled", "Optional+Computed", aws("aws_vpc_endpoint")),
      policy("policy", "aws_vpc_endpoint"),
      tagsAll("aws_vpc_endpoint"),
    ],
  },
  {
    type: "aws:iam/role:Role",
    source: aws("aws_iam_role"),
    fields: [policy("assumeRolePolicy", "aws_iam_role"), forceNew("name", aws("aws_iam_role")), computed("maxSessionDuration", "default 3600", aws("aws_iam_role")), tagsAll("aws_iam_role")],
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    source: aws("aws_iam_role_policy"),
    fields: [policy("policy", "aws_iam_role_policy"), forceNew("name", aws("aws_iam_role_policy")), forceNew("role", aws("aws_iam_role_policy"))],
  },
  {
    type: "aws:kms/key:Key",
    source: aws("aws_kms_key"),
    fields: [
      normalised("policy", { compareAs: policyDocument, computed: true }, "Optional+Computed; an equivalent JSON policy does not diff", aws("aws_kms_key")),
      ...["keyUsage", "customerMasterKeySpec", "multiRegion"].map((f) => ({ ...forceNew(f, aws("aws_kms_key")), computed: true })),
      tagsAll("aws_kms_key"),
    ],
  },
  { type: "aws:kms/alias:Alias", source: aws("aws_kms_alias"), fields: [forceNew("name", aws("aws_kms_alias"))] },
  {
    type: "aws:s3/bucket:Bucket",
    source: aws("aws_s3_bucket"),
    fields: [{ ...forceNew("bucket", aws("aws_s3_bucket")), computed: true }, computed("forceDestroy", "default false", aws("aws_s3_bucket")), tagsAll("aws_s3_bucket")],
  },
  { type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls", source: aws("aws_s3_bucket_ownership_controls"), fields: [forceNew("bucket", aws("aws_s3_bucket_ownership_controls"))] },
  { type: "aws:s3/bucketPolicy:BucketPolicy", source: aws("aws_s3_bucket_policy"), fields: [forceNew("bucket", aws("aws_s3_bucket_policy")), policy("policy", "aws_s3_bucket_policy")] },
  { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", source: aws("aws_s3_bucket_public_access_block"), fields: [forceNew("bucket", aws("aws_s3_bucket_public_access_block"))] },
  {
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    source: aws("aws_s3_bucket_server_side_encryption_configuration"),
    fields: [
      forceNew("bucket", aws("aws_s3_bucket_server_side_encryption_configuration")),
      normalised("rules", { compareAs: asSet() }, "a set: order does not diff", aws("aws_s3_bucket_server_side_encryption_configuration")),
    ],
  },
  { type: "aws:s3/bucketVersioning:BucketVersioning", source: aws("aws_s3_bucket_versioning"), fields: [forceNew("bucket", aws("aws_s3_bucket_versioning"))] },
  {
    type: "aws:dynamodb/table:Table",
    source: aws("aws_dynamodb_table"),
    fields: [
      normalised("attributes", { compareAs: asSet() }, "a set: order does not diff", aws("aws_dynamodb_table")),
      forceNew("name", aws("aws_dynamodb_table")),
      forceNew("hashKey", aws("aws_dynamodb_table")),
      computed("serverSideEncryption.kmsKeyArn", "Optional+Computed", aws("aws_dynamodb_table")),
      computed("pointInTimeRecovery.recoveryPeriodInDays", "Optional+Computed", aws("aws_dynamodb_table")),
      tagsAll("aws_dynamodb_table"),
    ],
  },
];
