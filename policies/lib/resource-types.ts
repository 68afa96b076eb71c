/**
 * Type tokens of the resources the rules look at. The pack matches by token string instead of importing
 * `@pulumi/databricks`, so it stays self-contained and loads fast.
 */
const databricks = (module: string, className: string) => `databricks:index/${module}:${className}`;

// Unity Catalog securables.
export const METASTORE = databricks("metastore", "Metastore");
export const METASTORE_DATA_ACCESS = databricks("metastoreDataAccess", "MetastoreDataAccess");
export const CATALOG = databricks("catalog", "Catalog");
export const SCHEMA = databricks("schema", "Schema");
export const VOLUME = databricks("volume", "Volume");
export const REGISTERED_MODEL = databricks("registeredModel", "RegisteredModel");
export const SQL_TABLE = databricks("sqlTable", "SqlTable");
/** The `table` resource of the provider (deprecated, still accepted by 1.110). */
export const TABLE = databricks("table", "Table");
export const EXTERNAL_LOCATION = databricks("externalLocation", "ExternalLocation");
export const STORAGE_CREDENTIAL = databricks("storageCredential", "StorageCredential");
export const CREDENTIAL = databricks("credential", "Credential");
export const CONNECTION = databricks("connection", "Connection");
export const EXTERNAL_METADATA = databricks("externalMetadata", "ExternalMetadata");
export const SHARE = databricks("share", "Share");
export const RECIPIENT = databricks("recipient", "Recipient");
/** A Delta Sharing provider: shares of another organisation brought into the metastore. */
export const METASTORE_PROVIDER = databricks("metastoreProvider", "MetastoreProvider");
export const SECRET_UC = databricks("secretUc", "SecretUc");

// Other resources that hold data, models or the containers of both.
export const MLFLOW_EXPERIMENT = databricks("mlflowExperiment", "MlflowExperiment");
export const MLFLOW_MODEL = databricks("mlflowModel", "MlflowModel");
export const ONLINE_TABLE = databricks("onlineTable", "OnlineTable");
export const ONLINE_STORE = databricks("onlineStore", "OnlineStore");
export const VECTOR_SEARCH_INDEX = databricks("vectorSearchIndex", "VectorSearchIndex");
export const AI_SEARCH_INDEX = databricks("aiSearchIndex", "AiSearchIndex");
/** A Lakeflow declarative pipeline: deleting it drops the tables it manages. */
export const PIPELINE = databricks("pipeline", "Pipeline");
export const MATERIALIZED_FEATURE = databricks("featureEngineeringMaterializedFeature", "FeatureEngineeringMaterializedFeature");
/** A workspace folder; MLflow experiments (and notebooks) live in it, and `deleteRecursive` deletes them with it. */
export const DIRECTORY = databricks("directory", "Directory");
/** A file in a volume or the workspace, uploaded by the stack. */
export const FILE = databricks("file", "File");
export const DATABASE_INSTANCE = databricks("databaseInstance", "DatabaseInstance");
export const DATABASE_DATABASE_CATALOG = databricks("databaseDatabaseCatalog", "DatabaseDatabaseCatalog");
export const DATABASE_SYNCED_TABLE = databricks("databaseSyncedDatabaseTable", "DatabaseSyncedDatabaseTable");
export const POSTGRES_PROJECT = databricks("postgresProject", "PostgresProject");
export const POSTGRES_BRANCH = databricks("postgresBranch", "PostgresBranch");
export const POSTGRES_DATABASE = databricks("postgresDatabase", "PostgresDatabase");
export const POSTGRES_SYNCED_TABLE = databricks("postgresSyncedTable", "PostgresSyncedTable");
export const DBFS_FILE = databricks("dbfsFile", "DbfsFile");
export const MWS_WORKSPACES = databricks("mwsWorkspaces", "MwsWorkspaces");
export const AWS_S3_BUCKET = "aws:s3/bucket:Bucket";
export const AWS_S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const AWS_KMS_KEY = "aws:kms/key:Key";
export const AWS_DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const AWS_S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const AWS_S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";

// Workspace access control lists (jobs, experiments, endpoints, notebooks, ...).
export const PERMISSIONS = databricks("permissions", "Permissions");

// Identities: ways to act as a service principal.
export const ACCESS_CONTROL_RULE_SET = databricks("accessControlRuleSet", "AccessControlRuleSet");
export const OBO_TOKEN = databricks("oboToken", "OboToken");

