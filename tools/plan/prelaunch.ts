/**
 * Starts the stage's policy pack before the plan loads and evaluates the program, as the CLI loads policy
 * packs before it runs the program; the plan later adopts that process (PolicyPackProcess.start). The pack
 * takes most of a second to load, and it loads on the other core meanwhile.
 *
 * Best effort: it derives the launch exactly as `buildPlan` does, and when anything is off (a missing file,
 * invalid config) it launches nothing and leaves the error to the plan, which reports it with its exit code.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanArgs } from "./args";
import { PolicyPackProcess } from "./policy-pack-process";
import { defaultStackFile, readProjectFile, readStackFile, toRuntimeConfig } from "./stack-config";

/** The repository root, the plan's default project directory (plan.ts's REPO_ROOT; that module is heavy). */
const DEFAULT_PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Launches the policy pack `buildPlan(args)` will use, without waiting for it. */
export function prelaunchPolicyPack(args: PlanArgs): void {
  try {
    const projectDir = path.resolve(args.cwd ?? DEFAULT_PROJECT_DIR);
    const project = readProjectFile(projectDir);
    const stackFile = args.configFile ? path.resolve(args.configFile) : defaultStackFile(projectDir, project, args.stack);
    const { config } = toRuntimeConfig(project.name, args.stack, project.config, readStackFile(stackFile));
    const packDir = path.resolve(projectDir, args.policyPack ?? "policies");
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) return;
    PolicyPackProcess.prelaunch({ packDir, project: project.name, stack: args.stack, stackConfig: config });
  } catch {
    // buildPlan meets the same error and reports it.
  }
}
