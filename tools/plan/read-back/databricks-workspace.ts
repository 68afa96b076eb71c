/**
 * Read-back models of the workspace-level Databricks resources (jobs, MLflow, serving, SQL, permissions,
 * settings), from the Databricks Terraform provider's source. Each entry names the file and function.
 */
import { SERVER_VALUE, type TypeModel } from "./model";
import { computed, forceNew, normalised } from "./fields";
import { accessControlForm, asSet, experimentName, sortBy, withoutTrailingSlash } from "./normalise";

const JOB = "jobs/resource_job.go JobSettingsResource.CustomizeSchema";
const JOB_READ = "jobs/jobs_api_go_sdk.go Read (adjustTasks)";
const EXPERIMENT = "mlflow/resource_mlflow_experiment.go ResourceMlflowExperiment";
const SERVING = "serving/resource_model_serving.go ResourceModelServing";
const PERMISSIONS = "permissions/resource_permissions.go ResourcePermissions";
const ASSIGNMENT = "access/resource_permission_assignment.go ResourcePermissionAssignment (struct tags)";
const WAREHOUSE = "sql/resource_sql_endpoint.go ResourceSqlEndpoint";
const ALERT = "internal/service/sql_tf/model.go AlertV2.ApplySchemaCustomizations";
const DESTINATION = "settings/resource_notification_destination.go NDStruct.CustomizeSchema";
const SETTING = "settings/generic_setting.go workspaceSetting.GetCustomizeSchemaFunc and makeSettingResource";
const CONF = "workspace/resource_workspace_conf.go ResourceWorkspaceConf";
const DIRECTORY = "workspace/resource_directory.go ResourceDirectory";
const GROUP = "scim/resource_group.go ResourceGroup (struct tags and schema)";
const ENTITLEMENTS = "scim/resource_entitlement.go ResourceEntitlements (struct tags)";

/** The tags MLflow adds to every workspace experiment; GetExperiment returns them beside the declared ones. */
export const MLFLOW_SYSTEM_TAGS = ["mlflow.ownerId", "mlflow.experimentType"] as const;

/** The experiment's tags as GetExperiment returns them: the declared ones, then the server's own. */
function experimentTags(declared: unknown): unknown {
  const tags = Array.isArray(declared) ? declared : [];
  return [...tags, ...MLFLOW_SYSTEM_TAGS.map((key) => ({ key, value: SERVER_VALUE }))];
}

const settingFields = [computed("etag", "Computed: each update returns a new etag", SETTING), computed("settingName", "Computed", SETTING)];

