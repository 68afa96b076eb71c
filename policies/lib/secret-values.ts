/**
 * Whether an input value arrived as a secret. Validations cannot tell: the policy SDK unwraps secrets before
 * a rule sees them. Remediations receive them wrapped (`Secret`) behind the SDK's proxies, whose targets
 * the SDK exposes under a fixed key; this reads through them. A test drives it through the launched pack on
 * the pinned SDK, so a change of that mechanism fails there first.
 */
import { Secret } from "@pulumi/policy";

/** The key under which the SDK's property proxies (unknown-checking, secret-preserving) return their target. */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The value behind the SDK's proxies: secrets still wrapped in `Secret`. */
export function rawValue(value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const inner = (current as Record<string, unknown>)[PROXY_TARGET];
    if (inner === undefined || inner === current) break;
    current = inner;
  }
  return current;
}

/** One leaf of the inputs: its path, its plain value, and whether it (or a parent) was a secret. */
export interface InputLeaf {
  path: string[];
  value: unknown;
  secret: boolean;
}

/** The value at `path` in raw inputs, with whether it lies under a secret; undefined when absent. */
export function leafAt(raw: unknown, path: readonly string[]): InputLeaf | undefined {
  let current = rawValue(raw);
  let secret = false;
  for (const key of path) {
    if (current instanceof Secret) {
      secret = true;
      current = current.value;
    }
    if (typeof current !== "object" || current === null) return undefined;
    current = rawValue((current as Record<string, unknown>)[key]);
  }
  if (current instanceof Secret) return { path: [...path], value: current.value, secret: true };
  return current === undefined ? undefined : { path: [...path], value: current, secret };
}

/** A plain copy of raw inputs in which `paths` hold their values as `Secret`s (other secrets stay as they are). */
export function withSecretPaths(raw: unknown, paths: readonly (readonly string[])[]): Record<string, unknown> {
  const copy = plainCopy(rawValue(raw)) as Record<string, unknown>;
  for (const path of paths) {
    let parent: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = parent[key] instanceof Secret ? (parent[key] as Secret).value : parent[key];
      // A path through a value that is no object leads nowhere: nothing on it is wrapped.
      parent = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : undefined;
      if (parent === undefined) break;
    }
    const last = path[path.length - 1];
    if (parent !== undefined && last in parent && !(parent[last] instanceof Secret)) parent[last] = new Secret(parent[last]);
  }
  return copy;
}

function plainCopy(value: unknown): unknown {
  const raw = rawValue(value);
  if (raw instanceof Secret) return new Secret(plainCopy(raw.value));
  if (Array.isArray(raw)) return raw.map(plainCopy);
  if (typeof raw !== "object" || raw === null) return raw;
  return Object.fromEntries(Object.keys(raw).map((key) => [key, plainCopy((raw as Record<string, unknown>)[key])]));
}
