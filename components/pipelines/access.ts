/**
 * Who may do what with an ML project's model, experiment and jobs, per stage, as data.
 *
 * | object     | dev                                  | staging and prod                                              |
 * |------------|--------------------------------------|---------------------------------------------------------------|
 * | model      | owner: SP if configured, else DS     | owner: the stage's SP (aliases need ownership); EXECUTE for the scoring groups |
 * | experiment | both groups CAN_MANAGE (+ SP)        | SP CAN_MANAGE, both groups CAN_READ                           |
 * | jobs       | both groups CAN_MANAGE (+ SP owner)  | SP IS_OWNER, both groups CAN_VIEW                             |
 */
import type { GrantSpec } from "../privileges";
import { isAutomatedStage, type Stage } from "../stages";

/** One entry of a `Permissions` resource: exactly one of group and service principal. */
export interface AccessControlSpec {
  groupName?: string;
  servicePrincipalName?: string;
  permissionLevel: string;
}

/** The identities a project's access is built from. */
export interface ProjectIdentities {
  stage: Stage;
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's deployment service principal (application id); required on staging and prod. */
  servicePrincipal?: string;
}

/** Sorted by principal, as the API returns them, so the declaration converges. */
function sorted(entries: AccessControlSpec[]): AccessControlSpec[] {
  const principal = (entry: AccessControlSpec) => entry.groupName ?? entry.servicePrincipalName ?? "";
  return [...entries].sort((a, b) => (principal(a) < principal(b) ? -1 : principal(a) > principal(b) ? 1 : 0));
}

/** Who owns the registered model: the writer of the stage. */
export function modelOwner(identities: ProjectIdentities): string {
  return identities.servicePrincipal ?? identities.groups.dataScientists;
}

/** Grants on the registered model: EXECUTE for each scoring group, sorted by principal. */
export function modelGrants(scoringGroups: readonly string[]): GrantSpec[] {
  return [...new Set(scoringGroups)].sort().map((principal) => ({ principal, privileges: ["EXECUTE"] }));
}

/** Access to the project's MLflow experiment. */
export function experimentAccess(identities: ProjectIdentities): AccessControlSpec[] {
  const { groups, servicePrincipal } = identities;
  const humanLevel = isAutomatedStage(identities.stage) ? "CAN_READ" : "CAN_MANAGE";
  return sorted([
    { groupName: groups.dataScientists, permissionLevel: humanLevel },
    { groupName: groups.mlEngineers, permissionLevel: humanLevel },
    ...(servicePrincipal ? [{ servicePrincipalName: servicePrincipal, permissionLevel: "CAN_MANAGE" }] : []),
  ]);
}

/**
 * Access to each of the project's jobs. On staging and prod people only view: CAN_MANAGE_RUN would let them start a
 * run of the writer's job with their own parameters (a deploy task's serving_config included), which is write power
 * through the writer; runs come from the schedules, the retraining trigger and CI.
 */
export function jobAccess(identities: ProjectIdentities): AccessControlSpec[] {
  const { groups, servicePrincipal } = identities;
  const automated = isAutomatedStage(identities.stage);
  return sorted([
    { groupName: groups.dataScientists, permissionLevel: automated ? "CAN_VIEW" : "CAN_MANAGE" },
    { groupName: groups.mlEngineers, permissionLevel: automated ? "CAN_VIEW" : "CAN_MANAGE" },
    ...(servicePrincipal ? [{ servicePrincipalName: servicePrincipal, permissionLevel: "IS_OWNER" }] : []),
  ]);
}
