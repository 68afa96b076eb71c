/**
 * Reads the raw stage configuration out of Pulumi's config map, the way `pulumi config` stores it:
 * namespaced keys, objects and lists as JSON text, scalars as plain text.
 */

/**
 * The project's keys without their namespace, objects and lists parsed from JSON. Values that look
 * like JSON but do not parse stay text, so validation can name them instead of crashing here.
 */
export function rawConfigFromPulumi(allConfig: Readonly<Record<string, string>>, namespace: string): Record<string, unknown> {
  const prefix = `${namespace}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(allConfig)) {
    if (!key.startsWith(prefix)) continue;
    raw[key.slice(prefix.length)] = parseStructured(value);
  }
  return raw;
}

/** A config value as the program reads it: objects and lists parsed from JSON, anything else as given. */
export function parseStructured(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/**
 * Whether the stack file holds `<namespace>:<key>` as a secret (`secure:`). The runtime knows it
 * (it warns when a secret is read as plain text) but marks the function internal, so a runtime
 * without it answers false: a check built on this fails closed.
 */
export function isSecretConfigKey(runtime: object, namespace: string, key: string): boolean {
  const isConfigSecret = (runtime as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return typeof isConfigSecret === "function" ? isConfigSecret(`${namespace}:${key}`) : false;
}
