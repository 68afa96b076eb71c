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
import { databricksType, T } from "./resource-types";

/** One precondition of the first deploy. */
export interface Precondition {
  /** Kebab-case id, as findings name it. */
  id: string;
  /** Type tokens it judges ("every custom resource" where it says so in `mustWaitFor`). */
  appliesTo: readonly string[];
  /** What those resources must wait for, in words. */
  mustWaitFor: string;
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
    ordering: false,
    appliesTo: [],
    mustWaitFor: "nothing: every resource has a URN of its own (the engine refuses a second registration)",
    check: checkUniqueUrns,
  },
  {
    id: EXPLICIT_PROVIDER,
    ordering: false,
    appliesTo: ["databricks:*", "aws:*", "time:*"],
    mustWaitFor: "an explicit provider of the stage; Mws* on an accounts host, workspace-level types on a workspace host",
    check: checkExplicitProviders,
  },
  {
    id: METASTORE_BEFORE_UNITY_CATALOG,
    ordering: true,
    appliesTo: ["Unity Catalog types (resource-types.ts)", "databricks:index/permissionAssignment:PermissionAssignment", "databricks:index/entitlements:Entitlements"],
    mustWaitFor: `the ${T.metastoreAssignment} of their workspace`,
    check: checkMetastoreFirst,
  },
  {
    id: ROLE_POLICY_BEFORE_CREDENTIALS,
    ordering: true,
    appliesTo: [T.mwsCredentials],
    mustWaitFor: `every ${T.rolePolicy} and ${T.rolePolicyAttachment} of the role its roleArn comes from`,
    check: checkCredentialsAfterPolicies,
  },
  {
    id: FOLDER_BEFORE_CONTENTS,
    ordering: true,
    appliesTo: [T.mlflowExperiment],
    mustWaitFor: `the ${T.directory} of its parent folder, unless that folder always exists (/, /Shared, /Users/<user>, /Repos/<user>)`,
    check: checkFoldersFirst,
  },
  {
    id: VERSION_BEFORE_SERVING,
    ordering: false,
    appliesTo: [T.modelServing],
    mustWaitFor: "a model version that exists: it serves no version of a model the same plan creates",
    check: checkServedVersionsExist,
  },
  {
    id: WORKSPACE_SETTLE_BEFORE_SETTINGS,
    ordering: true,
    appliesTo: ["every resource on the provider of a workspace the plan creates"],
    mustWaitFor: `a ${T.sleep} that waits for the ${T.mwsWorkspaces}`,
    check: checkWorkspaceSettles,
  },
  {
    id: CATALOG_STORAGE,
    ordering: true,
    appliesTo: [T.catalog, T.externalLocation],
    mustWaitFor: "catalog: the external location holding its storageRoot; external location: its storage credential and the policies of that credential's role",
    check: checkCatalogStorage,
  },
  {
    id: SECURABLE_BEFORE_REFERENCE,
    ordering: true,
    appliesTo: ["Schema", "SqlTable", "Volume", "RegisteredModel", "QualityMonitor", "Grants", "Grant", "WorkspaceBinding", "DefaultNamespaceSetting", "ModelServing"].map(databricksType),
    mustWaitFor: "the Catalog, Schema, SqlTable, Volume or RegisteredModel of the plan whose full name they name",
    check: checkSecurablesFirst,
  },
  {
    id: GROUP_BEFORE_REFERENCE,
    ordering: true,
    appliesTo: ["databricks:index/permissionAssignment:PermissionAssignment", "databricks:index/grants:Grants", "databricks:index/grant:Grant"],
    mustWaitFor: "the databricks:index/group:Group of the plan whose display name they name",
    check: checkGroupsFirst,
  },
];
