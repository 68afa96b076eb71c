/**
 * Which rules judge a resource type. A resource rule judges the types for which it does not declare itself not
 * applicable (what `forResourceTypes` and `forResourceTypePrefixes` state), asked exactly as the policy server asks
 * it; a stack rule states its types in `documentation.judgedTypes`. Default deny (resources-restrict-types) admits a
 * type; it judges none, so it never counts. Remediations fix inputs and judge nothing.
 */
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import type { DocumentedPolicy } from "./rule-documentation";

/** The rule that admits types without judging them. */
export const ADMITTING_RULE = "resources-restrict-types";

/** What the probe's `notApplicable` throws, so a declared not-applicable is told apart from any other outcome. */
class ProbeNotApplicable extends Error {}

/** Whether `validate` applies to a resource of `type`: it does unless it calls `notApplicable`. */
function applies(validate: ResourceValidation, type: string): boolean {
  const args = {
    type,
    name: "probe",
    urn: `urn:pulumi:probe::probe::${type}::probe`,
    props: {},
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: {} },
    getConfig: () => ({}),
    notApplicable: () => {
      throw new ProbeNotApplicable();
    },
  } as unknown as ResourceValidationArgs;
  try {
    void validate(args, () => undefined);
    return true;
  } catch (err) {
    // Any failure other than not-applicable means the rule started judging the resource.
    return !(err instanceof ProbeNotApplicable);
  }
}

/** Whether the rule judges resources of `type`. */
export function judgesType(rule: DocumentedPolicy, type: string): boolean {
  if (rule.name === ADMITTING_RULE) return false;
  if ("validateStack" in rule) return rule.documentation.judgedTypes.includes(type);
  if ("validateResource" in rule && rule.validateResource) {
    const validations = Array.isArray(rule.validateResource) ? rule.validateResource : [rule.validateResource];
    return validations.some((validate) => applies(validate, type));
  }
  return false;
}

/** For each type, the names of the rules that judge it, in rule order; a type no rule judges maps to []. */
export function rulesJudgingTypes(types: readonly string[], rules: readonly DocumentedPolicy[]): Map<string, string[]> {
  return new Map(types.map((type) => [type, rules.filter((rule) => judgesType(rule, type)).map((rule) => rule.name)]));
}
