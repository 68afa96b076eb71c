/** Jest runs the TypeScript sources directly; `npm run typecheck` type-checks them once for the whole tree. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
  // TypeScript and npm's Arborist load on first use, not with every file's @pulumi/pulumi (the pack's lever).
  setupFiles: ["<rootDir>/test/support/defer-closure-serializer-modules.ts"],
  // Untimed files (all of them on a fresh clone, as in CI) ordered by what they start rather than by size.
  testSequencer: "<rootDir>/test/support/test-sequencer.js",
  // The policy pack built from its current sources, and on a fresh clone the caches warm, before any test starts.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  // Removes the run's folder of plan results shared by several files (test/support/shared-plan-runs.ts).
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  // Jest's default on a 2-core machine is one worker; the end-to-end files mostly wait on the plan
  // processes they start, so two workers overlap that waiting (53 s instead of 62 s for the suite).
  maxWorkers: 2,
};
