/**
 * A workspace the stack creates: the AWS foundation, its registration with the Databricks account
 * (credentials, storage configuration, PrivateLink endpoints if any, network, customer-managed keys, private
 * access settings), the
 * workspace itself and its metastore assignment. Account-level resources use an account provider whose
 * credentials come from the environment; AWS resources an AWS provider pinned to the configured account.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as time from "@pulumiverse/time";
import { assertValidArgs } from "../args-error";
import type { AddIssue } from "../config-fields";
import { isApplicationId } from "../principals";
import { stageAwsProvider } from "../providers";
import type { Stage } from "../stages";
import { AwsFoundation, checkAwsFoundationArgs } from "./aws-foundation";
import type { CreatedWorkspaceConfig } from "./config";
import { awsName, workspaceName } from "./names";
import { dataProtection } from "../resource-options";

/** The Databricks account console of AWS commercial regions. */
export const ACCOUNT_HOST = "https://accounts.cloud.databricks.com";

/**
 * How long the credentials wait after the cross-account role's policy is attached. IAM is eventually
 * consistent and Databricks validates the role's permissions when the workspace is created; the provider does
 * not retry (mws/resource_mws_credentials.go `Create` calls `Credentials.Create` once), so its AWS workspace
 * guide (docs/guides/aws-workspace.md, "IAM policy error") and the Security Reference Architecture wait
 * (SRA: 30 s before the credentials).
 */
export const IAM_PROPAGATION_WAIT = "30s";

/**
 * How long workspace-level resources wait after the workspace is running and assigned to the metastore. The
 * provider's create already waits for RUNNING and DNS (mws/resource_mws_workspaces.go `WaitForExpectedStatus`,
 * `verifyWorkspaceReachable`); the Security Reference Architecture still waits 60 s, because settings applied at
 * once "can intermittently fail to find the workspace".
 */
export const WORKSPACE_SETTLE_WAIT = "60s";

/** Inputs of a `CreatedWorkspace`. */
export interface CreatedWorkspaceArgs {
  /** The stage; in the physical names (workspace, account registrations, AWS names) and the tags. */
  stage: Stage;
  /** Short ML project name, in the physical names and the tags. */
  mlProject: string;
  /** The `workspace` section in create mode (see `resolveWorkspace` for its defaults). */
  config: CreatedWorkspaceConfig;
  /** Protect the workspace, bucket and keys against deletion. Default false. */
  protectData?: boolean;
}

/**
 * What a `CreatedWorkspace` refuses before it registers anything: a config that is not create mode, a metastore
 * id that is not a UUID, and what its `AwsFoundation` refuses (under `config`, as the stack file names them).
 */
export function checkCreatedWorkspaceArgs(args: CreatedWorkspaceArgs, addIssue: AddIssue): void {
  if (args.config?.mode !== "create") return addIssue(["config", "mode"], "\"create\": a CreatedWorkspace creates its workspace");
  if (typeof args.config.metastoreId !== "string" || !isApplicationId(args.config.metastoreId)) {
    addIssue(["config", "metastoreId"], "the id of the Unity Catalog metastore every stage is assigned to, a UUID");
  }
  checkAwsFoundationArgs({ stage: args.stage, mlProject: args.mlProject, databricksAccountId: args.config.databricksAccountId, aws: args.config.aws }, (path, reason) =>
    addIssue(path[0] === "stage" || path[0] === "mlProject" ? path : ["config", ...path], reason),
  );
}

/**
 * A new E2 workspace on a customer-managed VPC with customer-managed keys, assigned to the shared metastore. Its
 * children are named from its own name: `<name>-aws`, `<name>-account` and `<name>-time` (providers), the
 * `AwsFoundation` `<name>`, and `<name>-<purpose>` (`<name>-credentials`, `<name>-workspace`, ...); the names
 * Databricks and AWS show come from `stage` and `mlProject`. Bad args throw a `ComponentArgsError`.
 */
