/**
 * Installs Pulumi's mock runtime for one stack and records every resource registration as the
 * engine would receive it. Must run before the program is imported: resources register while
 * the program's module body runs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedStep } from "./types";
import { makeUrn } from "./urn";
import { mockResource } from "./mock-outputs";
import { aliasInputsOf, policyViewOf, toPlannedStep, RegisterRequestLike } from "./recorder";
import { resolveAliases } from "./aliases";
import { skipUnreadPromiseTraces } from "./promise-traces";
import { skipUnreadSourcePositions } from "./source-positions";
import { DEFAULT_RECORDED_OUTPUTS_DIR, STACK_REFERENCE_TYPE, resolveStackReference, type ResolvedStackReference } from "./stack-references";

type Callback = (err: unknown, resp?: unknown) => void;

/** The parts of `MockMonitor` (runtime/mocks.js) the plan patches. */
interface MockMonitorLike {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequestLike, cb: Callback): Promise<void>;
}

/** What the runtime records while the program runs. */
export interface Recording {
  /** One step per registration, in registration order; secrets blinded. */
  steps: PlannedStep[];
  /** URN -> inputs as the engine hands them to the policy pack (secrets real). Never printed. */
  engineInputs: Map<string, Record<string, unknown>>;
  /** Every value the program marked secret, to blind wherever it would be printed. */
  secrets: Set<string>;
  /** Provider function calls (invokes) the program made; they answer `{}` offline. */
  invokes: string[];
  /** Stack references answered from recorded outputs. */
  stackReferences: ResolvedStackReference[];
  /** Stack references without recorded outputs; the runtime wraps the error, so the plan reports it from here. */
  stackReferenceErrors: Error[];
}

/** Options of one mocked run. */
export interface MockRuntimeOptions {
  project: string;
  stack: string;
  config: Record<string, string>;
  secretKeys: string[];
  /**
   * The organization `pulumi.getOrganization()` returns. Default `organization`, the name Pulumi's
   * self-managed backends give every stack's organization.
   */
  organization?: string;
  /** Folder of recorded stack outputs that answer `StackReference`s. Default `tools/plan/recorded-outputs`. */
  recordedOutputsDir?: string;
  /** Called with each registration as it is recorded (the step and its engine inputs); default none. */
  onRegister?: (step: PlannedStep, engineInputs: Record<string, unknown>, secrets: string[]) => void;
}

/**
 * Sets the mocks (preview mode, so unreturned outputs stay unknown as in `pulumi preview`),
 * the stack's config, and the recording hooks. Returns the live recording.
 */
export function installMockRuntime(opts: MockRuntimeOptions): Recording {
  const recording: Recording = { steps: [], engineInputs: new Map(), secrets: new Set(), invokes: [], stackReferences: [], stackReferenceErrors: [] };
  skipUnreadPromiseTraces();
  // The mock monitor ignores a registration's source position, so the runtime need not capture it.
  skipUnreadSourcePositions(pulumi);
  // setMocks is async only in signature; it sets the mock options synchronously.
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type !== STACK_REFERENCE_TYPE) return mockResource(args);
        const stack = String(args.inputs.name ?? args.name);
        try {
          const { state, resolved } = resolveStackReference(opts.recordedOutputsDir ?? DEFAULT_RECORDED_OUTPUTS_DIR, stack);
          recording.stackReferences.push(resolved);
          return { id: stack, state };
        } catch (err) {
          recording.stackReferenceErrors.push(err as Error);
          throw err;
        }
      },
      call: (args) => {
        recording.invokes.push(args.token);
        return {};
      },
    },
    opts.project,
    opts.stack,
    true,
    opts.organization ?? "organization",
  );
  pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);

  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
  // The mock's own URNs keep only the parent's last type and prefix top-level resources with
  // the stack type; the engine's do neither.
  monitor.newUrn = (parent, type, name) => makeUrn(opts.stack, opts.project, parent, type, name);
  const register = monitor.registerResource.bind(monitor);
  // Resolved aliases by URN, so a child inherits its parent's (the engine's generateAliases).
  const aliasesByUrn = new Map<string, string[]>();
  monitor.registerResource = (req, cb) => {
    // Record before the mock answers so the order is the program's registration order.
    const step = toPlannedStep(req, monitor.newUrn(req.getParent(), req.getType(), req.getName()));
    const target = { stack: opts.stack, project: opts.project, type: step.type, name: step.name, parent: step.parent };
    const aliases = resolveAliases(target, aliasInputsOf(req), aliasesByUrn.get(step.parent) ?? []);
    if (aliases.length > 0) {
      step.aliases = aliases;
      aliasesByUrn.set(step.urn, aliases);
    }
    const view = policyViewOf(req);
    recording.steps.push(step);
    recording.engineInputs.set(step.urn, view.engineInputs);
    view.secrets.forEach((s) => recording.secrets.add(s));
    opts.onRegister?.(step, view.engineInputs, view.secrets);
    return register(req, cb);
  };
  return recording;
}
