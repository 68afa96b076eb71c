/**
 * The pack names resource types as strings, so nothing tells it when the provider gains a type. These tests
 * hold its type lists against the @pulumi/databricks version in use: every type with an owner is checked by
 * the access rule, and every resource type is classified as data-holding (protected) or not, by review.
 */
import * as fs from "fs";
import * as path from "path";
import * as databricks from "@pulumi/databricks";
import { DATA_HOLDING_TYPES } from "../../policies/rules/data-require-deletion-protection";
import { OWNED_SECURABLE_TYPES } from "../../policies/lib/resource-types";
import { CREDENTIAL_TYPES, MEMBERSHIP_TYPES } from "../../policies/rules/identities-forbid-escalation";
import { FLAG_TYPES, LIST_TYPES } from "../../policies/rules/identities-restrict-entitlements";
import { LEGACY_ACCESS_TYPES } from "../../policies/rules/data-forbid-legacy-access";
import { PLAIN_AWS_KEY_TYPES } from "../../policies/rules/secrets-forbid-plain-aws-keys";
import { CHECKED_TYPES as ACCESS_RULE_TYPES } from "../../policies/rules/access-restrict-principals";
import { ASSIGNMENT_TYPES } from "../../policies/rules/workspace-restrict-assignments";
import { SECRET_INPUTS } from "../../policies/rules/secrets-require-secret-values";
import { AWS_PROVIDER_TYPE } from "../../policies/rules/aws-require-pinned-provider";
import { CLUSTER_POLICY, GLOBAL_INIT_SCRIPT, INSTANCE_POOL } from "../../policies/lib/resource-types";

/** Reviewed: deleting one of these loses configuration or access, which the stack recreates, but no data. */
const NOT_DATA_HOLDING = `
  AccessControlRuleSet AccountFederationPolicy AccountIamDirectGroupMemberV2 AccountIamGroupV2 AccountIamServicePrincipalV2
  AccountIamUserV2 AccountIamWorkspaceAssignmentV2 AccountNetworkPolicy AccountSettingUserPreferenceV2 AccountSettingV2
  AiGatewayMcpService AiGatewayModelProviderService AiGatewayModelService AiSearchEndpoint
  AibiDashboardEmbeddingAccessPolicySetting AibiDashboardEmbeddingApprovedDomainsSetting Alert AlertV2 App AppSpace
  AppsSettingsCustomTemplate ArtifactAllowlist AutomaticClusterUpdateWorkspaceSetting Budget BudgetPolicy
  CatalogWorkspaceBinding Cluster ClusterPolicy ComplianceSecurityProfileWorkspaceSetting Connection Credential
  CustomAppIntegration Dashboard DataClassificationCatalogConfig DataQualityMonitor DataQualityRefresh
  DefaultNamespaceSetting DisableLegacyAccessSetting DisableLegacyDbfsSetting DisableLegacyFeaturesSetting
  DisasterRecoveryFailoverGroup DisasterRecoveryStableUrl Domain Endpoint EnhancedSecurityMonitoringWorkspaceSetting
  Entitlements EntityTagAssignment EnvironmentsDefaultWorkspaceBaseEnvironment EnvironmentsWorkspaceBaseEnvironment
  ExternalMetadata FeatureEngineeringFeature FeatureEngineeringKafkaConfig GitCredential
  GlobalInitScript Grant Grants Group GroupInstanceProfile GroupMember GroupRole InstancePool InstanceProfile IpAccessList
  Job KnowledgeAssistant KnowledgeAssistantKnowledgeSource LakehouseMonitor Library MaterializedFeaturesFeatureTag
  MetastoreAssignment MetastoreDataAccess MetastoreProvider MlflowWebhook ModelServing ModelServingProvisionedThroughput
  Mount MwsCredentials MwsCustomerManagedKeys MwsLogDelivery MwsNccBinding MwsNccPrivateEndpointRule
  MwsNetworkConnectivityConfig MwsNetworks MwsPermissionAssignment MwsPrivateAccessSettings MwsStorageConfigurations
  MwsVpcEndpoint Notebook NotificationDestination OboToken PermissionAssignment Permissions PolicyInfo PostgresCatalog
  PostgresCdfConfig PostgresDataApi PostgresEndpoint PostgresRole PostgresSnapshotSchedule QualityMonitor
  QualityMonitorV2 Query Recipient Repo RestrictWorkspaceAdminsSetting RfaAccessRequestDestinations Sandbox Secret
  SecretAcl SecretScope SecretUc ServicePrincipal ServicePrincipalFederationPolicy ServicePrincipalRole
  ServicePrincipalSecret Share SqlAlert SqlDashboard SqlEndpoint SqlGlobalConfig SqlPermissions SqlQuery SqlVisualization
  SqlWidget SupervisorAgent SupervisorAgentTool SystemSchema TagPolicy Token User UserInstanceProfile
  UserRole VectorSearchEndpoint WarehousesDefaultWarehouseOverride WorkspaceBinding WorkspaceConf
  WorkspaceEntityTagAssignment WorkspaceFile WorkspaceIamDirectGroupMemberV2 WorkspaceIamGroupV2
  WorkspaceIamServicePrincipalV2 WorkspaceIamUserV2 WorkspaceIamWorkspaceAssignmentV2
  WorkspaceIamWorkspaceIdentityDetailV2 WorkspaceNetworkOption WorkspaceSettingV2
`.split(/\s+/).filter(Boolean);

