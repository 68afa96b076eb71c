/** IAM roles a plan declares, and the policies attached to each. */
import type { PlannedStep } from "../types";
import type { PlanView } from "./plan-view";
import { T } from "./resource-types";

/**
 * The `aws:iam/role:Role`s one input's value came from: directly, or through `time` Sleeps whose triggers
 * carry the role's ARN (the IAM propagation wait). Other resources in between are not followed, so a role
 * that merely sits somewhere upstream is not mistaken for the one the input names.
 */
export function rolesBehind(plan: PlanView, step: PlannedStep, property: string): PlannedStep[] {
  const roles = new Map<string, PlannedStep>();
  const seen = new Set<string>();
  const visit = (urn: string) => {
    if (seen.has(urn)) return;
    seen.add(urn);
    const source = plan.step(urn);
    if (source?.type === T.iamRole) roles.set(source.urn, source);
    if (source?.type === T.sleep) for (const next of source.dependencies) visit(next);
  };
  for (const urn of step.propertyDependencies[property] ?? []) visit(urn);
  return [...roles.values()];
}

/** The inline policies and policy attachments of `role`: their `role` input came from it or names it. */
export function policiesOf(plan: PlanView, role: PlannedStep): PlannedStep[] {
  const roleName = role.inputs.name;
  return [...plan.ofType(T.rolePolicy), ...plan.ofType(T.rolePolicyAttachment)].filter(
    (p) => (p.propertyDependencies.role ?? []).includes(role.urn) || (typeof roleName === "string" && p.inputs.role === roleName),
  );
}
