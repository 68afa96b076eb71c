/**
 * The shape of a catalog's access: one principal's privileges, the workspaces it is bound to, and the whole
 * plan a `StageCatalog` declares. Pure data and one pure merge, so a plan can be built by hand or by the
 * stack's access model (stack/catalog-access.ts) and tested without mocks.
 */
import type { Input } from "@pulumi/pulumi";
import { type GrantSpec, normalizePrivileges } from "./privileges";

/** The API's two binding types; RO is only valid for catalogs. */
export type BindingType = "BINDING_TYPE_READ_WRITE" | "BINDING_TYPE_READ_ONLY";

/** One workspace the catalog is visible in. */
export interface BindingSpec {
  /** Short label used in the resource name: `own` for the stage's workspace, `dev-read` for dev's. */
  purpose: "own" | "dev-read";
  /** A literal from config, or the dev stack's `workspaceId` output when dev creates its workspace. */
  workspaceId: Input<string>;
  bindingType: BindingType;
}

/** Everything the stage catalog's access consists of. */
export interface CatalogAccessPlan {
  /** Grants on the catalog, one entry per principal, sorted by principal. */
  catalogGrants: GrantSpec[];
  /** Grants on individual schemas (only those that have any), sorted by schema name. */
  schemaGrants: { schema: string; grants: GrantSpec[] }[];
  bindings: BindingSpec[];
}

/**
 * Merges grants so each principal appears once with the union of its privileges, sorted by
 * principal: `Grants` is authoritative per securable, and the API returns principals sorted.
 */
export function mergeGrants(grants: readonly GrantSpec[]): GrantSpec[] {
  const byPrincipal = new Map<string, string[]>();
  for (const grant of grants) {
    byPrincipal.set(grant.principal, [...(byPrincipal.get(grant.principal) ?? []), ...grant.privileges]);
  }
  return [...byPrincipal.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([principal, privileges]) => ({ principal, privileges: normalizePrivileges(privileges) }));
}

