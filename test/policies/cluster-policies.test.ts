/**
 * Cluster policies judged by the rules that own each harm: data-forbid-legacy-access (an instance profile),
 * clusters-require-uc-access-mode (a non-UC access mode) and clusters-require-auto-termination (no idle
 * bound). A compliant policy, one failing case per way to break each attribute, a family's overrides, an
 * unreadable definition and a definition unknown during preview.
 */
import { clustersRequireAutoTermination, findPolicyAutoTerminationGap } from "../../policies/rules/clusters-require-auto-termination";
import { clustersRequireUcAccessMode, findPolicyAccessModeGaps } from "../../policies/rules/clusters-require-uc-access-mode";
import { dataForbidLegacyAccess, findPolicyInstanceProfileViolations } from "../../policies/rules/data-forbid-legacy-access";
import { clusterPolicyDefinition } from "../../policies/lib/cluster-policies";
import { CLUSTER_POLICY } from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";

const CONFIG = { maxIdleMinutes: 120 };
const SAFE = {
  "aws_attributes.instance_profile_arn": { type: "forbidden" },
  data_security_mode: { type: "fixed", value: "USER_ISOLATION" },
  autotermination_minutes: { type: "range", minValue: 10, maxValue: 60, defaultValue: 30 },
};
const policy = (definition: Record<string, unknown>) => ({ name: "prod-compute", definition: JSON.stringify(definition) });
const WHERE = "ClusterPolicy 'p' (definition)";
const judge = (props: Record<string, unknown>) => [
  ...findPolicyInstanceProfileViolations("p", props),
  ...findPolicyAccessModeGaps("p", props),
  ...findPolicyAutoTerminationGap("p", props, CONFIG),
];

