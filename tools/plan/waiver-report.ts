/**
 * The waivers of a plan: every waiver in the effective policy config, and what it did in this plan. The
 * statuses come from the decisions the pack applies (policies/lib/waivers.ts) and from the pack's own
 * verdicts, so a waiver the pack still reported on shows as refused whatever the reason the pack had.
 */
import { MAX_WAIVER_DAYS, type WaiverPolicy, declaresProduction, waiverStatus, waiversOf } from "../../policies/lib/waivers";
import type { PlannedStep, PolicyViolation } from "./types";

/** What a configured waiver did in this plan. */
export type WaiverOutcome =
  /** In date, and the rule reported nothing on the resource: its violations (if any) are lifted. */
  | "in force"
  /** Past its expiry date: the rule applies again. */
  | "expired"
  /** Expires more than MAX_WAIVER_DAYS ahead, or on a day that does not exist: not applied. */
  | "refused: too long"
  | "refused: not a date"
  /** The rule keeps a promise of the design and refuses waivers on a production stage. */
  | "refused on prod"
  /** In date, yet the rule still reported the resource: the pack refused it for a reason of its own. */
  | "refused by the rule"
  /** No resource of this plan has the URN: a stale or mistyped waiver. */
  | "no such resource";

/** One waiver of the policy config with its outcome, as the plan prints it. */
export interface WaiverReportEntry {
  rule: string;
  urn: string;
  reason: string;
  expires: string;
  outcome: WaiverOutcome;
}

/** The policies' effective config, as the policy runner returns it. */
export interface ConfiguredPolicy {
  name: string;
  properties: Record<string, unknown>;
}

/**
 * Every configured waiver with its outcome in this plan, rule by rule in the pack's order. `waiverPolicyOf`
 * says whether a rule refuses waivers on prod (the pack's rule documentation; "allowed" for rules it does not know).
 */
export function waiverReport(
  policies: readonly ConfiguredPolicy[],
  steps: readonly PlannedStep[],
  violations: readonly PolicyViolation[],
  now: Date,
  waiverPolicyOf: (rule: string) => WaiverPolicy,
): WaiverReportEntry[] {
  const urns = new Set(steps.map((s) => s.urn));
  const entries: WaiverReportEntry[] = [];
  for (const policy of policies) {
    for (const waiver of waiversOf(policy.properties)) {
      const status = waiverStatus(waiver, waiverPolicyOf(policy.name), now, declaresProduction(policy.properties)).kind;
      const stillReported = violations.some((v) => v.policyName === policy.name && v.urn === waiver.urn);
      let outcome: WaiverOutcome;
      if (!urns.has(waiver.urn)) outcome = "no such resource";
      else if (status === "expired") outcome = "expired";
      else if (status === "too-long") outcome = "refused: too long";
      else if (status === "invalid-date") outcome = "refused: not a date";
      else if (status === "refused-on-prod") outcome = "refused on prod";
      else outcome = stillReported ? "refused by the rule" : "in force";
      entries.push({ rule: policy.name, urn: waiver.urn, reason: waiver.reason, expires: waiver.expires, outcome });
    }
  }
  return entries;
}

/**
 * The waiver policy of each rule of this project's pack, read only when a config holds waivers (loading the
 * rules costs start-up time every plan would pay). Rules it does not define are "allowed".
 */
export function projectWaiverPolicies(): (rule: string) => WaiverPolicy {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { allRules } = require("../../policies/rules") as typeof import("../../policies/rules");
  const byName = new Map(allRules.map((r) => [r.name, r.documentation.waivers]));
  return (rule) => byName.get(rule) ?? "allowed";
}

/** True when any policy's config holds a waiver. */
export function waiversConfigured(policies: readonly ConfiguredPolicy[]): boolean {
  return policies.some((p) => waiversOf(p.properties).length > 0);
}

/** The one-line explanation of an outcome, for people. */
export function outcomeText(outcome: WaiverOutcome): string {
  switch (outcome) {
    case "in force":
      return "in force: the rule's violations on this resource are not reported";
    case "expired":
      return "expired: the rule applies again";
    case "refused: too long":
      return `refused: waivers may run at most ${MAX_WAIVER_DAYS} days`;
    case "refused: not a date":
      return "refused: the expiry is not a calendar date (YYYY-MM-DD)";
    case "refused on prod":
      return "refused: the rule keeps a promise of the design and may never be waived on prod";
    case "refused by the rule":
      return "refused: the rule still reports the resource";
    case "no such resource":
      return "unused: no resource of this plan has this URN";
  }
}
