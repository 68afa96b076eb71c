/**
 * The pack runs as compiled JavaScript (`bin/`, built by `npm install`/`npm ci` through the pack's `prepare`
 * script) so that its launcher does not type-check it on every start. This module keeps that build honest:
 * the build records a digest of the TypeScript sources beside its output, and the pack refuses to start
 * from output whose sources have changed since, instead of silently enforcing yesterday's rules.
 *
 * Node built-ins only: the pack's entry imports this before anything else can go wrong.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The stamp file, written into the build's output folder after every other file. */
export const STAMP_FILE = "build-stamp.json";

/** What the stamp records. */
export interface BuildStamp {
  /** sha256 over the sources (relative path and content of each, in path order). */
  sourceDigest: string;
}

/** Folders under the pack that hold no source of the build. */
const NOT_SOURCES = new Set(["node_modules", "bin"]);

/** Relative paths (forward slashes, sorted) of every TypeScript source of the pack in `packDir`. */
export function sourceFiles(packDir: string, sub = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(packDir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!NOT_SOURCES.has(entry.name) && !entry.name.startsWith(".")) files.push(...sourceFiles(packDir, rel));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      files.push(rel);
    }
  }
  return files.sort();
}

/** The digest of the pack's sources: any edit, addition, removal or rename changes it. */
export function sourceDigest(packDir: string): string {
  const hash = createHash("sha256");
  for (const rel of sourceFiles(packDir)) {
    hash.update(rel).update("\0").update(fs.readFileSync(path.join(packDir, rel))).update("\0");
  }
  return hash.digest("hex");
}

/**
 * Why the build in `outDir` must not run, or undefined when it may: its stamp is missing or its sources
 * (in `packDir`, the folder above the output by default) changed after it was built.
 */
export function staleBuildReason(outDir: string, packDir = path.dirname(outDir)): string | undefined {
  let stamp: BuildStamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), "utf8")) as BuildStamp;
  } catch {
    return `the compiled policy pack in ${path.basename(outDir)}/ has no readable ${STAMP_FILE}`;
  }
  if (stamp.sourceDigest !== sourceDigest(packDir)) {
    return `the compiled policy pack in ${path.basename(outDir)}/ is older than its TypeScript sources`;
  }
  return undefined;
}

/** The one-line refusal the pack prints when its build is stale. */
export function staleBuildMessage(reason: string): string {
  return `error: ${reason}; rebuild it with \`npm run build\` in the pack's folder (npm install and npm ci do it too)`;
}
