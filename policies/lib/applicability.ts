/**
 * Type filtering with the policy SDK's not-applicable semantics, for rules matched by type token strings,
 * and this pack's answer to values that are unknown during preview: it fails closed.
 */
import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidation,
  StackValidationArgs,
} from "@pulumi/policy";
import { typeDisplayName } from "./resource-types";

/** True for the policy SDK's `UnknownValueError`, thrown when a rule reads a value unknown during preview. */
export function isUnknownValueError(err: unknown): err is Error {
  return err instanceof Error && err.constructor.name === "UnknownValueError";
}

/**
 * The message of a check that could not decide because a value is unknown during preview. The SDK would
 * report it as advisory whatever the rule's level, so a preview-gated CI would pass a resource nobody
 * checked; this pack reports it at the rule's own level instead (mandatory on staging and prod).
 */
export function undecidedMessage(resource: string, cause: string): string {
  return (
    `${resource} cannot be checked during preview: ${cause}. This rule fails closed on unknown values: ` +
    "make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
    "or preview again once the resource it comes from exists."
  );
}

/**
 * Calls the SDK's `notApplicable`, which throws an error the policy server catches and reports. It runs for
 * most pairs of rule and resource, and capturing the stack trace it never shows was most of its cost, so
 * it throws without one.
 */
function signalNotApplicable(args: ResourceValidationArgs, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Wraps a validation so it only runs for the given resource types. Other types call `args.notApplicable`
 * with the SDK's own reason text, and a single type is attached as `__pulumiType` so the policy server
 * can skip non-matching resources before deserializing them, exactly as for `validateResourceOfType`.
 * A read of an unknown value becomes a violation at the rule's level (see `undecidedMessage`).
 */
export function forResourceTypes(
  types: readonly string[],
  validate: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
  const reason = `Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`;
  const fn = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    if (!types.includes(args.type)) signalNotApplicable(args, reason);
    try {
      validate(args, reportViolation);
    } catch (err) {
      if (!isUnknownValueError(err)) throw err;
      reportViolation(undecidedMessage(`${typeDisplayName(args.type)} '${args.name}'`, err.message));
    }
  };
  if (types.length === 1) {
    (fn as { __pulumiType?: string }).__pulumiType = types[0];
  }
  return fn;
}

/**
 * Like `forResourceTypes`, for a rule that judges every type of a provider's package: types are matched by
 * prefix (`aws:`), so a type the provider gains later is judged without a change to the rule.
 */
export function forResourceTypePrefixes(
  prefixes: readonly string[],
  validate: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
  const reason = `Policy only applies to resources whose type starts with ${prefixes.map((p) => `'${p}'`).join(", ")}`;
  return (args, reportViolation) => {
    if (!prefixes.some((prefix) => args.type.startsWith(prefix))) signalNotApplicable(args, reason);
    // A matching type is judged as `forResourceTypes` judges its types, unknown values included.
    return forResourceTypes([args.type], validate)(args, reportViolation);
  };
}

/**
 * A stack validation that fails closed like `forResourceTypes`: a read of an unknown value that the rule did
 * not handle itself becomes a violation about the stack at the rule's level.
 */
export function failingClosed(validate: (args: StackValidationArgs, reportViolation: ReportViolation) => void): StackValidation {
  return (args, reportViolation) => {
    try {
      validate(args, reportViolation);
    } catch (err) {
      if (!isUnknownValueError(err)) throw err;
      reportViolation(undecidedMessage("The stack", err.message));
    }
  };
}

/**
 * Reads a value that may be unknown during preview. The SDK's proxy throws `UnknownValueError` on access
 * to an unknown value; rules that can prove an unknown harmless (e.g. a catalog name the isolation check
 * does not need) use this to tell "unknown" apart from "absent" instead of giving up on the whole resource.
 */
export function readIfKnown<T>(read: () => T): { known: true; value: T } | { known: false } {
  try {
    return { known: true, value: read() };
  } catch (err) {
    if (isUnknownValueError(err)) return { known: false };
    throw err;
  }
}
