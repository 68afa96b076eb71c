/**
 * `npm run fuzz`: the property tests of test/fuzz with their deep run counts (test/fuzz/fuzz-settings.ts),
 * e.g. 10,000 broken stack configs instead of the suite's share, those that plan through the CLI included
 * (with the end-to-end run's global setup). CI runs it as a step of its own.
 */
const e2e = require("./jest.e2e.config");
const shared = require("./test/support/jest-base");

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  globalSetup: e2e.globalSetup,
  globalTeardown: e2e.globalTeardown,
  roots: ["<rootDir>/test/fuzz"],
  globals: { FUZZ_DEEP: true },
};
