/** Which resources act inside which workspace, seen from the providers they use. */
import type { PlannedStep } from "../types";
import type { PlanView } from "./plan-view";
import { isWorkspaceProvider } from "./provider-kind";
import { T } from "./resource-types";

/** The `MwsWorkspaces` a step's `workspaceId` input came from (directly or through others), if any. */
export function createdWorkspaceOf(plan: PlanView, step: PlannedStep): PlannedStep | undefined {
  const sources = step.propertyDependencies.workspaceId ?? step.dependencies;
  for (const urn of sources) {
    const source = plan.step(urn);
    if (source?.type === T.mwsWorkspaces) return source;
    const reached = [...plan.graph.closure(urn)].map((u) => plan.step(u)).find((s) => s?.type === T.mwsWorkspaces);
    if (reached) return reached;
  }
  return undefined;
}

/**
 * Custom resources on a workspace provider of `workspace`: the providers whose host waits for that
 * `MwsWorkspaces`. Without one (a workspace id given as a literal), every workspace provider whose host
 * comes from no created workspace.
 */
export function resourcesInWorkspace(plan: PlanView, workspace: PlannedStep | undefined): PlannedStep[] {
  const created = plan.ofType(T.mwsWorkspaces);
  const member = new Map<string, boolean>();
  const ofWorkspace = (provider: PlannedStep): boolean => {
    let known = member.get(provider.urn);
    if (known === undefined) {
      known = workspace ? plan.waitsFor(provider, workspace) : !created.some((w) => plan.waitsFor(provider, w));
      member.set(provider.urn, known);
    }
    return known;
  };
  return plan.steps.filter((step) => {
    if (!step.custom) return false;
    const provider = plan.providerOf(step);
    return isWorkspaceProvider(provider) && ofWorkspace(provider);
  });
}
