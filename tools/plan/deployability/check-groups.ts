/**
 * `group-before-reference`: a workspace assignment or a grant that names an account group the same plan
 * creates (by its display name, a plain string that carries no edge) waits for the group.
 *
 * Source: access/resource_permission_assignment.go `CreateOrUpdate` posts the assignment with `group_name`,
 * which the account resolves to an existing group; catalog/resource_grants.go `Create` sets the privileges
 * of each `principal` by name (`replaceAllPermissions`), and Unity Catalog refuses an unknown principal.
 */
import { missingEdge, type DeployabilityFinding } from "./findings";
import { stringInput, type PlanView } from "./plan-view";

export const GROUP_BEFORE_REFERENCE = "group-before-reference";

const GROUP = "databricks:index/group:Group";

/** The group names a step refers to. */
function groupNames(step: { type: string; inputs: Record<string, unknown> }): string[] {
  if (step.type === "databricks:index/permissionAssignment:PermissionAssignment") {
    return typeof step.inputs.groupName === "string" ? [step.inputs.groupName] : [];
  }
  if (step.type === "databricks:index/grants:Grants") {
    const grants = Array.isArray(step.inputs.grants) ? step.inputs.grants : [];
    return grants.flatMap((g) => (typeof (g as { principal?: unknown }).principal === "string" ? [(g as { principal: string }).principal] : []));
  }
  if (step.type === "databricks:index/grant:Grant") return typeof step.inputs.principal === "string" ? [step.inputs.principal] : [];
  return [];
}

/** Findings of `group-before-reference` over one plan. */
export function checkGroupsFirst(plan: PlanView): DeployabilityFinding[] {
  const groups = plan.ofType(GROUP);
  if (groups.length === 0) return [];
  const out: DeployabilityFinding[] = [];
  for (const step of plan.steps) {
    for (const name of new Set(groupNames(step))) {
      const group = groups.find((g) => stringInput(g, "displayName") === name);
      if (group === undefined || plan.waitsFor(step, group)) continue;
      out.push(missingEdge(GROUP_BEFORE_REFERENCE, step, group, `it names the group ${name}, which this plan creates; the API resolves the name to an existing group`));
    }
  }
  return out;
}
