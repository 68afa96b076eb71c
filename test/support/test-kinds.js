/**
 * Which test files are end-to-end: those that start processes of the product (the plan CLI, the policy
 * pack, the component provider, npm, the bench, a browser). `npm test` (jest.config.js) runs every other
 * file, in-process, within the suite's time budget; `npm run test:e2e` (jest.e2e.config.js) runs these;
 * CI runs both. A file is classed by what it calls, so a new file that launches processes joins the
 * end-to-end run with no list to keep (test/tools/test-kinds.test.ts checks the split).
 */
"use strict";
const fs = require("fs");
const path = require("path");

/** A call that starts a plan, a pack, a build, a browser or another process. */
const LAUNCHES = /\b(runPlanCli|sharedPlanRun|spawn|spawnSync|execFile|execFileSync|fork|buildPlan|PolicyPackSession\.start|renderInBrowser)\(/;
/** A call that records a stage under the mock runtime in the test's own process. */
const RECORDS = /\b(recordStage|recordShippedStage|prodStage)\(/;

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/**
 * `source` without its comments, so that a call named in prose is not taken for a call: block comments,
 * and line comments that start a line or follow a space (so `https://` in a string stays).
 */
function withoutComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** True when the test file at `file` starts processes of its own. */
function launchesProcesses(file) {
  return LAUNCHES.test(withoutComments(readOrEmpty(file)));
}

/** True when the test file at `file` records a stage in-process. */
function recordsStage(file) {
  return RECORDS.test(withoutComments(readOrEmpty(file)));
}

/** Every `*.test.ts` below `dir`, as absolute paths, sorted. */
function testFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The end-to-end test files below `dir` (absolute paths). */
function endToEndFiles(dir) {
  return testFiles(dir).filter(launchesProcesses);
}

/** A jest path pattern (a regular expression) that matches exactly `file`. */
function exactPathPattern(file) {
  return `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

module.exports = { withoutComments, launchesProcesses, recordsStage, testFiles, endToEndFiles, exactPathPattern };
