/**
 * `explicit-provider`: every resource names a provider of its stage, of the right kind. A resource with
 * provider "" gets the engine's default provider, configured from the environment alone, which cannot
 * point at a workspace this same `up` creates.
 */
import type { PlannedStep } from "../types";
import { alone, label, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";
import { databricksLevel, EXPLICIT_PROVIDER_PACKAGES, packageOf } from "./resource-types";
import { hostKind } from "./provider-kind";

export const EXPLICIT_PROVIDER = "explicit-provider";

function levelFinding(step: PlannedStep, provider: PlannedStep): DeployabilityFinding | undefined {
  const level = databricksLevel(step.type);
  const kind = hostKind(provider);
  if (kind === "none") {
    return alone(EXPLICIT_PROVIDER, step, `is on ${label(provider)}, which sets no host: the environment (DATABRICKS_HOST) would decide what it calls`);
  }
  // Account-only resources call the account API (`/api/2.0/accounts/<id>/...`) on the provider's host
  // (mws/resource_mws_credentials.go Create -> AccountClientWithAccountIdFromConfig); a workspace host does not serve it.
  if (level === "account" && kind !== "account") {
    return alone(EXPLICIT_PROVIDER, step, `is an account-level resource on ${label(provider)}, whose host is not an accounts host: the account API is served only there (provider docs/index.md "host argument")`);
  }
  // Workspace resources call workspace APIs through `WorkspaceClient` (common/client.go) on the provider's
  // host; an accounts host serves none of them.
  if (level === "workspace" && kind === "account") {
    return alone(EXPLICIT_PROVIDER, step, `is a workspace-level resource on ${label(provider)}, whose host is the accounts host: workspace APIs are served only by the workspace's own host`);
  }
  return undefined;
}

/** Findings of `explicit-provider` over one plan. */
export function checkExplicitProviders(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  for (const step of plan.steps) {
    const pkg = packageOf(step.type);
    if (!step.custom || !EXPLICIT_PROVIDER_PACKAGES.includes(pkg)) continue;
    if (step.provider === "") {
      out.push(alone(EXPLICIT_PROVIDER, step, `uses the default ${pkg} provider: the engine would configure it from the environment alone, not from the stage; pass the stage's provider`));
      continue;
    }
    const provider = plan.providerOf(step);
    if (provider === undefined) {
      out.push(alone(EXPLICIT_PROVIDER, step, `names a provider that is not in the plan (${step.provider})`));
      continue;
    }
    // The engine accepts only a provider of the resource's own package.
    if (provider.type !== `pulumi:providers:${pkg}`) {
      out.push(alone(EXPLICIT_PROVIDER, step, `is on ${label(provider)}, a provider of another package: the engine refuses it`));
      continue;
    }
    if (pkg === "databricks") {
      const finding = levelFinding(step, provider);
      if (finding) out.push(finding);
    }
  }
  return out;
}
