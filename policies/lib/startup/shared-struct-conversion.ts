/**
 * The policy SDK deserializes a resource's properties from the request once for every rule it calls on the
 * resource: in Analyze for every rule that covers several types (before the rule can say it does not apply),
 * in AnalyzeStack once per stack rule for every resource of the stack. Each time it first converts the
 * request's protobuf `Struct` to plain JavaScript, the larger part of that work.
 *
 * `shareStructConversions` lets the SDK's `deserializeProperties` convert each `Struct` once and reuse that
 * plain copy for as long as the request lives. The SDK then builds the rule's objects from it afresh for each
 * rule, as before (every object and array is new; only strings, numbers and booleans are shared), so no rule
 * can see what another did to its properties, and every rule gets the same values it got before.
 */

/** The part of `@pulumi/policy/deserialize.js` that is patched (it is internal, so untyped). */
interface DeserializeModule {
  deserializeProperties: (struct: StructLike, proxySecrets: boolean) => Record<string, unknown>;
}

/** What `deserializeProperties` reads of a `Struct`. */
export interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

/**
 * A `deserializeProperties` that converts each `Struct` once, keyed by the object itself (a request's
 * getters return the same `Struct` every time); `convert` is the SDK's own function.
 */
export function sharingConversions(convert: DeserializeModule["deserializeProperties"]): DeserializeModule["deserializeProperties"] {
  const plain = new WeakMap<object, Record<string, unknown>>();
  return (struct, proxySecrets) => {
    if (typeof struct !== "object" || struct === null) return convert(struct, proxySecrets);
    let converted = plain.get(struct);
    if (converted === undefined) {
      converted = struct.toJavaScript();
      plain.set(struct, converted);
    }
    const once = converted;
    return convert({ toJavaScript: () => once }, proxySecrets);
  };
}

let shared = false;

/**
 * Patches the policy SDK that `fromDir` resolves; does nothing (returns false) when its layout is not the
 * expected one, so another SDK version runs unchanged.
 */
export function shareStructConversions(fromDir: string): boolean {
  if (shared) return true;
  let deserialize: DeserializeModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    deserialize = require(require.resolve("@pulumi/policy/deserialize", { paths: [fromDir] })) as DeserializeModule;
  } catch {
    return false;
  }
  if (typeof deserialize.deserializeProperties !== "function") return false;
  deserialize.deserializeProperties = sharingConversions(deserialize.deserializeProperties);
  shared = true;
  return true;
}
