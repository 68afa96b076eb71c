/**
 * Calls a stack rule's registered `validateStack` the way the policy server does, on resources built by
 * `stackResource`, without launching the pack (the gRPC tests cover the real server).
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { NotApplicable } from "./invoke-rule";

/** What one call reported: each violation with the URN it names, or the not-applicable reason. */
export interface StackRuleCall {
  violations: { message: string; urn?: string }[];
  notApplicable?: string;
}

/** A resource as the stack rules see it; `dependsOn` and `propertyDependsOn` name other resources. */
export function stackResource(
  type: string,
  name: string,
  props: Record<string, unknown> = {},
  links: { dependsOn?: PolicyResource[]; propertyDependsOn?: Record<string, PolicyResource[]>; provider?: PolicyResource } = {},
): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:prod::databricks-mlops::${type}::${name}`,
    props,
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: {} },
    dependencies: links.dependsOn ?? [],
    propertyDependencies: links.propertyDependsOn ?? {},
    provider: links.provider,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

/** Runs the rule once over `resources`. */
export function invokeStackRule(rule: StackValidationPolicy, resources: PolicyResource[], config: object = {}): StackRuleCall {
  const violations: StackRuleCall["violations"] = [];
  const args = {
    resources,
    getConfig: () => config,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason ?? "");
    },
  } as unknown as StackValidationArgs;
  try {
    void rule.validateStack(args, (message, urn) => violations.push(urn === undefined ? { message: message ?? "" } : { message: message ?? "", urn }));
  } catch (err) {
    if (err instanceof NotApplicable) return { violations, notApplicable: err.reason };
    throw err;
  }
  return { violations };
}
