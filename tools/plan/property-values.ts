/**
 * Turns the wire form of resource properties (a protobuf `Struct` as JSON, with Pulumi's
 * signature-keyed special values) into plain JSON for the plan, the way `pulumi preview --json`
 * shows them: secrets as "[secret]", values unknown during preview as "[unknown]".
 */

/** Key that marks a special value on the wire. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The wire form of a value unknown during preview (`@pulumi/pulumi/runtime/rpc` `unknownValue`). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  resource: "5cf8f73096256a8f31e491e813e4eb8e",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
  output: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
};

/** Marker strings that replace values the plan must not or cannot show. */
export const SECRET_MARKER = "[secret]";
export const UNKNOWN_MARKER = "[unknown]";

/**
 * Converts one wire value. Resource references become their URN; assets and archives a short
 * description; output values their element (or a marker when secret or unknown).
 */
export function plainValue(v: unknown): unknown {
  if (v === UNKNOWN_VALUE) return UNKNOWN_MARKER;
  if (Array.isArray(v)) return v.map(plainValue);
  if (typeof v !== "object" || v === null) return v;
  const obj = v as Record<string, unknown>;
  switch (obj[SIG_KEY]) {
    case SIG.secret:
      return SECRET_MARKER;
    case SIG.resource:
      return obj.urn;
    case SIG.asset:
      return { asset: obj.path ?? obj.uri ?? (obj.text !== undefined ? "<text>" : "<asset>") };
    case SIG.archive:
      return { archive: obj.path ?? obj.uri ?? "<assets>" };
    case SIG.output:
      if (obj.secret === true) return SECRET_MARKER;
      return "value" in obj ? plainValue(obj.value) : UNKNOWN_MARKER;
    default:
      return plainObject(obj);
  }
}

/** Converts a property map, keeping key order (registration order of the SDK). */
export function plainObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = plainValue(v);
  return out;
}