export const WORKSPACE_MODELS: TypeModel[] = [
  {
    type: "databricks:index/job:Job",
    source: JOB,
    fields: [
      normalised("tasks", { readBack: sortBy("taskKey") }, "the API returns tasks sorted by task_key; the list is compared in order", JOB_READ),
      normalised("tasks[].dependsOns", { readBack: sortBy("taskKey") }, "depends_on comes back sorted by task_key", JOB_READ),
      computed("runAs", "Computed: Read fills it from run_as_user_name", `${JOB} and ${JOB_READ}`),
      ...["format", "tasks[].retryOnTimeout"].map((f) => computed(f, "Computed", JOB)),
      ...["emailNotifications", "webhookNotifications", "queue", "tasks[].emailNotifications", "tasks[].webhookNotifications", "tasks[].notebookTask.source"].map((f) =>
        computed(f, "SetSuppressDiff: absent input does not diff", JOB),
      ),
      computed("tasks[].runIf", "SetSuppressDiffWithDefault(ALL_SUCCESS)", JOB),
      ...["schedule.pauseStatus", "trigger.pauseStatus", "continuous.pauseStatus", "maxConcurrentRuns", "name"].map((f) => computed(f, "schema default", JOB)),
    ],
  },
  {
    type: "databricks:index/mlflowExperiment:MlflowExperiment",
    source: EXPERIMENT,
    fields: [
      {
        path: "tags",
        computed: true,
        neverUpdated: true,
        readBack: experimentTags,
        behaviour: `Computed; GetExperiment returns the server's tags (${MLFLOW_SYSTEM_TAGS.join(", ")}) beside the declared ones, and Update sends only NewName`,
        source: `${EXPERIMENT} (Update) and MLflow's system tags`,
      },
      normalised("name", { compareAs: experimentName }, "a /Workspace prefix or trailing slash does not diff (experimentNameSuppressDiff)", EXPERIMENT),
      { ...computed("artifactLocation", "Computed, suppress_diff; a change replaces", EXPERIMENT), forceNew: true },
      ...["creationTime", "experimentId", "lastUpdateTime", "lifecycleStage"].map((f) => computed(f, "Computed", EXPERIMENT)),
      forceNew("traceLocation", EXPERIMENT),
    ],
  },
  {
    type: "databricks:index/modelServing:ModelServing",
    source: SERVING,
    fields: [
      forceNew("name", SERVING),
      forceNew("routeOptimized", SERVING),
      computed("config", "Computed: an endpoint declared without config keeps the config it has (the deployment task's)", SERVING),
      computed("config.trafficConfig", "Computed", SERVING),
      computed("config.servedEntities[].name", "Computed: the server names an unnamed entity", SERVING),
      computed("config.servedEntities[].workloadType", "Computed", SERVING),
      normalised("tags", { compareAs: asSet() }, "a set: order does not diff", SERVING),
      {
        path: "description",
        neverUpdated: true,
        behaviour: "Update sends only config, tags and ai_gateway",
        source: `${SERVING} (Update)`,
      },
      ...["servingEndpointId", "endpointUrl"].map((f) => computed(f, "Computed", SERVING)),
    ],
  },
  {
    type: "databricks:index/permissions:Permissions",
    source: PERMISSIONS,
    fields: [
      normalised(
        "accessControls",
        { compareAs: asSet(accessControlForm) },
        "a set hashed with user and service principal names in lower case (group names keep their case)",
        PERMISSIONS,
      ),
      ...["sqlEndpointId", "jobId", "servingEndpointId", "experimentId", "registeredModelId", "directoryPath", "notebookPath", "clusterId", "warehouseId"].map((f) =>
        forceNew(f, PERMISSIONS),
      ),
    ],
  },
  {
    type: "databricks:index/permissionAssignment:PermissionAssignment",
    source: ASSIGNMENT,
    fields: [
      normalised("permissions", { compareAs: asSet() }, "slice_as_set: order does not diff", ASSIGNMENT),
      ...["principalId", "servicePrincipalName", "userName", "groupName"].map((f) => ({ ...computed(f, "tf:\"computed,force_new\"", ASSIGNMENT), forceNew: true })),
      computed("displayName", "tf:\"computed\"", ASSIGNMENT),
    ],
  },
  {
    // Created on the account provider by `identities.createGroups`; its entitlements are set per workspace by Entitlements.
    type: "databricks:index/group:Group",
    source: GROUP,
    fields: [
      computed("url", "tf:\"computed\"", GROUP),
      computed("aclPrincipalId", "Optional + Computed", GROUP),
      { ...computed("externalId", "tf:\"force_new,suppress_diff\"", GROUP), forceNew: true },
    ],
  },
  {
    type: "databricks:index/entitlements:Entitlements",
    source: ENTITLEMENTS,
    fields: ["groupId", "userId", "servicePrincipalId"].map((f) => forceNew(f, ENTITLEMENTS)),
  },
  {
    type: "databricks:index/sqlEndpoint:SqlEndpoint",
    source: WAREHOUSE,
    fields: [
      ...["autoStopMins", "enablePhoton", "maxNumClusters", "spotInstancePolicy", "noWait"].map((f) => computed(f, "schema default", WAREHOUSE)),
      ...["channel", "minNumClusters", "tags", "warehouseType"].map((f) => computed(f, "SetSuppressDiff: absent input does not diff", WAREHOUSE)),
      ...["enableServerlessCompute", "dataSourceId"].map((f) => computed(f, "Computed", WAREHOUSE)),
    ],
  },
  {
    type: "databricks:index/alertV2:AlertV2",
    source: ALERT,
    fields: ["createTime", "effectiveRunAs", "lifecycleState", "ownerUserName", "updateTime"].map((f) => computed(f, "Computed", ALERT)),
  },
  {
    type: "databricks:index/notificationDestination:NotificationDestination",
    source: DESTINATION,
    fields: [
      computed("destinationType", "Computed", DESTINATION),
      ...["config.email", "config.slack", "config.pagerduty", "config.microsoftTeams", "config.genericWebhook"].map((f) => forceNew(f, DESTINATION)),
    ],
  },
  { type: "databricks:index/disableLegacyAccessSetting:DisableLegacyAccessSetting", source: SETTING, fields: settingFields },
  { type: "databricks:index/disableLegacyDbfsSetting:DisableLegacyDbfsSetting", source: SETTING, fields: settingFields },
  { type: "databricks:index/defaultNamespaceSetting:DefaultNamespaceSetting", source: SETTING, fields: settingFields },
  // Stored as declared: Read returns the keys the config names, with the values the server holds.
  { type: "databricks:index/workspaceConf:WorkspaceConf", source: CONF, fields: [] },
  {
    type: "databricks:index/directory:Directory",
    source: DIRECTORY,
    fields: [
      normalised("path", { compareAs: withoutTrailingSlash, forceNew: true }, "a trailing slash does not diff (directoryPathSuppressDiff); a change replaces", DIRECTORY),
      ...["objectId", "workspacePath"].map((f) => computed(f, "Computed", DIRECTORY)),
      computed("deleteRecursive", "schema default false", DIRECTORY),
    ],
  },
];
