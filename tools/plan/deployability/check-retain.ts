/**
 * `retain-protected-data`: a protected data-holding resource is also retained on delete. `protect` stops Pulumi from
 * deleting it; `retainOnDelete` makes Pulumi leave the cloud object in place whenever it does drop the resource from
 * the stack (after a reviewed unprotect, a `pulumi destroy`, a replacement), so the data survives a mistake in that
 * reviewed change too. The analyzer protocol does not carry `retainOnDelete` to a policy pack
 * (AnalyzerResourceOptions in pulumi/proto/pulumi/analyzer.proto), but the engine's registration does
 * (RegisterResourceRequest.retainOnDelete), which the offline plan records, so the plan judges it. Only resources
 * the stage protects are judged: on dev and staging data is disposable and unprotected by design.
 */
import { DATA_HOLDING_TYPES } from "../../../policies/rules/data-require-deletion-protection";
import { alone, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";

export const RETAIN_PROTECTED_DATA = "retain-protected-data";

/** One finding per protected data-holding resource registered without `retainOnDelete`. */
export function checkProtectedDataRetained(plan: PlanView): DeployabilityFinding[] {
  return plan.steps
    .filter((step) => step.protect && step.retainOnDelete !== true && DATA_HOLDING_TYPES.includes(step.type))
    .map((step) =>
      alone(
        RETAIN_PROTECTED_DATA,
        step,
        "is protected but not retained on delete: once unprotected, replaced or destroyed, Pulumi would delete the cloud object and its data; set the resource option retainOnDelete: true",
      ),
    );
}
