/**
 * Type filtering with the policy SDK's not-applicable semantics, for rules matched by type token strings.
 */
import type { ResourceValidation, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";

/**
 * Wraps a validation so it only runs for the given resource types. Other types call `args.notApplicable`
 * with the SDK's own reason text, and a single type is attached as `__pulumiType` so the policy server
 * can skip non-matching resources before deserializing them, exactly as for `validateResourceOfType`.
 */
export function forResourceTypes(
  types: readonly string[],
  validate: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
  const fn = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    if (!types.includes(args.type)) {
      const quoted = types.map((t) => `'${t}'`).join(", ");
      args.notApplicable(`Policy only applies to resources of type ${quoted}`);
    }
    validate(args, reportViolation);
  };
  if (types.length === 1) {
    (fn as { __pulumiType?: string }).__pulumiType = types[0];
  }
  return fn;
}

/**
 * Reads a value that may be unknown during preview. The SDK's proxy throws `UnknownValueError` on access
 * to an unknown value; rules that can work around an unknown (e.g. by following dependencies) use this
 * to tell "unknown" apart from "absent" instead of giving up on the whole resource.
 */
export function readIfKnown<T>(read: () => T): { known: true; value: T } | { known: false } {
  try {
    return { known: true, value: read() };
  } catch (err) {
    if (err instanceof Error && err.constructor.name === "UnknownValueError") return { known: false };
    throw err;
  }
}
