/** IAM roles a plan declares, and the policies attached to each. */
import type { PlannedStep } from "../types";
import type { PlanView } from "./plan-view";
import { T } from "./resource-types";

/**
 * The `aws:iam/role:Role`s one input's value came from, directly or through the resources in between
 * (a `time` Sleep whose triggers carry the role's ARN, for example).
 */
export function rolesBehind(plan: PlanView, step: PlannedStep, property: string): PlannedStep[] {
  const roles = new Map<string, PlannedStep>();
  for (const urn of step.propertyDependencies[property] ?? []) {
    for (const u of [urn, ...plan.graph.closure(urn)]) {
      const s = plan.step(u);
      if (s?.type === T.iamRole) roles.set(s.urn, s);
    }
  }
  return [...roles.values()];
}

/** The inline policies and policy attachments of `role`: their `role` input came from it or names it. */
export function policiesOf(plan: PlanView, role: PlannedStep): PlannedStep[] {
  const roleName = role.inputs.name;
  return [...plan.ofType(T.rolePolicy), ...plan.ofType(T.rolePolicyAttachment)].filter(
    (p) => (p.propertyDependencies.role ?? []).includes(role.urn) || (typeof roleName === "string" && p.inputs.role === roleName),
  );
}
