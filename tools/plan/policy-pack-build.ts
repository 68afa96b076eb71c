/**
 * Makes sure a policy pack that runs from compiled JavaScript is built from its current sources before it
 * is launched. The pack itself refuses to start from a stale build (policies/build-stamp.ts), which
 * protects `pulumi preview`; the plan goes one step further and rebuilds it with the pack's own `build`
 * script, so editing a rule and planning again needs no extra command.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { STAMP_FILE, staleBuildReason } from "../../policies/build-stamp";

/** Why the pack in `packDir` needs a build before it can start, or undefined when it does not. */
export function packBuildNeeded(packDir: string): string | undefined {
  let manifest: { main?: string; scripts?: Record<string, string> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as typeof manifest;
  } catch {
    return undefined; // the launcher reports a missing or broken package.json itself
  }
  const main = manifest.main ?? "index.js";
  // TypeScript entries are compiled by the launcher; a pack without a build script has nothing to rebuild.
  if (main.endsWith(".ts") || manifest.scripts?.build === undefined) return undefined;
  const outDir = path.dirname(path.resolve(packDir, main));
  if (!fs.existsSync(path.resolve(packDir, main))) return `its entry ${main} does not exist`;
  if (!fs.existsSync(path.join(outDir, STAMP_FILE))) return undefined; // not a stamped build: nothing to judge
  return staleBuildReason(outDir, packDir);
}

/**
 * Runs the pack's `build` script when `packBuildNeeded` says so, after telling `note` why (default: a line
 * on stderr); throws with the script's output if it fails.
 */
export function ensurePackBuilt(packDir: string, note: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const reason = packBuildNeeded(packDir);
  if (reason === undefined) return;
  note(`note: rebuilding the policy pack (${reason})`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["run", "--silent", "build"], { cwd: packDir, encoding: "utf8" });
  if (run.status !== 0) {
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim() || run.error?.message || `exit ${run.status}`;
    throw new Error(`the policy pack's build failed: ${output}`);
  }
}
