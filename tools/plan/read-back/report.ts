/**
 * The second-up check over a whole plan: for every provider resource, the state the provider would hold after
 * this `up`, and what the next `up` with the same inputs would change. A type without a model is reported.
 */
import type { PlannedStep } from "../types";
import type { DeployabilityFinding } from "../deployability/findings";
import { modelOf } from "./registry";
import { simulateReadBack } from "./simulate";
import { secondUpDiff, type SecondUpChange } from "./second-up";

/** One provider resource the next `up` would touch, or could not judge. */
export type ReadBackFinding =
  | { urn: string; type: string; status: "changes"; changes: SecondUpChange[] }
  | { urn: string; type: string; status: "unmodelled" };

/** The second-up section of the plan document. */
export interface SecondUpReport {
  /** Provider resources (custom resources and providers) the check looked at. */
  checked: number;
  /** Every resource the next `up` would change, and every one whose type has no model; empty when none. */
  findings: ReadBackFinding[];
}

/** The second-up report of a plan's steps (components and the stack hold no provider state and are skipped). */
export function secondUpReport(steps: readonly PlannedStep[]): SecondUpReport {
  const custom = steps.filter((step) => step.custom);
  const findings: ReadBackFinding[] = [];
  for (const step of custom) {
    if (modelOf(step.type) === undefined) {
      findings.push({ urn: step.urn, type: step.type, status: "unmodelled" });
      continue;
    }
    const changes = secondUpDiff(step, simulateReadBack(step));
    if (changes.length > 0) findings.push({ urn: step.urn, type: step.type, status: "changes", changes });
  }
  return { checked: custom.length, findings };
}

/** `name.path (why)` for each change of a finding. */
function describe(finding: ReadBackFinding): string[] {
  const name = finding.urn.slice(finding.urn.lastIndexOf("::") + 2);
  if (finding.status === "unmodelled") return [`${name}: type ${finding.type} has no read-back model`];
  return finding.changes.map((c) => `${name}.${c.path}: ${c.action}${c.perpetual ? ", perpetual" : ""} (${c.why})`);
}

/** The renderers' lines: one "second up: no changes" line, or a headline and one line per change. */
export function secondUpLines(report: SecondUpReport): string[] {
  if (report.findings.length === 0) return [`Second up: no changes (${report.checked} provider resources checked against the read-back model)`];
  const lines = report.findings.flatMap(describe);
  return [`Second up: ${lines.length} change${lines.length === 1 ? "" : "s"} would follow an unchanged \`up\`:`, ...lines.map((l) => `    - ${l}`)];
}

/** Id of the deployability precondition a second-up change breaks. */
export const SECOND_UP_PRECONDITION = "second-up-converges";

/**
 * Every change an unchanged second `up` would make, as a deployability finding (exit 4): a stack that changes
 * on every `up` fights its own state. A type without a model is listed in the report but not refused here: the
 * model cannot say it diverges.
 */
export function convergenceFindings(report: SecondUpReport, steps: readonly PlannedStep[]): DeployabilityFinding[] {
  const byUrn = new Map(steps.map((step) => [step.urn, step]));
  return report.findings.flatMap((finding) => {
    if (finding.status !== "changes") return [];
    const step = byUrn.get(finding.urn);
    const name = step ? `${step.name} (${step.type.slice(step.type.lastIndexOf(":") + 1)})` : finding.urn;
    return finding.changes.map((change) => ({
      precondition: SECOND_UP_PRECONDITION,
      urn: finding.urn,
      message: `${name} would ${change.action === "replace" ? "be replaced" : "change"} on an unchanged second up at ${change.path}${change.perpetual ? ", on every up" : ""}: ${change.why}`,
    }));
  });
}
