/**
 * Names, in one place. Pulumi resource names follow `<stage>-<mlProject>-<purpose>` (the mlops-stacks
 * convention); Unity Catalog identifiers use `_` instead, because a `-` in a UC name needs backticks in
 * every SQL statement that mentions it.
 */
import type { Stage } from "./stages";

/** Pulumi resource name of a stage-scoped resource, e.g. `prod-mlops-catalog`. */
export function resourceName(stage: Stage, mlProject: string, ...purpose: string[]): string {
  return [stage, mlProject, ...purpose].join("-");
}

/**
 * A Unity Catalog identifier made from free-form parts: lower case (UC stores names lower case, so an
 * upper-case declaration would diff forever), anything outside `[a-z0-9_]` becomes `_`.
 */
export function ucIdentifier(...parts: string[]): string {
  return parts
    .join("_")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
}

/** The stage catalog's default name, e.g. `prod_mlops`. */
export function defaultCatalogName(stage: Stage, mlProject: string): string {
  return ucIdentifier(stage, mlProject);
}

/** The full name of a schema, as Grants and SQL address it: `<catalog>.<schema>`. */
export function schemaFullName(catalogName: string, schemaName: string): string {
  return `${catalogName}.${schemaName}`;
}
