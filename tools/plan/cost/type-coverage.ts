/**
 * Which resource types the estimate prices, which cost nothing by themselves, and which it knows to be
 * unpriced. Any other type is listed as unpriced with "not in the price table": nothing is left out silently.
 * A test checks that every type a shipped stage may declare (the policy configs' `allowedTypes`) is in one list.
 */
import type { PlannedStep } from "../types";
import type { Assumptions } from "./assumptions";
import type { Estimated } from "./estimate-types";
import { estimateJob, estimateMonitor, estimateServing, estimateWarehouse, type DatabricksFacts } from "./estimate-databricks";
import { estimateBucket, estimateDynamoDbTable, estimateElasticIp, estimateKmsKey, estimateNatGateway, estimateVpcEndpoint } from "./estimate-aws";

type Estimator = (step: PlannedStep, facts: DatabricksFacts) => Estimated;
const aws = (f: (step: PlannedStep, a: Assumptions) => Estimated): Estimator => (step, facts) => f(step, facts.assumptions);

/** Priced types and their estimators. */
export const PRICED: Readonly<Record<string, Estimator>> = {
  "databricks:index/job:Job": estimateJob,
  "databricks:index/sqlEndpoint:SqlEndpoint": estimateWarehouse,
  "databricks:index/modelServing:ModelServing": estimateServing,
  "databricks:index/qualityMonitor:QualityMonitor": estimateMonitor,
  "aws:ec2/natGateway:NatGateway": aws(estimateNatGateway),
  "aws:ec2/eip:Eip": aws(estimateElasticIp),
  "aws:ec2/vpcEndpoint:VpcEndpoint": aws(estimateVpcEndpoint),
  "aws:kms/key:Key": aws(estimateKmsKey),
  "aws:dynamodb/table:Table": aws(estimateDynamoDbTable),
  "aws:s3/bucket:Bucket": aws(estimateBucket),
  "aws:s3/bucketV2:BucketV2": aws(estimateBucket),
};

/** Types that cost nothing by themselves, with the reason the docs give for each group. */
export const FREE: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
    "alertV2:AlertV2", "alert:Alert", "query:Query", "catalog:Catalog", "schema:Schema", "grants:Grants", "grant:Grant",
    "permissions:Permissions", "permissionAssignment:PermissionAssignment", "entitlements:Entitlements", "group:Group",
    "groupMember:GroupMember", "servicePrincipal:ServicePrincipal", "directory:Directory", "mlflowExperiment:MlflowExperiment",
    "registeredModel:RegisteredModel", "sqlTable:SqlTable", "volume:Volume", "workspaceBinding:WorkspaceBinding",
    "defaultNamespaceSetting:DefaultNamespaceSetting", "disableLegacyAccessSetting:DisableLegacyAccessSetting",
    "disableLegacyDbfsSetting:DisableLegacyDbfsSetting", "workspaceConf:WorkspaceConf", "notificationDestination:NotificationDestination",
    "storageCredential:StorageCredential", "externalLocation:ExternalLocation", "metastoreAssignment:MetastoreAssignment",
    "mwsCredentials:MwsCredentials", "mwsStorageConfigurations:MwsStorageConfigurations", "mwsNetworks:MwsNetworks",
    "mwsPrivateAccessSettings:MwsPrivateAccessSettings", "mwsCustomerManagedKeys:MwsCustomerManagedKeys", "mwsWorkspaces:MwsWorkspaces",
    "mwsVpcEndpoint:MwsVpcEndpoint", "clusterPolicy:ClusterPolicy", "secretScope:SecretScope", "secret:Secret", "secretAcl:SecretAcl",
    "ipAccessList:IpAccessList", "gitCredential:GitCredential", "repo:Repo",
  ].map((t) => [`databricks:index/${t}`, "Databricks metadata: billed only through the compute that uses it"]),
  ...[
    "ec2/vpc:Vpc", "ec2/subnet:Subnet", "ec2/routeTable:RouteTable", "ec2/routeTableAssociation:RouteTableAssociation",
    "ec2/route:Route", "ec2/internetGateway:InternetGateway", "ec2/securityGroup:SecurityGroup",
    "ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation", "iam/role:Role", "iam/rolePolicy:RolePolicy",
    "iam/policy:Policy", "iam/rolePolicyAttachment:RolePolicyAttachment", "kms/alias:Alias", "s3/bucketPolicy:BucketPolicy",
    "s3/bucketOwnershipControls:BucketOwnershipControls", "s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "s3/bucketVersioning:BucketVersioning", "s3/bucketVersioningV2:BucketVersioningV2",
    "s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ].map((t) => [`aws:${t}`, "AWS configuration without a charge of its own (a bucket's versions bill as its storage)"]),
  ["time:index/sleep:Sleep", "a wait in the engine"],
]);

/**
 * Types the estimate knows it cannot price from a plan: named here so that they are listed with a reason
 * more useful than "not in the price table".
 */
export const UNPRICED: Readonly<Record<string, string>> = {
  "databricks:index/cluster:Cluster": "an all-purpose cluster's hours depend on how people use it",
  "databricks:index/pipeline:Pipeline": "Lakeflow pipelines are not in the price table",
  "databricks:index/onlineTable:OnlineTable": "online tables are not in the price table",
  "databricks:index/vectorSearchEndpoint:VectorSearchEndpoint": "vector search is not in the price table",
};

/** How the estimate treats a type: priced, free (components, providers and the stack too), known unpriced or unknown. */
export function coverageOf(step: Pick<PlannedStep, "type" | "custom">): "priced" | "free" | "unpriced" | "unknown" {
  if (PRICED[step.type]) return "priced";
  if (FREE[step.type] || !step.custom || step.type.startsWith("pulumi:")) return "free";
  return UNPRICED[step.type] ? "unpriced" : "unknown";
}