export class CreatedWorkspace extends pulumi.ComponentResource {
  /** The account-level Databricks provider (MWS resources, account groups). */
  readonly accountProvider: databricks.Provider;
  /** The AWS provider of the stage's account and region (refuses credentials of any other account). */
  readonly awsProvider: AwsProvider;
  /** The new workspace's numeric id. */
  readonly workspaceId: pulumi.Output<string>;
  /** The new workspace's URL. */
  readonly workspaceUrl: pulumi.Output<string>;
  /**
   * Done once the workspace can take workspace-level calls: assigned to the metastore (Unity Catalog, and the
   * identity federation that permission assignments need) and settled. The workspace provider depends on it, so
   * every workspace-level resource waits for both.
   */
  readonly workspaceReady: time.Sleep;
  /** The workspace resource (protected and retained when `protectData` is set). */
  readonly workspace: databricks.MwsWorkspaces;
  /** The assignment of the shared metastore to the workspace. */
  readonly metastoreAssignment: databricks.MetastoreAssignment;
  /** The provider of the stage's waits (`time` package); the catalog storage's IAM wait uses it too. */
  readonly timeProvider: time.Provider;

  constructor(name: string, args: CreatedWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("CreatedWorkspace", name, (addIssue) => checkCreatedWorkspaceArgs(args, addIssue));
    super("databricks-mlops:workspace:CreatedWorkspace", name, {}, opts);
    const { stage, mlProject, config } = args;
    // Pulumi names come from the component's name; what the account console shows from stage and project.
    const named = (purpose: string) => `${name}-${purpose}`;
    const physical = (purpose: string) => awsName(stage, mlProject, purpose);
    const protectData = args.protectData ?? false;
    const accountId = config.databricksAccountId;

    const awsProvider = stageAwsProvider(named("aws"), config.aws, { parent: this });
    this.awsProvider = awsProvider;
    this.accountProvider = new databricks.Provider(named("account"), { host: ACCOUNT_HOST, accountId }, { parent: this });
    const account: pulumi.CustomResourceOptions = { parent: this, provider: this.accountProvider };
    // The waits below are resources of the `time` package; its provider is explicit like every other.
    const timeProvider = new time.Provider(named("time"), {}, { parent: this });
    this.timeProvider = timeProvider;
    const waits: pulumi.CustomResourceOptions = { parent: this, provider: timeProvider };

    // Named like this component (another type, so another URN), so its children are `<name>-vpc`, ...; the alias
    // keeps the name it was first deployed with.
    const foundation = new AwsFoundation(
      name,
      { stage, mlProject, databricksAccountId: accountId, aws: config.aws, protectData },
      { parent: this, providers: [awsProvider], aliases: [{ name: named("aws-foundation") }] },
    );

    // The wait starts once the role and its policy exist (its triggers name both, so a new role or policy waits
    // again); the credentials take the ARN from the role itself and start only after the wait.
    const iamPropagated = new time.Sleep(
      named("iam-propagation"),
      { createDuration: IAM_PROPAGATION_WAIT, triggers: { roleArn: foundation.crossAccountRoleArn, rolePolicyId: foundation.crossAccountRolePolicy.id } },
      waits,
    );
    const credentials = new databricks.MwsCredentials(
      named("credentials"),
      { credentialsName: physical("credentials"), roleArn: foundation.crossAccountRoleArn },
      { ...account, dependsOn: [foundation.crossAccountRolePolicy, iamPropagated] },
    );
    const storage = new databricks.MwsStorageConfigurations(
      named("storage"),
      { accountId, storageConfigurationName: physical("storage"), bucketName: foundation.rootBucketName },
      { ...account, dependsOn: foundation.rootBucketSettings },
    );
    // PrivateLink endpoints are registered with the account before the network that names them.
    const endpoints = foundation.privateLinkEndpointIds && {
      workspace: new databricks.MwsVpcEndpoint(
        named("privatelink-workspace"),
        { accountId, vpcEndpointName: physical("privatelink-workspace"), awsVpcEndpointId: foundation.privateLinkEndpointIds.workspace, region: config.aws.region },
        account,
      ),
      relay: new databricks.MwsVpcEndpoint(
        named("privatelink-relay"),
        { accountId, vpcEndpointName: physical("privatelink-relay"), awsVpcEndpointId: foundation.privateLinkEndpointIds.relay, region: config.aws.region },
        account,
      ),
    };
    const network = new databricks.MwsNetworks(
      named("network"),
      {
        accountId,
        networkName: physical("network"),
        vpcId: foundation.vpcId,
        subnetIds: foundation.privateSubnetIds,
        securityGroupIds: [foundation.securityGroupId],
        vpcEndpoints: endpoints && { restApis: [endpoints.workspace.vpcEndpointId], dataplaneRelays: [endpoints.relay.vpcEndpointId] },
      },
      account,
    );
    // ACCOUNT: only VPC endpoints registered in this Databricks account may reach the workspace privately.
    const privateAccess = new databricks.MwsPrivateAccessSettings(
      named("private-access"),
      { privateAccessSettingsName: physical("private-access"), region: config.aws.region, publicAccessEnabled: true, privateAccessLevel: "ACCOUNT" },
      account,
    );
    const keys = foundation.keys && {
      storage: new databricks.MwsCustomerManagedKeys(
        named("storage-key"),
        { accountId, useCases: ["STORAGE"], awsKeyInfo: { keyArn: foundation.keys.storage.arn, keyAlias: foundation.keys.storage.alias } },
        // The alias is passed by name, so the registration waits for the alias to exist.
        { ...account, dependsOn: [foundation.keys.storage.aliasResource] },
      ),
      managedServices: new databricks.MwsCustomerManagedKeys(
        named("managed-services-key"),
        {
          accountId,
          useCases: ["MANAGED_SERVICES"],
          awsKeyInfo: { keyArn: foundation.keys.managedServices.arn, keyAlias: foundation.keys.managedServices.alias },
        },
        { ...account, dependsOn: [foundation.keys.managedServices.aliasResource] },
      ),
    };

    this.workspace = new databricks.MwsWorkspaces(
      named("workspace"),
      {
        accountId,
        workspaceName: workspaceName(stage, mlProject),
        awsRegion: config.aws.region,
        pricingTier: "ENTERPRISE",
        credentialsId: credentials.credentialsId,
        storageConfigurationId: storage.storageConfigurationId,
        networkId: network.networkId,
        privateAccessSettingsId: privateAccess.privateAccessSettingsId,
        storageCustomerManagedKeyId: keys?.storage.customerManagedKeyId,
        managedServicesCustomerManagedKeyId: keys?.managedServices.customerManagedKeyId,
        customTags: { "mlops:stage": stage, "mlops:project": mlProject },
      },
      { ...account, ...dataProtection(protectData) },
    );
    this.workspaceId = this.workspace.workspaceId;
    this.workspaceUrl = this.workspace.workspaceUrl;

    this.metastoreAssignment = new databricks.MetastoreAssignment(
      named("metastore-assignment"),
      { metastoreId: config.metastoreId, workspaceId: this.workspaceId },
      account,
    );

    // Catalogs need an assigned metastore (catalog/resource_catalog.go `Create`, then `Metastores.Current` in
    // catalog/bindings/bindings.go), and workspace permission assignments the identity federation it turns on; the
    // Security Reference Architecture orders both after the assignment and waits for the workspace to settle.
    this.workspaceReady = new time.Sleep(
      named("workspace-ready"),
      { createDuration: WORKSPACE_SETTLE_WAIT, triggers: { workspaceUrl: this.workspaceUrl, metastoreAssignmentId: this.metastoreAssignment.id } },
      waits,
    );

    this.registerOutputs({ workspaceId: this.workspaceId, workspaceUrl: this.workspaceUrl });
  }
}
