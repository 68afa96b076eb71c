/**
 * Policy pack config as the Pulumi CLI builds it for `--policy-pack-config FILE`:
 *
 * 1. parse the file (`{"all": level, "<policy>": level | {"enforcementLevel"?: level, "<prop>": value}}`),
 *    rejecting invalid levels and values that are neither string nor object;
 * 2. start from each policy's defaults (its enforcement level and the `default` of every config-schema property),
 *    apply the pack's initial config, then the file: `all` sets every policy's level, then each entry merges
 *    its level and properties into that policy's config;
 * 3. validate each policy's properties against its config schema;
 * 4. send the whole map with `Configure`.
 *
 * Source: pulumi/pulumi pkg/resource/analyzer/config.go (parsePolicyPackConfig, createConfigWithDefaults,
 * applyConfig, ReconcilePolicyPackConfig, validatePolicyPackConfig) and pkg/engine/update.go
 * (installAndLoadPolicyPlugins). Two checks here are stricter than the CLI, to catch typos the CLI lets
 * through silently: a policy name that the pack does not define, and a property its schema does not declare,
 * are errors. (The CLI forwards an unknown name to the pack, which ignores it, or fails in Configure with
 * `invalid enforcement level ""` when the entry has no level.)
 */
import { readFileSync } from "node:fs";
import type { EnforcementLevel } from "./types";
import { type JsonSchema, checkAgainstSchema } from "./json-schema-subset";
import { BUDGET_ENTRY } from "./cost/budget";

/**
 * Entries of a config file that the offline plan reads itself and no rule of the pack defines (the cost budget,
 * cost/budget.ts): not an unknown name, and never sent to the pack.
 */
export const PLAN_ENTRIES: ReadonlySet<string> = new Set([BUDGET_ENTRY]);

/** The enforcement levels the CLI accepts in a config file. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One entry of a config file after parsing: an optional level and the remaining properties. */
export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}

/** What the reconciliation needs to know about a policy (from `GetAnalyzerInfo`). */
export interface PolicyConfigTarget {
  name: string;
  /** The policy's own level (or the pack's default level). */
  enforcementLevel: EnforcementLevel;
  /** The policy's config schema: JSON schemas per property, and the required property names. */
  configSchema?: { properties: Record<string, JsonSchema>; required: string[] };
}

/** The config one policy is configured with. */
export interface EffectivePolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

/**
 * A config file or an effective config that the CLI would reject; `problems` lists every reason.
 * The offline plan reports it as invalid input (exit code 2).
 */
export class PolicyConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid policy pack config ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyConfigError";
  }
}

const isLevel = (value: unknown): value is EnforcementLevel => ENFORCEMENT_LEVELS.includes(value as EnforcementLevel);
const allowedLevels = ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ");

/** Parses a config document in the CLI's `--policy-pack-config` format. */
export function parsePolicyPackConfig(document: unknown, source: string): Map<string, PolicyConfigEntry> {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new PolicyConfigError(source, [`the file must hold a JSON object, given ${JSON.stringify(document)}`]);
  }
  const entries = new Map<string, PolicyConfigEntry>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(document as Record<string, unknown>)) {
    if (typeof value === "string") {
      if (isLevel(value)) entries.set(name, { enforcementLevel: value, properties: {} });
      else problems.push(`${name}: enforcement level ${JSON.stringify(value)} is not valid; allowed: ${allowedLevels}`);
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        problems.push(`${name}: enforcementLevel ${JSON.stringify(enforcementLevel)} is not valid; allowed: ${allowedLevels}`);
        continue;
      }
      // Like the CLI, an entry with neither a level nor properties is dropped.
      if (enforcementLevel === undefined && Object.keys(properties).length === 0) continue;
      entries.set(name, { enforcementLevel, properties });
    } else {
      problems.push(`${name}: ${JSON.stringify(value)} is not valid; must be an enforcement level (${allowedLevels}) or an object`);
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(source, problems);
  return entries;
}

