/**
 * Assigns the stage's groups and service principal to its workspace. Groups are referenced by name, or
 * created in the account first (`identities.createGroups`, create mode), in which case their entitlements
 * are set here too; referenced groups keep the entitlements the account gives them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import { type AddIssue, GROUP_ALLOWED, groupSchema } from "../config-fields";
import { isApplicationId } from "../principals";
import type { Stage } from "../stages";
import type { IdentityPlan } from "./identity-plan";

/** Inputs of `WorkspaceIdentities`. */
export interface WorkspaceIdentitiesArgs {
  /** The stage; checked, no longer in any name (children are named from the component's name). Default none. */
  stage?: Stage;
  /** Short ML project name; checked, no longer in any name. Default none. */
  mlProject?: string;
  /** Who gets which permission and entitlements (`planIdentities`). */
  plan: IdentityPlan;
  /** The workspace-level provider of the stage's workspace. Default: the `databricks` provider the component's options give (`providers`, or its parent's). */
  workspaceProvider?: databricks.Provider;
  /** The account-level provider; given, the groups are created in the account. Default: groups are referenced. */
  accountProvider?: databricks.Provider;
}

/** The workspace permissions an assignment may give. */
const PERMISSIONS: readonly string[] = ["USER", "ADMIN"];

/**
 * What `WorkspaceIdentities` refuses before it registers anything: groups the stack file could not name (an
 * account-wide group included), purposes given twice (their resource names would collide), an unknown
 * permission and a service principal that is not an application id.
 */
export function checkWorkspaceIdentitiesArgs(args: WorkspaceIdentitiesArgs, addIssue: AddIssue): void {
  if (args.stage !== undefined) checkStageArg(args.stage, addIssue);
  if (args.mlProject !== undefined) checkTextArg(args.mlProject, SHORT_NAME_PATTERN, ML_PROJECT_ALLOWED, ["mlProject"], addIssue);
  const purposes = args.plan.groups.map((spec) => spec.purpose);
  args.plan.groups.forEach((spec, index) => {
    const at = ["plan", "groups", index];
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(spec.purpose) || spec.purpose === "service-principal") addIssue([...at, "purpose"], "lower-case letters, digits and '-', starting with a letter; not \"service-principal\"");
    else if (purposes.indexOf(spec.purpose) !== index) addIssue([...at, "purpose"], `"${spec.purpose}" is given twice; each group's purpose names its resources`);
    if (!groupSchema.safeParse(spec.groupName).success) addIssue([...at, "groupName"], GROUP_ALLOWED);
    if (!PERMISSIONS.includes(spec.permission)) addIssue([...at, "permission"], `one of ${PERMISSIONS.join(", ")}`);
  });
  if (args.plan.servicePrincipal !== undefined && !isApplicationId(args.plan.servicePrincipal)) {
    addIssue(["plan", "servicePrincipal"], "a service principal application id (UUID)");
  }
}

/**
 * The stage's identities and their workspace assignments. Its children are named from its own name:
 * `<name>-group-<purpose>`, `<name>-assignment-<purpose>`, `<name>-entitlements-<purpose>` and
 * `<name>-assignment-service-principal`. Bad args throw a `ComponentArgsError` before anything is declared.
 */
export class WorkspaceIdentities extends pulumi.ComponentResource {
  /** Account groups this component created, by purpose; empty when groups are referenced. */
  readonly createdGroups: Record<string, databricks.Group>;

  constructor(name: string, args: WorkspaceIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("WorkspaceIdentities", name, (addIssue) => checkWorkspaceIdentitiesArgs(args, addIssue));
    super("databricks-mlops:workspace:WorkspaceIdentities", name, {}, opts);
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const inWorkspace: pulumi.CustomResourceOptions = { parent: this, ...(args.workspaceProvider ? { provider: args.workspaceProvider } : {}) };
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
