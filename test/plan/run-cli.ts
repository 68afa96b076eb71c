/** Spawns the plan CLI as `npm run plan` does, for the end-to-end tests and nothing else. */
import { type ChildProcess, spawn } from "child_process";
import * as path from "path";

/** Repository root (tests run the CLI from there, as npm does). */
export const ROOT = path.resolve(__dirname, "..", "..");

/** A finished CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node tools/run-ts.js tools/plan/main.ts <args>` without colour, as if run from the repository root. */
export function runPlanCli(
  args: string[],
  /** Node options before the entry (e.g. `-r <preload>`) and extra environment; default none. */
  launch: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(launch.nodeArgs ?? []), "tools/run-ts.js", "tools/plan/main.ts", ...args], {
      cwd: ROOT,
      // As `npm run plan` from the repository root: npm records the caller's directory in INIT_CWD.
      env: { ...process.env, NO_COLOR: "1", INIT_CWD: ROOT, ...launch.env },
    });
    launch.onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
