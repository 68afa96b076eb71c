/**
 * Unity Catalog privilege sets of the access model (see docs/access-model.md). The policy pack states
 * its own read-only set independently; the offline plan of every stage is the test that both agree.
 */

/** What a reader may do: find, traverse, read rows and files, load and serve models. */
export const READ_PRIVILEGES = [
  "BROWSE",
  "EXECUTE",
  "READ_VOLUME",
  "SELECT",
  "USE_CATALOG",
  "USE_SCHEMA",
] as const;

/**
 * What a stage's service principal needs to run the ML pipelines: read everything, write tables
 * (features, predictions, inference and monitor output), register models and write volumes.
 * Deliberately without MANAGE and CREATE_SCHEMA: schemas and grants are owned by this program.
 */
export const PIPELINE_PRIVILEGES = [
  ...READ_PRIVILEGES,
  "CREATE_FUNCTION",
  "CREATE_MATERIALIZED_VIEW",
  "CREATE_MODEL",
  "CREATE_TABLE",
  "CREATE_VOLUME",
  "MODIFY",
  "REFRESH",
  "WRITE_VOLUME",
].sort();

/** What people developing in the dev stage need: the pipeline set, since they run the same code. */
export const DEV_AUTHOR_PRIVILEGES = PIPELINE_PRIVILEGES;

/** Privileges grantable on a catalog that this project accepts in `unityCatalog.extraGrants`. */
export const CATALOG_GRANTABLE_PRIVILEGES = [
  "APPLY_TAG",
  "BROWSE",
  "CREATE_FUNCTION",
  "CREATE_MATERIALIZED_VIEW",
  "CREATE_MODEL",
  "CREATE_SCHEMA",
  "CREATE_TABLE",
  "CREATE_VOLUME",
  "EXECUTE",
  "EXTERNAL_USE_SCHEMA",
  "MANAGE",
  "MODIFY",
  "READ_VOLUME",
  "REFRESH",
  "SELECT",
  "USE_CATALOG",
  "USE_SCHEMA",
  "WRITE_VOLUME",
] as const;

/** Privileges grantable on a schema (catalog-only ones removed). */
export const SCHEMA_GRANTABLE_PRIVILEGES = CATALOG_GRANTABLE_PRIVILEGES.filter(
  (privilege) => !["BROWSE", "CREATE_SCHEMA", "USE_CATALOG"].includes(privilege),
);

/**
 * The provider and the API spell privileges with underscores in upper case; people write
 * "use catalog". Normalizing avoids a perpetual diff between the two spellings.
 */
export function normalizePrivilege(privilege: string): string {
  return privilege.trim().toUpperCase().replace(/[\s_-]+/g, "_");
}

/** Sorted, de-duplicated, normalized: the form the API returns, so declarations converge. */
export function normalizePrivileges(privileges: readonly string[]): string[] {
  return [...new Set(privileges.map(normalizePrivilege))].sort();
}

/** One principal's privileges on one securable. */
export interface GrantSpec {
  principal: string;
  /** Normalized and sorted. */
  privileges: string[];
}
