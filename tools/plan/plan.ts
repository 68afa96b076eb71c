/**
 * The offline plan end to end: read the stack's config, run the program under mocks, evaluate
 * the policy pack, and return the plan document with what the renderers need beside it.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { PlanArgs } from "./args";
import type { Diagnostic, PlanDocument } from "./types";
import { PlanInputError, PlanInternalError } from "./errors";
import { defaultStackFile, displayPath, readProjectFile, readStackFile, stageOf, toRuntimeConfig } from "./stack-config";
import { installMockRuntime } from "./mock-runtime";
import { runProgram } from "./run-program";
import { evaluatePolicyPack, type PolicyEvaluationRequest, type PolicyEvaluationResult, type PolicyInputStep } from "./policy-runner";
import { StepFeed } from "./step-feed";
import { PolicyConfigError } from "./policy-config";
import { pathBase } from "./user-paths";
import { filterDocument, secretFilter, type SecretFilter } from "./secret-filter";
import { projectWaiverPolicies, waiverReport, waiversConfigured } from "./waiver-report";
import { checkDeployability } from "./deployability/check";
import { convergenceFindings, secondUpReport } from "./read-back/report";

/** Evaluates the policy pack over the plan; `evaluatePolicyPack` unless a test substitutes it. */
export type PolicyEvaluator = (request: PolicyEvaluationRequest) => Promise<PolicyEvaluationResult>;


/** Summary of the policy evaluation for the renderers. */
export interface PolicyPackUsed {
  packName: string;
  packVersion: string;
  policyCount: number;
  /** Policy config file used, relative to the project directory. */
  configFile?: string;
}

/** Wall-clock milliseconds of each phase, for `--report-timings` and the bench. */
export interface PhaseTimings {
  configMs: number;
  programMs: number;
  /** From the program's end to the last verdict (the pack analyzes while the program runs). */
  policyMs: number;
  /** When the policy pack was ready (answered GetAnalyzerInfo), in ms since the process started. */
  packReadyAtMs?: number;
  /** When the program had registered its last resource, in ms since the process started. */
  programDoneAtMs?: number;
  /** When the last verdict arrived, in ms since the process started. */
  verdictsAtMs?: number;
  /** The policy pack's CPU ms and peak RSS (Linux): the plan does not wait for the pack's exit, so its own rusage lacks them. */
  packCpuMs?: number;
  packPeakRssKb?: number;
}

/** A finished plan. */
export interface PlanResult {
  document: PlanDocument;
  stage: string;
  policy: PolicyPackUsed;
  timings: PhaseTimings;
}

/** The repository root, the default project directory. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** True for the program's config error (`StageConfigError`, a `pulumi.RunError` subclass). */
export function isStageConfigError(err: unknown): err is Error {
  for (let p = err; p !== null && typeof p === "object"; p = Object.getPrototypeOf(p)) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === "StageConfigError") return true;
  }
  return err instanceof Error && err.name === "StageConfigError";
}

function describeCrash(err: unknown): PlanInternalError {
  const e = err instanceof Error ? err : new Error(String(err));
  return new PlanInternalError(`the program failed: ${e.message}`, `the program failed with an unhandled exception:\n${e.stack ?? e.message}`);
}

/**
 * Resolves the policy config file: an explicit one (relative to `base`, as the CLI opens it) must exist
 * and be JSON; the default, `policies/config/<stage>.json` in the project, may be absent.
 */
function policyConfigFile(projectDir: string, base: string, args: PlanArgs, stage: string): string | undefined {
  const explicit = args.policyPackConfig !== undefined;
  const file = explicit ? path.resolve(base, args.policyPackConfig!) : path.join(projectDir, "policies", "config", `${stage}.json`);
  if (!fs.existsSync(file)) {
    if (explicit) throw new PlanInputError(`policy config not found: ${args.policyPackConfig}`);
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("expected a JSON object");
  } catch (err) {
    throw new PlanInputError(`invalid policy config ${displayPath(file)}: ${(err as Error).message}`);
  }
  return file;
}

/** A promise's outcome as a value, so that a rejection waits until it is looked at. */
function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** The same error with every text filtered; any other error becomes an internal one. */
function filteredError(err: unknown, filter: SecretFilter): Error {
  if (err instanceof PlanInputError) return new PlanInputError(filter(err.message));
  if (err instanceof PlanInternalError) return new PlanInternalError(filter(err.message), filter(err.detail));
  const e = err instanceof Error ? err : new Error(String(err));
  return new PlanInternalError(filter(e.message), filter(e.stack ?? e.message));
}

/**
 * Runs the whole plan. Throws `PlanInputError` (exit 2) or `PlanInternalError` (exit 3). Secret values
 * reach the policy pack as the engine sends them, and nothing the plan returns or throws contains one.
 */
export async function buildPlan(
  args: PlanArgs,
  evaluator: PolicyEvaluator = evaluatePolicyPack,
): Promise<PlanResult> {
  let filter: SecretFilter = (text) => text;
  try {
    return await runPlan(args, evaluator, (secrets) => (filter = secretFilter(secrets)));
  } catch (err) {
    throw filteredError(err, filter);
  }
}

