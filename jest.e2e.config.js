/**
 * `npm run test:e2e`: the test files that start processes of the product (test/support/test-kinds.js): the
 * offline plan's CLI with its program and pack processes, the launched pack over gRPC, the component
 * provider, the packed library, the bench, the browser that renders the pictures. CI runs it after `npm test`.
 */
const path = require("path");
const shared = require("./test/support/jest-base");
const { endToEndFiles, exactPathPattern } = require("./test/support/test-kinds");

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  testRegex: endToEndFiles(path.join(__dirname, "test")).map(exactPathPattern),
  testMatch: undefined,
  // The policy pack built from its current sources, and on a fresh clone the caches warm, before any test starts.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  // Removes the run's folder of plan results shared by several files (test/support/shared-plan-runs.ts).
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
