/**
 * The workspace-level part of the security baseline, in both modes: legacy access (direct Hive metastore
 * access, DBR below 13.3) and the DBFS root are disabled, and every token the workspace issues expires.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import type { Stage } from "../stages";

/** The longest lifetime, in days, of any token the workspace issues. */
export const MAX_TOKEN_LIFETIME_DAYS = 90;

/** Inputs of a `WorkspaceBaseline`. */
export interface WorkspaceBaselineArgs {
  /** The stage the workspace belongs to; checked, no longer in any name (children are named from the component's name). Default none. */
  stage?: Stage;
  /** Short ML project name; checked, no longer in any name. Default none. */
  mlProject?: string;
}

/**
 * Legacy features off and token lifetimes capped. Pass the stage's workspace provider in `providers`. Its
 * children are `<name>-disable-legacy-access`, `<name>-disable-legacy-dbfs` and `<name>-workspace-conf` (each a
 * per-workspace singleton: one baseline per workspace). Bad args throw a `ComponentArgsError`.
 */
export class WorkspaceBaseline extends pulumi.ComponentResource {
  constructor(name: string, args: WorkspaceBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("WorkspaceBaseline", name, (addIssue) => {
      if (args.stage !== undefined) checkStageArg(args.stage, addIssue);
      if (args.mlProject !== undefined) checkTextArg(args.mlProject, SHORT_NAME_PATTERN, ML_PROJECT_ALLOWED, ["mlProject"], addIssue);
    });
    super("databricks-mlops:workspace:WorkspaceBaseline", name, {}, opts);
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const child = { parent: this };
    new databricks.DisableLegacyAccessSetting(named("disable-legacy-access"), { disableLegacyAccess: { value: true } }, child);
    new databricks.DisableLegacyDbfsSetting(named("disable-legacy-dbfs"), { disableLegacyDbfs: { value: true } }, child);
    // One WorkspaceConf per workspace: its `enable*` keys reset on delete, so two would fight.
    new databricks.WorkspaceConf(named("workspace-conf"), { customConfig: { maxTokenLifetimeDays: String(MAX_TOKEN_LIFETIME_DAYS) } }, child);
    this.registerOutputs({});
  }
}
