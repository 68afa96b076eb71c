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
  // The pack's sources are a root too: jest's --findRelatedTests, which Stryker uses to pick the test files
  // of a mutated file, follows imports only through files it has indexed, so a module of policies/lib that
  // the tests reach through a rule would otherwise have no related tests and every mutant in it would survive.
  roots: ["<rootDir>/test/policies", "<rootDir>/policies"],
  modulePathIgnorePatterns: ["<rootDir>/policies/bin/"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "-grpc\\.test\\.ts$",
    "/pack-loading\\.test\\.ts$",
    // These two check only values fixed when a module loads (the rules' metadata, the type lists), which
    // Stryker leaves out (ignoreStatic in stryker.config.js); yet jest would load them, and the Pulumi SDKs
    // they import, for every mutant of a module the rules share.
    "/catalogue\\.test\\.ts$",
    "/provider-coverage\\.test\\.ts$",
  ],
};
