/**
 * The workspace-level part of the security baseline, in both modes: legacy access (direct Hive metastore
 * access, DBR below 13.3) and the DBFS root are disabled, and every token the workspace issues expires.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { resourceName } from "../naming";
import type { Stage } from "../stages";

/** The longest lifetime, in days, of any token the workspace issues. */
export const MAX_TOKEN_LIFETIME_DAYS = 90;

/** Inputs of a `WorkspaceBaseline`. */
export interface WorkspaceBaselineArgs {
  /** The stage; names every resource. */
  stage: Stage;
  /** Short ML project name, used in names. */
  mlProject: string;
}

/** Legacy features off and token lifetimes capped. Pass the stage's workspace provider in `providers`. */
export class WorkspaceBaseline extends pulumi.ComponentResource {
  constructor(name: string, args: WorkspaceBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:workspace:WorkspaceBaseline", name, {}, opts);
    const named = (...purpose: string[]) => resourceName(args.stage, args.mlProject, ...purpose);
    const child = { parent: this };
    new databricks.DisableLegacyAccessSetting(named("disable-legacy-access"), { disableLegacyAccess: { value: true } }, child);
    new databricks.DisableLegacyDbfsSetting(named("disable-legacy-dbfs"), { disableLegacyDbfs: { value: true } }, child);
    // One WorkspaceConf per workspace: its `enable*` keys reset on delete, so two would fight.
    new databricks.WorkspaceConf(named("workspace-conf"), { customConfig: { maxTokenLifetimeDays: String(MAX_TOKEN_LIFETIME_DAYS) } }, child);
    this.registerOutputs({});
  }
}