/** Every resource class of the provider, by class name -> type token. */
function providerResourceTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const [name, value] of Object.entries(databricks as Record<string, unknown>)) {
    const token = typeof value === "function" ? (value as { __pulumiType?: unknown }).__pulumiType : undefined;
    if (typeof token === "string" && token.startsWith("databricks:index/")) types.set(name, token);
  }
  return types;
}

const providerTypes = providerResourceTypes();

/** The Args interface of a provider class, as its declaration file states it. */
function argsOf(className: string): string {
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const text = fs.readFileSync(path.join(packageDir, `${className.charAt(0).toLowerCase()}${className.slice(1)}.d.ts`), "utf8");
  const start = text.indexOf(`export interface ${className}Args {`);
  return start < 0 ? "" : text.slice(start, text.indexOf("\n}\n", start));
}

test("every resource type of the provider is classified, data-holding or not, exactly once", () => {
  const dataHolding = DATA_HOLDING_TYPES.filter((type) => type.startsWith("databricks:"));
  const classified = [...dataHolding, ...NOT_DATA_HOLDING.map((name) => providerTypes.get(name) ?? `unknown class ${name}`)];
  expect(new Set(classified).size).toBe(classified.length);
  expect([...classified].sort()).toEqual([...providerTypes.values()].sort());
});

test("every type with an owner input is checked by the access rule", () => {
  const owned = [...providerTypes.entries()].filter(([name]) => /\n\s+owner\?: pulumi\.Input/.test(argsOf(name))).map(([, token]) => token);
  expect([...OWNED_SECURABLE_TYPES].sort()).toEqual(owned.sort());
});

test("every credential and membership type the escalation rule names is a type of the provider", () => {
  const known = new Set(providerTypes.values());
  for (const type of [...CREDENTIAL_TYPES, ...MEMBERSHIP_TYPES]) expect([type, known.has(type)]).toEqual([type, true]);
});

test("every type the entitlement, legacy-access, access and assignment rules name is a type of the provider", () => {
  const known = new Set(providerTypes.values());
  for (const type of [...FLAG_TYPES, ...LIST_TYPES, ...LEGACY_ACCESS_TYPES, ...ACCESS_RULE_TYPES, ...ASSIGNMENT_TYPES]) expect([type, known.has(type)]).toEqual([type, true]);
});

test("every provider type with a compute-creation entitlement flag or an entitlements list is judged by the entitlement rule", () => {
  const entitling = [...providerTypes.entries()]
    .filter(([name]) => /\n\s+(allowClusterCreate|allowInstancePoolCreate|entitlements)\?: pulumi\.Input/.test(argsOf(name)))
    .map(([, token]) => token);
  expect([...FLAG_TYPES, ...LIST_TYPES].sort()).toEqual(entitling.sort());
});

test("the secret scope fields the access rule reads are the provider's: a SecretAcl's principal, permission and scope, a scope's initialManagePrincipal", () => {
  expect(argsOf("SecretAcl")).toMatch(/\n\s+permission: pulumi\.Input<string>;[\s\S]*\n\s+principal: pulumi\.Input<string>;[\s\S]*\n\s+scope: pulumi\.Input<string>;/);
  expect(argsOf("SecretScope")).toMatch(/\n\s+initialManagePrincipal\?: pulumi\.Input/);
  // Neither a secret nor its scope carries an inline ACL: a scope's ACL is SecretAcl's alone.
  expect(argsOf("Secret")).not.toMatch(/acl|principal|permission/i);
});

