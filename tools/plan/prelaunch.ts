/**
 * Starts the stage's policy pack before the plan loads and evaluates the program, as the CLI loads policy
 * packs before it runs the program; the plan later adopts that process (PolicyPackProcess.start). The pack
 * takes most of a second to load, and it loads on the other core meanwhile.
 *
 * The program's process starts early too (`prelaunchProgram`), for the same reason.
 *
 * Best effort: it derives the launch exactly as `buildPlan` does, and when anything is off (a missing file,
 * invalid config) it launches nothing and leaves the error to the plan, which reports it with its exit code.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanArgs } from "./args";
import { environmentFindings, npmrcFindings } from "./environment-check";
import { PolicyPackProcess } from "./policy-pack-process";
import { planInputs, programRun } from "./program-job";
import { prelaunchProgramProcess } from "./program-process";

/** Launches the policy pack `buildPlan(args)` will use, without waiting for it. */
export function prelaunchPolicyPack(args: PlanArgs): void {
  try {
    const { base, projectDir, project, runtimeConfig } = planInputs(args);
    const packDir = args.policyPack ? path.resolve(base, args.policyPack) : path.join(projectDir, "policies");
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) return;
    PolicyPackProcess.prelaunch({ packDir, project: project.name, stack: args.stack, stackConfig: runtimeConfig.config });
  } catch {
    // buildPlan meets the same error and reports it.
  }
}

/**
 * Starts the program's process `buildPlan(args)` will adopt, so that it loads the SDKs while the judging
 * process loads its own modules. It runs the program as buildPlan would have a moment later: in its own
 * process, with the sanitized environment, and nothing it does reaches the judging process any sooner.
 */
export function prelaunchProgram(args: PlanArgs): void {
  try {
    const inputs = planInputs(args);
    // An environment the plan may refuse is judged first (plan.ts), before any code of the program runs.
    const environment = { env: process.env, execArgv: process.execArgv, npmrcFiles: npmrcFindings([inputs.projectDir, path.resolve(__dirname, "..", "..")]) };
    if (environmentFindings(environment).length > 0) return;
    prelaunchProgramProcess(programRun(args, inputs));
  } catch {
    // buildPlan meets the same error and reports it.
  }
}
