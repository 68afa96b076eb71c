/**
 * StageWorkspace under the mock runtime, in both modes: which resources each declares, through which
 * provider, and the inputs that carry the baseline.
 */
import { crossAccountRolePolicy } from "../../components/workspace/iam-policies";
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage, stepNamed, stepsOfType } from "../support/record-stage";
import { AWS_ACCOUNT_ID, DATABRICKS_ACCOUNT_ID, SHARED_METASTORE_ID, rawCreated, rawProd } from "../support/stage-configs";

const DB = (module: string, cls: string) => `databricks:index/${module}:${cls}`;
const PROVIDER = "pulumi:providers:databricks";
const SLEEP = "time:index/sleep:Sleep";
const through = (step: PlannedStep, provider: PlannedStep) => step.provider.startsWith(`${provider.urn}::`);
const isAccountLevel = (step: PlannedStep) => step.type.startsWith("aws:") || step.type.startsWith("pulumi:providers:aws") || /index\/mws/.test(step.type);

describe("create mode (prod)", () => {
  let steps: PlannedStep[];
  beforeAll(async () => {
    steps = await recordStage(rawCreated("prod"), "prod");
  });

  it("declares the AWS foundation, the account registrations, the workspace and its metastore assignment", () => {
    // The catalog's own bucket, key and role are the catalog storage's (test/catalog-storage).
    const count = (type: string) => stepsOfType(steps, type).filter((step) => !step.parent.includes("CatalogStorage")).length;
    expect({
      vpc: count("aws:ec2/vpc:Vpc"),
      subnets: count("aws:ec2/subnet:Subnet"),
      endpoints: count("aws:ec2/vpcEndpoint:VpcEndpoint"),
      keys: count("aws:kms/key:Key"),
      buckets: count("aws:s3/bucket:Bucket"),
      versioning: count("aws:s3/bucketVersioning:BucketVersioning"),
      roles: count("aws:iam/role:Role"),
      customerManagedKeys: count(DB("mwsCustomerManagedKeys", "MwsCustomerManagedKeys")),
      workspaces: count(DB("mwsWorkspaces", "MwsWorkspaces")),
      assignments: count(DB("metastoreAssignment", "MetastoreAssignment")),
    }).toEqual({ vpc: 1, subnets: 3, endpoints: 3, keys: 2, buckets: 1, versioning: 1, roles: 1, customerManagedKeys: 2, workspaces: 1, assignments: 1 });
  });

  it("the workspace takes every id from the registrations and is protected on prod", () => {
    const workspace = stepNamed(steps, DB("mwsWorkspaces", "MwsWorkspaces"), "prod-mlops-workspace");
    expect(workspace.inputs).toMatchObject({
      // The SDK marks MwsWorkspaces.accountId secret itself; the plan shows it blinded.
      accountId: "[secret]",
      workspaceName: "prod-mlops",
      awsRegion: "us-east-1",
      pricingTier: "ENTERPRISE",
      credentialsId: "cred-prod-mlops-credentials",
      storageConfigurationId: "storage-prod-mlops-storage",
      networkId: "net-prod-mlops-network",
      privateAccessSettingsId: "pas-prod-mlops-private-access",
      storageCustomerManagedKeyId: "cmk-prod-mlops-storage-key",
      managedServicesCustomerManagedKeyId: "cmk-prod-mlops-managed-services-key",
    });
    expect(workspace.inputs.token).toBeUndefined();
    expect([workspace.protect, workspace.retainOnDelete]).toEqual([true, true]);
    for (const name of ["prod-mlops-root", "prod-mlops-workspace-storage", "prod-mlops-managed-services"]) {
      const data = steps.find((s) => s.name === name && (s.type === "aws:s3/bucket:Bucket" || s.type === "aws:kms/key:Key"));
      expect([data?.protect, data?.retainOnDelete, data?.inputs.forceDestroy ?? false]).toEqual([true, true, false]);
    }
  });

  it("account resources go through the account provider, AWS through one pinned to the account", () => {
    const account = stepNamed(steps, PROVIDER, "prod-mlops-account");
    expect(account.inputs).toMatchObject({ host: "https://accounts.cloud.databricks.com", accountId: DATABRICKS_ACCOUNT_ID });
    const aws = stepNamed(steps, "pulumi:providers:aws", "prod-mlops-aws");
    // Provider inputs reach the engine as strings, lists as JSON.
    expect(aws.inputs).toMatchObject({ region: "us-east-1", allowedAccountIds: JSON.stringify([AWS_ACCOUNT_ID]) });
    for (const step of steps.filter((s) => /index\/mws/.test(s.type))) expect(through(step, account)).toBe(true);
    for (const step of steps.filter((s) => s.type.startsWith("aws:"))) expect(through(step, aws)).toBe(true);
    expect(stepNamed(steps, DB("metastoreAssignment", "MetastoreAssignment"), "prod-mlops-metastore-assignment").inputs).toMatchObject({
      metastoreId: SHARED_METASTORE_ID,
    });
  });

  it("every workspace-level resource goes through the provider built from the new workspace's URL", () => {
    const workspaceProvider = stepNamed(steps, PROVIDER, "prod-mlops-workspace");
    expect(workspaceProvider.inputs.host).toBe("https://prod-mlops.cloud.databricks.com");
    const workspaceLevel = steps.filter((s) => s.custom && s.type.startsWith("databricks:") && !/index\/(mws|metastoreAssignment)/.test(s.type));
    expect(workspaceLevel.length).toBeGreaterThan(10);
    for (const step of workspaceLevel) expect([step.name, through(step, workspaceProvider)]).toEqual([step.name, true]);
  });

  it("the credentials wait for the role's policy and for IAM to propagate it, on the explicit time provider", () => {
    const rolePolicy = stepNamed(steps, "aws:iam/rolePolicy:RolePolicy", "prod-mlops-cross-account");
    const role = stepNamed(steps, "aws:iam/role:Role", "prod-mlops-cross-account");
    const wait = stepNamed(steps, SLEEP, "prod-mlops-iam-propagation");
    expect(wait.inputs).toEqual({ createDuration: "30s", triggers: { roleArn: "arn:aws:iam::123456789012:role/prod-mlops-cross-account", rolePolicyId: "prod-mlops-cross-account-id" } });
    expect(wait.dependencies.sort()).toEqual([role.urn, rolePolicy.urn].sort());
    expect(through(wait, stepNamed(steps, "pulumi:providers:time", "prod-mlops-time"))).toBe(true);
    const credentials = stepNamed(steps, DB("mwsCredentials", "MwsCredentials"), "prod-mlops-credentials");
    // The ARN comes from the role itself (what the pack's workspace-require-own-foundation checks); the order from dependsOn.
    expect(credentials.propertyDependencies.roleArn).toEqual([role.urn]);
    expect(credentials.dependencies).toEqual(expect.arrayContaining([wait.urn, rolePolicy.urn]));
  });

  it("the storage configuration waits for the root bucket's policy, public-access block, ownership and encryption", () => {
    const storage = stepNamed(steps, DB("mwsStorageConfigurations", "MwsStorageConfigurations"), "prod-mlops-storage");
    const settings = steps.filter((s) => s.name === "prod-mlops-root" && s.type.startsWith("aws:s3/bucket") && s.type !== "aws:s3/bucket:Bucket" && s.type !== "aws:s3/bucketVersioning:BucketVersioning");
    expect(settings.map((s) => s.type).sort()).toEqual([
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ]);
    expect(storage.dependencies).toEqual(expect.arrayContaining(settings.map((s) => s.urn)));
    // S3 refuses concurrent conditional changes to a bucket: the policy follows the public-access block.
    const policy = stepNamed(steps, "aws:s3/bucketPolicy:BucketPolicy", "prod-mlops-root");
    expect(policy.dependencies).toContain(stepNamed(steps, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "prod-mlops-root").urn);
  });

  it("each customer-managed key registration waits for the alias it names", () => {
    for (const [registration, alias] of [["prod-mlops-storage-key", "prod-mlops-workspace-storage"], ["prod-mlops-managed-services-key", "prod-mlops-managed-services"]]) {
      const cmk = stepNamed(steps, DB("mwsCustomerManagedKeys", "MwsCustomerManagedKeys"), registration);
      expect(cmk.dependencies).toContain(stepNamed(steps, "aws:kms/alias:Alias", alias).urn);
    }
  });

  it("the workspace provider waits 60 s after the workspace and its metastore assignment; its host is the workspace's URL", () => {
    const wait = stepNamed(steps, SLEEP, "prod-mlops-workspace-ready");
    const assignment = stepNamed(steps, DB("metastoreAssignment", "MetastoreAssignment"), "prod-mlops-metastore-assignment");
    const workspace = stepNamed(steps, DB("mwsWorkspaces", "MwsWorkspaces"), "prod-mlops-workspace");
    expect(wait.inputs).toEqual({
      createDuration: "60s",
      triggers: { workspaceUrl: "https://prod-mlops.cloud.databricks.com", metastoreAssignmentId: "prod-mlops-metastore-assignment-id" },
    });
    expect(wait.dependencies.sort()).toEqual([assignment.urn, workspace.urn].sort());
    const workspaceProvider = stepNamed(steps, PROVIDER, "prod-mlops-workspace");
    expect(workspaceProvider.propertyDependencies.host).toEqual([workspace.urn]);
    expect(workspaceProvider.dependencies).toContain(wait.urn);
  });

  it("the role's policy is the pure builder's, scoped to the VPC and security group the stack creates", () => {
    const policy = stepNamed(steps, "aws:iam/rolePolicy:RolePolicy", "prod-mlops-cross-account");
    expect(JSON.parse(String(policy.inputs.policy))).toEqual(
      crossAccountRolePolicy({ awsAccountId: AWS_ACCOUNT_ID, region: "us-east-1", vpcId: "prod-mlops-vpc-id", securityGroupId: "prod-mlops-workspace-id" }),
    );
  });

  it("the catalog gets no binding of its own (the provider binds it); dev reads through the id in dev's outputs", () => {
    const bindings = stepsOfType(steps, DB("workspaceBinding", "WorkspaceBinding"));
    expect(bindings.map((b) => [b.name, b.inputs.workspaceId, b.inputs.bindingType])).toEqual([
      ["prod-mlops-catalog-binding-dev-read", "1000000000000001", "BINDING_TYPE_READ_ONLY"],
    ]);
  });

  it("legacy access and DBFS are off, tokens expire within 90 days, people and the service principal are assigned", () => {
    expect(stepNamed(steps, DB("disableLegacyAccessSetting", "DisableLegacyAccessSetting"), "prod-mlops-disable-legacy-access").inputs).toEqual({
      disableLegacyAccess: { value: true },
    });
    expect(stepNamed(steps, DB("disableLegacyDbfsSetting", "DisableLegacyDbfsSetting"), "prod-mlops-disable-legacy-dbfs").inputs).toEqual({
      disableLegacyDbfs: { value: true },
    });
    expect(stepNamed(steps, DB("workspaceConf", "WorkspaceConf"), "prod-mlops-workspace-conf").inputs).toEqual({ customConfig: { maxTokenLifetimeDays: "90" } });
    expect(stepsOfType(steps, DB("permissionAssignment", "PermissionAssignment")).map((s) => s.inputs)).toEqual([
      { groupName: "mlops-data-scientists", permissions: ["USER"] },
      { groupName: "mlops-ml-engineers", permissions: ["USER"] },
      // Admin: the stage's service principal deploys the stage; USER would demote it on the next `up`.
      { servicePrincipalName: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e", permissions: ["ADMIN"] },
    ]);
    expect(stepsOfType(steps, DB("group", "Group"))).toEqual([]);
  });
});

describe("create mode with back-end PrivateLink (staging)", () => {
  it("puts both endpoints in the private subnets, registers them, and the network names them", async () => {
    const privateLink = {
      workspaceServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04",
      relayServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-00e4d3b7d9d0f1d52",
    };
    const raw = rawCreated("staging");
    const steps = await recordStage({ ...raw, workspace: { ...(raw.workspace as object), aws: { accountId: AWS_ACCOUNT_ID, region: "us-east-1", privateLink } } }, "staging");
    const workspaceEndpoint = stepNamed(steps, "aws:ec2/vpcEndpoint:VpcEndpoint", "staging-mlops-privatelink-workspace");
    expect(workspaceEndpoint.inputs).toMatchObject({
      serviceName: privateLink.workspaceServiceName,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: ["staging-mlops-private-us-east-1a-id", "staging-mlops-private-us-east-1b-id"],
      securityGroupIds: ["staging-mlops-workspace-id"],
    });
    expect(stepNamed(steps, DB("mwsVpcEndpoint", "MwsVpcEndpoint"), "staging-mlops-privatelink-relay").inputs).toMatchObject({
      awsVpcEndpointId: "staging-mlops-privatelink-relay-id",
      region: "us-east-1",
    });
    expect(stepNamed(steps, DB("mwsNetworks", "MwsNetworks"), "staging-mlops-network").inputs.vpcEndpoints).toEqual({
      restApis: ["vpce-reg-staging-mlops-privatelink-workspace"],
      dataplaneRelays: ["vpce-reg-staging-mlops-privatelink-relay"],
    });
  });

  it("without it, no PrivateLink endpoint is declared and the network names none", async () => {
    const steps = await recordStage(rawCreated("staging"), "staging");
    expect(stepsOfType(steps, DB("mwsVpcEndpoint", "MwsVpcEndpoint"))).toEqual([]);
    expect(stepNamed(steps, DB("mwsNetworks", "MwsNetworks"), "staging-mlops-network").inputs.vpcEndpoints).toBeUndefined();
  });
});

describe("create mode with created groups (dev)", () => {
  it("creates each group in the account, assigns it after, and sets its entitlements in the workspace", async () => {
    const steps = await recordStage({ ...rawCreated("dev"), identities: { createGroups: true, breakGlassAdmins: "mlops-break-glass" } }, "dev");
    const account = stepNamed(steps, PROVIDER, "dev-mlops-account");
    const groups = stepsOfType(steps, DB("group", "Group"));
    expect(groups.map((g) => [g.inputs.displayName, through(g, account)])).toEqual([
      ["mlops-data-scientists", true],
      ["mlops-ml-engineers", true],
      ["mlops-break-glass", true],
    ]);
    const assignment = stepNamed(steps, DB("permissionAssignment", "PermissionAssignment"), "dev-mlops-assignment-break-glass-admins");
    expect(assignment.inputs).toEqual({ groupName: "mlops-break-glass", permissions: ["ADMIN"] });
    expect(assignment.dependencies).toContain(groups[2].urn);
    expect(stepNamed(steps, DB("entitlements", "Entitlements"), "dev-mlops-entitlements-data-scientists").inputs).toEqual({
      groupId: "dev-mlops-group-data-scientists-id",
      workspaceAccess: true,
      workspaceConsume: false,
      databricksSqlAccess: true,
      allowClusterCreate: true,
    });
  });
});

describe("adopt mode (prod)", () => {
  it("declares no AWS or account-level resource; the provider connects to the configured host", async () => {
    const steps = await recordStage(rawProd(), "prod");
    expect(steps.filter(isAccountLevel).map((s) => s.type)).toEqual([]);
    expect(stepsOfType(steps, DB("metastoreAssignment", "MetastoreAssignment"))).toEqual([]);
    expect(stepsOfType(steps, PROVIDER).map((p) => [p.name, p.inputs.host])).toEqual([["prod-mlops-workspace", "https://dbc-prd00001-0003.cloud.databricks.com"]]);
    expect(stepsOfType(steps, DB("workspaceBinding", "WorkspaceBinding")).map((b) => [b.name, b.inputs.workspaceId])).toEqual([
      ["prod-mlops-catalog-binding-own", "1000000000000003"],
      ["prod-mlops-catalog-binding-dev-read", "1000000000000001"],
    ]);
    expect(stepsOfType(steps, DB("disableLegacyAccessSetting", "DisableLegacyAccessSetting"))).toHaveLength(1);
  });

  it("the workspace provider keeps its URN's old parent as an alias, so existing stacks do not replace it", async () => {
    const steps = await recordStage(rawProd(), "prod");
    const provider = stepNamed(steps, PROVIDER, "prod-mlops-workspace");
    expect(provider.parent).toBe(stepNamed(steps, "databricks-mlops:workspace:StageWorkspace", "prod-mlops-stage-workspace").urn);
  });
});
