/**
 * Pulumi ESC environments offline. A stack file's `environment: [<project>/<env>, ...]` imports each
 * environment's `values.pulumiConfig` as stack config; the plan cannot open ESC, so the repository carries a
 * description of each environment at `esc/<project>/<env>.yaml`: the environment's definition with every
 * secret written as `fn::secret` and any value, which the plan replaces by a placeholder marked secret. So the
 * program sees a secret where the deploy will, the pack judges a secret, and the plan never invents a plain value.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PlanInputError } from "./errors";
import { displayPath } from "./user-paths";

/** ESC names: `<project>/<env>`, or a legacy `<env>` (ESC's `default` project), optionally `@<version>`. */
const ENVIRONMENT_NAME = /^(?:([A-Za-z0-9_.-]+)\/)?([A-Za-z0-9_.-]+)(?:@[A-Za-z0-9_.-]+)?$/;

/** What the imported environments give the stack, merged in import order (later wins, as ESC merges). */
export interface EscConfig {
  /** Namespaced key -> value, secrets already replaced by placeholders. */
  values: Map<string, unknown>;
  /** Keys holding at least one secret (or a value ESC computes, which offline is judged as one). */
  secretKeys: Set<string>;
  /** Key -> the environment that gave it last. */
  sources: Map<string, string>;
}

/** Marks a value ESC supplies that the plan cannot read; never contains anything from the description. */
export function escSecretPlaceholder(keyPath: string, environment: string): string {
  return `[secret: ${keyPath} (from ESC environment ${environment}, not readable offline)]`;
}

/** The description file of an environment, relative to the descriptions' folder (`esc` in the project by default). */
export function escDescriptionPath(environment: string): string {
  const match = ENVIRONMENT_NAME.exec(environment);
  if (match === null || [match[1], match[2]].includes("..") || [match[1], match[2]].includes(".")) {
    throw new PlanInputError(`environment: '${environment}' is not an ESC environment name (<project>/<environment>)`);
  }
  return path.join(match[1] ?? "default", `${match[2]}.yaml`);
}

/** The environment names of a stack file's `environment:` (a list of names). */
export function environmentNames(environment: unknown): string[] {
  if (environment === undefined || environment === null) return [];
  if (!Array.isArray(environment) || !environment.every((name): name is string => typeof name === "string")) {
    throw new PlanInputError("environment: must be a list of ESC environment names (<project>/<environment>)");
  }
  return environment;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Replaces secrets and what only ESC can compute (`fn::...`, `${...}`) by placeholders; reports whether it did. */
function blindEsc(value: unknown, keyPath: string, environment: string): { value: unknown; secret: boolean } {
  const computed =
    (isRecord(value) && Object.keys(value).some((k) => k.startsWith("fn::"))) || (typeof value === "string" && value.includes("${"));
  if (computed) return { value: escSecretPlaceholder(keyPath, environment), secret: true };
  if (Array.isArray(value)) {
    const items = value.map((v, i) => blindEsc(v, `${keyPath}[${i}]`, environment));
    return { value: items.map((r) => r.value), secret: items.some((r) => r.secret) };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([k, v]) => [k, blindEsc(v, `${keyPath}.${k}`, environment)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
  }
  return { value, secret: false };
}

/** The `values.pulumiConfig` of one description, blinded, keys namespaced like the stack file's. */
export function escPulumiConfig(doc: unknown, project: string, environment: string, file: string): Map<string, { value: unknown; secret: boolean }> {
  const values = isRecord(doc) ? doc.values : undefined;
  // `values` without `pulumiConfig`: an environment that gives no config (only environment variables, say).
  const pulumiConfig = isRecord(values) ? (values.pulumiConfig ?? {}) : undefined;
  if (!isRecord(pulumiConfig)) {
    throw new PlanInputError(`${file}: expected values.pulumiConfig, a map of the config keys ESC environment ${environment} gives the stack`);
  }
  const result = new Map<string, { value: unknown; secret: boolean }>();
  for (const [rawKey, value] of Object.entries(pulumiConfig)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    result.set(key, blindEsc(value, key, environment));
  }
  return result;
}

/**
 * Reads the description of every environment the stack imports from `escDir` (`esc` in the project by default).
 * @throws PlanInputError naming the file to write when a description is missing or malformed.
 */
export function readEscConfig(escDir: string, project: string, environment: unknown): EscConfig {
  const esc: EscConfig = { values: new Map(), secretKeys: new Set(), sources: new Map() };
  for (const name of environmentNames(environment)) {
    const relative = escDescriptionPath(name);
    const file = path.join(escDir, relative);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new PlanInputError(
        `the stack imports Pulumi ESC environment ${name}, which the offline plan cannot open: describe what it gives the stack in ${displayPath(file)} ` +
          "(values.pulumiConfig, each secret as fn::secret; see docs/ci.md, Pulumi ESC)",
      );
    }
    let doc: unknown;
    try {
      doc = YAML.parse(text);
    } catch (err) {
      throw new PlanInputError(`cannot parse ${displayPath(file)}: ${(err as Error).message.split("\n")[0]}`);
    }
    for (const [key, { value, secret }] of escPulumiConfig(doc, project, name, displayPath(file))) {
      esc.values.set(key, value);
      if (secret) esc.secretKeys.add(key);
      else esc.secretKeys.delete(key);
      esc.sources.set(key, name);
    }
  }
  return esc;
}
