/**
 * Evaluates a policy pack over the offline plan exactly as `pulumi preview --policy-pack DIR
 * --policy-pack-config FILE` does: the pack runs in its own process, launched like the CLI launches it,
 * and is driven over the Analyzer gRPC protocol with the same calls in the same order:
 *
 *   Handshake (optional) -> ConfigureStack -> GetAnalyzerInfo -> Configure
 *   -> per resource, in registration order and while the program still runs: Remediate, then Analyze
 *      (inputs, options, provider), one call at a time
 *   -> once: AnalyzeStack (every resource: outputs, parent, dependencies, property dependencies, provider)
 *
 * Every registered resource is sent, including the root stack, component resources and providers, as the
 * engine does (step_generator.go runs analyzers for each RegisterResourceEvent and AnalyzeResources covers
 * all of `deployment.news`). Properties go as the engine marshals them: secrets wrapped around their real
 * values (`engineInputs`), unknowns as the runtime's sentinel. Differences from a real preview: no provider
 * `Check` runs first (the plan's inputs are used as given), no default providers exist for resources
 * without an explicit provider (they get no provider resource), and AnalyzeStack sees the plan's
 * `outputs` when present, else the inputs. docs/ci.md lists every difference.
 */
import { performance } from "node:perf_hooks";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerConnection } from "./analyzer-client";
import {
  type PolicyInputStep,
  analyzeRequestFor,
  enforcementLevelName,
  enforcementLevelValue,
  inputStruct,
  severityName,
  stackResourceFor,
} from "./analyzer-messages";
import {
  type EffectivePolicyConfig,
  type PolicyConfigEntry,
  type PolicyConfigTarget,
  loadPolicyPackConfigFile,
  parsePolicyPackConfig,
  parsePolicyPackConfigText,
  reconcilePolicyPackConfig,
} from "./policy-config";
import { PolicyPackProcess } from "./policy-pack-process";
import type { Diagnostic, EnforcementLevel, PolicyViolation } from "./types";

export type { PolicyInputStep } from "./analyzer-messages";


/** A policy of the pack as `GetAnalyzerInfo` describes it, with the level it was configured with. */
export interface PolicySummary {
  name: string;
  displayName: string;
  description: string;
  /** The effective level after `Configure` (the policy's own level before it). */
  enforcementLevel: EnforcementLevel;
  /** "low" | "medium" | "high" | "critical", or "" when the policy declares none. */
  severity: string;
  policyType: "resource" | "stack";
  remediationSteps: string;
  /** The effective config properties (schema defaults merged with the config file), after `Configure`. */
  properties: Record<string, unknown>;
}

/** A policy that reported itself not applicable to a resource (urn "" for the stack call). */
export interface NotApplicableRecord {
  urn: string;
  policyName: string;
  reason: string;
}

/** Verdicts of one or more Analyzer calls. */
export interface AnalysisOutcome {
  violations: PolicyViolation[];
  notApplicable: NotApplicableRecord[];
}

/** How to start a session: the pack folder and the stack it evaluates. */
export interface PolicySessionOptions {
  packDir: string;
  project: string;
  stack: string;
  organization?: string;
  /** Stack config strings (`<project>:<key>`), given to the pack as the CLI gives them. */
  stackConfig?: Record<string, string>;
  /** Keys of `stackConfig` whose values are secret, sent beside it as the CLI does. */
  stackConfigSecretKeys?: string[];
  /** Stack tags, sent with ConfigureStack. */
  stackTags?: Record<string, string>;
  startTimeoutMs?: number;
  /** Aborting it stops a pack that has not started yet (see PackLaunchOptions.signal). */
  signal?: AbortSignal;
}

/**
 * Asks the prelaunched pack of these options for its info once it printed its port, on a connection of its
 * own that it then closes, and returns at once. It runs while the program's process runs, so that the first
 * calls of the session (connecting, the pack's gRPC server and the SDK's first answer, the client's message
 * code: all cold in a fresh process) no longer wait after the program. GetAnalyzerInfo only reads: the CLI
 * asks for it when it loads a pack, before the program runs, and the session asks again, configures the pack
 * and analyzes only once the program's process is gone. Failures are left for the session to meet.
 */
