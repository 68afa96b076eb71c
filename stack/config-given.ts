/**
 * How a config error shows what the stack file gave. Errors are printed by `pulumi up` and posted on pull
 * requests by CI, so a value that could be a credential is never echoed: the error says what kind of value
 * it was instead. Echoed: values of known, non-secret keys that look like no credential (a group name, a
 * workspace URL), which is what makes an error actionable.
 */

const MAX_GIVEN_LENGTH = 80;

/** A key segment whose name says it holds a secret (`notificationSecrets`, `apiToken`, `password`, `webhookUrl`). */
const SECRET_KEY_NAME = /secret|passw|token|credential|api_?key|private_?key|webhook|signing/i;

/** Keys whose name says "secret" but whose value is only the name of a secret entry (`alerts.destinations[].urlSecret`). */
const SECRET_REFERENCE_KEYS: ReadonlySet<string> = new Set(["urlSecret"]);

/** Strings that are credentials by their form, with what the error says instead; the first match wins. */
const CREDENTIAL_FORMS: readonly { pattern: RegExp; kind: string }[] = [
  { pattern: /^https?:\/\/hooks\.slack\.com\//i, kind: "a Slack webhook URL" },
  { pattern: /^https?:\/\/[^/\s]*\/\S*(hook|callback)/i, kind: "a webhook URL" },
  { pattern: /^https?:\/\/[^/\s]*webhook/i, kind: "a webhook URL" },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s@]+@/i, kind: "a URL with credentials" },
  { pattern: /^https?:\/\/\S*[?&](token|key|sig|signature|secret|code|password|access_token)=/i, kind: "a URL with credentials" },
  { pattern: /^xox[abposr]-/, kind: "a Slack token" },
  { pattern: /^dapi[0-9a-f]{32}(-\d+)?$/i, kind: "a Databricks access token" },
  { pattern: /^(AKIA|ASIA)[0-9A-Z]{16}$/, kind: "an AWS access key id" },
  { pattern: /^(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,}$/, kind: "a GitHub token" },
  { pattern: /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\./, kind: "a JSON web token" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, kind: "a private key" },
  { pattern: /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, kind: "Pulumi ciphertext" },
  // Long runs of hex, or of base64 mixing cases and digits, are what generated keys look like; names,
  // UUIDs (application ids) and URLs have separators or one case.
  { pattern: /^(?=\S*\d)(?=\S*[a-f])[0-9a-f]{32,}$/i, kind: "a credential-like string" },
  { pattern: /^(?=\S*[a-z])(?=\S*[A-Z])(?=\S*\d)[A-Za-z0-9+/_-]{32,}={0,2}$/, kind: "a credential-like string" },
];

/** What kind of credential `value` is by its form, or undefined when it looks like none. */
export function credentialKind(value: string): string | undefined {
  const trimmed = value.trim();
  return CREDENTIAL_FORMS.find((form) => form.pattern.test(trimmed))?.kind;
}

/** Every string inside a value, at any depth. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** `a string`, `an object`, `a list`: what a value is, without any of its content. */
export function valueKind(value: unknown): string {
  if (typeof value === "string") return "a string";
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "an object";
  return `a ${value === null ? "null" : typeof value}`;
}

/** Where a value sits and what is known of its key. */
export interface GivenContext {
  /** The key's path below the namespace, e.g. `["workspace", "host"]`. */
  path: readonly PropertyKey[];
  /** True when the key is not one the schema knows: what a typo there holds is unknown, so no string is shown. */
  unknownKey: boolean;
}

/**
 * The `got ...` part of a config error: the value as JSON (cut at 80 characters) when it is safe to show,
 * else what kind of value it was and why it is not shown. Undefined for a missing value.
 */
export function renderGiven(value: unknown, context: GivenContext): string | undefined {
  if (value === undefined) return undefined;
  const strings = stringsIn(value);
  const credential = strings.map(credentialKind).find((kind) => kind !== undefined);
  if (credential !== undefined) {
    const holder = typeof value === "string" ? credential : `${valueKind(value)} holding ${credential}`;
    return `${holder} (not shown)`;
  }
  const secretSegment = context.path.find((segment) => typeof segment === "string" && SECRET_KEY_NAME.test(segment) && !SECRET_REFERENCE_KEYS.has(segment));
  if (secretSegment !== undefined && strings.length > 0) {
    return `${valueKind(value)} (not shown: '${String(secretSegment)}' names a secret)`;
  }
  if (context.unknownKey && strings.length > 0) {
    return `${valueKind(value)} (not shown: values of unknown keys are never echoed)`;
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > MAX_GIVEN_LENGTH ? `${json.slice(0, MAX_GIVEN_LENGTH - 3)}...` : json;
}
