/**
 * The policy SDK's own unknown-value sentinels and the proxy it wraps resource inputs in, for tests of how a
 * rule answers a value unknown during preview. The SDK marks them internal (absent from its type
 * declarations), so they are typed here; the pinned SDK version is the one the pack runs on.
 */
import * as proxy from "@pulumi/policy/proxy";

const sdk = proxy as unknown as {
  unknownCheckingProxy: <T extends object>(value: T) => T;
  unknownStringValue: string;
  unknownNumberValue: string;
};

/** Inputs as a validation receives them: reading an unknown sentinel throws the SDK's UnknownValueError. */
export const asValidationInputs = (inputs: Record<string, unknown>): Record<string, unknown> => sdk.unknownCheckingProxy(inputs);
/** A string input unknown during preview. */
export const UNKNOWN_STRING = sdk.unknownStringValue;
/** A number input unknown during preview. */
export const UNKNOWN_NUMBER = sdk.unknownNumberValue;
