/**
 * Whether and how a stage declares its catalog's storage: the part of the stage's composition that is
 * about storage, so `MlopsStage` wires it with one call.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import type { StageConfig } from "./config";
import { CatalogStorage, type CatalogStorageArgs } from "../components";

/** What the stage's workspace gives the storage: its providers. */
export interface StorageWorkspace {
  /** The workspace-level provider. */
  provider: databricks.Provider;
  /** The AWS provider pinned to the stage's account; a created workspace always has one. */
  awsProvider?: AwsProvider;
}

/**
 * The catalog's `CatalogStorage` when the config resolves `unityCatalog.createStorage` (create mode without
 * `storageRoot`, by default), else undefined: the catalog then uses `storageRoot` or the metastore's root.
 * Its writer is the catalog's owner (the stage's service principal by default); versioning follows
 * `protectData` (on prod). `extra` passes a shared time provider and what the credential waits for (the
 * metastore assignment); default none of either.
 */
export function declareCatalogStorage(
  name: string,
  config: StageConfig,
  workspace: StorageWorkspace,
  opts: pulumi.ComponentResourceOptions,
  extra: Pick<CatalogStorageArgs, "timeProvider" | "dependsOn"> = {},
): CatalogStorage | undefined {
  if (!config.unityCatalog.createStorage) return undefined;
  if (config.workspace.mode !== "create" || workspace.awsProvider === undefined) {
    // parseStageConfig refuses createStorage outside create mode; a hand-built config may not.
    throw new Error(`declareCatalogStorage ${name}: unityCatalog.createStorage needs workspace.mode create, with its AWS provider`);
  }
  return new CatalogStorage(
    name,
    {
      stage: config.stage,
      mlProject: config.mlProject,
      aws: { accountId: config.workspace.aws.accountId, region: config.workspace.aws.region },
      writer: config.unityCatalog.owner,
      protectData: config.unityCatalog.protectData,
      awsProvider: workspace.awsProvider,
      workspaceProvider: workspace.provider,
      ...extra,
    },
    opts,
  );
}
