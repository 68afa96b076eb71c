/**
 * The messages the program's process (program-child.ts) sends the judging process over its channel, one
 * JSON object per line, and their validation. The program runs in that process and can write to the
 * channel too, so nothing here is taken on trust: every message is checked field by field, a step's URN
 * must be the one its parent, type and name make, and a URN may register once. Pure functions.
 */
import type { Diagnostic, PlannedStep } from "./types";
import type { ResolvedStackReference } from "./stack-references";
import { makeUrn } from "./urn";

/** One resource registration: the step people see, the inputs the pack sees, the secrets to blind. */
export interface RegisterMessage {
  kind: "register";
  step: PlannedStep;
  /** Inputs as the engine hands them to the policy pack (secrets real). */
  engineInputs: Record<string, unknown>;
  /** Values held inside secret inputs, to blind wherever they would be printed. */
  secrets: string[];
}

/** The program's failure, as far as it can be told across processes. */
export interface ProgramFailure {
  message: string;
  stack: string;
  /** True for the program's config error (`StageConfigError`): invalid input, not a crash. */
  stageConfigError: boolean;
}

/** The program returned and the runtime has no registration outstanding. Sent once, last. */
export interface FinishedMessage {
  kind: "finished";
  /** What the program logged, in order (console and `pulumi.log`). */
  diagnostics: Diagnostic[];
  error?: ProgramFailure;
  /** Provider functions the program called (they answer `{}` offline). */
  invokes: string[];
  stackReferences: ResolvedStackReference[];
  /** Stack references without recorded outputs: the message of each. */
  stackReferenceErrors: string[];
}

export type ChannelMessage = RegisterMessage | FinishedMessage;

/** What a message must agree with: the stack being planned. */
export interface ChannelContext {
  project: string;
  stack: string;
}

/** A message that is not what the plan's program process sends. */
export class ChannelMessageError extends Error {}

const SEVERITIES = new Set(["debug", "info", "warning", "error"]);

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(what: string): never {
  throw new ChannelMessageError(what);
}

function object(v: unknown, field: string): Obj {
  return isObject(v) ? v : fail(`${field} is not an object`);
}

function string(v: unknown, field: string): string {
  return typeof v === "string" ? v : fail(`${field} is not a string`);
}

function boolean(v: unknown, field: string): boolean {
  return typeof v === "boolean" ? v : fail(`${field} is not a boolean`);
}

function strings(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) fail(`${field} is not a list of strings`);
  return v as string[];
}

/** Keys of `o` beyond `allowed` make the message malformed: nothing unexpected rides along. */
function onlyKeys(o: Obj, allowed: readonly string[], field: string): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) fail(`${field} has unexpected field ${extra[0]}`);
}

const STEP_KEYS = ["op", "urn", "type", "name", "parent", "dependencies", "propertyDependencies", "protect", "retainOnDelete", "aliases", "provider", "custom", "customTimeouts", "inputs"];

function plannedStep(v: unknown, context: ChannelContext): PlannedStep {
  const s = object(v, "step");
  onlyKeys(s, STEP_KEYS, "step");
  if (s.op !== "create") fail("step.op is not create");
  const type = string(s.type, "step.type");
  const name = string(s.name, "step.name");
  const parent = string(s.parent, "step.parent");
  const urn = string(s.urn, "step.urn");
  const expected = makeUrn(context.stack, context.project, parent, type, name);
  if (urn !== expected) fail(`step.urn ${urn} is not the URN of its parent, type and name (${expected})`);
  const propertyDependencies = object(s.propertyDependencies, "step.propertyDependencies");
  for (const [key, urns] of Object.entries(propertyDependencies)) strings(urns, `step.propertyDependencies.${key}`);
  strings(s.dependencies, "step.dependencies");
  boolean(s.protect, "step.protect");
  boolean(s.retainOnDelete, "step.retainOnDelete");
  string(s.provider, "step.provider");
  boolean(s.custom, "step.custom");
  object(s.inputs, "step.inputs");
  if (s.aliases !== undefined) strings(s.aliases, "step.aliases");
  if (s.customTimeouts !== undefined) {
    const t = object(s.customTimeouts, "step.customTimeouts");
    onlyKeys(t, ["create", "update", "delete"], "step.customTimeouts");
    for (const k of Object.keys(t)) string(t[k], `step.customTimeouts.${k}`);
  }
  // Checked whole: the parsed object keeps the recorder's key order, so the JSON output is what it was.
  return s as unknown as PlannedStep;
}

function diagnostic(v: unknown, field: string): Diagnostic {
  const d = object(v, field);
  onlyKeys(d, ["severity", "message", "urn"], field);
  const severity = string(d.severity, `${field}.severity`);
  if (!SEVERITIES.has(severity)) fail(`${field}.severity is not one of debug, info, warning, error`);
  const out: Diagnostic = { severity: severity as Diagnostic["severity"], message: string(d.message, `${field}.message`) };
  if (d.urn !== undefined) out.urn = string(d.urn, `${field}.urn`);
  return out;
}

function failure(v: unknown): ProgramFailure {
  const e = object(v, "error");
  onlyKeys(e, ["message", "stack", "stageConfigError"], "error");
  return { message: string(e.message, "error.message"), stack: string(e.stack, "error.stack"), stageConfigError: boolean(e.stageConfigError, "error.stageConfigError") };
}

/**
 * Parses and validates one line of the channel.
 * @throws ChannelMessageError naming the first thing that is wrong.
 */
export function parseChannelMessage(line: string, context: ChannelContext): ChannelMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    fail("a line is not JSON");
  }
  const m = object(raw, "message");
  if (m.kind === "register") {
    onlyKeys(m, ["kind", "step", "engineInputs", "secrets"], "register message");
    return { kind: "register", step: plannedStep(m.step, context), engineInputs: object(m.engineInputs, "engineInputs"), secrets: strings(m.secrets, "secrets") };
  }
  if (m.kind === "finished") {
    onlyKeys(m, ["kind", "diagnostics", "error", "invokes", "stackReferences", "stackReferenceErrors"], "finished message");
    if (!Array.isArray(m.diagnostics)) fail("diagnostics is not a list");
    if (!Array.isArray(m.stackReferences)) fail("stackReferences is not a list");
    const message: FinishedMessage = {
      kind: "finished",
      diagnostics: m.diagnostics.map((d, i) => diagnostic(d, `diagnostics[${i}]`)),
      invokes: strings(m.invokes, "invokes"),
      stackReferences: m.stackReferences.map((r, i) => {
        const ref = object(r, `stackReferences[${i}]`);
        onlyKeys(ref, ["stack", "file"], `stackReferences[${i}]`);
        return { stack: string(ref.stack, `stackReferences[${i}].stack`), file: string(ref.file, `stackReferences[${i}].file`) };
      }),
      stackReferenceErrors: strings(m.stackReferenceErrors, "stackReferenceErrors"),
    };
    if (m.error !== undefined) message.error = failure(m.error);
    return message;
  }
  return fail(`unknown message kind ${JSON.stringify(m.kind)}`);
}

/** One message as a line of the channel. */
export function channelLine(message: ChannelMessage): string {
  return JSON.stringify(message) + "\n";
}
