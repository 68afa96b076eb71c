/**
 * The data model of the offline plan. It mirrors what the Pulumi engine receives from the program
 * (one `RegisterResourceRequest` per resource) and what `pulumi preview --json` prints.
 */

import type { WaiverReportEntry } from "./waiver-report";
import type { DeployabilityReport } from "./deployability/findings";
import type { SecondUpReport } from "./read-back/report";
import type { CostEstimate } from "./cost/estimate-types";

/** The enforcement levels of the Pulumi policy SDK, as the CLI names them. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One resource registration as the engine would receive it; `op` is always `create` offline. */
export interface PlannedStep {
  op: "create";
  /** URN in Pulumi's format: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
  urn: string;
  type: string;
  name: string;
  /** URN of the parent, or "" for the root stack resource. */
  parent: string;
  /** URNs this resource depends on (explicit `dependsOn` plus every input's dependencies). */
  dependencies: string[];
  /** Input property name -> URNs that property's value came from. */
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  /** Alias URNs as the engine resolves them (aliases.ts), when the resource declares or inherits any. */
  aliases?: string[];
  /** Provider reference `<provider urn>::<provider id>`, or "" for the default provider / components. */
  provider: string;
  /** True for custom (provider-managed) resources, false for components and the stack. */
  custom: boolean;
  /** Create/update/delete custom timeouts as given, in the engine's string form ("45m"), when set. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
  /**
   * Inputs as plain JSON. Secrets appear as the string "[secret]" and values unknown during
   * preview as "[unknown]", never as their plain value.
   */
  inputs: Record<string, unknown>;
}

/** One policy violation, attributed to the resource (or the stack) it was reported against. */
export interface PolicyViolation {
  policyPack: string;
  policyName: string;
  enforcementLevel: EnforcementLevel;
  /** The rule's declared severity (`low` | `medium` | `high` | `critical`), "" when it declares none. */
  severity: string;
  /** URN of the offending resource; "" when a stack rule reported against the stack as a whole. */
  urn: string;
  message: string;
}

/** A log message of the program, the policy pack or the plan itself. */
export interface Diagnostic {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  /** The resource it is about, when there is one. */
  urn?: string;
}

/** The whole offline plan, as `npm run plan -- --json` prints it. */
export interface PlanDocument {
  project: string;
  stack: string;
  steps: PlannedStep[];
  changeSummary: { create: number };
  policyViolations: PolicyViolation[];
  /** Log messages of the program and the policy pack (severity + message + optional urn). */
  diagnostics: Diagnostic[];
  /** Every waiver of the policy config and what it did in this plan (waiver-report.ts); empty when none. */
  waivers: WaiverReportEntry[];
  /**
   * Whether the first `pulumi up` can run in the engine's order: broken preconditions and the critical
   * path (deployability/check.ts). Every plan sets it; absent only in a plan written before it existed.
   */
  deployability?: DeployabilityReport;
  /** What the next `up` with the same config would change, per the read-back model (read-back/report.ts). */
  secondUp?: SecondUpReport;
  /** What the stage would cost a month at list prices, with its working (cost/estimate.ts); absent in older plans. */
  cost?: CostEstimate;
}