// A workspace's AWS foundation and its registration with the Databricks account.
export const AWS_S3_BUCKET_SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const AWS_S3_BUCKET_SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const AWS_S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const AWS_IAM_ROLE = "aws:iam/role:Role";
export const MWS_PRIVATE_ACCESS_SETTINGS = databricks("mwsPrivateAccessSettings", "MwsPrivateAccessSettings");
export const METASTORE_ASSIGNMENT = databricks("metastoreAssignment", "MetastoreAssignment");
export const PERMISSION_ASSIGNMENT = databricks("permissionAssignment", "PermissionAssignment");
export const MWS_PERMISSION_ASSIGNMENT = databricks("mwsPermissionAssignment", "MwsPermissionAssignment");

// Workspace settings, tokens and compute.
export const DEFAULT_NAMESPACE_SETTING = databricks("defaultNamespaceSetting", "DefaultNamespaceSetting");
export const WORKSPACE_CONF = databricks("workspaceConf", "WorkspaceConf");
export const DISABLE_LEGACY_ACCESS_SETTING = databricks("disableLegacyAccessSetting", "DisableLegacyAccessSetting");
export const DISABLE_LEGACY_DBFS_SETTING = databricks("disableLegacyDbfsSetting", "DisableLegacyDbfsSetting");
export const IP_ACCESS_LIST = databricks("ipAccessList", "IpAccessList");
export const TOKEN = databricks("token", "Token");
export const MODEL_SERVING = databricks("modelServing", "ModelServing");
/** An AI gateway service holding an outside model provider's address and credential. */
export const AI_GATEWAY_MODEL_PROVIDER_SERVICE = databricks("aiGatewayModelProviderService", "AiGatewayModelProviderService");
/** An AI gateway service routing requests (primary and fallback) to models, outside ones through a provider service. */
export const AI_GATEWAY_MODEL_SERVICE = databricks("aiGatewayModelService", "AiGatewayModelService");
/** The provider resource of @pulumi/databricks (workspace- or account-level, by its inputs). */
export const DATABRICKS_PROVIDER = "pulumi:providers:databricks";

// Grants and bindings.
export const GRANTS = databricks("grants", "Grants");
export const GRANT = databricks("grant", "Grant");
export const WORKSPACE_BINDING = databricks("workspaceBinding", "WorkspaceBinding");
/** Deprecated predecessor of WorkspaceBinding with the same fields; still bound by the same rules. */
export const CATALOG_WORKSPACE_BINDING = databricks("catalogWorkspaceBinding", "CatalogWorkspaceBinding");

/**
 * Every resource type of @pulumi/databricks 1.110 with an `owner` input. An owner holds every privilege on
 * what it owns, so ownership is write power: the access rule checks it on each of these.
 */
export const OWNED_SECURABLE_TYPES: readonly string[] = [
  METASTORE,
  METASTORE_DATA_ACCESS,
  CATALOG,
  SCHEMA,
  VOLUME,
  REGISTERED_MODEL,
  SQL_TABLE,
  TABLE,
  EXTERNAL_LOCATION,
  STORAGE_CREDENTIAL,
  CREDENTIAL,
  CONNECTION,
  EXTERNAL_METADATA,
  SHARE,
  RECIPIENT,
  SECRET_UC,
];

/** The class name at the end of a type token: `databricks:index/catalog:Catalog` -> `Catalog`. */
export function typeDisplayName(typeToken: string): string {
  const parts = typeToken.split(":");
  return parts[parts.length - 1] || typeToken;
}
export const JOB = "databricks:index/job:Job";
/** An all-purpose (interactive) cluster. */
export const CLUSTER = "databricks:index/cluster:Cluster";
/** A Lakehouse monitor on a table. */
export const QUALITY_MONITOR = "databricks:index/qualityMonitor:QualityMonitor";
/** Where alerts send notifications (e-mail, Slack, webhooks, PagerDuty, Teams). */
export const NOTIFICATION_DESTINATION = "databricks:index/notificationDestination:NotificationDestination";
/** A self-scheduled SQL alert. */
export const ALERT_V2 = "databricks:index/alertV2:AlertV2";

