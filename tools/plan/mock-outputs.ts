/**
 * Concrete fake values for what a provider computes, so the offline plan stays fully known:
 * a new workspace has no URL before `up`, and in a real first preview everything built from it
 * shows as unknown. Deterministic (derived from the resource name) so plans are reproducible.
 */

/** Arguments the mock receives for one registration (a subset of `pulumi.runtime.MockResourceArgs`). */
export interface MockResourceInput {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom?: boolean;
}

type Computed = (name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

/** A stable 16-digit number from a name, the shape of Databricks workspace ids. */
export function fakeNumericId(name: string): string {
  let h = 1469598103934665603n;
  for (const ch of Buffer.from(name, "utf8")) h = ((h ^ BigInt(ch)) * 1099511628211n) & 0xffffffffffffffffn;
  return (1000000000000000n + (h % 9000000000000000n)).toString();
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
}

/** Computed outputs by type token; only what the program or the policies read needs to be here. */
export const COMPUTED_OUTPUTS: Record<string, Computed> = {
  "databricks:index/mwsWorkspaces:MwsWorkspaces": (name, inputs) => {
    const host = slug(String(inputs.deploymentName ?? inputs.workspaceName ?? name));
    return {
      workspaceId: fakeNumericId(name),
      workspaceUrl: `https://${host}.cloud.databricks.com`,
      workspaceStatus: "RUNNING",
    };
  },
  "databricks:index/mwsCredentials:MwsCredentials": (name) => ({ credentialsId: `cred-${slug(name)}` }),
  "databricks:index/mwsStorageConfigurations:MwsStorageConfigurations": (name) => ({
    storageConfigurationId: `storage-${slug(name)}`,
  }),
  "databricks:index/mwsNetworks:MwsNetworks": (name) => ({ networkId: `net-${slug(name)}` }),
  "databricks:index/mwsVpcEndpoint:MwsVpcEndpoint": (name) => ({ vpcEndpointId: `vpce-reg-${slug(name)}` }),
  "databricks:index/mwsCustomerManagedKeys:MwsCustomerManagedKeys": (name) => ({ customerManagedKeyId: `cmk-${slug(name)}` }),
  "databricks:index/mwsPrivateAccessSettings:MwsPrivateAccessSettings": (name) => ({ privateAccessSettingsId: `pas-${slug(name)}` }),
  "databricks:index/metastore:Metastore": (name) => ({ metastoreId: `metastore-${slug(name)}` }),
  "databricks:index/servicePrincipal:ServicePrincipal": (name) => ({
    applicationId: `00000000-0000-4000-8000-${fakeNumericId(name).slice(0, 12)}`,
  }),
  // Databricks computes the external id the credential's role must demand; the role's trust is built from it.
  "databricks:index/storageCredential:StorageCredential": (name) => ({
    awsIamRole: {
      externalId: `00000000-0000-4000-8000-${fakeNumericId(name).slice(0, 12)}`,
      unityCatalogIamArn: "arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL",
    },
  }),
  "databricks:index/job:Job": (name) => ({ url: `https://example.cloud.databricks.com/#job/${fakeNumericId(name)}` }),
  "databricks:index/modelServing:ModelServing": (name) => ({ servingEndpointId: `endpoint-${slug(name)}` }),
  // The metric tables land in the output schema, named after the monitored table (as Databricks names them).
  "databricks:index/qualityMonitor:QualityMonitor": (name, inputs) => {
    const table = String(inputs.tableName ?? name).split(".").pop();
    const schema = inputs.outputSchemaName === undefined ? "" : `${String(inputs.outputSchemaName)}.`;
    return {
      monitorVersion: "1",
      profileMetricsTableName: `${schema}${table}_profile_metrics`,
      driftMetricsTableName: `${schema}${table}_drift_metrics`,
    };
  },
  "aws:dynamodb/table:Table": (name, inputs) => ({
    arn: `arn:aws:dynamodb:us-east-1:123456789012:table/${String(inputs.name ?? name)}`,
  }),
  "aws:kms/key:Key": (name) => {
    const keyId = `00000000-0000-4000-8000-${fakeNumericId(name).slice(0, 12)}`;
    return { keyId, arn: `arn:aws:kms:us-east-1:123456789012:key/${keyId}` };
  },
  "aws:iam/role:Role": (name, inputs) => ({
    arn: `arn:aws:iam::123456789012:role/${String(inputs.name ?? name)}`,
    uniqueId: `AROA${fakeNumericId(name)}`,
  }),
  "aws:s3/bucket:Bucket": (name, inputs) => {
    const bucket = String(inputs.bucket ?? name);
    return { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com` };
  },
  "aws:s3/bucketV2:BucketV2": (name, inputs) => {
    const bucket = String(inputs.bucket ?? name);
    return { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com` };
  },
};

/**
 * The id a provider would assign: a workspace `account/<workspace id>`, a job its numeric id (a
 * `run_job_task` takes it as a number), otherwise `<name>-id`.
 */
export function fakeId(args: MockResourceInput, computed: Record<string, unknown>): string {
  if (args.type === "databricks:index/mwsWorkspaces:MwsWorkspaces") {
    return `account/${String(computed.workspaceId)}`;
  }
  if (args.type === "databricks:index/job:Job") return fakeNumericId(args.name);
  return `${args.name}-id`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Mock answer for one registration: inputs as state plus computed outputs, and an id. */
export function mockResource(args: MockResourceInput): { id: string | undefined; state: Record<string, unknown> } {
  const computed = COMPUTED_OUTPUTS[args.type]?.(args.name, args.inputs) ?? {};
  const state: Record<string, unknown> = { ...computed, ...args.inputs };
  // A computed field inside an input block (a storage credential's awsIamRole.externalId) joins that block.
  for (const [key, value] of Object.entries(computed)) {
    if (isPlainObject(value) && isPlainObject(args.inputs[key])) state[key] = { ...value, ...args.inputs[key] };
  }
  // Components have no id; the engine gives them "".
  return { id: args.custom === false ? undefined : fakeId(args, computed), state };
}
