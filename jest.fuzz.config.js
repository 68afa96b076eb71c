/**
 * `npm run fuzz`: the property tests of test/fuzz with their deep run counts (test/fuzz/fuzz-settings.ts),
 * e.g. 10,000 broken stack configs instead of the suite's share. CI runs it as a step of its own.
 */
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/test/fuzz"],
  globals: { FUZZ_DEEP: true },
};
