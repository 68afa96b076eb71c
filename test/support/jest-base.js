/**
 * What the jest configs share: the suite (jest.config.js), the end-to-end run (jest.e2e.config.js), the
 * deep property run (jest.fuzz.config.js) and Stryker's (jest.mutation.config.js).
 */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: require("path").resolve(__dirname, "..", ".."),
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
  // Jest's default on a 2-core machine is one worker; two overlap one file's waiting with another's work.
  maxWorkers: 2,
};