/** Reads and parses a config file; a missing file or bad JSON is a PolicyConfigError naming the file. */
export function loadPolicyPackConfigFile(path: string): Map<string, PolicyConfigEntry> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PolicyConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  return parsePolicyPackConfigText(text, path);
}

/** A `--policy-pack-config` file's text, read earlier, parsed as `loadPolicyPackConfigFile` parses the file. */
export function parsePolicyPackConfigText(text: string, path: string): Map<string, PolicyConfigEntry> {
  // The CLI treats an empty file as "no config".
  if (text.trim() === "") return new Map();
  try {
    return parsePolicyPackConfig(JSON.parse(text), path);
  } catch (err) {
    if (err instanceof PolicyConfigError) throw err;
    throw new PolicyConfigError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
}

function defaultsOf(policy: PolicyConfigTarget): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if ("default" in schema) defaults[key] = structuredClone(schema.default);
  }
  return defaults;
}

function applyConfig(result: Map<string, EffectivePolicyConfig>, config: Map<string, PolicyConfigEntry>): void {
  const all = config.get("all")?.enforcementLevel;
  if (all !== undefined) {
    for (const [name, current] of result) result.set(name, { ...current, enforcementLevel: all });
  }
  for (const [name, given] of config) {
    const current = result.get(name);
    result.set(name, {
      // An entry for a name the pack does not define (only `all` survives validation) starts from `given`.
      enforcementLevel: given.enforcementLevel ?? current?.enforcementLevel ?? "advisory",
      properties: { ...(current?.properties ?? {}), ...structuredClone(given.properties) },
    });
  }
}

/** Names in the config that the pack does not define, and properties a policy's schema does not declare. */
function findUnknownNames(policies: PolicyConfigTarget[], config: Map<string, PolicyConfigEntry>): string[] {
  const byName = new Map(policies.map((p) => [p.name, p]));
  const known = [...byName.keys()].sort();
  const problems: string[] = [];
  for (const [name, entry] of config) {
    const policy = byName.get(name);
    if (name === "all") continue;
    if (!policy) {
      problems.push(`${name}: the pack has no policy of that name; its policies are ${known.join(", ")} (or "all")`);
      continue;
    }
    const declared = Object.keys(policy.configSchema?.properties ?? {});
    for (const property of Object.keys(entry.properties).filter((p) => !declared.includes(p))) {
      const allowed = declared.length > 0 ? `its config properties are ${declared.join(", ")}` : "it takes no config properties";
      problems.push(`${name}: unknown property '${property}'; ${allowed}`);
    }
  }
  return problems;
}

/**
 * Builds the config every policy is configured with, as the CLI does: schema defaults, then the pack's
 * initial config, then the file's entries; then validates the result against each policy's schema.
 * Throws PolicyConfigError listing every problem, each naming the policy, the property, the value given
 * and what is allowed.
 */
export function reconcilePolicyPackConfig(
  policies: PolicyConfigTarget[],
  initialConfig: Map<string, PolicyConfigEntry>,
  fileConfig: Map<string, PolicyConfigEntry>,
  source: string,
): Map<string, EffectivePolicyConfig> {
  fileConfig = new Map([...fileConfig].filter(([name]) => !PLAN_ENTRIES.has(name)));
  const unknown = findUnknownNames(policies, fileConfig);
  if (unknown.length > 0) throw new PolicyConfigError(source, unknown);

  const result = new Map<string, EffectivePolicyConfig>(
    policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel, properties: defaultsOf(p) }]),
  );
  applyConfig(result, initialConfig);
  applyConfig(result, fileConfig);

  const problems: string[] = [];
  for (const policy of policies) {
    const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [] };
    for (const problem of checkAgainstSchema(result.get(policy.name)?.properties ?? {}, schema)) {
      problems.push(`${policy.name}: property '${problem.path}' is ${JSON.stringify(problem.given) ?? "missing"}; allowed: ${problem.expected}`);
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(source, problems);
  return result;
}
