/**
 * The offline plan end to end, in the judging process: read the stack's config, run the program under
 * mocks in a process of its own (program-process.ts), evaluate the policy pack over what it registered,
 * and return the plan document with what the renderers need beside it. No code of the program runs here.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { PlanArgs } from "./args";
import type { Diagnostic, PlanDocument } from "./types";
import { PlanInputError, PlanInternalError, PlanUntrustedError } from "./errors";
import { displayPath, stageOf } from "./stack-config";
import { adoptOrRunProgramProcess } from "./program-process";
import { planInputs, programRun } from "./program-job";
import { evaluatePolicyPack, warmUpPrelaunchedPack, type PolicyEvaluationRequest, type PolicyEvaluationResult, type PolicyInputStep } from "./policy-runner";
import { PolicyPackProcess } from "./policy-pack-process";
import { PolicyConfigError } from "./policy-config";
import { environmentFindings, npmrcFindings } from "./environment-check";
import { filterDocument, secretFilter, type SecretFilter } from "./secret-filter";
import { projectWaiverPolicies, waiverReport, waiversConfigured } from "./waiver-report";
import { checkDeployability } from "./deployability/check";
import { convergenceFindings, secondUpReport } from "./read-back/report";
import { staleReferenceCheck } from "./stale-references";
import { estimateCost } from "./cost/estimate";
import { budgetFindings, readBudget } from "./cost/budget";
import { readCostOverrides } from "./cost/overrides-file";

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
  /** From the program's end to the last verdict (the pack analyzes once the program's process is gone). */
  policyMs: number;
  /** When the policy pack was ready (answered GetAnalyzerInfo), in ms since the process started. */
  packReadyAtMs?: number;
  /** When the program's process and everything it started were gone, in ms since the process started. */
  programDoneAtMs?: number;
  /** When the last verdict arrived, in ms since the process started. */
  verdictsAtMs?: number;
  /** The policy pack's CPU ms and peak RSS (Linux): the plan does not wait for the pack's exit, so its own rusage lacks them. */
  packCpuMs?: number;
  packPeakRssKb?: number;
  /** The program's process's CPU ms and peak RSS (Linux), which the plan's own rusage may lack. */
  programCpuMs?: number;
  programPeakRssKb?: number;
  /** Process ids of the program's process and the pack, which are gone once the plan has exited. */
  programPid?: number;
  packPid?: number;
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

export { isStageConfigError } from "./stage-config-error";

/** What the plan checks beyond its arguments; `main.ts` passes the judging process's own. */
export interface PlanOptions {
  /**
   * The judging process's environment and Node flags: anything in them that loads code is reported on dev
   * and refused on staging and prod (environment-check.ts). Default: not checked (a library caller's own).
   */
  environment?: { env: NodeJS.ProcessEnv; execArgv: readonly string[] };
}

/** Stages where the plan is a gate: an environment that could inject code is refused there. */
const GATED_STAGES = new Set(["staging", "prod"]);

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

/** The stage's cost overrides and the budget of its policy config, read before any code of the program runs. */
function costInputs(projectDir: string, stage: string, policyConfigText: string | undefined, policyConfig: string | undefined) {
  try {
    return {
      costOverrides: readCostOverrides(projectDir, stage),
      budget: readBudget(policyConfigText, policyConfig === undefined ? "" : displayPath(policyConfig)),
    };
  } catch (err) {
    throw new PlanInputError((err as Error).message);
  }
}

/**
 * What in the judging process's environment, or in a `.npmrc` of the project or the tool's checkout, could
 * load code: refused on a gated stage, warnings elsewhere. The stack's name counts too, so that a stack file
 * cannot make its own prod stack advisory by naming another stage.
 */
function environmentWarnings(environment: NonNullable<PlanOptions["environment"]>, projectDir: string, stage: string, stack: string): Diagnostic[] {
  const findings = environmentFindings({ ...environment, npmrcFiles: npmrcFindings([projectDir, REPO_ROOT]) }, displayPath);
  if (findings.length > 0 && (GATED_STAGES.has(stage) || GATED_STAGES.has(stack))) {
    throw new PlanUntrustedError(`the plan's environment could inject code on stage ${stage}:\n${findings.map((f) => `  - ${f}`).join("\n")}`);
  }
  return findings.map((finding) => ({ severity: "warning", message: `environment: ${finding} (refused on staging and prod)` }));
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
  if (err instanceof PlanUntrustedError) return new PlanUntrustedError(filter(err.message), filter(err.detail));
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
  options: PlanOptions = {},
): Promise<PlanResult> {
  let filter: SecretFilter = (text) => text;
  try {
    return await runPlan(args, evaluator, options, (secrets) => (filter = secretFilter(secrets)));
  } catch (err) {
    throw filteredError(err, filter);
  }
}

