/**
 * Builds Analyzer protocol messages from planned steps and reads verdicts back, mirroring what the engine
 * sends (pulumi/pulumi pkg/resource/deploy/step_generator.go `generateSteps` for Analyze/Remediate,
 * `AnalyzeResources` for AnalyzeStack; sdk/go/common/resource/plugin/analyzer_plugin.go for the marshalling).
 */
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN_MARKER, UNKNOWN_VALUE } from "./property-values";
import type { EnforcementLevel, PlannedStep } from "./types";

/** A planned step with what the pack sees of it beside the blinded `inputs` people see. */
export type PolicyInputStep = PlannedStep & {
  /** Outputs the (mock) provider returned; AnalyzeStack sees them instead of the inputs. */
  outputs?: Record<string, unknown>;
  /**
   * Inputs in the engine's wire form (`engineObject`), secrets holding their real values as the engine
   * sends them; when absent the pack sees `inputs` (secrets as "[secret]").
   */
  engineInputs?: Record<string, unknown>;
};

/** Replaces the plan's "[unknown]" markers with the runtime's unknown sentinel, so policies see them as unknown. */
export function toWireValue(value: unknown): unknown {
  if (value === UNKNOWN_MARKER) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(toWireValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWireValue(v)]));
  }
  return value;
}

/** Plain JSON properties as a protobuf Struct, unknowns marked the way the engine marks them. */
export function toStruct(properties: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(toWireValue(properties) as Record<string, never>);
}

/** The properties the engine would send for a step's inputs: the real ones when the plan has them. */
export function inputStruct(step: PolicyInputStep): Struct {
  // Engine inputs are already wire values: a literal "[unknown]" string in them is a real string.
  return step.engineInputs ? Struct.fromJavaScript(step.engineInputs as Record<string, never>) : toStruct(step.inputs);
}

/** Seconds of a Go duration string as the engine parses custom timeouts ("45m", "1h30m", "90s"). */
export function durationSeconds(duration: string | undefined): number {
  if (!duration) return 0;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(amount) * units[unit];
  return total;
}

/** The URN part of a provider reference `<provider urn>::<provider id>`. */
export function providerUrnOf(reference: string): string {
  const cut = reference.lastIndexOf("::");
  return cut > 0 ? reference.slice(0, cut) : reference;
}

function resourceOptions(step: PlannedStep, includeParent: boolean): analyzerPb.AnalyzerResourceOptions {
  const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(durationSeconds(step.customTimeouts?.create));
  timeouts.setUpdate(durationSeconds(step.customTimeouts?.update));
  timeouts.setDelete(durationSeconds(step.customTimeouts?.delete));
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(step.protect);
  options.setAliasesList(step.aliases ?? []);
  options.setCustomtimeouts(timeouts);
  // AnalyzeStack carries the parent beside the options, Analyze inside them (step_generator.go).
  if (includeParent) options.setParent(step.parent);
  return options;
}

/**
 * Provider messages by provider step: every resource of a provider carries the same one, twice (Remediate
 * and Analyze), so it is built once per provider; messages are never changed after they are built.
 */
const providerMessages = new WeakMap<PolicyInputStep, analyzerPb.AnalyzerProviderResource>();

/** The provider resource the engine attaches: the explicit provider's type, URN, name and inputs. */
function providerResource(step: PlannedStep, byUrn: ReadonlyMap<string, PolicyInputStep>): analyzerPb.AnalyzerProviderResource | undefined {
  if (!step.provider) return undefined;
  const provider = byUrn.get(providerUrnOf(step.provider));
  if (!provider) return undefined;
  let message = providerMessages.get(provider);
  if (message === undefined) {
    message = new analyzerPb.AnalyzerProviderResource();
    message.setType(provider.type);
    message.setUrn(provider.urn);
    message.setName(provider.name);
    message.setProperties(inputStruct(provider));
    providerMessages.set(provider, message);
  }
  return message;
}

/** The request `Remediate` and `Analyze` receive for one resource: its inputs, options and provider. */
export function analyzeRequestFor(
  step: PolicyInputStep,
  byUrn: ReadonlyMap<string, PolicyInputStep>,
  properties: Struct = inputStruct(step),
): analyzerPb.AnalyzeRequest {
  const request = new analyzerPb.AnalyzeRequest();
  request.setType(step.type);
  request.setUrn(step.urn);
  request.setName(step.name);
  request.setProperties(properties);
  request.setOptions(resourceOptions(step, true));
  const provider = providerResource(step, byUrn);
  if (provider) request.setProvider(provider);
  return request;
}

/** One resource of the `AnalyzeStack` request: outputs (inputs when the plan has none), graph edges, provider. */
export function stackResourceFor(
  step: PolicyInputStep,
  byUrn: ReadonlyMap<string, PolicyInputStep>,
  properties: Struct = step.outputs ? toStruct(step.outputs) : inputStruct(step),
): analyzerPb.AnalyzerResource {
  const resource = new analyzerPb.AnalyzerResource();
  resource.setType(step.type);
  resource.setUrn(step.urn);
  resource.setName(step.name);
  resource.setProperties(properties);
  resource.setOptions(resourceOptions(step, false));
  resource.setParent(step.parent);
  resource.setDependenciesList(step.dependencies);
  const propertyDependencies = resource.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(step.propertyDependencies)) {
    // The engine skips properties without dependencies (analyzer_plugin.go AnalyzeStack).
    if (urns.length === 0) continue;
    const deps = new analyzerPb.AnalyzerPropertyDependencies();
    deps.setUrnsList(urns);
    propertyDependencies.set(property, deps);
  }
  const provider = providerResource(step, byUrn);
  if (provider) resource.setProvider(provider);
  return resource;
}

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
};

/** Protocol enforcement level -> CLI name. */
export function enforcementLevelName(level: analyzerPb.EnforcementLevel): EnforcementLevel {
  return LEVELS[level] ?? "advisory";
}

/** CLI name -> protocol enforcement level. */
export function enforcementLevelValue(level: EnforcementLevel): analyzerPb.EnforcementLevel {
  const entry = Object.entries(LEVELS).find(([, name]) => name === level);
  return Number(entry?.[0] ?? analyzerPb.EnforcementLevel.ADVISORY) as analyzerPb.EnforcementLevel;
}

const SEVERITIES: Record<number, string> = {
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** Protocol severity -> the SDK's name ("" when unspecified). */
export function severityName(severity: analyzerPb.PolicySeverity): string {
  return SEVERITIES[severity] ?? "";
}