// Credentials that act as an identity, and trust in outside issuers.
export const SERVICE_PRINCIPAL_SECRET = databricks("servicePrincipalSecret", "ServicePrincipalSecret");
export const SERVICE_PRINCIPAL_FEDERATION_POLICY = databricks("servicePrincipalFederationPolicy", "ServicePrincipalFederationPolicy");
export const ACCOUNT_FEDERATION_POLICY = databricks("accountFederationPolicy", "AccountFederationPolicy");

// Group membership and roles of identities.
export const GROUP_MEMBER = databricks("groupMember", "GroupMember");
export const ACCOUNT_IAM_DIRECT_GROUP_MEMBER = databricks("accountIamDirectGroupMemberV2", "AccountIamDirectGroupMemberV2");
export const WORKSPACE_IAM_DIRECT_GROUP_MEMBER = databricks("workspaceIamDirectGroupMemberV2", "WorkspaceIamDirectGroupMemberV2");
export const GROUP_ROLE = databricks("groupRole", "GroupRole");
export const USER_ROLE = databricks("userRole", "UserRole");
export const SERVICE_PRINCIPAL_ROLE = databricks("servicePrincipalRole", "ServicePrincipalRole");

// Secret scopes of the workspace and their access control lists.
export const SECRET_SCOPE = databricks("secretScope", "SecretScope");
export const SECRET_ACL = databricks("secretAcl", "SecretAcl");

// A Git personal access token stored in the workspace for an identity.
export const GIT_CREDENTIAL = databricks("gitCredential", "GitCredential");

// Instance profiles (AWS roles) given to a group or user: the legacy twins of GroupRole and UserRole.
export const GROUP_INSTANCE_PROFILE = databricks("groupInstanceProfile", "GroupInstanceProfile");
export const USER_INSTANCE_PROFILE = databricks("userInstanceProfile", "UserInstanceProfile");

// Identities and their workspace entitlements.
export const ENTITLEMENTS = databricks("entitlements", "Entitlements");
export const USER = databricks("user", "User");
export const SERVICE_PRINCIPAL = databricks("servicePrincipal", "ServicePrincipal");
export const GROUP = databricks("group", "Group");
export const ACCOUNT_IAM_USER = databricks("accountIamUserV2", "AccountIamUserV2");
export const ACCOUNT_IAM_GROUP = databricks("accountIamGroupV2", "AccountIamGroupV2");
export const ACCOUNT_IAM_SERVICE_PRINCIPAL = databricks("accountIamServicePrincipalV2", "AccountIamServicePrincipalV2");
export const WORKSPACE_IAM_USER = databricks("workspaceIamUserV2", "WorkspaceIamUserV2");
export const WORKSPACE_IAM_GROUP = databricks("workspaceIamGroupV2", "WorkspaceIamGroupV2");
export const WORKSPACE_IAM_SERVICE_PRINCIPAL = databricks("workspaceIamServicePrincipalV2", "WorkspaceIamServicePrincipalV2");
/** A Databricks App: it gets its own service principal, which acts on the resources the app names for whoever may use the app. */
export const APP = databricks("app", "App");
export const WORKSPACE_IAM_WORKSPACE_ASSIGNMENT = databricks("workspaceIamWorkspaceAssignmentV2", "WorkspaceIamWorkspaceAssignmentV2");
export const ACCOUNT_IAM_WORKSPACE_ASSIGNMENT = databricks("accountIamWorkspaceAssignmentV2", "AccountIamWorkspaceAssignmentV2");

// Data access outside Unity Catalog.
export const SQL_PERMISSIONS = databricks("sqlPermissions", "SqlPermissions");
export const MOUNT = databricks("mount", "Mount");
export const SQL_GLOBAL_CONFIG = databricks("sqlGlobalConfig", "SqlGlobalConfig");
/** A SQL warehouse. */
export const SQL_ENDPOINT = databricks("sqlEndpoint", "SqlEndpoint");

// Compute governance: what clusters created under a policy, or from a pool, may run with.
export const CLUSTER_POLICY = databricks("clusterPolicy", "ClusterPolicy");
export const INSTANCE_POOL = databricks("instancePool", "InstancePool");

// Where jobs and clusters take code from (sources-forbid-url-credentials).
/** A Git folder in the workspace, cloned from `url`. */
export const REPO = databricks("repo", "Repo");
/** A library installed on an all-purpose cluster. */
export const LIBRARY = databricks("library", "Library");
/** A script every cluster of the workspace runs at start (jobs-require-git-source). */
export const GLOBAL_INIT_SCRIPT = databricks("globalInitScript", "GlobalInitScript");
