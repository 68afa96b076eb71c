/**
 * The changed input paths between two versions of one resource's inputs, named the way
 * `pulumi preview --diff` names them: `a.b[0].c`, and `a["key.with.dots"]` for keys that are not
 * plain identifiers. Pure; the values are the plan's blinded ones, so a secret stays "[secret]".
 */

/** How one input path changed. */
export type PropertyChangeKind = "add" | "delete" | "update";

/** One changed input path, with its old and new value (absent on the side where it does not exist). */
export interface PropertyChange {
  /** Path in Pulumi's property-path syntax, e.g. `tasks[0].notebookTask.baseParameters.env`. */
  path: string;
  kind: PropertyChangeKind;
  /** The earlier value; absent for an `add`. */
  old?: unknown;
  /** The new value; absent for a `delete`. */
  new?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends one object key to a path: `.key`, or `["key"]` when the key is not an identifier. */
export function childPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}

/**
 * Every leaf-most path where `before` and `after` differ. Objects are compared key by key and arrays
 * index by index (as the engine's detailed diff does); a value whose shape changed (object to
 * string, say) is one `update` of the whole value.
 */
export function diffValues(before: unknown, after: unknown, path = ""): PropertyChange[] {
  if (sameValue(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return keys.flatMap((k) => {
      const p = childPath(path, k);
      if (!(k in after)) return [{ path: p, kind: "delete" as const, old: before[k] }];
      if (!(k in before)) return [{ path: p, kind: "add" as const, new: after[k] }];
      return diffValues(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: PropertyChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= after.length) out.push({ path: p, kind: "delete", old: before[i] });
      else if (i >= before.length) out.push({ path: p, kind: "add", new: after[i] });
      else out.push(...diffValues(before[i], after[i], p));
    }
    return out;
  }
  return [{ path, kind: "update", old: before, new: after }];
}

/**
 * The path without array indices and with bracketed keys as dotted ones (`a[0]["b.c"]` -> `a.b.c`),
 * the form in which the create-only fields of a type are listed.
 */
export function schemaPath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, "")
    .replace(/\[("(?:[^"\\]|\\.)*")\]/g, (_m, key: string) => `.${JSON.parse(key) as string}`)
    .replace(/^\./, "");
}