test("every provider type that assigns a principal to a workspace is judged by the assignment rule", () => {
  const assigning = [...providerTypes.entries()]
    .filter(([name]) => /(Permission|WorkspaceAssignment)/.test(name) && /\n\s+(principalId|groupName|servicePrincipalName|userName)\??: pulumi\.Input/.test(argsOf(name)))
    .map(([, token]) => token);
  // Entitlements for one user or service principal let it in too (it names the identity by id, not by these fields).
  expect([...ASSIGNMENT_TYPES].sort()).toEqual([...assigning, "databricks:index/entitlements:Entitlements"].sort());
});

test("the instance profile fields the legacy-access rule reads are the provider's, on every cluster a job can declare", () => {
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const inputs = fs.readFileSync(path.join(packageDir, "types", "input.d.ts"), "utf8");
  const fieldsOf = (name: string) => {
    const start = inputs.indexOf(`export interface ${name} {`);
    return start < 0 ? "" : inputs.slice(start, inputs.indexOf("\n}\n", start));
  };
  for (const holder of ["ClusterAwsAttributes", "JobJobClusterNewClusterAwsAttributes", "JobTaskNewClusterAwsAttributes", "JobTaskForEachTaskTaskNewClusterAwsAttributes", "JobNewClusterAwsAttributes"]) {
    expect([holder, /\n\s+instanceProfileArn\?: pulumi\.Input<string/.test(fieldsOf(holder))]).toEqual([holder, true]);
  }
  expect(fieldsOf("JobTaskForEachTask")).toMatch(/\n\s+task: pulumi\.Input<inputs\.JobTaskForEachTaskTask>;/);
  expect(fieldsOf("JobTaskForEachTaskTask")).toMatch(/\n\s+newCluster\?: pulumi\.Input<inputs\.JobTaskForEachTaskTaskNewCluster/);
  expect(argsOf("SqlEndpoint")).toMatch(/\n\s+instanceProfileArn\?: pulumi\.Input<string/);
});

