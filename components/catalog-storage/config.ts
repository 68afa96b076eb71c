/**
 * Which storage the stage catalog gets, from the `unityCatalog` section: the storage this stack creates
 * (`CatalogStorage`, create mode only), an existing location (`storageRoot`), or the metastore's root storage.
 * Hooked into the stage schema by `../config.ts`; each issue names the key to fix.
 */
import { NOTHING_REFUSED, type Refused } from "../config-fields";
import type { WorkspaceMode } from "../workspace/config";

/** The parts of the raw stage config the storage rules read (after the schema has passed). */
export interface CatalogStorageConfigInput {
  workspace: { mode: WorkspaceMode };
  unityCatalog: { storageRoot?: string; createStorage?: boolean };
}

/** One refused value: its path below the namespace and the complete reason. */
export interface CatalogStorageConfigIssue {
  path: (string | number)[];
  message: string;
}

const KEY = ["unityCatalog", "createStorage"];

/**
 * Every rule between `unityCatalog.createStorage`, `unityCatalog.storageRoot` and `workspace.mode`; silent
 * about a mode the schema refused, which says nothing about createStorage.
 */
export function findCatalogStorageIssues(raw: CatalogStorageConfigInput, refused: Refused = NOTHING_REFUSED): CatalogStorageConfigIssue[] {
  if (raw.unityCatalog.createStorage !== true || refused(["workspace", "mode"])) return [];
  if (raw.workspace.mode !== "create") {
    return [
      {
        path: KEY,
        message:
          "not allowed in adopt mode: the stack creates catalog storage only in the AWS account of a workspace it creates " +
          "(workspace.mode: create); name an existing external location's path in unityCatalog.storageRoot instead",
      },
    ];
  }
  if (raw.unityCatalog.storageRoot !== undefined) {
    return [
      {
        path: KEY,
        message:
          "conflicts with unityCatalog.storageRoot: the catalog's storage is either the one the stack creates (createStorage) " +
          "or the existing location storageRoot names; remove one of them",
      },
    ];
  }
  return [];
}

/** Whether the stage creates its catalog's storage: by default in create mode, unless `storageRoot` names one. */
export function resolveCreateStorage(raw: CatalogStorageConfigInput): boolean {
  return raw.unityCatalog.createStorage ?? (raw.workspace.mode === "create" && raw.unityCatalog.storageRoot === undefined);
}
