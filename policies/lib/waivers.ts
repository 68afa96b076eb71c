import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Waivers: a rule of the pack may be waived for one resource, in that rule's block of the stage's policy
 * config, with a reason and an expiry date. This module holds the pure decisions (is this waiver in force
 * for this resource today, and if not, why not); `with-waivers.ts` applies them to the rules.
 */

/** One waiver as written in `policies/config/<stage>.json` under a rule's `waivers`. */
export interface Waiver {
  /** The URN of the one resource the rule is waived for (as `npm run plan -- --json` prints it). */
  urn: string;
  /** Why the resource may break the rule, and what makes that safe until the expiry date. */
  reason: string;
  /** The last day (UTC, `YYYY-MM-DD`) the waiver applies; from the next day on the rule applies again. */
  expires: string;
}

/**
 * Whether a rule may be waived. `refused-on-prod`: the rule keeps the design's central promises (who
 * writes, what is isolated, what cannot be deleted), so a waiver for a resource of the prod stack is refused.
 */
export type WaiverPolicy = "allowed" | "refused-on-prod";

/**
 * The stack names (compared case-insensitively) whose resources a `refused-on-prod` rule never waives, whatever
 * the policy config says. A production stage deployed under another stack name is production too: its
 * policy config declares it (`production`, see `declaresProduction`).
 */
export const PRODUCTION_STACKS: readonly string[] = ["prod"];

/**
 * The JSON schema of the `production` config property every `refused-on-prod` rule accepts. The stage comes
 * from the stack config, which the pack never sees, and a stack's name can be anything; the policy config
 * chosen for the stage is what the pack sees, so it says whether the stage is production.
 */
export const PRODUCTION_SCHEMA: PolicyConfigJSONSchema = {
  type: "boolean",
  default: true,
  description:
    "Whether this policy config is a production stage's: then this rule's waivers are refused, whatever the stack is named. " +
    "Default true, so a config that does not say otherwise is production; dev and staging configs set false.",
};

/** Whether a rule's config declares a production stage: anything but an explicit `false` does (fail closed). */
export function declaresProduction(config: unknown): boolean {
  return (config as { production?: unknown } | undefined)?.production !== false;
}

/** The longest a waiver may run: its expiry date at most this many days after today. */
export const MAX_WAIVER_DAYS = 180;

/** The shortest reason accepted, so a waiver says something a reviewer can weigh. */
export const MIN_REASON_LENGTH = 20;

/** The JSON schema of the `waivers` config property every rule of the pack accepts. */
export const WAIVERS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  items: {
    type: "object",
    properties: {
      urn: { type: "string", pattern: "^urn:pulumi:[^:]+::[^:]+::.+::.+$" },
      reason: { type: "string", minLength: MIN_REASON_LENGTH },
      expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
    },
    required: ["urn", "reason", "expires"],
    additionalProperties: false,
  },
  default: [],
  description:
    `Per-resource exclusions: { urn, reason (at least ${MIN_REASON_LENGTH} characters), expires (YYYY-MM-DD, ` +
    `at most ${MAX_WAIVER_DAYS} days ahead) }. See docs/security-reviewer.md. Default none.`,
};

/** What a waiver does today for the resource it names. */
export type WaiverStatus =
  | { kind: "active" }
  | { kind: "expired" }
  | { kind: "refused-on-prod"; stack: string }
  | { kind: "too-long"; days: number }
  | { kind: "invalid-date" };

/** The stack name inside a URN (`urn:pulumi:<stack>::<project>::...`), or "" when it is not a URN. */
export function stackOfUrn(urn: string): string {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match ? match[1] : "";
}

/** Milliseconds of the start of a `YYYY-MM-DD` day in UTC, or undefined when it is not a real date. */
export function dayStartUtc(date: string): number | undefined {
  // Stryker disable next-line Regex: equivalent; the read-back below refuses any text around the date too.
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to March (and years 0-99 to 1900-1999); a real date reads back unchanged.
  if (new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Decides what one waiver does at `now` under the rule's waiver policy, on a stage whose policy config
 * declares it production or not (`production`); a stack named in PRODUCTION_STACKS is production regardless.
 */
export function waiverStatus(waiver: Waiver, policy: WaiverPolicy, now: Date, production: boolean): WaiverStatus {
  const stack = stackOfUrn(waiver.urn);
  if (policy === "refused-on-prod" && (production || PRODUCTION_STACKS.includes(stack.toLowerCase()))) return { kind: "refused-on-prod", stack };
  const start = dayStartUtc(waiver.expires);
  if (start === undefined) return { kind: "invalid-date" };
  if (now.getTime() >= start + DAY_MS) return { kind: "expired" };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((start - today) / DAY_MS);
  if (days > MAX_WAIVER_DAYS) return { kind: "too-long", days };
  return { kind: "active" };
}

/** The sentence added to a violation that a waiver names but does not lift, saying why. */
export function notAppliedNote(ruleName: string, waiver: Waiver, status: Exclude<WaiverStatus, { kind: "active" }>): string {
  switch (status.kind) {
    case "expired":
      return `The waiver for this resource expired on ${waiver.expires} and no longer applies.`;
    case "refused-on-prod":
      return `The waiver for this resource is refused: ${ruleName} may never be waived on a production stage (stack '${status.stack}').`;
    case "too-long":
      return `The waiver for this resource is refused: it expires ${waiver.expires}, ${status.days} days ahead; waivers may run at most ${MAX_WAIVER_DAYS} days.`;
    case "invalid-date":
      return `The waiver for this resource is refused: its expiry ${JSON.stringify(waiver.expires)} is not a calendar date (YYYY-MM-DD).`;
  }
}

/** What the waivers of a rule do for one resource: lift its violations, annotate them, or nothing. */
export type WaiverDecision = { kind: "waived"; waiver: Waiver } | { kind: "annotate"; note: string } | { kind: "none" };

/**
 * Decides for one resource from the waivers configured for a rule: any waiver in force lifts the
 * violations; otherwise the first waiver that names the resource explains why it does not apply.
 */
export function decideForResource(ruleName: string, waivers: readonly Waiver[], urn: string, policy: WaiverPolicy, now: Date, production: boolean): WaiverDecision {
  const named = waivers.filter((w) => w.urn === urn);
  const statuses = named.map((waiver) => ({ waiver, status: waiverStatus(waiver, policy, now, production) }));
  const inForce = statuses.find((s) => s.status.kind === "active");
  if (inForce) return { kind: "waived", waiver: inForce.waiver };
  const first = statuses[0];
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent; an active first waiver returned above, the test narrows the type.
  if (!first || first.status.kind === "active") return { kind: "none" };
  return { kind: "annotate", note: notAppliedNote(ruleName, first.waiver, first.status) };
}

/** Reads the `waivers` of a rule's config, tolerating a config the engine has not validated (tests, old packs). */
export function waiversOf(config: unknown): Waiver[] {
  const list = (config as { waivers?: unknown } | undefined)?.waivers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (w): w is Waiver =>
      typeof w === "object" && w !== null && typeof w.urn === "string" && typeof w.reason === "string" && typeof w.expires === "string",
  );
}
