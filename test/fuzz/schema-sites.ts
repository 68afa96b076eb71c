/**
 * Walks the stage config schema (zod) beside a config value and lists every key the value has or may
 * have, with what the schema accepts there. The generic breaks (wrong type, missing required key,
 * unknown key, bad enum value) come from this walk, so a key added to the schema is fuzzed without a
 * change here.
 */
import type { z } from "zod";

/** A path below the namespace, as zod reports it. */
export type ConfigPath = (string | number)[];

/** What a key accepts, once optional/default/pipe wrappers are removed. */
export type SiteKind = "string" | "number" | "boolean" | "enum" | "object" | "array" | "record" | "union";

/** One key of a config value. */
export interface Site {
  path: ConfigPath;
  kind: SiteKind;
  /** Not optional and without a default: deleting it is an error. */
  required: boolean;
  /** The key has a value in the config. */
  present: boolean;
  /** Enum values, for `enum` sites. */
  entries?: string[];
  /** For `object` sites: the object refuses unknown keys. */
  strict?: boolean;
  /** For `object` sites: its keys. */
  keys?: string[];
}

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  entries?: Record<string, string>;
};

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

/** The schema behind optional/default/pipe wrappers, and whether a wrapper makes the key optional. */
function unwrap(schema: z.core.$ZodType): { schema: z.core.$ZodType; optional: boolean } {
  let optional = false;
  for (;;) {
    const def = defOf(schema);
    if (def.type === "optional" || def.type === "default") {
      optional = true;
      schema = def.innerType!;
    } else if (def.type === "pipe") {
      schema = def.in!;
    } else {
      return { schema, optional };
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every site of `value` under `schema` (an object schema at the root), depth first. */
export function sitesOf(schema: z.core.$ZodType, value: unknown, path: ConfigPath = [], required = true): Site[] {
  const { schema: inner, optional } = unwrap(schema);
  const def = defOf(inner);
  const present = value !== undefined;
  const base = { path, required: required && !optional, present };
  switch (def.type) {
    case "object": {
      const keys = Object.keys(def.shape!);
      const site: Site = { ...base, kind: "object", strict: def.catchall !== undefined && defOf(def.catchall).type === "never", keys };
      if (!isRecord(value)) return [site];
      return [site, ...keys.flatMap((key) => sitesOf(def.shape![key], value[key], [...path, key]))];
    }
    case "array": {
      const site: Site = { ...base, kind: "array" };
      if (!Array.isArray(value)) return [site];
      // An element is not a key: it cannot be "missing", so it is never required.
      return [site, ...value.flatMap((item, index) => sitesOf(def.element!, item, [...path, index], false))];
    }
    case "record": {
      const site: Site = { ...base, kind: "record" };
      if (!isRecord(value)) return [site];
      return [site, ...Object.keys(value).flatMap((key) => sitesOf(def.valueType!, value[key], [...path, key], false))];
    }
    case "enum":
      return [{ ...base, kind: "enum", entries: Object.values(def.entries!) }];
    case "string":
    case "number":
    case "boolean":
    case "union":
      return [{ ...base, kind: def.type }];
    case "unknown":
      // A retired key (serving.*.version): every value is refused with its reason, which malformed-values.ts
      // breaks; there is no wrong type or missing value to generate.
      return [];
    default:
      throw new Error(`schema-sites: no rule for a zod ${def.type} at ${path.join(".")}`);
  }
}

/**
 * Values `kind` never accepts. The top level goes through the config's string form (scalars arrive as
 * text), so there only a JSON structure is a wrong type for a scalar, and text for a structure; an empty
 * value (`key:` alone in YAML) arrives as "", which no key accepts.
 */
export function wrongTypes(kind: SiteKind, topLevel: boolean): unknown[] {
  if (topLevel) {
    return kind === "object" || kind === "record" ? ["x", [1], null] : kind === "array" ? ["x", { a: 1 }, null] : [{ a: 1 }, ["x"], null];
  }
  switch (kind) {
    case "string":
    case "enum":
      return [12345, true, null, [], {}];
    case "number":
      return ["12", true, null, []];
    case "boolean":
      return ["true", 1, null];
    case "array":
      return ["x", {}, 5, null];
    case "object":
      return ["x", [], 5, null];
    case "record":
      return ["x", [], 5, null];
    case "union":
      return [true, null, {}, []];
  }
}

/** `groups.dataScientists`, `mlProjects[0].serving.traffic.champion`: the key as the error prints it. */
export function keyOf(path: ConfigPath): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${segment}`)).join("");
}

/** The key with every index as `[*]`, to match against the table of malformed values. */
export function patternOf(path: ConfigPath): string {
  return keyOf(path.map((segment) => (typeof segment === "number" ? -1 : segment))).replace(/\[-1\]/g, "[*]");
}
