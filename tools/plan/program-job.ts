/**
 * The program's job and the environment of its process, derived from the command line alone (light: no
 * SDK, no pack), so that the plan and its early start (prelaunch.ts) derive the very same run.
 */
import * as path from "path";
import type { PlanArgs } from "./args";
import { sanitizedEnvironment } from "./environment-check";
import type { ProgramProcessOptions } from "./program-process";
import { type ProjectFile, type RuntimeConfig, defaultStackFile, readProjectFile, readStackFile, toRuntimeConfig } from "./stack-config";
import { pathBase } from "./user-paths";
import { readEscConfig } from "./esc";
import { checkConfigNamespaces, providerNamespaces } from "./config-namespaces";

/** The repository root, the default project directory (plan.ts's REPO_ROOT). */
const DEFAULT_PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Where the plan's inputs are: the base of path flags, the project and its stack's config. */
export interface PlanInputs {
  base: string;
  projectDir: string;
  project: ProjectFile;
  runtimeConfig: RuntimeConfig;
}

/** Reads the project and the stack's config as the plan does; throws what the plan reports (exit 2). */
export function planInputs(args: PlanArgs): PlanInputs {
  // Path flags are relative to --cwd when given, else to where the command ran (user-paths.ts).
  const base = pathBase(args.cwd);
  const projectDir = args.cwd === undefined ? DEFAULT_PROJECT_DIR : base;
  const project = readProjectFile(projectDir);
  const stackFile = args.configFile ? path.resolve(base, args.configFile) : defaultStackFile(projectDir, project, args.stack);
  const stack = readStackFile(stackFile);
  // ESC environments are read from their checked-in descriptions (esc.ts); a key no one reads is refused.
  const runtimeConfig = toRuntimeConfig(project.name, args.stack, project.config, stack, readEscConfig(args.escDir === undefined ? path.join(projectDir, "esc") : path.resolve(base, args.escDir), project.name, stack.environment));
  checkConfigNamespaces(project.name, Object.keys(runtimeConfig.config), providerNamespaces(projectDir));
  return { base, projectDir, project, runtimeConfig };
}

/** The run of the program these inputs describe, in the sanitized environment (environment-check.ts). */
export function programRun(args: PlanArgs, inputs: PlanInputs, env: NodeJS.ProcessEnv = process.env): ProgramProcessOptions {
  return {
    job: {
      project: inputs.project.name,
      stack: args.stack,
      config: inputs.runtimeConfig.config,
      secretKeys: inputs.runtimeConfig.secretKeys,
      entry: path.resolve(inputs.projectDir, inputs.project.main ?? "."),
      projectDir: inputs.projectDir,
    },
    env: sanitizedEnvironment(env),
    deadlineMs: args.programTimeoutMs,
  };
}