export function warmUpPrelaunchedPack(options: Pick<PolicySessionOptions, "packDir" | "project" | "stack" | "stackConfig">): Promise<void> {
  return PolicyPackProcess.prelaunchedPort(options).then(async (port) => {
    if (port === 0) return;
    const connection = new AnalyzerConnection(port);
    try {
      await connection.getAnalyzerInfo();
    } catch {
      // The session connects afresh and reports what fails then.
    } finally {
      connection.close();
    }
  });
}

/** A running policy pack: start once, configure and analyze many times, close. */
export class PolicyPackSession {
  private summaries: PolicySummary[];
  private readonly diagnostics: Diagnostic[] = [];

  private constructor(
    private readonly pack: PolicyPackProcess,
    private readonly connection: AnalyzerConnection,
    private readonly info: analyzerPb.AnalyzerInfo,
    /** Milliseconds from launch until the pack answered GetAnalyzerInfo. */
    readonly startupMs: number,
  ) {
    this.summaries = info.getPoliciesList().map((p) => ({
      name: p.getName(),
      displayName: p.getDisplayname(),
      description: p.getDescription(),
      enforcementLevel: enforcementLevelName(p.getEnforcementlevel()),
      severity: severityName(p.getSeverity()),
      policyType: p.getPolicyType() === analyzerPb.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
      remediationSteps: p.getRemediationSteps(),
      properties: {},
    }));
  }

  /** Launches the pack, connects, and exchanges Handshake, ConfigureStack and GetAnalyzerInfo. */
  static async start(options: PolicySessionOptions): Promise<PolicyPackSession> {
    const startedAt = Date.now();
    const pack = await PolicyPackProcess.start(options);
    const connection = new AnalyzerConnection(pack.port);
    try {
      const handshake = new analyzerPb.AnalyzerHandshakeRequest();
      handshake.setEngineAddress("");
      handshake.setRootDirectory(options.packDir);
      handshake.setProgramDirectory(options.packDir);
      await connection.handshake(handshake);

      const stackRequest = new analyzerPb.AnalyzerStackConfigureRequest();
      stackRequest.setProject(options.project);
      stackRequest.setStack(options.stack);
      stackRequest.setOrganization(options.organization ?? "");
      stackRequest.setDryRun(true);
      for (const [key, value] of Object.entries(options.stackConfig ?? {})) stackRequest.getConfigMap().set(key, value);
      stackRequest.setConfigSecretKeysList([...(options.stackConfigSecretKeys ?? [])]);
      for (const [key, value] of Object.entries(options.stackTags ?? {})) stackRequest.getTagsMap().set(key, value);
      await connection.configureStack(stackRequest);

      const info = await connection.getAnalyzerInfo();
      return new PolicyPackSession(pack, connection, info, Date.now() - startedAt);
    } catch (err) {
      connection.close();
      await pack.stop();
      throw packError(pack, "starting", err);
    }
  }

  /** The pack's name, as the CLI reports it. */
  get packName(): string {
    return this.info.getName();
  }

  /** The pack's version (from its package.json). */
  get packVersion(): string {
    return this.info.getVersion();
  }

  /** The pack's policies, with the levels and properties of the last `configure` call. */
  get policies(): PolicySummary[] {
    return this.summaries.map((s) => ({ ...s, properties: { ...s.properties } }));
  }

  /** Configures the pack from a `--policy-pack-config` file (or from the schema defaults only, without one). */
  configureFromFile(path?: string): Promise<Map<string, EffectivePolicyConfig>> {
    return this.sendConfig(path ? loadPolicyPackConfigFile(path) : new Map(), path ?? "(no config file)");
  }

  /** Configures the pack from a config file's text, read before anything else could change the file. */
  configureFromText(text: string, path: string): Promise<Map<string, EffectivePolicyConfig>> {
    return this.sendConfig(parsePolicyPackConfigText(text, path), path);
  }

  /** Configures the pack from a config document in the CLI's file format. */
  configureFromDocument(document: unknown, source = "(inline config)"): Promise<Map<string, EffectivePolicyConfig>> {
    return this.sendConfig(parsePolicyPackConfig(document, source), source);
  }

