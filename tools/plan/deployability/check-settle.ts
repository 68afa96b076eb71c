/**
 * `workspace-settle-before-settings`: in a plan that creates its workspace, every resource on that
 * workspace's provider waits for a `time` Sleep that waits for the workspace.
 *
 * Source: mws/resource_mws_workspaces.go `WaitForExpectedStatus`/`verifyWorkspaceReachable` return once the
 * workspace is RUNNING and its host resolves, yet SRA (aws/tf/main.tf `time_sleep.wait_for_workspace`, 60 s)
 * waits more because workspace-level settings applied at once "can intermittently fail to find the
 * workspace by its ID" (provider-evidence finding 6).
 */
import type { PlannedStep } from "../types";
import { alone, label, missingEdge, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";
import { T } from "./resource-types";
import { resourcesInWorkspace } from "./workspace-scope";

export const WORKSPACE_SETTLE_BEFORE_SETTINGS = "workspace-settle-before-settings";

/** Findings of `workspace-settle-before-settings` over one plan. */
export function checkWorkspaceSettles(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  for (const workspace of plan.ofType(T.mwsWorkspaces)) {
    const sleeps = plan.ofType(T.sleep).filter((s) => plan.waitsFor(s, workspace));
    for (const step of resourcesInWorkspace(plan, workspace)) {
      if (sleeps.some((sleep) => plan.waitsFor(step, sleep))) continue;
      out.push(finding(step, workspace, sleeps[0]));
    }
  }
  return out;
}

function finding(step: PlannedStep, workspace: PlannedStep, sleep: PlannedStep | undefined): DeployabilityFinding {
  const why = `settings applied right after ${label(workspace)} is created can fail to find the workspace; take the workspace provider's host from a time Sleep that waits for it`;
  if (sleep) return missingEdge(WORKSPACE_SETTLE_BEFORE_SETTINGS, step, sleep, why);
  return alone(WORKSPACE_SETTLE_BEFORE_SETTINGS, step, `does not wait for a time Sleep after ${label(workspace)}, and the plan has none: ${why}`);
}
