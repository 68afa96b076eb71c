/**
 * Renders the policy catalogue (docs/policy-catalogue.md) from the rule objects and the per-stage config
 * files: what security reviewers read. The enforcement per stage is computed with the same reconciliation
 * the offline plan and the CLI apply, so the catalogue shows what each stage really runs.
 */
import * as fs from "fs";
import * as path from "path";
import type { DocumentedPolicy } from "../policies/lib/rule-documentation";
import { allRules } from "../policies/rules";
import { type EffectivePolicyConfig, loadPolicyPackConfigFile, reconcilePolicyPackConfig } from "./plan/policy-config";
import type { JsonSchema } from "./plan/json-schema-subset";
import type { EnforcementLevel } from "./plan/types";
import { STAGES } from "../components/stages";
import { MAX_WAIVER_DAYS, MIN_REASON_LENGTH, PRODUCTION_STACKS, waiversOf } from "../policies/lib/waivers";
import { countTestCases } from "./catalogue-test-cases";
import { ADMITTING_RULE, rulesJudgingTypes } from "../policies/lib/judged-types";


/** The repository root, for paths shown in the catalogue. */
const ROOT = path.resolve(__dirname, "..");
/** Where the per-stage config files live. */
export const POLICY_CONFIG_DIR = path.join(ROOT, "policies", "config");
/** Where each rule's own test file lives: `test/policies/<rule>.test.ts`. */
export const RULE_TEST_DIR = path.join(ROOT, "test", "policies");

/** The fewest test cases a rule may have: one compliant case and one per way to break it, so at least two. */
export const MIN_TEST_CASES = 2;

/** The number of test cases in each rule's own test file (0 when it has none). */
export function countRuleTestCases(rules: DocumentedPolicy[] = allRules, dir = RULE_TEST_DIR): Map<string, number> {
  return new Map(
    rules.map((rule) => {
      const file = path.join(dir, `${rule.name}.test.ts`);
      return [rule.name, fs.existsSync(file) ? countTestCases(file) : 0];
    }),
  );
}

/** Where the catalogue is written. */
export const CATALOGUE_PATH = path.join(ROOT, "docs", "policy-catalogue.md");
/** The pack's default level for rules that declare none (`new PolicyPack` without `enforcementLevel`). */
const PACK_DEFAULT_LEVEL: EnforcementLevel = "advisory";
const STAGE_ORDER: readonly string[] = STAGES;

/** The effective config of every rule on one stage. */
export interface StagePolicyConfig {
  stage: string;
  file: string;
  policies: Map<string, EffectivePolicyConfig>;
}

/** Reads every `policies/config/<stage>.json` and reconciles it against the rules, as the driver does. */
export function loadStagePolicyConfigs(rules: DocumentedPolicy[] = allRules, dir = POLICY_CONFIG_DIR): StagePolicyConfig[] {
  const targets = rules.map((rule) => ({
    name: rule.name,
    enforcementLevel: rule.enforcementLevel ?? PACK_DEFAULT_LEVEL,
    // The SDK's schema type is an interface without an index signature; it is plain JSON all the same.
    configSchema: rule.configSchema && {
      properties: rule.configSchema.properties as Record<string, JsonSchema>,
      required: rule.configSchema.required ?? [],
    },
  }));
  const rank = (stage: string) => (STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      const file = path.join(dir, f);
      const policies = reconcilePolicyPackConfig(targets, new Map(), loadPolicyPackConfigFile(file), file);
      return { stage: path.basename(f, ".json"), file: path.relative(ROOT, file), policies };
    })
    .sort((a, b) => rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage));
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

function ruleKind(rule: DocumentedPolicy): string {
  return "validateStack" in rule ? "stack rule (sees every resource of the stack)" : "resource rule (sees one resource at a time)";
}

function controlsSection(rule: DocumentedPolicy): string[] {
  if (rule.documentation.controls.length === 0) return ["**Control reference.** None verified."];
  return [
    "**Control reference.**",
    "",
    ...rule.documentation.controls.map(
      (c) => `- ${c.framework}: [${c.id}](${c.url})${c.note ? `. ${c.note}` : ""}`,
    ),
  ];
}