  private async sendConfig(fileConfig: Map<string, PolicyConfigEntry>, source: string): Promise<Map<string, EffectivePolicyConfig>> {
    const effective = reconcilePolicyPackConfig(this.configTargets(), this.initialConfig(), fileConfig, source);
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, config] of effective) {
      const message = new analyzerPb.PolicyConfig();
      message.setEnforcementlevel(enforcementLevelValue(config.enforcementLevel));
      message.setProperties(Struct.fromJavaScript(config.properties as Record<string, never>));
      request.getPolicyconfigMap().set(name, message);
    }
    await this.rpc("Configure", () => this.connection.configure(request));
    this.summaries = this.summaries.map((s) => {
      const config = effective.get(s.name);
      return config ? { ...s, enforcementLevel: config.enforcementLevel, properties: { ...config.properties } } : s;
    });
    return effective;
  }

  private configTargets(): PolicyConfigTarget[] {
    return this.info.getPoliciesList().map((p) => {
      const schema = p.getConfigschema();
      return {
        name: p.getName(),
        enforcementLevel: enforcementLevelName(p.getEnforcementlevel()),
        configSchema: schema
          ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>, required: schema.getRequiredList() }
          : undefined,
      };
    });
  }

  private initialConfig(): Map<string, PolicyConfigEntry> {
    const entries = new Map<string, PolicyConfigEntry>();
    this.info.getInitialconfigMap().forEach((config, name) => {
      entries.set(name, {
        enforcementLevel: enforcementLevelName(config.getEnforcementlevel()),
        properties: (config.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
      });
    });
    return entries;
  }

  /**
   * Sends one resource through Remediate and Analyze, as the engine does when the program registers it.
   * `steps` supplies the provider resource; remediated inputs (if any policy remediates) are analyzed.
   */
  async analyze(step: PolicyInputStep, steps: readonly PolicyInputStep[] = [step]): Promise<AnalysisOutcome> {
    return (await this.analyzeResource(step, indexByUrn(steps))).outcome;
  }

  private async analyzeResource(
    step: PolicyInputStep,
    byUrn: ReadonlyMap<string, PolicyInputStep>,
  ): Promise<{ outcome: AnalysisOutcome; properties: Struct }> {
    let properties = inputStruct(step);
    // Remediate and Analyze get the same request unless a policy remediated the inputs.
    let request = analyzeRequestFor(step, byUrn, properties);
    const remediation = await this.rpc("Remediate", () => this.connection.remediate(request), step.urn);
    const violations: PolicyViolation[] = [];
    for (const r of remediation.getRemediationsList()) {
      if (r.getDiagnostic()) {
        // The engine reports a remediation's diagnostic as an advisory violation of that policy.
        violations.push(this.violation(r.getPolicyname(), "advisory", "", step.urn, r.getDiagnostic()));
      } else if (r.getProperties()) {
        properties = r.getProperties()!;
        request = analyzeRequestFor(step, byUrn, properties);
        this.diagnostics.push({ severity: "info", message: `policy '${r.getPolicyname()}' remediated the inputs`, urn: step.urn });
      }
    }
    const response = await this.rpc("Analyze", () => this.connection.analyze(request), step.urn);
    // Analyze diagnostics carry no URN: the engine attributes them to the resource it sent.
    violations.push(...this.violationsOf(response, () => step.urn));
    return { outcome: { violations, notApplicable: notApplicableOf(response, step.urn) }, properties };
  }

  /** Sends every resource to AnalyzeStack once, as the engine does after the last registration. */
  async analyzeStack(steps: readonly PolicyInputStep[], remediated: ReadonlyMap<string, Struct> = new Map()): Promise<AnalysisOutcome> {
    const byUrn = indexByUrn(steps);
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(
      steps.map((s) => stackResourceFor(s, byUrn, s.outputs === undefined && remediated.has(s.urn) ? remediated.get(s.urn) : undefined)),
    );
    const response = await this.rpc("AnalyzeStack", () => this.connection.analyzeStack(request));
    // A stack diagnostic keeps its URN when it names a resource of the stack; otherwise it is about the
    // stack as a whole ("" in PolicyViolation; the CLI shows it on the root stack resource).
    const urnOf = (urn: string) => (byUrn.has(urn) ? urn : "");
    return { violations: this.violationsOf(response, urnOf), notApplicable: notApplicableOf(response, "") };
  }

  /**
   * Remediate + Analyze for each step in order, then AnalyzeStack once: one whole preview's policy run.
   * `steps` may still be arriving (a `StepFeed` the running program writes): each is analyzed as it comes,
   * as the engine analyzes each registration, and AnalyzeStack follows the last. A step's provider
   * registers before it, so it has arrived by the time the step is analyzed.
   */
  async evaluate(steps: Iterable<PolicyInputStep> | AsyncIterable<PolicyInputStep>): Promise<AnalysisOutcome> {
    // A list is known whole from the start; a feed grows as it arrives.
    const byUrn = Array.isArray(steps) ? indexByUrn(steps) : new Map<string, PolicyInputStep>();
    const arrived: PolicyInputStep[] = [];
    const outcome: AnalysisOutcome = { violations: [], notApplicable: [] };
    const remediated = new Map<string, Struct>();
    for await (const step of steps) {
      arrived.push(step);
      if (!Array.isArray(steps)) byUrn.set(step.urn, step);
      const result = await this.analyzeResource(step, byUrn);
      outcome.violations.push(...result.outcome.violations);
      outcome.notApplicable.push(...result.outcome.notApplicable);
      remediated.set(step.urn, result.properties);
    }
    const stack = await this.analyzeStack(arrived, remediated);
    outcome.violations.push(...stack.violations);
    outcome.notApplicable.push(...stack.notApplicable);
    return outcome;
  }

  /** Returns and forgets the pack's log lines and the run's notes since the last call. */
  takeDiagnostics(): Diagnostic[] {
    const lines = this.pack.takeOutput().map((line): Diagnostic => ({ severity: "info", message: line.text }));
    const notes = this.pack.takeNotes().map((message): Diagnostic => ({ severity: "warning", message }));
    return [...notes, ...this.diagnostics.splice(0, this.diagnostics.length), ...lines];
  }

  /** Closes the connection and stops the pack process. Safe to call more than once. */
  async close(): Promise<void> {
    this.connection.close();
    await this.pack.stop();
  }

  /** The pack's process id, and whether it is still the process that answered (it has not exited). */
  get packPid(): number | undefined {
    return this.pack.pid;
  }

  get packAlive(): boolean {
    return !this.pack.hasExited;
  }

  /** The pack process's CPU ms and peak RSS so far (Linux only). */
  get packUsage(): { cpuMs: number; peakRssKb: number } | undefined {
    return this.pack.usage;
  }

  /** Closes the connection and tells the pack to stop, without waiting for it to exit (PolicyPackProcess.release). */
  release(): void {
    this.connection.close();
    this.pack.release();
  }

  private violationsOf(response: analyzerPb.AnalyzeResponse, urnOf: (diagnosticUrn: string) => string): PolicyViolation[] {
    return response.getDiagnosticsList().map((d) => {
      const level = enforcementLevelName(d.getEnforcementlevel());
      // The engine downgrades a remediate-level violation that still fires to mandatory.
      const effective = level === "remediate" ? "mandatory" : level;
      return this.violation(d.getPolicyname(), effective, severityName(d.getSeverity()), urnOf(d.getUrn()), d.getMessage(), d.getPolicypackname());
    });
  }

  private violation(
    policyName: string,
    enforcementLevel: EnforcementLevel,
    severity: string,
    urn: string,
    message: string,
    policyPack = this.packName,
  ): PolicyViolation {
    const declared = this.summaries.find((s) => s.name === policyName)?.severity ?? "";
    return { policyPack, policyName, enforcementLevel, severity: severity || declared, urn, message };
  }

  private async rpc<T>(what: string, call: () => Promise<T>, urn?: string): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw packError(this.pack, urn ? `${what} of ${urn}` : what, err);
    }
  }
}