async function runPlan(
  args: PlanArgs,
  evaluator: PolicyEvaluator,
  useSecrets: (secrets: Iterable<string>) => SecretFilter,
): Promise<PlanResult> {
  const t0 = performance.now();
  // Path flags are relative to --cwd when given, else to where the command ran (user-paths.ts).
  const base = pathBase(args.cwd);
  const projectDir = args.cwd === undefined ? REPO_ROOT : base;
  const project = readProjectFile(projectDir);
  const stackFile = args.configFile ? path.resolve(base, args.configFile) : defaultStackFile(projectDir, project, args.stack);
  const runtimeConfig = toRuntimeConfig(project.name, args.stack, project.config, readStackFile(stackFile));
  const stage = stageOf(project.name, args.stack, runtimeConfig.config);
  const packDir = args.policyPack ? path.resolve(base, args.policyPack) : path.join(projectDir, "policies");
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    // A plan without its policy verdicts would pass CI without the rules ever running.
    throw new PlanInputError(`policy pack not found: ${args.policyPack ?? displayPath(packDir)} has no PulumiPolicy.yaml (pass --policy-pack <dir>)`);
  }
  const policyConfig = policyConfigFile(projectDir, base, args, stage);
  const diagnostics: Diagnostic[] = runtimeConfig.warnings.map((message) => ({ severity: "warning", message }));
  const t1 = performance.now();

  // The pack analyzes each resource as the program registers it, as the engine does during a preview;
  // the people's view (`steps`) and the pack's (`engineInputs`, secrets real) come from one registration.
  const feed = new StepFeed<PolicyInputStep>();
  const abandon = new AbortController();
  const recording = installMockRuntime({
    project: project.name,
    stack: args.stack,
    config: runtimeConfig.config,
    secretKeys: runtimeConfig.secretKeys,
    onRegister: (step, engineInputs) => feed.push({ ...step, engineInputs }),
  });
  // Settled, not thrown, until the program is done: a failed program is reported before any policy failure.
  const evaluating = settle(
    evaluator({
      packDir,
      policyConfigFile: policyConfig,
      project: project.name,
      stack: args.stack,
      steps: feed,
      // The CLI hands the pack the decrypted stack config; `secure:` values stay placeholders offline.
      stackConfig: runtimeConfig.config,
      stackConfigSecretKeys: runtimeConfig.secretKeys,
      signal: abandon.signal,
    }),
  );
  const entry = path.resolve(projectDir, project.main ?? ".");
  const run = await runProgram(entry);
  // Set before anything can fail, so a crash message that quotes a secret is filtered too.
  const filter = useSecrets(recording.secrets);
  if (run.error !== undefined) {
    // The engine stops analyzing when the program fails; the pack is stopped before the error is reported,
    // without waiting for a pack that is still starting.
    abandon.abort();
    feed.fail(new Error("the program failed"));
    await evaluating;
    if (isStageConfigError(run.error)) throw new PlanInputError(run.error.message);
    // A missing recorded output is the user's to fix (exit 2), not a crash of the program.
    if (recording.stackReferenceErrors.length > 0) throw new PlanInputError(recording.stackReferenceErrors[0].message);
    throw describeCrash(run.error);
  }
  diagnostics.push(...run.diagnostics.filter((d) => d.severity !== "debug"));
  for (const reference of recording.stackReferences) {
    diagnostics.push({ severity: "info", message: `stack reference ${reference.stack} resolved offline from recorded outputs in ${displayPath(reference.file)}` });
  }
  for (const token of new Set(recording.invokes)) {
    diagnostics.push({ severity: "warning", message: `provider function ${token} cannot run offline; it answered {}` });
  }
  const steps = recording.steps;
  const t2 = performance.now();

  if (policyConfig === undefined) {
    // As `pulumi preview --policy-pack` without `--policy-pack-config`: every rule at its own default level.
    diagnostics.push({ severity: "warning", message: `no policy config for stage ${stage}; the pack's defaults apply` });
  }
  // The program is done: the pack's AnalyzeStack follows the last resource.
  feed.end();
  const settled = await evaluating;
  if ("error" in settled) {
    const err = settled.error;
    if (err instanceof PolicyConfigError) throw new PlanInputError(err.message);
    const e = err instanceof Error ? err : new Error(String(err));
    throw new PlanInternalError(`policy evaluation failed: ${e.message}`, `policy evaluation failed:\n${e.stack ?? e.message}`);
  }
  const evaluation = settled.value;
  diagnostics.push(...evaluation.diagnostics);
  const policy: PolicyPackUsed = {
    packName: evaluation.packName,
    packVersion: evaluation.packVersion,
    policyCount: evaluation.policies.length,
    configFile: policyConfig && path.relative(projectDir, policyConfig),
  };
  const deployability = checkDeployability(steps);
  const secondUp = secondUpReport(steps);
  const document = filterDocument(
    {
      project: project.name,
      stack: args.stack,
      steps,
      changeSummary: { create: steps.length },
      policyViolations: evaluation.violations,
      diagnostics,
      // Judged at the moment of the plan, as the pack judged the expiry dates moments before.
      waivers: waiversConfigured(evaluation.policies)
        ? waiverReport(evaluation.policies, steps, evaluation.violations, new Date(), projectWaiverPolicies())
        : [],
      // A stack that would change again on an unchanged second `up` is not deployable either (exit 4).
      deployability: { ...deployability, findings: [...deployability.findings, ...convergenceFindings(secondUp, steps)] },
      // Read-back model: what an unchanged second `up` would change (read-back/report.ts).
      secondUp,
    },
    filter,
  );
  const t3 = performance.now();

  const { readyAtMs, doneAtMs, packCpuMs, packPeakRssKb } = evaluation.timings ?? {};
  return {
    document,
    stage,
    policy,
    timings: { configMs: t1 - t0, programMs: t2 - t1, policyMs: t3 - t2, packReadyAtMs: readyAtMs, programDoneAtMs: t2, verdictsAtMs: doneAtMs, packCpuMs, packPeakRssKb },
  };
}
