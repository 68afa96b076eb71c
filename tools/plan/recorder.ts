/**
 * Turns one `RegisterResourceRequest` (what the SDK sends the engine) into a `PlannedStep` for people,
 * and into the inputs the engine would hand the policy pack. Only reads the request, so the mock
 * monitor's own behaviour is unchanged.
 */
import type { PlannedStep } from "./types";
import { engineObject, plainObject, secretLeaves } from "./property-values";
import type { AliasInput } from "./aliases";

/** The getters of `pulumirpc.RegisterResourceRequest` the plan reads. */
export interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getProvider(): string;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  /** Structured aliases (the SDK sends these to a monitor that supports them, as the mock does). */
  getAliasesList?(): AliasMessageLike[];
  /** Alias URNs, as older monitors receive them. */
  getAliasurnsList?(): string[];
}

/** The getters of `pulumirpc.Alias` the plan reads: a URN, or a spec. */
export interface AliasMessageLike {
  getUrn(): string;
  hasSpec(): boolean;
  getSpec():
    | { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean }
    | undefined;
}

/** The aliases of a registration as the SDK sent them. */
export function aliasInputsOf(req: RegisterRequestLike): AliasInput[] {
  const structured = (req.getAliasesList?.() ?? []).map((a): AliasInput => {
    const spec = a.hasSpec() ? a.getSpec() : undefined;
    if (!spec) return { urn: a.getUrn() };
    return {
      name: spec.getName(),
      type: spec.getType(),
      stack: spec.getStack(),
      project: spec.getProject(),
      parentUrn: spec.getParenturn(),
      noParent: spec.getNoparent(),
    };
  });
  return [...structured, ...(req.getAliasurnsList?.() ?? []).map((urn) => ({ urn }))];
}

/** Reads a registration into a step; `urn` is what the monitor answers for it. */
export function toPlannedStep(req: RegisterRequestLike, urn: string): PlannedStep {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = [...deps.getUrnsList()];
  });
  const step: PlannedStep = {
    op: "create",
    urn,
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    dependencies: [...new Set(req.getDependenciesList())],
    propertyDependencies,
    protect: req.getProtect() === true,
    retainOnDelete: req.getRetainondelete() === true,
    provider: req.getProvider(),
    custom: req.getCustom(),
    inputs: plainObject(req.getObject()?.toJavaScript() ?? {}),
  };
  const t = req.getCustomtimeouts();
  if (t && (t.getCreate() || t.getUpdate() || t.getDelete())) {
    step.customTimeouts = {};
    if (t.getCreate()) step.customTimeouts.create = t.getCreate();
    if (t.getUpdate()) step.customTimeouts.update = t.getUpdate();
    if (t.getDelete()) step.customTimeouts.delete = t.getDelete();
  }
  return step;
}

/** What the policy pack gets of one registration, and what must stay hidden from people. */
export interface PolicyView {
  /** Inputs as the engine marshals them to analyzers: secrets wrapped around their real values. */
  engineInputs: Record<string, unknown>;
  /** Every value held inside a secret input, to blind in messages. */
  secrets: string[];
}

/** Reads the inputs of a registration as the engine hands them to the policy pack. */
export function policyViewOf(req: RegisterRequestLike): PolicyView {
  const wire = req.getObject()?.toJavaScript() ?? {};
  return { engineInputs: engineObject(wire), secrets: secretLeaves(wire) };
}