function indexByUrn(steps: readonly PolicyInputStep[]): Map<string, PolicyInputStep> {
  return new Map(steps.map((s) => [s.urn, s]));
}

function notApplicableOf(response: analyzerPb.AnalyzeResponse, urn: string): NotApplicableRecord[] {
  return response.getNotApplicableList().map((n) => ({ urn, policyName: n.getPolicyName(), reason: n.getReason() }));
}

/** An error that says what failed and, when the pack died, how and with which stderr. */
function packError(pack: PolicyPackProcess, what: string, err: unknown): Error {
  const detail = (err as { details?: string }).details || (err as Error).message || String(err);
  if (pack.hasExited) {
    return new Error(`policy pack crashed (${pack.exitDescription}) during ${what}: ${detail}\n${pack.recentStderr}`.trimEnd());
  }
  return new Error(`policy pack call ${what} failed: ${detail}`);
}

/** Input of a whole offline policy run. */
export interface PolicyEvaluationRequest {
  packDir: string;
  /** A `--policy-pack-config` file; without one the policies run with their defaults. */
  policyConfigFile?: string;
  /**
   * The config file's text as read before the program ran (the plan reads it then, so that nothing the
   * program does to the file counts); default: the file is read when the pack is configured.
   */
  policyConfigText?: string;
  project: string;
  stack: string;
  /** The resources in registration order: a list, or a feed the running program still writes. */
  steps: readonly PolicyInputStep[] | AsyncIterable<PolicyInputStep>;
  organization?: string;
  stackConfig?: Record<string, string>;
  stackConfigSecretKeys?: string[];
  stackTags?: Record<string, string>;
  /** Aborted when the verdicts are no longer needed (the program failed); the pack is then stopped. */
  signal?: AbortSignal;
}

