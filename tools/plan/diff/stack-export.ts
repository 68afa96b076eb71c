/**
 * A stack's deployed state as an earlier plan, so that `--against` can compare the program with what the cloud
 * holds: `pulumi refresh` then `pulumi stack export` (deployment format version 3), or the steps' old states of
 * `pulumi preview --refresh --json` (which a read-only identity can produce), record every resource's
 * last-applied `inputs` and its refreshed `outputs`. A bridged provider's outputs carry every input property
 * under the same name, so the refreshed value of what the program declares is the outputs projected onto the
 * shape of the inputs. Comparing the program with that projection is drift detection offline: an update is a
 * property the cloud no longer holds as declared, a create a resource deleted behind the stack's back. Pure.
 *
 * The model is the comparison the engine makes before it asks the provider (`Diff` decides in the end: a
 * provider may normalise a value, and this model would then report a change the real preview does not).
 */
import type { PlannedStep, PlanDocument } from "../types";
import { SECRET_MARKER } from "../property-values";

/** The signature key Pulumi marks a secret value with in a state file (sdk `resource/sig.Secret`). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for a `{ "<sig>": "<secret sig>", ciphertext | plaintext }` value, as `pulumi stack export` writes secrets. */
function isSecretValue(v: unknown): boolean {
  return isRecord(v) && v[SECRET_SIG_KEY] === SECRET_SIG;
}

/** A state value as the plan shows inputs: a secret (encrypted or exported with --show-secrets) is "[secret]". */
function planValue(v: unknown): unknown {
  if (isSecretValue(v)) return SECRET_MARKER;
  if (Array.isArray(v)) return v.map(planValue);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, planValue(x)]));
  return v;
}

/**
 * The refreshed value of what `declared` declares: for an object, each declared key takes the output's value
 * (or stays as declared when the output lacks the key); a list keeps the output's length, each item shaped by the
 * declared item at its index. Output properties the inputs never named are the provider's, not the program's.
 */
export function projectOntoInputs(declared: unknown, refreshed: unknown): unknown {
  // A secret's value is not compared: the state holds it encrypted, and the plan shows every secret alike.
  if (isSecretValue(declared) || isSecretValue(refreshed)) return SECRET_MARKER;
  if (refreshed === undefined) return planValue(declared);
  if (isRecord(declared) && isRecord(refreshed)) {
    return Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, projectOntoInputs(v, refreshed[k])]));
  }
  if (Array.isArray(declared) && Array.isArray(refreshed)) {
    return refreshed.map((item, i) => (i < declared.length ? projectOntoInputs(declared[i], item) : planValue(item)));
  }
  return planValue(refreshed);
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` split into what a plan document needs. */
function urnParts(urn: string): { stack: string; project: string; name: string } | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::.*::(.*)$/.exec(urn);
  return m === null ? undefined : { stack: m[1], project: m[2], name: m[3] };
}

/** A provider the engine created from config: `pulumi:providers:<pkg>::default` or `::default_<version>`. */
function isDefaultProvider(urn: string, type: string): boolean {
  return type.startsWith("pulumi:providers:") && /::default(_[0-9_]+(-[A-Za-z0-9.]+)?)?$/.test(urn);
}

/** A `provider` reference of a state resource in the plan's form: "" for a default provider, as the plan records it. */
function providerReference(reference: unknown, defaults: Set<string>): string {
  if (typeof reference !== "string" || reference === "") return "";
  const urn = reference.slice(0, reference.lastIndexOf("::"));
  return defaults.has(urn) ? "" : reference;
}

/** The first reason `value` is not a `pulumi stack export` document this plan reads, or undefined. */
export function stackExportProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !("deployment" in value)) return "expected the JSON object `pulumi stack export` writes";
  if (value.version !== 3) return `deployment version ${JSON.stringify(value.version)} is not supported (expected 3)`;
  if (!isRecord(value.deployment)) return `"deployment" must be an object`;
  const resources = value.deployment.resources ?? [];
  if (!Array.isArray(resources)) return `"deployment.resources" must be an array`;
  if (resources.length === 0) return "it holds no resources (has the stack been deployed?)";
  for (const [i, r] of resources.entries()) {
    if (!isRecord(r)) return `deployment.resources[${i}] must be an object`;
    for (const key of ["urn", "type"]) if (typeof r[key] !== "string") return `deployment.resources[${i}].${key} must be a string`;
    if (urnParts(r.urn as string) === undefined) return `deployment.resources[${i}].urn is not a Pulumi URN`;
  }
  return undefined;
}

/**
 * The states a `pulumi preview --refresh --json` document holds before its changes: each step's `oldState`
 * (a resource as a state file holds it, refreshed), in a deployment as `pulumi stack export` writes one.
 */
export function previewToStackExport(preview: { steps: unknown[] }): { version: 3; deployment: { resources: unknown[] } } {
  const resources = preview.steps.filter(isRecord).map((step) => step.oldState).filter((state) => state !== undefined && state !== null);
  return { version: 3, deployment: { resources } };
}

/** True when `value` looks like the output of `pulumi preview --json`: steps with `op` and old or new states, no plan fields. */
export function isPreviewJson(value: unknown): value is { steps: unknown[] } {
  return (
    isRecord(value) &&
    !("project" in value) &&
    Array.isArray(value.steps) &&
    value.steps.some((s) => isRecord(s) && typeof s.op === "string" && ("oldState" in s || "newState" in s))
  );
}

/** True when `value` looks like a `pulumi stack export` document rather than a plan. */
export function isStackExport(value: unknown): boolean {
  return isRecord(value) && "deployment" in value && !("steps" in value);
}

/**
 * The deployed state of `export` (a document `stackExportProblem` accepts) as the plan document an earlier plan
 * would have been: resources the program registers, in state order, without the engine's default providers and
 * the reads (`external`: stack references, `get` functions), which the plan does not record as steps either.
 */
export function stackExportToPlan(exported: { deployment: { resources?: Record<string, unknown>[] } }): PlanDocument {
  const resources = exported.deployment.resources ?? [];
  const defaults = new Set(resources.filter((r) => isDefaultProvider(r.urn as string, r.type as string)).map((r) => r.urn as string));
  const steps: PlannedStep[] = [];
  let stack = "";
  let project = "";
  for (const r of resources) {
    const urn = r.urn as string;
    if (defaults.has(urn) || r.external === true || r.delete === true) continue;
    const parts = urnParts(urn)!;
    stack ||= parts.stack;
    project ||= parts.project;
    const custom = r.custom === true;
    const inputs = isRecord(r.inputs) ? r.inputs : {};
    steps.push({
      op: "create",
      urn,
      type: r.type as string,
      name: parts.name,
      parent: typeof r.parent === "string" ? r.parent : "",
      dependencies: Array.isArray(r.dependencies) ? r.dependencies.filter((d): d is string => typeof d === "string") : [],
      propertyDependencies: isRecord(r.propertyDependencies) ? (r.propertyDependencies as Record<string, string[]>) : {},
      protect: r.protect === true,
      retainOnDelete: r.retainOnDelete === true,
      provider: providerReference(r.provider, defaults),
      custom,
      inputs: (custom ? projectOntoInputs(inputs, isRecord(r.outputs) ? r.outputs : undefined) : planValue(inputs)) as Record<string, unknown>,
    });
  }
  // A state holds no verdicts: every finding of the new plan shows as new against it.
  return { project, stack, steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [] };
}
