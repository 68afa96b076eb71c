/**
 * Assigns the stage's groups and service principal to its workspace. Groups are referenced by name, or
 * created in the account first (`identities.createGroups`, create mode), in which case their entitlements
 * are set here too; referenced groups keep the entitlements the account gives them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { resourceName } from "../naming";
import type { Stage } from "../stages";
import type { IdentityPlan } from "./identity-plan";

/** Inputs of `WorkspaceIdentities`. */
export interface WorkspaceIdentitiesArgs {
  /** The stage; names every resource. */
  stage: Stage;
  /** Short ML project name, used in names. */
  mlProject: string;
  /** Who gets which permission and entitlements (`planIdentities`). */
  plan: IdentityPlan;
  /** The workspace-level provider of the stage's workspace. */
  workspaceProvider: databricks.Provider;
  /** The account-level provider; given, the groups are created in the account. Default: groups are referenced. */
  accountProvider?: databricks.Provider;
}

/** The stage's identities and their workspace assignments. */
export class WorkspaceIdentities extends pulumi.ComponentResource {
  /** Account groups this component created, by purpose; empty when groups are referenced. */
  readonly createdGroups: Record<string, databricks.Group>;

  constructor(name: string, args: WorkspaceIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:workspace:WorkspaceIdentities", name, {}, opts);
    const named = (...purpose: string[]) => resourceName(args.stage, args.mlProject, ...purpose);
    const inWorkspace: pulumi.CustomResourceOptions = { parent: this, provider: args.workspaceProvider };
    this.createdGroups = {};

    for (const spec of args.plan.groups) {
      const group =
        args.accountProvider &&
        new databricks.Group(named("group", spec.purpose), { displayName: spec.groupName }, { parent: this, provider: args.accountProvider });
      const assignment = new databricks.PermissionAssignment(
        named("assignment", spec.purpose),
        { groupName: spec.groupName, permissions: [spec.permission] },
        { ...inWorkspace, dependsOn: group ? [group] : [] },
      );
      if (group) {
        this.createdGroups[spec.purpose] = group;
        // Entitlements are per workspace; the account group's id is its id in every federated workspace.
        new databricks.Entitlements(named("entitlements", spec.purpose), { groupId: group.id, ...spec.entitlements }, { ...inWorkspace, dependsOn: [assignment] });
      }
    }
    if (args.plan.servicePrincipal !== undefined) {
      // ADMIN: the stage's deployer (see identity-plan.ts); USER would take away the rights the next `up` needs.
      new databricks.PermissionAssignment(
        named("assignment", "service-principal"),
        { servicePrincipalName: args.plan.servicePrincipal, permissions: ["ADMIN"] },
        inWorkspace,
      );
    }
    this.registerOutputs({ createdGroups: this.createdGroups });
  }
}
