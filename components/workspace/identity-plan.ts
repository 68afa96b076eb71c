/**
 * Who is assigned to a stage's workspace and with which entitlements, as data. Pure, so the matrix is
 * tested without mocks.
 *
 * | principal            | permission | entitlements (created groups)                                  |
 * |----------------------|------------|----------------------------------------------------------------|
 * | data scientists      | USER       | workspace, SQL; cluster creation on dev only                   |
 * | ML engineers         | USER       | workspace, SQL; cluster creation on dev only                   |
 * | serving consumers    | USER       | consumer access only (query endpoints, no authoring)           |
 * | break-glass admins   | ADMIN      | workspace, SQL                                                 |
 * | stage SP (stg, prod) | ADMIN      | set on the service principal, not here                         |
 *
 * The stage's service principal deploys the stage (CI runs `pulumi up` as it): it changes workspace settings and
 * assigns the groups, which only workspace admins may. Assigning it USER would demote it on the next `up` (the
 * provider reads the current permissions back and PUTs the declared ones: access/resource_permission_assignment.go).
 */
import type { StageConfig } from "../config";
import { isAutomatedStage } from "../stages";

/** Workspace entitlements of a group. */
export interface EntitlementSpec {
  workspaceAccess: boolean;
  workspaceConsume: boolean;
  databricksSqlAccess: boolean;
  allowClusterCreate: boolean;
}

/** One group assigned to the workspace. */
export interface GroupAssignmentSpec {
  /** Label in resource names, e.g. `data-scientists`. */
  purpose: string;
  /** The account group's display name. */
  groupName: string;
  permission: "USER" | "ADMIN";
  entitlements: EntitlementSpec;
}

/** Everything the stage assigns to its workspace. */
export interface IdentityPlan {
  groups: GroupAssignmentSpec[];
  /** The stage's service principal (application id), assigned as ADMIN (it deploys the stage); undefined on dev. */
  servicePrincipal?: string;
}

/** The identity plan of a stage. */
export function planIdentities(config: StageConfig): IdentityPlan {
  // People author (create clusters) only where they write: dev.
  const author: EntitlementSpec = {
    workspaceAccess: true,
    workspaceConsume: false,
    databricksSqlAccess: true,
    allowClusterCreate: !isAutomatedStage(config.stage),
  };
  const groups: GroupAssignmentSpec[] = [
    { purpose: "data-scientists", groupName: config.groups.dataScientists, permission: "USER", entitlements: author },
    { purpose: "ml-engineers", groupName: config.groups.mlEngineers, permission: "USER", entitlements: author },
  ];
  if (config.identities.servingConsumers !== undefined) {
    groups.push({
      purpose: "serving-consumers",
      groupName: config.identities.servingConsumers,
      permission: "USER",
      entitlements: { workspaceAccess: false, workspaceConsume: true, databricksSqlAccess: false, allowClusterCreate: false },
    });
  }
  if (config.identities.breakGlassAdmins !== undefined) {
    groups.push({
      purpose: "break-glass-admins",
      groupName: config.identities.breakGlassAdmins,
      permission: "ADMIN",
      entitlements: { workspaceAccess: true, workspaceConsume: false, databricksSqlAccess: true, allowClusterCreate: false },
    });
  }
  return { groups, servicePrincipal: config.servicePrincipal?.applicationId };
}
