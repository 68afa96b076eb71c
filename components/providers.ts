/**
 * Databricks providers. Credentials are never passed here: the provider reads them from the
 * environment (`DATABRICKS_CLIENT_ID`/`DATABRICKS_CLIENT_SECRET`, `DATABRICKS_TOKEN`, a CLI profile)
 * or from a Pulumi ESC environment, so no secret is ever written to a stack file.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";

/** Inputs of the workspace-level provider. */
export interface WorkspaceProviderArgs {
  /** The workspace URL, e.g. `https://dbc-1234abcd-5678.cloud.databricks.com`. */
  host: pulumi.Input<string>;
}

/** A provider for workspace-level resources (Unity Catalog objects, jobs, serving, monitors). */
export function workspaceProvider(name: string, args: WorkspaceProviderArgs, opts?: pulumi.CustomResourceOptions): databricks.Provider {
  return new databricks.Provider(name, { host: args.host }, opts);
}
