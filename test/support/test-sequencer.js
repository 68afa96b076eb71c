/**
 * Jest's order of test files, with a better guess for files it has no timing of (every file on a fresh
 * clone, as in CI; a new file otherwise). Jest runs the files it timed before slowest first, which keeps
 * both workers busy to the end; untimed files it orders by size, and here size says little: an 85-line
 * file that builds and launches the policy pack takes 20 s of CPU, a 500-line file of rule cases a
 * second. On a fresh clone those short, heavy files ran last, one worker busy with them while the other
 * waited (the last 60 s of a 520 s loaded run).
 *
 * So untimed files go by what they start, then by size: first the files that launch processes (plans,
 * packs, builds), then those that record a stage in-process, then the rest. Files with timings keep
 * Jest's order (they come after the untimed ones, as in Jest's own sequencer), and so do failed files.
 */
"use strict";
const Sequencer = require("@jest/test-sequencer").default;
const { launchesProcesses, recordsStage } = require("./test-kinds");

/** 2 for a file that launches processes, 1 for one that records a stage, 0 otherwise. */
function weight(path) {
  return launchesProcesses(path) ? 2 : recordsStage(path) ? 1 : 0;
}

class CostSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests); // sets test.duration from Jest's timing cache
    const untimed = sorted.filter((t) => t.duration == null && !this.hasFailed(t));
    if (untimed.length === 0) return sorted;
    const weights = new Map(untimed.map((t) => [t.path, weight(t.path)]));
    const byCost = [...untimed].sort((a, b) => weights.get(b.path) - weights.get(a.path)); // stable: size order within a tier
    const first = sorted.filter((t) => this.hasFailed(t));
    const rest = sorted.filter((t) => t.duration != null && !this.hasFailed(t));
    return [...first, ...byCost, ...rest];
  }
}

module.exports = CostSequencer;
