/**
 * Every rule of the pack, in catalogue order. The pack entry (`index.ts`) and the catalogue generator both
 * read this list, so a rule cannot be published without being documented or vice versa.
 */
import type { DocumentedPolicy } from "./lib/rule-documentation";
import { withWaivers } from "./lib/with-waivers";
import { accessRestrictPrincipals } from "./rules/access-restrict-principals";
import { resourcesRestrictTypes } from "./rules/resources-restrict-types";
import { awsRequireBucketEncryption } from "./rules/aws-require-bucket-encryption";
import { awsRequireBucketPublicAccessBlock } from "./rules/aws-require-bucket-public-access-block";
import { awsRequireBucketTls } from "./rules/aws-require-bucket-tls";
import { awsRequireKmsRotation } from "./rules/aws-require-kms-rotation";
import { awsRequirePinnedProvider } from "./rules/aws-require-pinned-provider";
import { providersForbidCredentials } from "./rules/providers-forbid-credentials";
import { providersRestrictDatabricksHosts } from "./rules/providers-restrict-databricks-hosts";
import { awsRestrictPolicyDocuments } from "./rules/aws-restrict-policy-documents";
import { awsForbidDuplicateSettings } from "./rules/aws-forbid-duplicate-settings";
import { awsForbidDataExpiry } from "./rules/aws-forbid-data-expiry";
import { awsRequireCredentialExternalIds } from "./rules/aws-require-credential-external-ids";
import { bindingsRestrictWorkspaces } from "./rules/bindings-restrict-workspaces";
import { catalogRequireIsolation } from "./rules/catalog-require-isolation";
import { storageRequireIsolation } from "./rules/storage-require-isolation";
import { catalogRestrictWorkspaceBindings } from "./rules/catalog-restrict-workspace-bindings";
import { clustersRequireAutoTermination } from "./rules/clusters-require-auto-termination";
import { clustersRequireUcAccessMode } from "./rules/clusters-require-uc-access-mode";
import { dataForbidDroppedResources } from "./rules/data-forbid-dropped-resources";
import { dataForbidShadowedPaths } from "./rules/data-forbid-shadowed-paths";
import { dataForbidLegacyAccess } from "./rules/data-forbid-legacy-access";
import { dataRequireDeletionProtection } from "./rules/data-require-deletion-protection";
import { dataRestrictEgress } from "./rules/data-restrict-egress";
import { identitiesForbidEscalation } from "./rules/identities-forbid-escalation";
import { identitiesRestrictEntitlements } from "./rules/identities-restrict-entitlements";
import { identitiesRestrictAwsRoles } from "./rules/identities-restrict-aws-roles";
import { grantsForbidAllPrivileges } from "./rules/grants-forbid-all-privileges";
import { grantsForbidMixedKinds } from "./rules/grants-forbid-mixed-kinds";
import { jobsForbidAllPurposeClusters } from "./rules/jobs-forbid-all-purpose-clusters";
import { jobsForbidPausedRetraining } from "./rules/jobs-forbid-paused-retraining";
import { jobsRequireFailureNotifications } from "./rules/jobs-require-failure-notifications";
import { jobsRequireGitSource } from "./rules/jobs-require-git-source";
import { jobsRequireServicePrincipalRunAs } from "./rules/jobs-require-service-principal-run-as";
import { jobsRequireValidationBeforeDeploy } from "./rules/jobs-require-validation-before-deploy";
import { jobsRestrictRunTargets } from "./rules/jobs-restrict-run-targets";
import { modelsRequireStageCatalog } from "./rules/models-require-stage-catalog";
import { permissionsRequireExplicit } from "./rules/permissions-require-explicit";
import { secretsForbidBroadAccess } from "./rules/secrets-forbid-broad-access";
import { secretsRequireSecretValues } from "./rules/secrets-require-secret-values";
import { secretsForbidPlainAwsKeys } from "./rules/secrets-forbid-plain-aws-keys";
import { tokensRequireLifetime } from "./rules/tokens-require-lifetime";
import { timeRequireBoundedSleeps } from "./rules/time-require-bounded-sleeps";
import { workspaceForbidOpenIpAccessLists } from "./rules/workspace-forbid-open-ip-access-lists";
import { workspaceRequireCustomerManagedKeys } from "./rules/workspace-require-customer-managed-keys";
import { workspaceRequireCustomerManagedNetwork } from "./rules/workspace-require-customer-managed-network";
import { workspaceRequireLegacyDisabled } from "./rules/workspace-require-legacy-disabled";
import { workspaceRequireSharedMetastore } from "./rules/workspace-require-shared-metastore";
import { workspaceRestrictAssignments } from "./rules/workspace-restrict-assignments";
import { workspaceRequireStageNamespace } from "./rules/workspace-require-stage-namespace";
import { workspaceRequireOwnFoundation } from "./rules/workspace-require-own-foundation";
import { workspaceRestrictConf } from "./rules/workspace-restrict-conf";
import { workspaceRestrictPrivateAccess } from "./rules/workspace-restrict-private-access";
import { sourcesForbidUrlCredentials } from "./rules/sources-forbid-url-credentials";
import { servingRequireInferenceTables } from "./rules/serving-require-inference-tables";
import { servingRequireRateLimits } from "./rules/serving-require-rate-limits";
import { servingForbidScaleToZero } from "./rules/serving-forbid-scale-to-zero";
import { servingRequireLongTimeouts } from "./rules/serving-require-long-timeouts";
import { servingRequireSecretCredentials } from "./rules/serving-require-secret-credentials";
import { monitoringRequireMonitors } from "./rules/monitoring-require-monitors";
import { alertsRequireMonitorAlerts } from "./rules/alerts-require-monitor-alerts";
import { alertsRequireSecretDestinations } from "./rules/alerts-require-secret-destinations";
import { alertsRestrictDestinations } from "./rules/alerts-restrict-destinations";
import { networkRestrictVpc } from "./rules/network-restrict-vpc";
import { alertsRestrictDestinationIds } from "./rules/alerts-restrict-destination-ids";
import { clustersRestrictPolicies } from "./rules/clusters-restrict-policies";