describe("cluster policies", () => {
  test("a policy that forbids instance profiles, fixes a UC mode and bounds the idle time passes all three rules", () => {
    const props = policy(SAFE);
    expect(judge(props)).toEqual([]);
    for (const rule of [dataForbidLegacyAccess, clustersRequireUcAccessMode, clustersRequireAutoTermination]) {
      expect(invokeRule(rule, { type: CLUSTER_POLICY, name: "p", props }, CONFIG)).toEqual({ violations: [] });
    }
  });

  test("an instance profile fixed, allowed by pattern or left out is refused; only forbidden passes", () => {
    const arn = "arn:aws:iam::123456789012:instance-profile/prod-data";
    const tail =
      "so clusters created under it, and job clusters that name it, reach storage with an AWS role outside Unity Catalog's grants. " +
      'Set "aws_attributes.instance_profile_arn": {"type": "forbidden"}; use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.';
    expect(findPolicyInstanceProfileViolations("p", policy({ ...SAFE, "aws_attributes.instance_profile_arn": { type: "fixed", value: arn, hidden: true } }))).toEqual([
      `${WHERE} fixes aws_attributes.instance_profile_arn (fixed "${arn}"), ${tail}`,
    ]);
    expect(findPolicyInstanceProfileViolations("p", policy({ ...SAFE, "aws_attributes.instance_profile_arn": { type: "regex", pattern: ".*" } }))).toEqual([
      `${WHERE} leaves open aws_attributes.instance_profile_arn (regex), ${tail}`,
    ]);
    const { "aws_attributes.instance_profile_arn": _, ...without } = SAFE;
    expect(invokeRule(dataForbidLegacyAccess, { type: CLUSTER_POLICY, name: "p", props: policy(without) }).violations).toEqual([
      `${WHERE} leaves open aws_attributes.instance_profile_arn (unlimited (not in the definition)), ${tail}`,
    ]);
    // A path spelled in another case is another path: the real one stays unlimited.
    expect(findPolicyInstanceProfileViolations("p", policy({ ...without, "AWS_ATTRIBUTES.INSTANCE_PROFILE_ARN": { type: "forbidden" } }))).toHaveLength(1);
  });

  test.each([
    ["fixed NONE", { type: "fixed", value: "NONE" }, 'fixed "NONE"'],
    ["an allowlist with a legacy mode", { type: "allowlist", values: ["USER_ISOLATION", "LEGACY_PASSTHROUGH"] }, 'allowlist ["USER_ISOLATION","LEGACY_PASSTHROUGH"]'],
    ["an optional allowlist (a cluster may set no mode)", { type: "allowlist", values: ["SINGLE_USER"], isOptional: true }, 'allowlist ["SINGLE_USER"], optional'],
    ["a blocklist of NONE (other legacy modes stay open)", { type: "blocklist", values: ["NONE"] }, 'blocklist ["NONE"]'],
    ["a mode in lower case", { type: "fixed", value: "user_isolation" }, 'fixed "user_isolation"'],
    ["unlimited", { type: "unlimited" }, "unlimited"],
  ])("an access mode rule of %s is refused", (_, rule, shown) => {
    expect(invokeRule(clustersRequireUcAccessMode, { type: CLUSTER_POLICY, name: "p", props: policy({ ...SAFE, data_security_mode: rule }) }).violations).toEqual([
      `${WHERE} allows data_security_mode ${shown}, so clusters created under it, and job clusters that name it, may run outside Unity Catalog's grants. ` +
        "Fix it to one Unity Catalog mode, or a required allowlist of them (USER_ISOLATION, SINGLE_USER, DATA_SECURITY_MODE_STANDARD, DATA_SECURITY_MODE_DEDICATED, DATA_SECURITY_MODE_AUTO).",
    ]);
  });

  test("an access mode left out of the definition is unlimited, and refused; a required allowlist of UC modes passes", () => {
    const { data_security_mode: _, ...without } = SAFE;
    expect(findPolicyAccessModeGaps("p", policy(without))[0]).toContain("allows data_security_mode unlimited (not in the definition)");
    expect(findPolicyAccessModeGaps("p", policy({ ...SAFE, data_security_mode: { type: "allowlist", values: ["SINGLE_USER", "DATA_SECURITY_MODE_DEDICATED"] } }))).toEqual([]);
  });

  test.each([
    ["left out", undefined, "unlimited (not in the definition)"],
    ["forbidden (no auto-termination at all)", { type: "forbidden" }, "forbidden"],
    ["fixed at 0", { type: "fixed", value: 0 }, "fixed 0"],
    ["a range without a lower bound", { type: "range", maxValue: 60 }, "range null..60"],
    ["a range above the maximum", { type: "range", minValue: 10, maxValue: 10000 }, "range 10..10000"],
    ["an optional range", { type: "range", minValue: 10, maxValue: 60, isOptional: true }, "range 10..60, optional"],
    ["a range in snake case, which the API ignores", { type: "range", min_value: 10, max_value: 60 }, "range null..null"],
    ["an allowlist with 0", { type: "allowlist", values: [30, 0] }, "allowlist [30,0]"],
    ["a fixed number given as a string", { type: "fixed", value: "30" }, 'fixed "30"'],
  ])("an idle time %s is refused", (_, rule, shown) => {
    const definition: Record<string, unknown> = { ...SAFE, autotermination_minutes: rule };
    if (rule === undefined) delete definition.autotermination_minutes;
    expect(invokeRule(clustersRequireAutoTermination, { type: CLUSTER_POLICY, name: "p", props: policy(definition) }, CONFIG).violations).toEqual([
      `${WHERE} allows autotermination_minutes ${shown}, so an all-purpose cluster created under it may run idle without bound; give it a fixed value, ` +
        'a required allowlist or a required range between 10 and 120, or fix cluster_type to "job".',
    ]);
  });

  test("a policy of job or pipeline clusters only needs no idle bound; one that also admits all-purpose clusters does", () => {
    const { autotermination_minutes: _, ...jobs } = SAFE;
    expect(findPolicyAutoTerminationGap("p", policy({ ...jobs, cluster_type: { type: "fixed", value: "job" } }), CONFIG)).toEqual([]);
    expect(findPolicyAutoTerminationGap("p", policy({ ...jobs, cluster_type: { type: "allowlist", values: ["job", "dlt"] } }), CONFIG)).toEqual([]);
    expect(findPolicyAutoTerminationGap("p", policy({ ...jobs, cluster_type: { type: "allowlist", values: ["job", "all-purpose"] } }), CONFIG)).toHaveLength(1);
    expect(findPolicyAutoTerminationGap("p", policy({ ...jobs, cluster_type: { type: "fixed", value: "job", isOptional: true } }), CONFIG)).toHaveLength(1);
    expect(findPolicyAutoTerminationGap("p", policy({ ...SAFE, autotermination_minutes: { type: "fixed", value: 121 } }), { maxIdleMinutes: 180 })).toEqual([]);
  });

  test("a policy of a family is judged by its overrides alone: none leaves every attribute to a definition the stack does not carry", () => {
    const family = { name: "f", policyFamilyId: "personal-vm", definition: JSON.stringify(SAFE) };
    const where = "ClusterPolicy 'p' (policyFamilyDefinitionOverrides of family 'personal-vm')";
    const messages = judge(family);
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(message.startsWith(`${where} `)).toBe(true);
    expect(judge({ ...family, policyFamilyDefinitionOverrides: JSON.stringify(SAFE) })).toEqual([]);
  });

  test("a definition that is no JSON object of rules cannot be judged, and each rule says so", () => {
    expect(clusterPolicyDefinition("p", { definition: "{not json" })).toEqual({ readable: false, where: WHERE, reason: "its definition is not valid JSON" });
    expect(judge({ definition: "[1]" })).toEqual([
      `${WHERE} cannot be judged: its definition is not a JSON object of attribute rules, so the pack cannot tell whether its clusters may run with an instance profile. Give it a JSON object of attribute rules.`,
      `${WHERE} cannot be judged: its definition is not a JSON object of attribute rules, so the pack cannot tell whether its clusters may run outside a Unity Catalog access mode. Give it a JSON object of attribute rules.`,
      `${WHERE} cannot be judged: its definition is not a JSON object of attribute rules, so the pack cannot tell whether its clusters may run without auto-termination. Give it a JSON object of attribute rules.`,
    ]);
    expect(judge({ definition: JSON.stringify({ data_security_mode: "USER_ISOLATION" }) })[0]).toContain("the rule of 'data_security_mode' in its definition is not an object");
    // A definition given as an object (not its JSON text) is read as it is.
    expect(judge({ definition: SAFE })).toEqual([]);
  });

  test("a definition unknown during preview fails closed in each rule", () => {
    const props = new Proxy({} as Record<string, unknown>, {
      get: (_, key) => {
        if (key === "definition") throw Object.assign(new (class UnknownValueError extends Error {})("definition is unknown"), {});
        return undefined;
      },
    });
    for (const rule of [dataForbidLegacyAccess, clustersRequireUcAccessMode, clustersRequireAutoTermination]) {
      const [message] = invokeRule(rule, { type: CLUSTER_POLICY, name: "p", props }, CONFIG).violations;
      expect(message).toMatch(/^ClusterPolicy 'p' cannot be checked during preview: definition is unknown\. This rule fails closed/);
    }
  });
});