/** Everything a policy run produced. */
export interface PolicyEvaluationResult {
  packName: string;
  packVersion: string;
  policies: PolicySummary[];
  violations: PolicyViolation[];
  notApplicable: NotApplicableRecord[];
  diagnostics: Diagnostic[];
  /** Wall-clock milliseconds: launch to GetAnalyzerInfo, Configure, all per-resource calls, AnalyzeStack + rest. */
  timings: {
    startupMs: number;
    configureMs: number;
    evaluateMs: number;
    /** When the pack had answered GetAnalyzerInfo, in ms since this process started (the critical path's first leg). */
    readyAtMs?: number;
    /** When the last verdict (AnalyzeStack's) arrived, in ms since this process started. */
    doneAtMs?: number;
    /** The pack's CPU ms and peak RSS up to then (Linux); nobody waits for its exit, so no rusage counts it. */
    packCpuMs?: number;
    packPeakRssKb?: number;
    /** The pack's process id (gone once the plan has exited). */
    packPid?: number;
  };
}

/** Starts the pack, configures it, evaluates every step, and always tells the pack to stop again. */
export async function evaluatePolicyPack(request: PolicyEvaluationRequest): Promise<PolicyEvaluationResult> {
  const session = await PolicyPackSession.start(request);
  const readyAtMs = performance.now();
  try {
    let mark = Date.now();
    if (request.policyConfigText !== undefined && request.policyConfigFile !== undefined) await session.configureFromText(request.policyConfigText, request.policyConfigFile);
    else await session.configureFromFile(request.policyConfigFile);
    const configureMs = Date.now() - mark;
    mark = Date.now();
    const outcome = await session.evaluate(request.steps);
    const doneAtMs = performance.now();
    // Answers from a port whose pack has died came from whatever listens there since: not the pack's.
    if (!session.packAlive) throw new Error("the policy pack's process ended before its last verdict; the answers on its port cannot be trusted");
    const usage = session.packUsage;
    return {
      packName: session.packName,
      packVersion: session.packVersion,
      policies: session.policies,
      violations: outcome.violations,
      notApplicable: outcome.notApplicable,
      diagnostics: session.takeDiagnostics(),
      timings: { startupMs: session.startupMs, configureMs, evaluateMs: Date.now() - mark, readyAtMs, doneAtMs, packCpuMs: usage?.cpuMs, packPeakRssKb: usage?.peakRssKb, packPid: session.packPid },
    };
  } finally {
    // The verdicts are in (or the run failed): the plan need not wait for the pack to exit (50-120 ms).
    session.release();
  }
}
