/** The deployability check: every precondition over one plan's steps, and the first-deploy critical path. */
import type { PlannedStep } from "../types";
import type { DeployabilityReport } from "./findings";
import { planView } from "./plan-view";
import { PRECONDITIONS } from "./preconditions";
import { criticalPath } from "./critical-path";
import { condense } from "./condense";

/** Judges the recorded steps of one plan. Pure: the same steps give the same report. */
export function checkDeployability(steps: readonly PlannedStep[]): DeployabilityReport {
  const plan = planView(steps);
  return {
    findings: PRECONDITIONS.flatMap((p) => (p.ordering ? condense(plan, p.check(plan)) : p.check(plan))),
    criticalPath: criticalPath(plan),
  };
}
