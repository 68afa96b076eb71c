/**
 * Calls a resource rule's registered `validateResource` the way the policy server does (type, name, props,
 * options, config, notApplicable), without launching the pack: for the cheap checks that the rule object,
 * not only its pure function, covers each resource type. The gRPC tests cover the real server.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** What one call reported: the messages, or the not-applicable reason. */
export interface RuleCall {
  violations: string[];
  notApplicable?: string;
}

/** Runs the rule once for one resource. */
export function invokeRule(
  rule: ResourceValidationPolicy,
  resource: {
    type: string;
    name?: string;
    urn?: string;
    props?: Record<string, unknown>;
    protect?: boolean;
    customTimeouts?: Record<string, number>;
    /** The provider resource the engine sends with the resource (type, name, urn, inputs); none when absent. */
    provider?: { type: string; name: string; urn?: string; props: Record<string, unknown> };
  },
  config: object = {},
): RuleCall {
  const violations: string[] = [];
  const args = {
    type: resource.type,
    name: resource.name ?? "r",
    urn: resource.urn ?? `urn:pulumi:prod::databricks-mlops::${resource.type}::${resource.name ?? "r"}`,
    props: resource.props ?? {},
    opts: { protect: resource.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: resource.customTimeouts ?? {} },
    ...(resource.provider ? { provider: { urn: `urn:pulumi:prod::databricks-mlops::${resource.provider.type}::${resource.provider.name}`, ...resource.provider } } : {}),
    getConfig: () => config,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason ?? "");
    },
  } as unknown as ResourceValidationArgs;
  const validations = Array.isArray(rule.validateResource) ? rule.validateResource : [rule.validateResource];
  try {
    for (const validate of validations) void validate?.(args, (message) => violations.push(message ?? ""));
  } catch (err) {
    if (err instanceof NotApplicable) return { violations, notApplicable: err.reason };
    throw err;
  }
  return { violations };
}

/** What the stand-in `notApplicable` throws, as the SDK's own does, so a call can tell it from a failure. */
export class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
