/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` as `pulumi config` writes them and turns the
 * stack's `config:` map into what `pulumi.runtime.setAllConfig(config, secretKeys)` expects,
 * i.e. what the Node.js language host puts in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PlanInputError } from "./errors";
import { displayPath } from "./user-paths";
import type { EscConfig } from "./esc";

export { displayPath } from "./user-paths";

/** The parts of `Pulumi.yaml` the plan needs. */
export interface ProjectFile {
  name: string;
  /** Program entry relative to the project directory (`main:`), if set. */
  main?: string;
  /** Folder of the stack settings files relative to the project directory, if set. */
  stackConfigDir?: string;
  /** The project-level `config:` block, raw. */
  config: Record<string, unknown>;
}

/** A stack settings file, raw. */
export interface StackFile {
  config: Record<string, unknown>;
  /** ESC environments the file imports; they cannot be opened offline. */
  environment?: unknown;
}

/** Config ready for the runtime: every value a string, secret keys listed. */
export interface RuntimeConfig {
  config: Record<string, string>;
  secretKeys: string[];
  /** Warnings about what the offline plan could not honour. */
  warnings: string[];
  /** What the plan filled in for the user to know, e.g. which keys came from ESC descriptions. Default none. */
  notes?: string[];
}

/** Marks a `secure:` value that cannot be decrypted offline; never contains the ciphertext. */
export function secretPlaceholder(keyPath: string): string {
  return `[secret: ${keyPath} (encrypted, not decryptable offline)]`;
}

/** Gives a key without namespace the project's namespace, as the CLI does. */
export function namespacedKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{ secure: "<ciphertext>" }`, the form `pulumi config set --secret` writes. */
function isSecure(v: unknown): v is { secure: string } {
  return isRecord(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}


/**
 * The last parse of each file, by its text: the plan reads the stack file twice, once to launch the policy
 * pack early (prelaunch.ts) and once to run, and a stack of a thousand resources takes 130 ms to parse.
 */
const parsed = new Map<string, { text: string; doc: unknown }>();

function parseYamlFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`${what} not found: ${displayPath(file)}`);
  }
  const cached = parsed.get(file);
  // A copy, so that no reader sees what another changed.
  if (cached?.text === text) return structuredClone(cached.doc);
  try {
    const doc: unknown = YAML.parse(text) ?? {};
    parsed.set(file, { text, doc: structuredClone(doc) });
    return doc;
  } catch (err) {
    throw new PlanInputError(`cannot parse ${displayPath(file)}: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** Reads `Pulumi.yaml` (or `Pulumi.yml`) of a project directory. */
export function readProjectFile(projectDir: string): ProjectFile {
  const candidates = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(projectDir, f));
  const file = candidates.find((f) => fs.existsSync(f)) ?? candidates[0];
  const doc = parseYamlFile(file, "project file");
  if (!isRecord(doc) || typeof doc.name !== "string" || doc.name === "") {
    throw new PlanInputError(`${displayPath(file)} has no project name (name:)`);
  }
  const config = doc.config ?? {};
  if (!isRecord(config)) throw new PlanInputError(`${displayPath(file)}: config: must be a map`);
  return {
    name: doc.name,
    main: typeof doc.main === "string" ? doc.main : undefined,
    stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined,
    config,
  };
}

/** Where the CLI looks for a stack's settings file (honours `stackConfigDir`). */
export function defaultStackFile(projectDir: string, project: ProjectFile, stack: string): string {
  return path.join(projectDir, project.stackConfigDir ?? "", `Pulumi.${stack}.yaml`);
}

/** Reads a stack settings file; a missing file or bad YAML is invalid input. */
export function readStackFile(file: string): StackFile {
  const doc = parseYamlFile(file, "stack file");
  if (!isRecord(doc)) throw new PlanInputError(`${displayPath(file)}: expected a YAML map at the top level`);
  const config = doc.config ?? {};
  if (!isRecord(config)) throw new PlanInputError(`${displayPath(file)}: config: must be a map`);
  return { config, environment: doc.environment };
}

/** Replaces nested `{secure: ...}` values by placeholders; reports whether it found any. */
function blindSecrets(value: unknown, keyPath: string): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: secretPlaceholder(keyPath), secret: true };
  if (Array.isArray(value)) {
    const items = value.map((v, i) => blindSecrets(v, `${keyPath}[${i}]`));
    return { value: items.map((r) => r.value), secret: items.some((r) => r.secret) };
  }
  if (isRecord(value)) {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = blindSecrets(v, `${keyPath}.${k}`);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** The string form the language host hands the program: scalars as text, structures as JSON. */
function toConfigString(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const SCHEMA_KEYS = new Set(["type", "default", "value", "description", "secret", "items"]);

/** A project config entry is a schema when it is a map of schema attributes only. */
function asSchema(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => SCHEMA_KEYS.has(k))
    ? v
    : undefined;
}

function matchesType(type: unknown, v: unknown): boolean {
  switch (type) {
    case "string":
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
    case "integer":
      return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^-?\d+$/.test(v));
    case "boolean":
      return typeof v === "boolean" || v === "true" || v === "false";
    case "array":
      return Array.isArray(v);
    default:
      return true;
  }
}

/**
 * Merges project-level config (`Pulumi.yaml`) under the stack's config and converts the result
 * for `setAllConfig`. Secure values become placeholders and their keys secret keys.
 * @throws PlanInputError on duplicate keys, a missing required key or a value of the wrong type.
 */
export function toRuntimeConfig(
  project: string,
  stack: string,
  projectConfig: Record<string, unknown>,
  stackFile: StackFile,
  esc?: EscConfig,
): RuntimeConfig {
  const merged = new Map<string, unknown>();
  for (const [rawKey, value] of Object.entries(stackFile.config)) {
    const key = namespacedKey(project, rawKey);
    if (merged.has(key)) throw new PlanInputError(`configuration key '${key}' is set more than once`);
    merged.set(key, value);
  }
  // ESC's pulumiConfig lies under the stack file's own config, which wins, and over the project's defaults.
  const fromEsc = new Map<string, string>();
  for (const [key, value] of esc?.values ?? []) {
    if (merged.has(key)) continue;
    merged.set(key, value);
    fromEsc.set(key, esc!.sources.get(key)!);
  }

  for (const [rawKey, entry] of Object.entries(projectConfig)) {
    const key = namespacedKey(project, rawKey);
    const schema = asSchema(entry);
    if (schema === undefined) {
      if (!merged.has(key)) merged.set(key, entry);
      continue;
    }
    if (merged.has(key)) {
      const placeholder = isSecure(merged.get(key)) || (fromEsc.has(key) && esc!.secretKeys.has(key));
      if (schema.type !== undefined && !matchesType(schema.type, merged.get(key)) && !placeholder) {
        throw new PlanInputError(
          `Stack '${stack}' with configuration key '${key}' must be of type '${String(schema.type)}'`,
        );
      }
    } else if ("value" in schema) {
      merged.set(key, schema.value);
    } else if ("default" in schema) {
      merged.set(key, schema.default);
    } else if (schema.type !== undefined) {
      throw new PlanInputError(`Stack '${stack}' is missing configuration value '${key}'`);
    }
  }

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of merged) {
    const blinded = blindSecrets(value, key);
    config[key] = toConfigString(blinded.value);
    if (blinded.secret || (fromEsc.has(key) && esc!.secretKeys.has(key))) secretKeys.push(key);
  }
  const notes = [...new Set(fromEsc.values())].map((environment) => {
    const keys = [...fromEsc].filter(([, source]) => source === environment).map(([key]) => key);
    const secret = keys.filter((key) => esc!.secretKeys.has(key));
    const plain = keys.filter((key) => !esc!.secretKeys.has(key));
    return (
      `ESC environment ${environment} (described offline): ` +
      [secret.length > 0 ? `secret placeholders for ${secret.join(", ")}` : "", plain.length > 0 ? `declared plain values for ${plain.join(", ")}` : ""]
        .filter(Boolean)
        .join("; ")
    );
  });
  // Without descriptions (a library caller that passes none) the environments' keys are simply absent.
  const warnings =
    stackFile.environment === undefined || esc !== undefined
      ? []
      : ["the stack file imports Pulumi ESC environments (environment:); they are not resolved offline"];
  return { config, secretKeys, warnings, notes };
}

/**
 * The stage whose policy config applies: the stack's raw `<project>:stage` when it names one of
 * the three stages, else the stack name.
 */
export function stageOf(project: string, stack: string, config: Record<string, string>): string {
  const raw = config[`${project}:stage`];
  return raw === "dev" || raw === "staging" || raw === "prod" ? raw : stack;
}
