/**
 * resources-restrict-types: default deny. A stage declares only the resource types its policy config admits
 * (`allowedTypes`, owned by security reviewers); any other type is refused, whatever it does. The other rules
 * each judge the types they know, so a type none of them knows would otherwise pass unjudged: a share to another
 * account, a group membership, a folder delete. Admitting a type is a reviewed change to the policy config and to
 * the rules that judge it (a test holds every admitted type to at least one judging rule), never a stack change.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { typeDisplayName } from "../lib/resource-types";

/** The root resource every Pulumi program registers; it declares nothing, so it is always admitted. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/** The prefix of provider resource types: `pulumi:providers:<package>`. */
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** This project's own package, whose components (declared by the program itself) are admitted by default. */
export const OWN_PACKAGE = "databricks-mlops";

/**
 * Dynamic resources: one type token per language for every dynamic provider, each running arbitrary code of the
 * program with the deployer's credentials. Listing the token would admit all of them at once and no rule can judge
 * what one does, so they are refused even when listed.
 */
export const DYNAMIC_TYPES: readonly string[] = ["pulumi-nodejs:dynamic:Resource", "pulumi-python:dynamic:Resource"];

/** The config of this rule after the CLI merged the schema defaults in. */
export interface RestrictTypesConfig {
  /** Exact type tokens the stage may declare (resources and `pulumi:providers:<package>`); unset: none. */
  allowedTypes?: string[];
  /** Packages whose component resources (declared by the program, without a provider) are admitted. */
  componentPackages?: string[];
}

/** What the rule needs to know about one registered resource. */
export interface TypeAdmissionFacts {
  type: string;
  name: string;
  /** The type of the provider the engine sent with the resource; undefined for a component or the root stack. */
  providerType?: string;
}

/** The package of a type token: `databricks:index/job:Job` -> `databricks`, `pulumi:providers:aws` -> `aws`. */
export function packageOf(type: string): string {
  if (type.startsWith(PROVIDER_TYPE_PREFIX)) return type.slice(PROVIDER_TYPE_PREFIX.length);
  return type.split(":")[0] ?? type;
}

const HOW_TO_ADMIT =
  "A security reviewer admits a type by adding it to `allowedTypes` of this rule in the stage's policy config " +
  "(policies/config/<stage>.json) together with the rules that judge it (docs/security-reviewer.md); a stack change alone cannot.";

/** Returns a message when the stage's policy config does not admit the resource's type; empty when it does. */
export function findTypeAdmissionGap(facts: TypeAdmissionFacts, config: RestrictTypesConfig): string[] {
  const { type } = facts;
  if (type === STACK_TYPE) return [];
  const subject = type.startsWith(PROVIDER_TYPE_PREFIX) ? `Provider '${facts.name}'` : `${typeDisplayName(type)} '${facts.name}'`;
  if (DYNAMIC_TYPES.includes(type)) {
    return [
      `${subject} is a dynamic resource ('${type}'): it runs code of the program with the deployer's credentials, and one type token ` +
        "covers every dynamic provider, so no rule can judge it and no stage admits it; declare the resource through a provider package instead.",
    ];
  }
  if ((config.allowedTypes ?? []).includes(type)) return [];
  const pkg = packageOf(type);
  const isComponentPackage = (config.componentPackages ?? []).includes(pkg);
  if (isComponentPackage && !type.startsWith(PROVIDER_TYPE_PREFIX)) {
    // A component of the program itself registers no provider; its children are judged by their own types.
    if (facts.providerType === undefined) return [];
    return [
      `${subject} has type '${type}' of the component package '${pkg}' but comes with provider type '${facts.providerType}', ` +
        `so it is a custom resource of a plugin, not a component of this program, and this stage's policy config does not admit it. ${HOW_TO_ADMIT}`,
    ];
  }
  const kind = type.startsWith(PROVIDER_TYPE_PREFIX) ? `is a provider of package '${pkg}'` : `has type '${type}'`;
  return [`${subject} ${kind}, which this stage's policy config does not admit (allowedTypes of resources-restrict-types). ${HOW_TO_ADMIT}`];
}

/** The rule object registered in the pack. */
export const resourcesRestrictTypes: DocumentedResourcePolicy = {
  name: "resources-restrict-types",
  description: "A stage declares only the resource and provider types its policy config admits (default deny).",
  severity: "critical",
  remediationSteps:
    "Declare the resource with a type the stage admits. To admit a new type, a security reviewer adds its exact token " +
    "(e.g. `databricks:index/share:Share`, or `pulumi:providers:<package>` for a provider) to `allowedTypes` of " +
    "resources-restrict-types in policies/config/<stage>.json, in the same change as the rule(s) that judge it; the " +
    "catalogue lists the rules that judge each admitted type, and a test fails when one has none.",
  configSchema: {
    properties: {
      allowedTypes: {
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z0-9_.-]+:[A-Za-z0-9_./-]*:[A-Za-z0-9_.-]+$" },
        uniqueItems: true,
        description:
          "Exact type tokens the stage may declare, providers as `pulumi:providers:<package>`. Unset: none, so only the root stack and " +
          "the components of `componentPackages` pass. Dynamic resources are refused even when listed.",
      },
      componentPackages: {
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z0-9_.-]+$" },
        uniqueItems: true,
        default: [OWN_PACKAGE],
        description:
          "Packages whose component resources pass without being listed: components the program declares itself register no provider " +
          "and declare nothing but their children, each judged by its own type. Default: this project's package only.",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Default deny (trust boundaries): every other rule judges the types it knows, so a type none of them knows (a Delta share " +
      "to another account, a group membership, a recursive folder delete, a connection to an outside database) would pass prod " +
      "unjudged through a change to the program alone. The policy config, owned by security reviewers, lists each stage's " +
      "types; admitting one is a reviewed change there together with the rules that judge it. Dynamic resources are never " +
      "admitted: they run the program's own code with the deployer's credentials under a single type token. Components of " +
      "this project's package pass as a package: they declare nothing themselves, each resource they create is judged by its " +
      "own type, and one that comes with a provider is a plugin's custom resource, not a component, and must be listed. The root " +
      "stack (`pulumi:pulumi:Stack`) always passes. Providers are types too (`pulumi:providers:<package>`), so an unknown plugin " +
      "is refused before any of its resources.",
    controls: [],
  },
  validateResource: (args: ResourceValidationArgs, reportViolation) => {
    const config = args.getConfig<RestrictTypesConfig>();
    const facts: TypeAdmissionFacts = { type: args.type, name: args.name, providerType: args.provider?.type };
    for (const message of findTypeAdmissionGap(facts, config)) reportViolation(message);
  },
};
