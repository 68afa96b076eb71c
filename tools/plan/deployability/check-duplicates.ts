/**
 * `unique-urns`: no URN is registered twice. The engine refuses the second registration and stops the
 * update: pulumi/pulumi pkg/diag/errors.go `GetDuplicateResourceURNError` (code 2001), raised by the step
 * generator (pkg/resource/deploy/step_generator.go). Pulumi's mock runtime accepts it, so the plan checks.
 */
import { label, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";

export const UNIQUE_URNS = "unique-urns";

/** One finding per URN registered more than once. */
export function checkUniqueUrns(plan: PlanView): DeployabilityFinding[] {
  const counts = new Map<string, number>();
  for (const s of plan.steps) counts.set(s.urn, (counts.get(s.urn) ?? 0) + 1);
  const out: DeployabilityFinding[] = [];
  for (const [urn, n] of counts) {
    if (n < 2) continue;
    const step = plan.step(urn)!;
    out.push({
      precondition: UNIQUE_URNS,
      urn,
      message: `${label(step)} is registered ${n} times: the engine stops with "Duplicate resource URN '${urn}'; try giving it a unique name"`,
    });
  }
  return out;
}
