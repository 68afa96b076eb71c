/**
 * The jest run Stryker uses for mutation testing of `policies/` (stryker.config.js): only the test files
 * that import the rules and their library in-process. Stryker swaps mutants in by instrumenting the modules
 * jest loads; the gRPC and pack-loading tests (and the plan's end-to-end tests) launch the compiled pack in
 * `policies/bin/` as a separate process, which never sees a mutant, so under Stryker they could only pass
 * and cost most of the run's time. `npm run --silent mutants` covers that launched path instead.
 */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/test/policies"],
  testPathIgnorePatterns: ["/node_modules/", "-grpc\\.test\\.ts$", "/pack-loading\\.test\\.ts$"],
};