function configSection(rule: DocumentedPolicy, stages: StagePolicyConfig[]): string[] {
  const properties = Object.entries(rule.configSchema?.properties ?? {});
  if (properties.length === 0) return ["**Config properties.** None."];
  const lines = ["**Config properties.**", "", "| property | schema | default | per stage |", "|---|---|---|---|"];
  for (const [name, schema] of properties) {
    const { default: defaultValue, description, ...rest } = schema as Record<string, unknown>;
    const describeValue = (value: unknown) =>
      value === undefined ? "unset" : JSON.stringify(value) === JSON.stringify(defaultValue) ? "default" : code(value);
    const perStage = stages.map((s) => `${s.stage}: ${describeValue(s.policies.get(rule.name)?.properties[name])}`).join("; ");
    const schemaText = `${description ? `${description} ` : ""}${code(rest)}`;
    lines.push(`| \`${name}\` | ${cell(schemaText)} | ${defaultValue === undefined ? "none" : cell(code(defaultValue))} | ${cell(perStage)} |`);
  }
  return lines;
}

const waiverText = (rule: DocumentedPolicy) =>
  rule.documentation.waivers === "refused-on-prod" ? "refused on production" : "allowed";

const controlIds = (rule: DocumentedPolicy) => rule.documentation.controls.map((c) => c.id).join("; ") || "-";

/** How waivers work, for reviewers; the numbers come from policies/lib/waivers.ts. */
function waiverPolicySection(): string[] {
  return [
    "## Waiver policy",
    "",
    "A rule can be waived for one resource in the rule's block of the stage's policy config:",
    '`"<rule>": { "waivers": [{ "urn": "<resource URN>", "reason": "<why>", "expires": "YYYY-MM-DD" }] }`.',
    "",
    `- A waiver names one resource by its URN, gives a reason of at least ${MIN_REASON_LENGTH} characters and expires at`,
    `  most ${MAX_WAIVER_DAYS} days ahead; it applies through its expiry day (UTC). Malformed waivers fail the config check.`,
    "- An expired, too long or undated waiver does not apply: the violation stands and says why.",
    "- Rules marked *refused on production* keep the design's central promises (who writes, what is isolated, what",
    "  cannot be deleted, no public exposure, no plain secrets); they refuse every waiver on a production stage. The stage",
    "  comes from the stack config, which the pack never sees, so the policy config says it: each such rule takes",
    "  `production` (default `true`); the dev and staging configs set `\"production\": false`. A stack named",
    `  ${PRODUCTION_STACKS.map((s) => `\`${s}\``).join(", ")} is production whatever its config says.`,
    "- A finding about the stack as a whole names no resource and cannot be waived. Remediations cannot be waived.",
    "- Every plan lists each configured waiver and what it did (in force, expired, refused, or unused).",
    "",
    "How to add one, and who approves it: `docs/security-reviewer.md`.",
  ];
}

/**
 * The waivers the stage configs hold. No status: the catalogue must not change with the calendar; every
 * plan says whether each one is in force.
 */
function configuredWaiversSection(rules: DocumentedPolicy[], stages: StagePolicyConfig[]): string[] {
  const rows = stages.flatMap((stage) =>
    rules.flatMap((rule) =>
      waiversOf(stage.policies.get(rule.name)?.properties).map(
        (w) => `| ${stage.stage} | \`${rule.name}\` | \`${cell(w.urn)}\` | ${w.expires} | ${cell(w.reason)} |`,
      ),
    ),
  );
  const lines = ["### Configured waivers", ""];
  if (rows.length === 0) return [...lines, "None: no stage config waives any rule."];
  return [...lines, "| stage | rule | resource | expires | reason |", "|---|---|---|---|---|", ...rows];
}

/** The types a stage's policy config admits (`allowedTypes` of the default-deny rule); none when unset. */
export function admittedTypes(stage: StagePolicyConfig): string[] {
  const allowed = stage.policies.get(ADMITTING_RULE)?.properties.allowedTypes;
  return Array.isArray(allowed) ? allowed.filter((t): t is string => typeof t === "string") : [];
}

/** Every type some stage admits, sorted, with the rules that judge it (lib/judged-types.ts). */
export function admittedTypeTable(rules: DocumentedPolicy[], stages: StagePolicyConfig[]): Map<string, string[]> {
  const types = [...new Set(stages.flatMap(admittedTypes))].sort();
  return rulesJudgingTypes(types, rules);
}

