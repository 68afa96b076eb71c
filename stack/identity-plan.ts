/**
 * The identity plan of a stage from its config, pure, so the matrix (components/workspace/identity-plan.ts) is
 * tested without mocks.
 */
import { type EntitlementSpec, type GroupAssignmentSpec, type IdentityPlan, isAutomatedStage } from "../components";
import type { StageConfig } from "./config";

/** The identity plan of a stage. */
export function planIdentities(config: StageConfig): IdentityPlan {
  // People author (create clusters) only where they write: dev.
  const author: EntitlementSpec = {
    workspaceAccess: true,
    workspaceConsume: false,
    databricksSqlAccess: true,
    allowClusterCreate: !isAutomatedStage(config.stage),
  };
  const groups: GroupAssignmentSpec[] = [
    { purpose: "data-scientists", groupName: config.groups.dataScientists, permission: "USER", entitlements: author },
    { purpose: "ml-engineers", groupName: config.groups.mlEngineers, permission: "USER", entitlements: author },
  ];
  if (config.identities.servingConsumers !== undefined) {
    groups.push({
      purpose: "serving-consumers",
      groupName: config.identities.servingConsumers,
      permission: "USER",
      entitlements: { workspaceAccess: false, workspaceConsume: true, databricksSqlAccess: false, allowClusterCreate: false },
    });
  }
  if (config.identities.breakGlassAdmins !== undefined) {
    groups.push({
      purpose: "break-glass-admins",
      groupName: config.identities.breakGlassAdmins,
      permission: "ADMIN",
      entitlements: { workspaceAccess: true, workspaceConsume: false, databricksSqlAccess: true, allowClusterCreate: false },
    });
  }
  return { groups, servicePrincipal: config.servicePrincipal?.applicationId };
}
