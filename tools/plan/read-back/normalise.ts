/**
 * The normalisations the providers apply, as pure functions over plain JSON values. Each is either a
 * read-back (what the server or provider stores) or a comparison form (what the provider's diff-suppress
 * function or set hash sees); the type models say which, and cite where it was read.
 */

/** JSON with object keys sorted, so that two equal values give one string. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Deep equality of plain JSON values (lists in order, object keys in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** A copy of a list of objects sorted by one string field (the Jobs API sorts tasks by `task_key`). */
export function sortBy(field: string): (value: unknown) => unknown {
  return (value) => {
    if (!Array.isArray(value)) return value;
    const key = (item: unknown) => String((item as Record<string, unknown> | null)?.[field] ?? "");
    return [...value].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  };
}

/** Applies `f` to a string, or to each string of a list; anything else is returned as is. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? f(v) : v));
  return value;
}

/** Upper case (strings, or lists of strings). */
export function upperCase(value: unknown): unknown {
  return mapStrings(value, (s) => s.toUpperCase());
}

/** Lower case (strings, or lists of strings): the form of `EqualFoldDiffSuppress`. */
export function lowerCase(value: unknown): unknown {
  return mapStrings(value, (s) => s.toLowerCase());
}

/** A Unity Catalog privilege as the provider hashes it: upper case, spaces as underscores (`NormalizePrivilege`). */
export function normalisePrivilege(value: unknown): unknown {
  return mapStrings(value, (s) => s.replace(/ /g, "_").toUpperCase());
}

/** The column type aliases the SQL table resource resolves before comparing (`columnTypeAliases`). */
const COLUMN_TYPE_ALIASES: Record<string, string> = {
  integer: "int",
  long: "bigint",
  real: "float",
  short: "smallint",
  byte: "tinyint",
  decimal: "decimal(10,0)",
  dec: "decimal(10,0)",
  numeric: "decimal(10,0)",
};

/** A column type as the SQL table resource compares it (`getColumnType`): no backticks, lower case, aliases resolved. */
export function columnType(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const lower = value.replace(/`/g, "").toLowerCase();
  return COLUMN_TYPE_ALIASES[lower] ?? lower;
}

/** A path without one trailing slash: `ucDirectoryPathSlashOnlySuppressDiff` and the directory resource's suppressor. */
export function withoutTrailingSlash(value: unknown): unknown {
  return typeof value === "string" && value.endsWith("/") ? value.slice(0, -1) : value;
}

/** An experiment name as `experimentNameSuppressDiff` compares it: no `/Workspace` prefix, no trailing slash. */
export function experimentName(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return withoutTrailingSlash(value.startsWith("/Workspace") ? value.slice("/Workspace".length) : value);
}

/**
 * A set's form: its elements' forms, sorted and without duplicates, so order never diffs (a TypeSet, or a list
 * the provider hashes). `element` is the form of one element (the provider's hash function), default itself.
 */
export function asSet(element: (item: unknown) => unknown = (item) => item): (value: unknown) => unknown {
  return (value) => (Array.isArray(value) ? [...new Set(value.map((item) => stableJson(element(item))))].sort() : value);
}

/** A Permissions access control as its set hash sees it: user and service principal names in lower case. */
export function accessControlForm(item: unknown): unknown {
  if (item === null || typeof item !== "object") return item;
  const entry = { ...(item as Record<string, unknown>) };
  for (const key of ["userName", "servicePrincipalName"]) if (typeof entry[key] === "string") entry[key] = (entry[key] as string).toLowerCase();
  return entry;
}

/** A Grants `grant` block as its set hash sees it: principal in lower case, privileges normalised as a set. */
export function grantForm(item: unknown): unknown {
  if (item === null || typeof item !== "object") return item;
  const grant = item as { principal?: unknown; privileges?: unknown };
  return {
    principal: typeof grant.principal === "string" ? grant.principal.toLowerCase() : grant.principal,
    privileges: asSet(normalisePrivilege)(grant.privileges),
  };
}

/** Canonical form of a parsed policy document: keys sorted, lists unordered, a one-element list equal to its element. */
function policyForm(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(policyForm);
    if (items.length === 1) return items[0];
    return items.map(stableJson).sort();
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, policyForm(v)]));
  }
  return value;
}

/** A JSON policy document as AWS's equivalence check sees it; a string that is no JSON compares as itself. */
export function policyDocument(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return stableJson(policyForm(JSON.parse(value)));
  } catch {
    return value;
  }
}
