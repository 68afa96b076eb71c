/**
 * Mutation testing of the policy pack (`npm run mutation`, docs/security-reviewer.md): Stryker changes the
 * pack's TypeScript one small edit at a time and runs the in-process policy tests against each mutant; a
 * mutant that no test notices is a behaviour of the pack that nothing checks. The run fails below 90%.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  packageManager: "npm",
  testRunner: "jest",
  jest: {
    projectType: "custom",
    // Jest without the tests that launch the compiled pack; the file says why.
    configFile: "jest.mutation.config.js",
  },
  // Each mutant runs only the tests that executed its code.
  coverageAnalysis: "perTest",
  // Static mutants are the ones in code that runs once, when a module loads: the rules' metadata
  // (descriptions, rationale, config schemas), the type-token constants. Stryker cannot tell which test
  // depends on them, so it reloads the modules and reruns every related test file for each one; it counted
  // 964 of them (29% of all mutants) and estimated them at 96% of the run's time, hours on two cores.
  // They are left out of the score (reported as ignored). The catalogue test checks the metadata, the
  // provider-coverage and rule tests the type tokens, in `npm test`.
  ignoreStatic: true,
  mutate: [
    "policies/**/*.ts",
    // The entry point constructs the PolicyPack, which starts the gRPC server and never returns; no test
    // imports it (pack-loading launches it). The build tooling and its output are not the pack's logic.
    "!policies/index.ts",
    // Its start-up module acts only in a launched pack (module cache, compile cache), which never holds a
    // mutant; test/policies/pack-start.test.ts and the curated mutants (npm run mutants) check it there.
    "!policies/lib/startup/**",
    "!policies/build.js",
    "!policies/bin/**",
  ],
  thresholds: { high: 95, low: 90, break: 90 },
  // clear-text prints the table and the score last; html and json go to a gitignored folder.
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
};
