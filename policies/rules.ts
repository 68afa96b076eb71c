/**
 * Every rule of the pack, in catalogue order. The pack entry (`index.ts`) and the catalogue generator both
 * read this list, so a rule cannot be published without being documented or vice versa.
 */
import type { DocumentedPolicy } from "./lib/rule-documentation";
import { catalogRequireIsolation } from "./rules/catalog-require-isolation";
import { catalogRestrictWorkspaceBindings } from "./rules/catalog-restrict-workspace-bindings";
import { dataRequireDeletionProtection } from "./rules/data-require-deletion-protection";
import { grantsForbidAllPrivileges } from "./rules/grants-forbid-all-privileges";
import { grantsForbidHumanWrite } from "./rules/grants-forbid-human-write";
import { grantsForbidMixedKinds } from "./rules/grants-forbid-mixed-kinds";
import { jobsForbidAllPurposeClusters } from "./rules/jobs-forbid-all-purpose-clusters";
import { jobsForbidPausedRetraining } from "./rules/jobs-forbid-paused-retraining";
import { jobsRequireFailureNotifications } from "./rules/jobs-require-failure-notifications";
import { jobsRequireGitSource } from "./rules/jobs-require-git-source";
import { jobsRequireServicePrincipalRunAs } from "./rules/jobs-require-service-principal-run-as";
import { jobsRequireValidationBeforeDeploy } from "./rules/jobs-require-validation-before-deploy";
import { modelsRequireStageCatalog } from "./rules/models-require-stage-catalog";
import { servingRequireInferenceTables } from "./rules/serving-require-inference-tables";
import { servingRequireRateLimits } from "./rules/serving-require-rate-limits";
import { servingForbidScaleToZero } from "./rules/serving-forbid-scale-to-zero";
import { servingRequireLongTimeouts } from "./rules/serving-require-long-timeouts";
import { monitoringRequireMonitors } from "./rules/monitoring-require-monitors";
import { alertsRequireMonitorAlerts } from "./rules/alerts-require-monitor-alerts";

/** The rules of the databricks-mlops policy pack. */
export const allRules: DocumentedPolicy[] = [
  grantsForbidHumanWrite,
  grantsForbidAllPrivileges,
  grantsForbidMixedKinds,
  dataRequireDeletionProtection,
  catalogRequireIsolation,
  catalogRestrictWorkspaceBindings,
  jobsRequireServicePrincipalRunAs,
  jobsRequireGitSource,
  jobsRequireValidationBeforeDeploy,
  jobsRequireFailureNotifications,
  jobsForbidAllPurposeClusters,
  jobsForbidPausedRetraining,
  modelsRequireStageCatalog,
  servingRequireInferenceTables,
  servingRequireRateLimits,
  servingForbidScaleToZero,
  servingRequireLongTimeouts,
  monitoringRequireMonitors,
  alertsRequireMonitorAlerts,
];
