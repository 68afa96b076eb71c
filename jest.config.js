/**
 * `npm test`: the suite, every test file that runs in-process (test/support/test-kinds.js); the files that
 * start the plan CLI, the policy pack, npm or a browser run under `npm run test:e2e` (jest.e2e.config.js).
 * Jest runs the TypeScript sources directly; `npm run typecheck` type-checks them once for the whole tree.
 */
const path = require("path");
const shared = require("./test/support/jest-base");
const { endToEndFiles, exactPathPattern } = require("./test/support/test-kinds");

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  testPathIgnorePatterns: ["/node_modules/", ...endToEndFiles(path.join(__dirname, "test")).map(exactPathPattern)],
};
