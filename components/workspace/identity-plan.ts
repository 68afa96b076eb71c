/**
 * Who is assigned to a stage's workspace and with which entitlements, as data: what a `WorkspaceIdentities`
 * assigns. The stack derives it from its config (stack/identity-plan.ts); a program may write one by hand.
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
