/**
 * A small JSON-schema checker for policy config properties. It covers the keywords policy config schemas
 * use (`type`, `enum`, `items`, `pattern`, `minLength`, `minItems`, `minimum`, `maximum`, `properties`,
 * `required`, `additionalProperties: false`) and says, per problem, which value was given and what is allowed. The Pulumi CLI validates
 * the same documents with gojsonschema; this keeps the offline plan free of a schema library.
 */

/** A JSON schema (the subset above; other keywords are ignored). */
export type JsonSchema = Record<string, unknown>;

/** One problem found: where (a property path like `readOnlyPrivileges[1]`), what was given, what is allowed. */
export interface SchemaProblem {
  path: string;
  given: unknown;
  expected: string;
}

const typeOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
};

const matchesType = (value: unknown, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
};

/** Describes what a schema allows, in words: "an array of strings matching ^[0-9]+$". */
export function describeSchema(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  const parts = types.map((type) => {
    if (type === "array" && typeof schema.items === "object" && schema.items !== null) {
      return `an array of ${plural(describeSchema(schema.items as JsonSchema))}`;
    }
    return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
  });
  let text = parts.length > 0 ? parts.join(" or ") : "any value";
  if (typeof schema.pattern === "string") text += ` matching ${schema.pattern}`;
  if (typeof schema.minLength === "number") text += ` of at least ${schema.minLength} character(s)`;
  if (typeof schema.minItems === "number") text += ` with at least ${schema.minItems} item(s)`;
  if (typeof schema.minimum === "number") text += ` >= ${schema.minimum}`;
  if (typeof schema.maximum === "number") text += ` <= ${schema.maximum}`;
  return text;
}

function plural(description: string): string {
  return description.replace(/^an? (\w+)/, (_m, word: string) => `${word}s`);
}

/** Checks `value` against `schema`; returns every problem found (empty when valid). */
export function checkAgainstSchema(value: unknown, schema: JsonSchema, path = ""): SchemaProblem[] {
  const problem = (expected = describeSchema(schema)): SchemaProblem[] => [{ path, given: value, expected }];
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length > 0 && !types.some((t) => matchesType(value, t))) return problem();
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return problem();
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) return problem();
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) return problem();
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) return problem();
    if (typeof schema.maximum === "number" && value > schema.maximum) return problem();
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) return problem();
    if (typeof schema.items === "object" && schema.items !== null) {
      return value.flatMap((item, i) => checkAgainstSchema(item, schema.items as JsonSchema, `${path}[${i}]`));
    }
  }
  if (typeOf(value) === "object") return checkObject(value as Record<string, unknown>, schema, path);
  return [];
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, path: string): SchemaProblem[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const join = (key: string) => (path ? `${path}.${key}` : key);
  const problems: SchemaProblem[] = required
    .filter((key) => value[key] === undefined)
    .map((key) => ({ path: join(key), given: undefined, expected: `a value (required): ${describeSchema(properties[key] ?? {})}` }));
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (value[key] !== undefined) problems.push(...checkAgainstSchema(value[key], propertySchema, join(key)));
  }
  if (schema.additionalProperties === false) {
    const declared = Object.keys(properties);
    for (const key of Object.keys(value).filter((k) => !declared.includes(k))) {
      problems.push({ path: join(key), given: value[key], expected: `nothing: no such property (the properties are ${declared.join(", ")})` });
    }
  }
  return problems;
}