/** The rules as written, before waivers are applied; tests of a single rule's logic use the rule objects directly. */
export const unwaivedRules: DocumentedPolicy[] = [
  resourcesRestrictTypes,
  accessRestrictPrincipals,
  bindingsRestrictWorkspaces,
  identitiesForbidEscalation,
  identitiesRestrictEntitlements,
  identitiesRestrictAwsRoles,
  grantsForbidAllPrivileges,
  grantsForbidMixedKinds,
  dataRequireDeletionProtection,
  dataForbidDroppedResources,
  dataForbidShadowedPaths,
  dataForbidLegacyAccess,
  dataRestrictEgress,
  catalogRequireIsolation,
  storageRequireIsolation,
  catalogRestrictWorkspaceBindings,
  jobsRequireServicePrincipalRunAs,
  jobsRequireGitSource,
  sourcesForbidUrlCredentials,
  jobsRequireValidationBeforeDeploy,
  jobsRestrictRunTargets,
  jobsRequireFailureNotifications,
  jobsForbidAllPurposeClusters,
  jobsForbidPausedRetraining,
  modelsRequireStageCatalog,
  workspaceRequireSharedMetastore,
  workspaceRequireCustomerManagedKeys,
  workspaceRequireCustomerManagedNetwork,
  workspaceRequireOwnFoundation,
  workspaceRestrictPrivateAccess,
  workspaceRequireLegacyDisabled,
  workspaceRestrictConf,
  workspaceRequireStageNamespace,
  workspaceRestrictAssignments,
  workspaceForbidOpenIpAccessLists,
  awsRequireBucketEncryption,
  awsRequireBucketPublicAccessBlock,
  awsRequireBucketTls,
  awsRequireKmsRotation,
  awsRestrictPolicyDocuments,
  awsRequireCredentialExternalIds,
  awsForbidDuplicateSettings,
  awsForbidDataExpiry,
  awsRequirePinnedProvider,
  networkRestrictVpc,
  providersForbidCredentials,
  providersRestrictDatabricksHosts,
  secretsForbidBroadAccess,
  secretsRequireSecretValues,
  secretsForbidPlainAwsKeys,
  tokensRequireLifetime,
  timeRequireBoundedSleeps,
  clustersRequireUcAccessMode,
  clustersRequireAutoTermination,
  clustersRestrictPolicies,
  permissionsRequireExplicit,
  servingRequireInferenceTables,
  servingRequireRateLimits,
  servingForbidScaleToZero,
  servingRequireLongTimeouts,
  servingRequireSecretCredentials,
  monitoringRequireMonitors,
  alertsRequireMonitorAlerts,
  alertsRequireSecretDestinations,
  alertsRestrictDestinations,
  alertsRestrictDestinationIds,
];

/** The rules of the databricks-mlops policy pack, each honouring the waivers of its config (lib/with-waivers.ts). */
export const allRules: DocumentedPolicy[] = unwaivedRules.map((rule) => withWaivers(rule));
