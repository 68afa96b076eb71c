/**
 * Applies the waivers of a rule's config to the rule: every rule of the pack goes through `withWaivers`
 * (in rules.ts), so a waiver works the same for resource and stack rules and no rule can forget it.
 */
import type { PolicyConfigSchema, ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation } from "@pulumi/policy";
import type { DocumentedPolicy } from "./rule-documentation";
import { PRODUCTION_SCHEMA, WAIVERS_SCHEMA, type WaiverPolicy, decideForResource, declaresProduction, waiversOf } from "./waivers";

/** The clock the pack reads; tests pass a fixed one. */
export type Clock = () => Date;

/** A violation message with the note of a waiver that names the resource but does not apply. */
function annotated(message: string, note: string): string {
  return `${message} ${note}`;
}

/**
 * A reporter that applies the waivers of the resource a finding is about (`urnOf` the URN it was reported
 * with). The waivers are read only when a finding comes, so a compliant resource costs nothing.
 */
function waiverAwareReporter(
  ruleName: string,
  policy: WaiverPolicy,
  readConfig: () => unknown,
  now: Date,
  reportViolation: ReportViolation,
  urnOf: (reportedUrn: string | undefined) => string | undefined,
): ReportViolation {
  return (message, reportedUrn) => {
    const urn = urnOf(reportedUrn);
    // A finding about the stack as a whole names no resource, so no waiver can lift it.
    if (!urn) return reportViolation(message, reportedUrn);
    const config = readConfig();
    const decision = decideForResource(ruleName, waiversOf(config), urn, policy, now, declaresProduction(config));
    if (decision.kind === "waived") return;
    reportViolation(decision.kind === "annotate" ? annotated(message, decision.note) : message, reportedUrn);
  };
}

function wrapResourceValidation(ruleName: string, policy: WaiverPolicy, validate: ResourceValidation, clock: Clock): ResourceValidation {
  const wrapped: ResourceValidation = (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
    // The check runs as written (a not-applicable answer reaches the SDK as usual); its findings pass the waivers.
    validate(args, waiverAwareReporter(ruleName, policy, () => args.getConfig(), clock(), reportViolation, () => args.urn));
  // The SDK skips resources of other types before deserializing them when a validation carries its type.
  const pulumiType = (validate as { __pulumiType?: string }).__pulumiType;
  if (pulumiType !== undefined) (wrapped as { __pulumiType?: string }).__pulumiType = pulumiType;
  return wrapped;
}

function wrapStackValidation(ruleName: string, policy: WaiverPolicy, validate: StackValidation, clock: Clock): StackValidation {
  return (args, reportViolation) =>
    validate(args, waiverAwareReporter(ruleName, policy, () => args.getConfig(), clock(), reportViolation, (urn) => urn));
}

/**
 * The rule with waivers applied: its config schema accepts `waivers`, and a waiver in force for a
 * resource lifts the rule's violations on that resource. A waiver that names the resource but is expired,
 * too long, malformed or refused (a `refused-on-prod` rule on a production stage: its config does not set
 * `production: false`, or the stack is named prod) leaves the violation in place
 * and says why. Remediations are not touched: they fix a resource rather than judge it.
 */
export function withWaivers<T extends DocumentedPolicy>(rule: T, clock: Clock = () => new Date()): T {
  const policy = rule.documentation.waivers;
  const configSchema: PolicyConfigSchema = {
    ...rule.configSchema,
    properties: {
      ...(rule.configSchema?.properties ?? {}),
      waivers: WAIVERS_SCHEMA,
      // Only a rule that refuses waivers on production needs to know whether the stage is production.
      ...(policy === "refused-on-prod" ? { production: PRODUCTION_SCHEMA } : {}),
    },
  };
  if ("validateStack" in rule && rule.validateStack) {
    return { ...rule, configSchema, validateStack: wrapStackValidation(rule.name, policy, rule.validateStack, clock) };
  }
  if ("validateResource" in rule && rule.validateResource) {
    const validations = rule.validateResource;
    const validateResource = Array.isArray(validations)
      ? validations.map((v) => wrapResourceValidation(rule.name, policy, v, clock))
      : wrapResourceValidation(rule.name, policy, validations, clock);
    return { ...rule, configSchema, validateResource };
  }
  // A remediation-only rule judges nothing a waiver could lift; it keeps its schema, so a waiver in its
  // config is refused as an unknown property instead of silently doing nothing.
  return rule;
}
