/** The plan's verdict: which violations block, and the stderr message that names them. */
import type { EnforcementLevel, PlanDocument, PolicyViolation } from "./types";
import type { DeployabilityFinding } from "./deployability/findings";
import { ExitCode } from "./errors";
import { parseUrn } from "./urn";

/** Enforcement levels, most blocking first: the order in which every format lists violations. */
export const LEVELS_MOST_BLOCKING_FIRST: readonly EnforcementLevel[] = ["mandatory", "remediate", "advisory", "disabled"];

/** Violations that fail the plan (exit 1). */
export function mandatoryViolations(doc: PlanDocument): PolicyViolation[] {
  return doc.policyViolations.filter((v) => v.enforcementLevel === "mandatory");
}

/** Broken preconditions of the first `pulumi up` (exit 4 when no mandatory violation). */
export function deployabilityFindings(doc: PlanDocument): DeployabilityFinding[] {
  return doc.deployability?.findings ?? [];
}

/**
 * The exit code of a finished plan. A mandatory policy violation (1) wins over an undeployable plan (4):
 * a security refusal is the stronger verdict and the one CI already gates on; stderr names both.
 */
export function planExitCode(doc: PlanDocument): number {
  if (mandatoryViolations(doc).length > 0) return ExitCode.mandatoryViolation;
  return deployabilityFindings(doc).length > 0 ? ExitCode.notDeployable : ExitCode.ok;
}

/** `type name` of a URN for people; "the stack as a whole" for stack-level reports. */
export function resourceLabel(urn: string): string {
  if (!urn) return "the stack as a whole";
  const { qualifiedType, name } = parseUrn(urn);
  return `${qualifiedType.split("$").pop()} ${name}`;
}

/** The stderr message of a failed plan: every broken rule with the resources it names. */
export function failureMessage(stack: string, violations: PolicyViolation[]): string {
  const byRule = new Map<string, string[]>();
  for (const v of violations) {
    const list = byRule.get(v.policyName) ?? [];
    list.push(resourceLabel(v.urn));
    byRule.set(v.policyName, list);
  }
  const n = violations.length;
  const lines = [`plan of stack ${stack} failed: ${n} mandatory policy violation${n === 1 ? "" : "s"}`];
  for (const [rule, resources] of byRule) lines.push(`  ${rule}: ${[...new Set(resources)].join(", ")}`);
  return lines.join("\n");
}
