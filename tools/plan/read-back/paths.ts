/** Field paths of the read-back model (`tasks[].dependsOns`) and the walks over plain JSON they need. */

/** `tasks[].dependsOns` -> ["tasks", "[]", "dependsOns"]. */
export function pathSegments(path: string): string[] {
  return path.split(".").flatMap((part) => {
    const segments: string[] = [];
    let rest = part;
    while (rest.endsWith("[]")) {
      segments.unshift("[]");
      rest = rest.slice(0, -2);
    }
    return [rest, ...segments];
  });
}

/** ["tasks", "[]", "dependsOns"] -> `tasks[].dependsOns` (the model's form of a concrete path). */
export function modelPath(segments: readonly string[]): string {
  return segments.reduce((out, s) => (s === "[]" ? `${out}[]` : out === "" ? s : `${out}.${s}`), "");
}

/** True for a plain JSON object (not a list, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A copy of `value` with `f` applied at every node `segments` reaches. `f` also sees an absent last field
 * (undefined) so that it can fill it; absent parents are left absent. Returning undefined removes the field.
 */
export function updateAt(value: unknown, segments: readonly string[], f: (node: unknown) => unknown): unknown {
  if (segments.length === 0) return f(value);
  const [head, ...rest] = segments;
  if (head === "[]") return Array.isArray(value) ? value.map((item) => updateAt(item, rest, f)) : value;
  if (!isObject(value)) return value;
  if (rest.length > 0 && value[head] === undefined) return value;
  const next = updateAt(value[head], rest, f);
  const copy = { ...value };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}
