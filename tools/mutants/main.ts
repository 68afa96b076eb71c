/**
 * `npm run --silent mutants [-- <id>...]`: checks that the test suite kills every mutation listed in
 * mutations.ts. It copies the tree (without .git; node_modules linked) to a scratch directory, runs the
 * named test files once unmutated (they must pass), then for each mutation writes the mutated file,
 * runs that mutation's test files and restores the file. The working tree is never touched.
 *
 * Output: one line per mutation (`killed` or `SURVIVED`, seconds, test files), then a summary line.
 * Exit codes: 0 every mutant killed; 1 a mutant survived; 2 the list is stale (a find-text missing or
 * ambiguous, an unknown test file, a duplicate id) or the unmutated tests fail.
 *
 * To add a mutation, append an entry to MUTATIONS in mutations.ts: file, exact find-text, replacement,
 * and the test files that must notice it. CI runs `npm run --silent mutants` after the test suite.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MUTATIONS, type Mutation } from "./mutations";
import { applyMutation, duplicateIds, staleReason } from "./mutate";

const ROOT = path.resolve(__dirname, "..", "..");
/** Top-level entries not copied: history, dependencies (linked instead) and generated output. */
const NOT_COPIED = new Set([".git", "node_modules", "coverage"]);

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Every reason the list cannot run as it is. */
function problemsOf(mutations: readonly Mutation[]): string[] {
  const problems = duplicateIds(mutations).map((id) => `duplicate id ${id}`);
  for (const m of mutations) {
    const reason = staleReason(m, readIfExists(path.join(ROOT, m.file)));
    if (reason) problems.push(`${m.id}: ${reason}`);
    for (const test of m.tests) if (!fs.existsSync(path.join(ROOT, test))) problems.push(`${m.id}: no test file ${test}`);
  }
  return problems;
}

/** A copy of the tree in a scratch directory, sharing node_modules. */
function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mutants-"));
  for (const entry of fs.readdirSync(ROOT)) {
    if (!NOT_COPIED.has(entry)) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/**
 * Runs jest on `tests` in `dir`; true when every test passed. The end-to-end run's config, with no file
 * ignored, so that a mutation's tests may come from the suite and the end-to-end run alike.
 */
function testsPass(dir: string, tests: readonly string[]): { passed: boolean; output: string } {
  const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
  const args = ["--config", "jest.e2e.config.js", "--testRegex", "\\.test\\.ts$", "--ci", "--silent", "--runTestsByPath", ...tests];
  const run = spawnSync(process.execPath, [jest, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { passed: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

function main(ids: string[]): number {
  const unknown = ids.filter((id) => !MUTATIONS.some((m) => m.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`error: no mutation with id ${unknown.join(", ")}\n`);
    return 2;
  }
  const problems = problemsOf(MUTATIONS);
  if (problems.length > 0) {
    process.stderr.write(`error: the mutation list is stale (tools/mutants/mutations.ts):\n${problems.map((p) => `  - ${p}\n`).join("")}`);
    return 2;
  }
  const selected = ids.length > 0 ? MUTATIONS.filter((m) => ids.includes(m.id)) : MUTATIONS;
  const dir = scratchCopy();
  try {
    const allTests = [...new Set(selected.flatMap((m) => m.tests))].sort();
    const baseline = testsPass(dir, allTests);
    if (!baseline.passed) {
      process.stderr.write(`error: the mutations' tests fail without any mutation:\n${baseline.output}\n`);
      return 2;
    }
    let survived = 0;
    for (const m of selected) {
      const file = path.join(dir, m.file);
      const original = fs.readFileSync(file, "utf8");
      const started = Date.now();
      fs.writeFileSync(file, applyMutation(m, original));
      let passed: boolean;
      try {
        passed = testsPass(dir, m.tests).passed;
      } finally {
        fs.writeFileSync(file, original);
      }
      if (passed) survived++;
      const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
      process.stdout.write(`${passed ? "SURVIVED" : "killed  "} ${m.id.padEnd(40)} ${seconds}s  ${m.tests.join(", ")}\n`);
      if (passed) process.stdout.write(`         ${m.defect}: no test in ${m.tests.join(", ")} failed\n`);
    }
    const killed = selected.length - survived;
    process.stdout.write(`${selected.length} mutants: ${killed} killed, ${survived} survived\n`);
    return survived > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