/** Admitted types that no rule judges: each one fails the catalogue check. */
export function unjudgedAdmittedTypes(rules: DocumentedPolicy[], stages: StagePolicyConfig[]): string[] {
  return [...admittedTypeTable(rules, stages)].filter(([, judging]) => judging.length === 0).map(([type]) => type);
}

/** The table security reviewers read: each admitted type, the stages that admit it, and the rules that judge it. */
function admittedTypesSection(rules: DocumentedPolicy[], stages: StagePolicyConfig[]): string[] {
  const admitted = new Map(stages.map((s) => [s.stage, new Set(admittedTypes(s))]));
  const rows = [...admittedTypeTable(rules, stages)].map(
    ([type, judging]) =>
      `| \`${type}\` | ${stages.map((s) => (admitted.get(s.stage)?.has(type) ? "yes" : "-")).join(" | ")} | ` +
      `${judging.length === 0 ? "**none**" : judging.map((r) => `[${r}](#${r})`).join(", ")} |`,
  );
  return [
    "## Admitted types and the rules that judge them",
    "",
    `Default deny: a stage declares only the types \`allowedTypes\` of [${ADMITTING_RULE}](#${ADMITTING_RULE}) admits in its policy config,`,
    "besides the root stack and the program's own components. Every admitted type is judged by at least one rule (the",
    "default-deny rule does not count; a resource rule judges the types it does not declare itself not applicable to, a",
    "stack rule the types it states); the catalogue check fails otherwise. How to admit a type: `docs/security-reviewer.md`.",
    "",
    `| type | ${stages.map((s) => s.stage).join(" | ")} | judged by |`,
    `|---|${stages.map(() => "---|").join("")}---|`,
    ...rows,
  ];
}

/** The catalogue as markdown. Deterministic: same rules, configs and test files, same text. */
export function renderPolicyCatalogue(
  rules: DocumentedPolicy[],
  stages: StagePolicyConfig[],
  testCases: ReadonlyMap<string, number>,
): string {
  const level = (stage: StagePolicyConfig, rule: DocumentedPolicy) => stage.policies.get(rule.name)?.enforcementLevel ?? "?";
  const lines = [
    "# Policy catalogue: databricks-mlops",
    "",
    "Generated by `npm run catalogue` from `policies/rules/*.ts` and `policies/config/*.json`; do not edit by hand",
    "(a test fails when this file is stale). The reasons for each stage's levels are in `policies/config/README.md`.",
    "",
    `| rule | severity | ${stages.map((s) => s.stage).join(" | ")} | waivers | controls | tests | description |`,
    `|---|---|${stages.map(() => "---|").join("")}---|---|---:|---|`,
    ...rules.map(
      (r) =>
        `| [${r.name}](#${r.name}) | ${r.severity ?? ""} | ${stages.map((s) => level(s, r)).join(" | ")} | ${waiverText(r)} | ` +
        `${cell(controlIds(r))} | ${testCases.get(r.name) ?? 0} | ${cell(r.description)} |`,
    ),
    "",
    ...waiverPolicySection(),
    "",
    ...configuredWaiversSection(rules, stages),
    "",
    ...admittedTypesSection(rules, stages),
  ];
  for (const rule of rules) {
    lines.push(
      "",
      `## ${rule.name}`,
      "",
      rule.description,
      "",
      `- Severity: ${rule.severity ?? "not set"}`,
      `- Kind: ${ruleKind(rule)}`,
      `- Enforcement: ${stages.map((s) => `${s.stage} ${level(s, rule)}`).join(", ")}`,
      `- Source: \`policies/rules/${rule.name}.ts\``,
      `- Waivers: ${waiverText(rule)}`,
      `- Test cases: ${testCases.get(rule.name) ?? 0} in \`test/policies/${rule.name}.test.ts\``,
      "",
      `**Rationale.** ${rule.documentation.rationale}`,
      "",
      `**Remediation.** ${rule.remediationSteps ?? ""}`,
      "",
      ...controlsSection(rule),
      "",
      ...configSection(rule, stages),
    );
  }
  return `${lines.join("\n")}\n`;
}