async function runPlan(
  args: PlanArgs,
  evaluator: PolicyEvaluator,
  options: PlanOptions,
  useSecrets: (secrets: Iterable<string>) => SecretFilter,
): Promise<PlanResult> {
  const t0 = performance.now();
  const inputs = planInputs(args);
  const { base, projectDir, project, runtimeConfig } = inputs;
  const stage = stageOf(project.name, args.stack, runtimeConfig.config);
  const packDir = args.policyPack ? path.resolve(base, args.policyPack) : path.join(projectDir, "policies");
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    // A plan without its policy verdicts would pass CI without the rules ever running.
    throw new PlanInputError(`policy pack not found: ${args.policyPack ?? displayPath(packDir)} has no PulumiPolicy.yaml (pass --policy-pack <dir>)`);
  }
  const policyConfig = policyConfigFile(projectDir, base, args, stage);
  // Read now, before any code of the program runs: the pack is configured from this text.
  const policyConfigText = policyConfig === undefined ? undefined : fs.readFileSync(policyConfig, "utf8");
  const { budget, costOverrides } = costInputs(projectDir, stage, policyConfigText, policyConfig);
  const diagnostics: Diagnostic[] = [
    ...runtimeConfig.warnings.map((message): Diagnostic => ({ severity: "warning", message })),
    ...(runtimeConfig.notes ?? []).map((message): Diagnostic => ({ severity: "info", message })),
  ];
  if (options.environment) diagnostics.push(...environmentWarnings(options.environment, projectDir, stage, args.stack));
  const t1 = performance.now();

  // The program runs in a process of its own, which cannot change this process's verdict or exit code
  // (program-process.ts); the pack loads meanwhile, as the CLI loads packs before it runs the program.
  if (evaluator === evaluatePolicyPack) {
    const launch = { packDir, project: project.name, stack: args.stack, stackConfig: runtimeConfig.config };
    PolicyPackProcess.prelaunchUnlessWaiting(launch);
    void warmUpPrelaunchedPack(launch);
  }
  // main.ts started it early (prelaunch.ts), as it did the pack; this adopts that run.
  const program = await adoptOrRunProgramProcess(programRun(args, inputs)).catch((err: unknown) => {
    PolicyPackProcess.discardPrelaunched();
    throw err;
  });
  // Set before anything can fail, so a crash message that quotes a secret is filtered too.
  const filter = useSecrets(program.secrets);
  const run = program.finished;
  if (run.error !== undefined) {
    // The engine stops analyzing when the program fails: no verdicts, and the waiting pack is stopped.
    PolicyPackProcess.discardPrelaunched();
    if (run.error.stageConfigError) throw new PlanInputError(run.error.message);
    // A missing recorded output is the user's to fix (exit 2), not a crash of the program.
    if (run.stackReferenceErrors.length > 0) throw new PlanInputError(run.stackReferenceErrors[0]);
    throw new PlanInternalError(`the program failed: ${run.error.message}`, `the program failed with an unhandled exception:\n${run.error.stack}`);
  }
  diagnostics.push(...run.diagnostics.filter((d) => d.severity !== "debug"));
  // What the program wrote past the console (straight to its stdout or stderr) is its output too.
  diagnostics.push(...program.output.map((line): Diagnostic => ({ severity: line.stream === "stderr" ? "warning" : "info", message: line.text })));
  for (const reference of run.stackReferences) {
    diagnostics.push({ severity: "info", message: `stack reference ${reference.stack} resolved offline from recorded outputs in ${displayPath(reference.file)}` });
    const stale = staleReferenceCheck(projectDir, project, reference);
    if (stale !== undefined) diagnostics.push({ severity: "warning", message: stale });
  }
  for (const token of new Set(run.invokes)) {
    diagnostics.push({ severity: "warning", message: `provider function ${token} cannot run offline; it answered {}` });
  }
  // The program's registrations are complete here, and its process and everything it started are gone.
  // Checks over the whole plan are pure functions of `steps`, called below.
  const steps = program.steps;
  const t2 = performance.now();

  if (policyConfig === undefined) {
    // As `pulumi preview --policy-pack` without `--policy-pack-config`: every rule at its own default level.
    diagnostics.push({ severity: "warning", message: `no policy config for stage ${stage}; the pack's defaults apply` });
  }
  // The pack is configured and analyzes only now, when no process of the program is left to reach it.
  const settled = await settle(
    evaluator({
      packDir,
      policyConfigFile: policyConfig,
      policyConfigText,
      project: project.name,
      stack: args.stack,
      steps: steps.map((step): PolicyInputStep => ({ ...step, engineInputs: program.engineInputs.get(step.urn) })),
      // The CLI hands the pack the decrypted stack config; `secure:` values stay placeholders offline.
      stackConfig: runtimeConfig.config,
      stackConfigSecretKeys: runtimeConfig.secretKeys,
    }),
  );
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
  const cost = estimateCost(steps, costOverrides.overrides, costOverrides.file);
  for (const name of cost.unusedOverrides) {
    diagnostics.push({ severity: "warning", message: `cost overrides ${costOverrides.file}: resources["${name}"] names no priced resource of the plan` });
  }
  const document = filterDocument(
    {
      project: project.name,
      stack: args.stack,
      steps,
      changeSummary: { create: steps.length },
      // The budget guard is the plan's own finding, at the level the reviewers set (cost/budget.ts).
      policyViolations: [...evaluation.violations, ...budgetFindings(cost, budget)],
      diagnostics,
      // Judged at the moment of the plan, as the pack judged the expiry dates moments before.
      waivers: waiversConfigured(evaluation.policies)
        ? waiverReport(evaluation.policies, steps, evaluation.violations, new Date(), projectWaiverPolicies())
        : [],
      // A stack that would change again on an unchanged second `up` is not deployable either (exit 4).
      deployability: { ...deployability, findings: [...deployability.findings, ...convergenceFindings(secondUp, steps)] },
      // Read-back model: what an unchanged second `up` would change (read-back/report.ts).
      secondUp,
      cost,
    },
    filter,
  );
  const t3 = performance.now();

  const { readyAtMs, doneAtMs, packCpuMs, packPeakRssKb, packPid } = evaluation.timings ?? {};
  return {
    document,
    stage,
    policy,
    timings: { configMs: t1 - t0, programMs: t2 - t1, policyMs: t3 - t2, packReadyAtMs: readyAtMs, programDoneAtMs: t2, verdictsAtMs: doneAtMs, packCpuMs, packPeakRssKb, programCpuMs: program.usage?.cpuMs, programPeakRssKb: program.usage?.peakRssKb, programPid: program.pid, packPid },
  };
}
