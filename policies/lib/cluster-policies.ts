/**
 * What a `ClusterPolicy` lets the clusters created under it do. A policy's definition is a JSON document of
 * attribute paths (`data_security_mode`, `aws_attributes.instance_profile_arn`, ...) each with a rule
 * (`fixed`, `forbidden`, `allowlist`, `blocklist`, `regex`, `range`, `unlimited`); a path the definition does
 * not name is unlimited. Whoever holds CAN_USE on the policy, and every job cluster that names it, gets what the
 * policy allows or fixes, so the cluster rules judge each policy as they judge a cluster: through this module.
 *
 * A policy based on a policy family (`policyFamilyId`) starts from the family's definition, which the stack does
 * not carry and the pack cannot see; only `policyFamilyDefinitionOverrides` decides, so it must settle every
 * attribute a rule judges.
 */

/** One attribute rule of a definition, as the Cluster Policies API spells its fields. */
export interface PolicyAttribute {
  type?: unknown;
  value?: unknown;
  values?: unknown;
  minValue?: unknown;
  maxValue?: unknown;
  isOptional?: unknown;
  /** The value a cluster that leaves the attribute out gets (any rule type may give one). */
  defaultValue?: unknown;
}

/** A definition the pack could read: its attributes by path, and where it came from (for messages). */
export interface ReadablePolicy {
  readable: true;
  /** e.g. `ClusterPolicy 'prod-jobs' (definition)`. */
  where: string;
  attributes: Readonly<Record<string, PolicyAttribute>>;
}

/** A definition the pack could not read; every rule refuses it, since it cannot say what the policy allows. */
export interface UnreadablePolicy {
  readable: false;
  where: string;
  /** Why, e.g. `its definition is not a JSON object`. */
  reason: string;
}

export type PolicyDefinition = ReadablePolicy | UnreadablePolicy;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The fields a rule reads, as the Cluster Policies API spells them (camelCase). A snake_case spelling
 * (`max_value`) is not the API's: the API ignores it, so reading it would trust a bound that does not hold.
 */
function attributeOf(raw: Record<string, unknown>): PolicyAttribute {
  return { type: raw.type, value: raw.value, values: raw.values, minValue: raw.minValue, maxValue: raw.maxValue, isOptional: raw.isOptional, defaultValue: raw.defaultValue };
}

/** Parses one definition text (or an object a program passed instead of its JSON). */
function parseDefinition(where: string, field: string, text: unknown): PolicyDefinition {
  let parsed: unknown = text;
  if (typeof text === "string") {
    try {
      parsed = JSON.parse(text);
    } catch {
      return { readable: false, where, reason: `its ${field} is not valid JSON` };
    }
  }
  if (!isRecord(parsed)) return { readable: false, where, reason: `its ${field} is not a JSON object of attribute rules` };
  const attributes: Record<string, PolicyAttribute> = {};
  for (const [path, rule] of Object.entries(parsed)) {
    if (!isRecord(rule)) return { readable: false, where, reason: `the rule of '${path}' in its ${field} is not an object` };
    attributes[path] = attributeOf(rule);
  }
  return { readable: true, where, attributes };
}

const present = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");

/**
 * The definition that decides what a `ClusterPolicy`'s clusters may do: `definition`, or for a policy of a
 * family the overrides (an empty set of overrides leaves everything to the family, which the pack cannot see).
 */
export function clusterPolicyDefinition(name: string, props: Record<string, unknown>): PolicyDefinition {
  const subject = `ClusterPolicy '${name}'`;
  if (present(props.policyFamilyId)) {
    const where = `${subject} (policyFamilyDefinitionOverrides of family '${String(props.policyFamilyId).trim()}')`;
    return parseDefinition(where, "policyFamilyDefinitionOverrides", present(props.policyFamilyDefinitionOverrides) ? props.policyFamilyDefinitionOverrides : "{}");
  }
  return parseDefinition(`${subject} (definition)`, "definition", present(props.definition) ? props.definition : "{}");
}

/** The message every rule gives an unreadable definition, naming what it could not judge. */
export function unreadableMessage(policy: UnreadablePolicy, judged: string): string {
  return `${policy.where} cannot be judged: ${policy.reason}, so the pack cannot tell whether its clusters may ${judged}. Give it a JSON object of attribute rules.`;
}

/** The rule type of an attribute, in lower case; `unlimited` when the definition does not name the path. */
export function ruleTypeOf(attribute: PolicyAttribute | undefined): string {
  if (attribute === undefined) return "unlimited";
  return typeof attribute.type === "string" ? attribute.type.trim().toLowerCase() : `an unreadable type ${JSON.stringify(attribute.type)}`;
}

/** True when a cluster may leave the attribute out (`isOptional` true, or the string `true`). */
export function isOptional(attribute: PolicyAttribute): boolean {
  const flag = attribute.isOptional;
  return flag === true || (typeof flag === "string" && flag.trim().toLowerCase() === "true");
}

/**
 * The values a cluster under the policy may give the attribute, when the policy limits them to a list
 * (`fixed` or `allowlist`, not optional); undefined when the values are open (any other rule type, or optional).
 */
export function closedValues(attribute: PolicyAttribute | undefined): unknown[] | undefined {
  if (attribute === undefined || isOptional(attribute)) return undefined;
  const type = ruleTypeOf(attribute);
  if (type === "fixed") return [attribute.value];
  if (type === "allowlist" && Array.isArray(attribute.values) && attribute.values.length > 0) return [...attribute.values];
  return undefined;
}

/** How a message names an attribute's rule: `unlimited (not in the definition)`, `fixed "NONE"`, `allowlist ["A","B"]`. */
export function describeRule(attribute: PolicyAttribute | undefined): string {
  if (attribute === undefined) return "unlimited (not in the definition)";
  const type = ruleTypeOf(attribute);
  const optional = isOptional(attribute) ? ", optional" : "";
  if (type === "fixed") return `fixed ${JSON.stringify(attribute.value)}${optional}`;
  if (type === "allowlist" || type === "blocklist") return `${type} ${JSON.stringify(attribute.values ?? [])}${optional}`;
  if (type === "range") return `range ${JSON.stringify(attribute.minValue ?? null)}..${JSON.stringify(attribute.maxValue ?? null)}${optional}`;
  return `${type}${optional}`;
}
