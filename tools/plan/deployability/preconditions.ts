/**
 * The preconditions of a first `pulumi up`, one table entry each. Every entry says which types it judges
 * and what they must wait for; its check function's file cites the provider source the fact comes from.
 */
import type { DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";
import { EXPLICIT_PROVIDER, checkExplicitProviders } from "./check-providers";
import { METASTORE_BEFORE_UNITY_CATALOG, checkMetastoreFirst } from "./check-metastore";
import { ROLE_POLICY_BEFORE_CREDENTIALS, checkCredentialsAfterPolicies } from "./check-credentials";
import { FOLDER_BEFORE_CONTENTS, checkFoldersFirst } from "./check-folders";
import { VERSION_BEFORE_SERVING, checkServedVersionsExist } from "./check-serving";
import { WORKSPACE_SETTLE_BEFORE_SETTINGS, checkWorkspaceSettles } from "./check-settle";
import { CATALOG_STORAGE, checkCatalogStorage } from "./check-catalog-storage";
import { UNIQUE_URNS, checkUniqueUrns } from "./check-duplicates";
import { SECURABLE_BEFORE_REFERENCE, checkSecurablesFirst } from "./check-securables";
import { GROUP_BEFORE_REFERENCE, checkGroupsFirst } from "./check-groups";
import { RETAIN_PROTECTED_DATA, checkProtectedDataRetained } from "./check-retain";
import { databricksType, T } from "./resource-types";

/** One precondition of the first deploy. */
export interface Precondition {
  /** Kebab-case id, as findings name it. */
  id: string;
  /** Type tokens it judges ("every custom resource" where it says so in `mustWaitFor`). */
  appliesTo: readonly string[];
  /** What those resources must wait for, in words. */
  mustWaitFor: string;
  /** What fails when it does not hold: the heading of its findings in every format. */
  message: string;
  /**
   * True when a finding is fixed by adding an edge: then one finding stands for every resource behind it
   * that misses the same edge (condense.ts). False when each resource must be fixed on its own.
   */
  ordering: boolean;
  /** Its findings over one plan. */
  check(plan: PlanView): DeployabilityFinding[];
}

/**
 * Every precondition, in the order findings are reported. Not among them: a root bucket policy before the
 * storage configuration or workspace. Neither the provider's AWS guide (docs/guides/aws-workspace.md, whose
 * `databricks_mws_storage_configurations` waits for the bucket only) nor the provider's storage configuration
 * create (mws/resource_mws_storage_configurations.go, a registration of the bucket name) orders it so.
 */
export const PRECONDITIONS: readonly Precondition[] = [
  {
    id: UNIQUE_URNS,
    message: "the engine refuses a second registration of a URN and stops the update",
    ordering: false,
    appliesTo: [],
    mustWaitFor: "nothing: every resource has a URN of its own (the engine refuses a second registration)",
    check: checkUniqueUrns,
  },
  {
    id: EXPLICIT_PROVIDER,
    message: "a default provider is configured from the environment alone, and a provider of the wrong kind calls the wrong API",
    ordering: false,
    appliesTo: ["databricks:*", "aws:*", "time:*"],
    mustWaitFor: "an explicit provider of the stage; Mws* on an accounts host, workspace-level types on a workspace host",
    check: checkExplicitProviders,
  },
  {
    id: METASTORE_BEFORE_UNITY_CATALOG,
    message: "Unity Catalog and workspace identity calls fail until the workspace has its metastore",
    ordering: true,
    appliesTo: ["Unity Catalog types (resource-types.ts)", "databricks:index/permissionAssignment:PermissionAssignment", "databricks:index/entitlements:Entitlements"],
    mustWaitFor: `the ${T.metastoreAssignment} of their workspace`,
    check: checkMetastoreFirst,
  },
  {
    id: ROLE_POLICY_BEFORE_CREDENTIALS,
    message: "Databricks validates the cross-account role's permissions when the credentials are registered",
    ordering: true,
    appliesTo: [T.mwsCredentials],
    mustWaitFor: `every ${T.rolePolicy} and ${T.rolePolicyAttachment} of the role its roleArn comes from`,
    check: checkCredentialsAfterPolicies,
  },
  {
    id: FOLDER_BEFORE_CONTENTS,
    message: "MLflow does not create the parent folder of an experiment",
    ordering: true,
    appliesTo: [T.mlflowExperiment],
    mustWaitFor: `the ${T.directory} of its parent folder, unless that folder always exists (/, /Shared, /Users/<user>, /Repos/<user>)`,
    check: checkFoldersFirst,
  },
  {
    id: VERSION_BEFORE_SERVING,
    message: "a model created in the same up has no version to serve",
    ordering: false,
    appliesTo: [T.modelServing],
    mustWaitFor: "a model version that exists: it serves no version of a model the same plan creates",
    check: checkServedVersionsExist,
  },
  {
    id: WORKSPACE_SETTLE_BEFORE_SETTINGS,
    message: "calls right after a workspace is created can fail to find it",
    ordering: true,
    appliesTo: ["every resource on the provider of a workspace the plan creates"],
    mustWaitFor: `a ${T.sleep} that waits for the ${T.mwsWorkspaces}`,
    check: checkWorkspaceSettles,
  },
  {
    id: CATALOG_STORAGE,
    message: "a catalog's storage and an external location are validated when created",
    ordering: true,
    appliesTo: [T.catalog, T.externalLocation],
    mustWaitFor: "catalog: the external location holding its storageRoot; external location: its storage credential and the policies of that credential's role",
    check: checkCatalogStorage,
  },
  {
    id: SECURABLE_BEFORE_REFERENCE,
    message: "a securable named by its full name must exist when the call is made",
    ordering: true,
    appliesTo: ["Schema", "SqlTable", "Volume", "RegisteredModel", "QualityMonitor", "Grants", "Grant", "WorkspaceBinding", "DefaultNamespaceSetting", "ModelServing"].map(databricksType),
    mustWaitFor: "the Catalog, Schema, SqlTable, Volume or RegisteredModel of the plan whose full name they name",
    check: checkSecurablesFirst,
  },
  {
    id: GROUP_BEFORE_REFERENCE,
    message: "a group named by its display name must exist when the call is made",
    ordering: true,
    appliesTo: ["databricks:index/permissionAssignment:PermissionAssignment", "databricks:index/grants:Grants", "databricks:index/grant:Grant"],
    mustWaitFor: "the databricks:index/group:Group of the plan whose display name they name",
    check: checkGroupsFirst,
  },
  {
    id: RETAIN_PROTECTED_DATA,
    message: "a protected data-holding resource that is not retained loses its data once Pulumi deletes it (after an unprotect, a replace or a destroy)",
    ordering: false,
    appliesTo: ["every data-holding type of data-require-deletion-protection, when protected"],
    mustWaitFor: "nothing: the resource option retainOnDelete: true beside protect: true",
    check: checkProtectedDataRetained,
  },
];
