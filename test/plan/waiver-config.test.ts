/** A malformed waiver is refused before any rule runs, naming the property, as the CLI's schema check does. */
import { PolicyConfigError, parsePolicyPackConfig, reconcilePolicyPackConfig } from "../../tools/plan/policy-config";
import type { JsonSchema } from "../../tools/plan/json-schema-subset";
import { allRules } from "../../policies/rules";

const targets = allRules.map((rule) => ({
  name: rule.name,
  enforcementLevel: rule.enforcementLevel ?? ("advisory" as const),
  configSchema: rule.configSchema && {
    properties: rule.configSchema.properties as Record<string, JsonSchema>,
    required: rule.configSchema.required ?? [],
  },
}));
const URN = "urn:pulumi:dev::databricks-mlops::databricks:index/cluster:Cluster::dev-shared";
const REASON = "Shared exploration cluster until the move to job clusters (MLOPS-42).";

function problems(waiver: unknown, rule = "clusters-require-auto-termination"): string[] {
  const config = parsePolicyPackConfig({ [rule]: { waivers: [waiver] } }, "waivers.json");
  try {
    reconcilePolicyPackConfig(targets, new Map(), config, "waivers.json");
    return [];
  } catch (err) {
    if (err instanceof PolicyConfigError) return err.problems;
    throw err;
  }
}

describe("waivers in the policy config", () => {
  test("a complete waiver is accepted", () => {
    expect(problems({ urn: URN, reason: REASON, expires: "2026-12-31" })).toEqual([]);
  });

  test("each missing or malformed field is named with what is allowed", () => {
    expect(problems({ urn: URN, expires: "2026-12-31" })).toEqual([
      "clusters-require-auto-termination: property 'waivers[0].reason' is missing; allowed: a value (required): a string of at least 20 character(s)",
    ]);
    expect(problems({ urn: URN, reason: "temporary", expires: "2026-12-31" })).toEqual([
      `clusters-require-auto-termination: property 'waivers[0].reason' is "temporary"; allowed: a string of at least 20 character(s)`,
    ]);
    expect(problems({ urn: URN, reason: REASON, expires: "31.12.2026" })).toEqual([
      `clusters-require-auto-termination: property 'waivers[0].expires' is "31.12.2026"; allowed: a string matching ^[0-9]{4}-[0-9]{2}-[0-9]{2}$`,
    ]);
    expect(problems({ urn: "dev-shared", reason: REASON, expires: "2026-12-31" })).toEqual([
      `clusters-require-auto-termination: property 'waivers[0].urn' is "dev-shared"; allowed: a string matching ^urn:pulumi:[^:]+::[^:]+::.+::.+$`,
    ]);
  });

  test("an unknown field (a typo of a real one) is refused rather than ignored", () => {
    expect(problems({ urn: URN, reason: REASON, expires: "2026-12-31", scope: "all" })).toEqual([
      `clusters-require-auto-termination: property 'waivers[0].scope' is "all"; allowed: nothing: no such property (the properties are urn, reason, expires)`,
    ]);
  });

  test("a remediation-only rule takes no waivers", () => {
    expect(problems({ urn: URN, reason: REASON, expires: "2026-12-31" }, "alerts-require-secret-destinations")).toEqual([
      "alerts-require-secret-destinations: unknown property 'waivers'; it takes no config properties",
    ]);
  });
});
