/**
 * The securable a Grants or Grant resource targets: exactly one of these input keys is set.
 */

/** The securable keys of `Grants`/`Grant` in @pulumi/databricks 1.110. */
export const SECURABLE_KEYS = [
  "metastore",
  "catalog",
  "schema",
  "table",
  "volume",
  "model",
  "function",
  "externalLocation",
  "storageCredential",
  "credential",
  "foreignConnection",
  "share",
  "recipient",
  "pipeline",
  "secret",
  "modelService",
  "modelProviderService",
  "mcpService",
] as const;

/** One of the securable keys. */
export type SecurableKind = (typeof SECURABLE_KEYS)[number];

/** The object a grant applies to, e.g. `{ kind: "schema", name: "prod_mlops.features" }`. */
export interface Securable {
  kind: SecurableKind;
  name: string;
}

/** The securable of a Grants/Grant input, or undefined when no securable key holds a string. */
export function securableOf(props: Record<string, unknown>): Securable | undefined {
  for (const kind of SECURABLE_KEYS) {
    const name = props[kind];
    if (typeof name === "string") return { kind, name };
  }
  return undefined;
}

/** Human-readable form used in messages: `catalog 'prod_mlops'`, `external location 'landing'`. */
export function describeSecurable(securable: Securable | undefined): string {
  if (!securable) return "an unnamed securable";
  const words = securable.kind === "mcpService" ? "MCP service" : securable.kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return `${words} '${securable.name}'`;
}

/**
 * The form in which Unity Catalog names are compared: trimmed, lower case. Unity Catalog stores and
 * resolves names without regard to case, so `PROD_MLOPS` and `prod_mlops` are one catalog.
 */
export function canonicalName(name: string): string {
  return name.trim().toLowerCase();
}

/** A key identifying one securable, for grouping, in canonical case: `catalog:prod_mlops`. */
export function securableKey(securable: Securable): string {
  return `${securable.kind}:${canonicalName(securable.name)}`;
}
