/**
 * What the Databricks preview service principal of a stage holds, declared as data so that a test can read
 * it and the program declares exactly it: membership of the stage's workspace as a user (never `ADMIN`), no
 * account role, no Unity Catalog grant and no object ACL. It can sign in to the workspace and read no data.
 *
 * The same principal serves the daily drift check (`pulumi preview --refresh`, on the protected branches
 * only); a pull request's plain preview reads nothing from Databricks (it diffs against the state in Pulumi
 * Cloud, and the stage program calls no Databricks data source). What Databricks offers a read-only
 * identity, and what a refresh reads (not verified against a workspace; docs/ci.md, "Identities"):
 * - Unity Catalog metadata (catalogs, schemas, tables, models, locations): `BROWSE` on a catalog shows the
 *   metadata of it and of what it holds without its data.
 * - Grants (`databricks.Grants`): a refresh reads an object's full grant list, which the legacy SQL reference
 *   gives only to a workspace admin, the object's owner or the principal asked about, each able to change
 *   grants too; never given here.
 * - Object ACLs (`databricks.Permissions`: jobs, endpoints, experiments, warehouses): `CAN_VIEW` (`CAN_READ`
 *   on experiments) shows an object's settings.
 * A read Databricks refuses fails the drift run, which says so; a metadata-only grant to this principal is
 * the remedy, reviewed here, never an owner's or admin's right.
 * Grants made to `account users` or to the workspace's `users` group would reach this principal like any
 * user; on staging and prod the pack's access-restrict-principals lets account-wide groups hold nothing.
 */

/** The rights of a preview service principal. */
export interface DatabricksPreviewRights {
  /** Its workspace assignment (`MwsPermissionAssignment.permissions`). */
  workspacePermissions: readonly ("USER" | "ADMIN")[];
  /** Account-level roles (`ServicePrincipalRole`), e.g. `account_admin`. */
  accountRoles: readonly string[];
  /** Unity Catalog privileges granted to it, as `<securable>: <privilege>`. */
  unityCatalogGrants: readonly string[];
  /** Workspace object ACL entries naming it, as `<object>: <level>`. */
  objectPermissions: readonly string[];
  /** Workspace entitlements it is given beyond the `users` group's. */
  entitlements: readonly string[];
}

/** The one set of rights every stage's preview service principal holds. */
export const PREVIEW_DATABRICKS_RIGHTS: DatabricksPreviewRights = {
  workspacePermissions: ["USER"],
  accountRoles: [],
  unityCatalogGrants: [],
  objectPermissions: [],
  entitlements: [],
};