test("every input of the provider that holds Spark configuration or environment variables is one the AWS key rules walk", () => {
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const inputs = fs.readFileSync(path.join(packageDir, "types", "input.d.ts"), "utf8");
  const holders = new Set<string>();
  for (const [, name, body] of inputs.matchAll(/\nexport interface (\w+) \{([\s\S]*?)\n\}/g)) {
    if (!name.startsWith("Get") && /\n\s+(sparkConf|sparkEnvVars|sparkSubmitTask)\?:/.test(body)) holders.add(name);
  }
  // Cluster specifications (spark-settings.ts walks them through clusterSpecsOf and a pipeline's clusters) and spark-submit tasks.
  expect([...holders].sort()).toEqual(
    ["JobJobClusterNewCluster", "JobNewCluster", "JobTask", "JobTaskForEachTaskTask", "JobTaskForEachTaskTaskNewCluster", "JobTaskNewCluster", "PipelineCluster"].sort(),
  );
  const topLevel = [...providerTypes.entries()].filter(([name]) => /\n\s+(sparkConf|sparkEnvVars|sparkSubmitTask)\?: pulumi\.Input/.test(argsOf(name))).map(([name]) => name);
  expect(topLevel.sort()).toEqual(["Cluster", "Job"]);
  // The maps the walk reads besides: a pipeline's configuration, the warehouses' settings, a workspace's configuration.
  expect(argsOf("Pipeline")).toMatch(/\n\s+configuration\?: pulumi\.Input<\{/);
  expect(argsOf("SqlGlobalConfig")).toMatch(/\n\s+dataAccessConfig\?: pulumi\.Input<\{[\s\S]*\n\s+sqlConfigParams\?: pulumi\.Input<\{/);
  expect(argsOf("WorkspaceConf")).toMatch(/\n\s+customConfig\?: pulumi\.Input<\{/);
  const known = new Set(providerTypes.values());
  for (const type of PLAIN_AWS_KEY_TYPES) expect([type, known.has(type)]).toEqual([type, true]);
});

test("the secret-values remediation wraps exactly the inputs the provider's SDK marks secret", () => {
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const marked: string[] = [];
  for (const file of fs.readdirSync(packageDir).filter((f) => f.endsWith(".js"))) {
    const text = fs.readFileSync(path.join(packageDir, file), "utf8");
    const declared = /static __pulumiType = '([^']+)'/.exec(text)?.[1];
    // A provider class declares its package name; the engine types it `pulumi:providers:<package>`.
    const token = declared?.includes(":") ? declared : `pulumi:providers:${declared}`;
    for (const match of text.matchAll(/resourceInputs\["(\w+)"\] = args\?\.\w+ \? pulumi\.secret\(/g)) marked.push(`${token} ${match[1]}`);
  }
  const table = Object.entries(SECRET_INPUTS).flatMap(([type, fields]) => fields.map((field) => `${type} ${field}`));
  expect(marked.length).toBeGreaterThan(0);
  expect([...table].sort()).toEqual(marked.sort());
});

test("the cluster policy, pool, pipeline and policy ACL fields the compute rules read are the provider's", () => {
  expect(argsOf("ClusterPolicy")).toMatch(/\n\s+definition\?: pulumi\.Input<string[\s\S]*\n\s+policyFamilyDefinitionOverrides\?: pulumi\.Input<string[\s\S]*\n\s+policyFamilyId\?: pulumi\.Input<string/);
  expect(argsOf("Permissions")).toMatch(/\n\s+clusterPolicyId\?: pulumi\.Input<string/);
  expect(argsOf("Pipeline")).toMatch(/\n\s+clusters\?: pulumi\.Input<pulumi\.Input<inputs\.PipelineCluster>\[\]/);
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const inputs = fs.readFileSync(path.join(packageDir, "types", "input.d.ts"), "utf8");
  const fieldsOf = (name: string) => {
    const start = inputs.indexOf(`export interface ${name} {`);
    return start < 0 ? "" : inputs.slice(start, inputs.indexOf("\n}\n", start));
  };
  expect(fieldsOf("PipelineCluster")).toMatch(/\n\s+awsAttributes\?: pulumi\.Input<inputs\.PipelineClusterAwsAttributes/);
  for (const holder of ["PipelineClusterAwsAttributes", "InstancePoolAwsAttributes"]) {
    expect([holder, /\n\s+instanceProfileArn\?: pulumi\.Input<string/.test(fieldsOf(holder))]).toEqual([holder, true]);
  }
  expect(argsOf("InstancePool")).toMatch(/\n\s+awsAttributes\?: pulumi\.Input<inputs\.InstancePoolAwsAttributes/);
  expect(providerTypes.get("ClusterPolicy")).toBe(CLUSTER_POLICY);
  expect(providerTypes.get("InstancePool")).toBe(INSTANCE_POOL);
});

test("the cluster policy and global init script fields the code-source rule reads are the provider's", () => {
  expect(argsOf("ClusterPolicy")).toMatch(/\n\s+libraries\?: pulumi\.Input<pulumi\.Input<inputs\.ClusterPolicyLibrary>\[\]/);
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const inputs = fs.readFileSync(path.join(packageDir, "types", "input.d.ts"), "utf8");
  const start = inputs.indexOf("export interface ClusterPolicyLibrary {");
  const library = inputs.slice(start, inputs.indexOf("\n}\n", start));
  // libraryGaps judges every field; these are the ones it knows by name (any other is refused as unjudged).
  const fields = [...library.matchAll(/\n\s+(\w+)\?: pulumi\.Input/g)].map((match) => match[1]).sort();
  expect(fields).toEqual(["cran", "egg", "jar", "maven", "providerConfig", "pypi", "requirements", "whl"]);
  expect(argsOf("GlobalInitScript")).toMatch(/\n\s+contentBase64\?: pulumi\.Input<string[\s\S]*\n\s+name\?: pulumi\.Input<string[\s\S]*\n\s+source\?: pulumi\.Input<string/);
  expect(providerTypes.get("GlobalInitScript")).toBe(GLOBAL_INIT_SCRIPT);
});

test("the AWS provider inputs the pinned-provider rule reads are @pulumi/aws's, and its SDK sends the pin as JSON text", () => {
  const packageDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
  const js = fs.readFileSync(path.join(packageDir, "provider.js"), "utf8");
  expect(js).toContain('resourceInputs["allowedAccountIds"] = pulumi.output(args?.allowedAccountIds).apply(JSON.stringify);');
  expect(js).toContain('resourceInputs["skipRequestingAccountId"] = pulumi.output(args?.skipRequestingAccountId).apply(JSON.stringify);');
  expect(js).toContain("static __pulumiType = 'aws'");
  expect(`pulumi:providers:aws`).toBe(AWS_PROVIDER_TYPE);
});
