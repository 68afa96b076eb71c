/**
 * The stage's providers: Databricks workspace-level, and AWS pinned to the stage's account. Credentials are
 * never passed here: each provider reads them from the environment (`DATABRICKS_CLIENT_ID`/
 * `DATABRICKS_CLIENT_SECRET`, `DATABRICKS_TOKEN`, a CLI profile; the AWS credential chain) or from a Pulumi
 * ESC environment, so no secret is ever written to a stack file.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import type { AwsAccountConfig } from "./workspace/config";

/** Inputs of the workspace-level provider. */
export interface WorkspaceProviderArgs {
  /** The workspace URL, e.g. `https://dbc-1234abcd-5678.cloud.databricks.com`. */
  host: pulumi.Input<string>;
}

/** A provider for workspace-level resources (Unity Catalog objects, jobs, serving, monitors). */
export function workspaceProvider(name: string, args: WorkspaceProviderArgs, opts?: pulumi.CustomResourceOptions): databricks.Provider {
  return new databricks.Provider(name, { host: args.host }, opts);
}

/**
 * The AWS provider of every AWS resource of a stage, created or adopted. `allowedAccountIds`: credentials of
 * another AWS account fail instead of building the stage there (and the policy pack's
 * aws-require-pinned-provider accepts nothing else on staging and prod).
 */
export function stageAwsProvider(name: string, aws: AwsAccountConfig, opts?: pulumi.CustomResourceOptions): AwsProvider {
  return new AwsProvider(name, { region: aws.region, allowedAccountIds: [aws.accountId] }, opts);
}
