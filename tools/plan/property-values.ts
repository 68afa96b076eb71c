/**
 * Turns the wire form of resource properties (a protobuf `Struct` as JSON, with Pulumi's
 * signature-keyed special values) into the two forms the plan needs:
 * - `plainValue`: what people and CI see, the way `pulumi preview --json` shows it: secrets as
 *   "[secret]", values unknown during preview as "[unknown]";
 * - `engineValue`: what the engine hands the policy pack, with secrets' real values inside.
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

/** A secret on the wire, as the engine marshals it to analyzers (`KeepSecrets: true`). */
export function wireSecret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SIG.secret, value };
}

function signatureOf(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const sig = (v as Record<string, unknown>)[SIG_KEY];
  return typeof sig === "string" ? sig : undefined;
}

/**
 * Converts one wire value for display. Resource references become their URN; assets and archives
 * a short description; output values their element (or a marker when secret or unknown).
 */
export function plainValue(v: unknown): unknown {
  if (v === UNKNOWN_VALUE) return UNKNOWN_MARKER;
  if (Array.isArray(v)) return v.map(plainValue);
  if (typeof v !== "object" || v === null) return v;
  const obj = v as Record<string, unknown>;
  switch (signatureOf(obj)) {
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

/** Converts a property map for display, keeping key order (registration order of the SDK). */
export function plainObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = plainValue(v);
  return out;
}

/**
 * Converts one wire value to the form the engine marshals to analyzers (sdk/go/common/resource/plugin
 * analyzer_plugin.go: `KeepUnknowns` and `KeepSecrets`, without `KeepResources` or `KeepOutputValues`):
 * secrets stay wrapped around their real value (the policy SDK unwraps them for the rules), unknowns
 * stay the sentinel, a resource reference becomes its id (its URN while the id is unknown), an output
 * value its element (secret-wrapped when secret), assets and archives pass as they are.
 */
export function engineValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(engineValue);
  if (typeof v !== "object" || v === null) return v;
  const obj = v as Record<string, unknown>;
  switch (signatureOf(obj)) {
    case SIG.secret:
      return wireSecret(engineValue(obj.value));
    case SIG.resource:
      return typeof obj.id === "string" && obj.id !== "" && obj.id !== UNKNOWN_VALUE ? obj.id : obj.urn;
    case SIG.asset:
    case SIG.archive:
      return obj;
    case SIG.output: {
      const element = "value" in obj ? engineValue(obj.value) : UNKNOWN_VALUE;
      return obj.secret === true ? wireSecret(element) : element;
    }
    default:
      return engineObject(obj);
  }
}

/** Converts a property map to the engine's form, keeping key order. */
export function engineObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = engineValue(v);
  return out;
}

/**
 * Every string and number held inside a secret of a wire value (secrets and secret output values),
 * as text: what must never appear in an output a person or CI sees.
 */
export function secretLeaves(v: unknown, insideSecret = false): string[] {
  if (Array.isArray(v)) return v.flatMap((e) => secretLeaves(e, insideSecret));
  if (typeof v === "string") return insideSecret && v !== UNKNOWN_VALUE ? [v] : [];
  if (typeof v === "number") return insideSecret ? [String(v)] : [];
  if (typeof v !== "object" || v === null) return [];
  const obj = v as Record<string, unknown>;
  const sig = signatureOf(obj);
  if (sig === SIG.secret) return secretLeaves(obj.value, true);
  if (sig === SIG.output) return "value" in obj ? secretLeaves(obj.value, insideSecret || obj.secret === true) : [];
  if (sig !== undefined) {
    // A resource reference, asset or archive: its fields are secret when it sits inside a secret.
    const { [SIG_KEY]: _signature, ...fields } = obj;
    return insideSecret ? secretLeaves(fields, true) : [];
  }
  return Object.values(obj).flatMap((e) => secretLeaves(e, insideSecret));
}
