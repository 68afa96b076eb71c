/** Read-back models of the account-level (MWS) Databricks resources, from the provider's mws/ sources. */
import type { TypeModel } from "./model";
import { computed, forceNew, normalised } from "./fields";
import { asSet, lowerCase } from "./normalise";

const CREDENTIALS = "mws/resource_mws_credentials.go ResourceMwsCredentials (struct tags)";
const KEYS = "mws/resource_mws_customer_managed_keys.go ResourceMwsCustomerManagedKeys (struct tags)";
const NETWORKS = "mws/mws.go Network (struct tags) and mws/resource_mws_networks.go ResourceMwsNetworks";
const PAS = "mws/resource_mws_private_access_settings.go ResourceMwsPrivateAccessSettings";
const STORAGE = "mws/resource_mws_storage_configurations.go ResourceMwsStorageConfigurations";
const WORKSPACES = "mws/resource_mws_workspaces.go ResourceMwsWorkspaces (every non-computed field force-new but workspaceRunningUpdatesAllowed)";

export const ACCOUNT_MODELS: TypeModel[] = [
  {
    type: "databricks:index/mwsCredentials:MwsCredentials",
    source: CREDENTIALS,
    fields: [
      { ...computed("accountId", "force_new, suppress_diff", CREDENTIALS), forceNew: true },
      forceNew("credentialsName", CREDENTIALS),
      forceNew("roleArn", CREDENTIALS),
      ...["creationTime", "credentialsId", "externalId"].map((f) => computed(f, "Computed", CREDENTIALS)),
    ],
  },
  {
    type: "databricks:index/mwsCustomerManagedKeys:MwsCustomerManagedKeys",
    source: KEYS,
    fields: [
      forceNew("accountId", KEYS),
      forceNew("awsKeyInfo", KEYS),
      computed("awsKeyInfo.keyRegion", "Computed", KEYS),
      ...["customerManagedKeyId", "creationTime"].map((f) => computed(f, "Computed", KEYS)),
    ],
  },
  {
    type: "databricks:index/mwsNetworks:MwsNetworks",
    source: NETWORKS,
    fields: [
      ...["accountId", "networkName", "vpcId"].map((f) => forceNew(f, NETWORKS)),
      ...["subnetIds", "securityGroupIds"].map((f) => normalised(f, { compareAs: asSet(), forceNew: true }, "slice_set: order does not diff; a change replaces", NETWORKS)),
      { ...computed("vpcEndpoints", "Computed, force_new", NETWORKS), forceNew: true },
      ...["networkId", "vpcStatus", "errorMessages", "workspaceId", "creationTime"].map((f) => computed(f, "Computed", NETWORKS)),
    ],
  },
  {
    type: "databricks:index/mwsPrivateAccessSettings:MwsPrivateAccessSettings",
    source: PAS,
    fields: [computed("privateAccessSettingsId", "Computed", PAS), computed("privateAccessLevel", "schema default ACCOUNT", PAS)],
  },
  {
    type: "databricks:index/mwsStorageConfigurations:MwsStorageConfigurations",
    source: STORAGE,
    fields: [forceNew("roleArn", STORAGE), ...["creationTime", "storageConfigurationId"].map((f) => computed(f, "Computed", STORAGE))],
  },
  {
    type: "databricks:index/mwsWorkspaces:MwsWorkspaces",
    source: WORKSPACES,
    fields: [
      ...["accountId", "workspaceName", "awsRegion", "storageConfigurationId", "deploymentName", "location", "computeMode"].map((f) => forceNew(f, WORKSPACES)),
      normalised("pricingTier", { compareAs: lowerCase, computed: true }, "Computed, compared case-insensitively", WORKSPACES),
      computed("networkId", "suppress_diff", WORKSPACES),
      computed("isNoPublicIpEnabled", "default true, and its diff is suppressed after create (not in the GET payload)", WORKSPACES),
      ...["workspaceId", "workspaceUrl", "workspaceStatus", "workspaceStatusMessage", "creationTime", "cloud", "effectiveComputeMode", "networkConnectivityConfigId"].map(
        (f) => computed(f, "Computed", WORKSPACES),
      ),
    ],
  },
];
