/**
 * The split between `npm test` (in-process files) and `npm run test:e2e` (files that start processes):
 * every test file runs in exactly one of them, and a file is classed by what it calls.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/* eslint-disable @typescript-eslint/no-require-imports */
const ROOT = path.resolve(__dirname, "..", "..");
const kinds = require(path.join(ROOT, "test/support/test-kinds.js")) as {
  launchesProcesses(file: string): boolean;
  testFiles(dir: string): string[];
  endToEndFiles(dir: string): string[];
  exactPathPattern(file: string): string;
};
const suite = require(path.join(ROOT, "jest.config.js")) as { testPathIgnorePatterns: string[]; testMatch: string[] };
const e2e = require(path.join(ROOT, "jest.e2e.config.js")) as { testRegex: string[] };
/* eslint-enable @typescript-eslint/no-require-imports */

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const inSuite = (file: string) => !suite.testPathIgnorePatterns.some((pattern) => new RegExp(pattern).test(file));
const inEndToEnd = (file: string) => e2e.testRegex.some((pattern) => new RegExp(pattern).test(file));

test("every test file runs in exactly one of the suite and the end-to-end run", () => {
  const files = kinds.testFiles(path.join(ROOT, "test"));
  expect(files.length).toBeGreaterThan(150);
  expect(files.filter((file) => inSuite(file) === inEndToEnd(file)).map(relative)).toEqual([]);
});

test("the files that launch the plan, the pack, the provider, npm, the bench or a browser are end-to-end; rule and component files are not", () => {
  const endToEnd = kinds.endToEndFiles(path.join(ROOT, "test")).map(relative);
  expect(endToEnd).toEqual(
    expect.arrayContaining([
      "test/plan/plan-e2e.test.ts",
      "test/policies/pack-grpc.test.ts",
      "test/policies/pack-loading.test.ts",
      "test/package/packed-library.test.ts",
      "test/package/component-provider.test.ts",
      "test/plan/bench.test.ts",
      "test/plan/design-picture-render.test.ts",
      "test/fuzz/plan-cli-refusals.test.ts",
    ]),
  );
  for (const inProcess of ["test/policies/access-restrict-principals.test.ts", "test/components/mlops-stage.test.ts", "test/fuzz/invalid-configs.test.ts", "test/plan/render.test.ts"]) {
    expect(endToEnd).not.toContain(inProcess);
    expect(inSuite(path.join(ROOT, inProcess))).toBe(true);
  }
});

describe("a file is classed by what it calls", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-kinds-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Each case's call is written `<name>` + `(`, so that this file's own text holds no call that launches.
  test.each([
    ["a plan through the CLI", "const run = await runPlanCli", "[\"--stack\", \"dev\"]);", true],
    ["a launched pack", "session = await PolicyPackSession.start", "{ packDir });", true],
    ["a child process", "const run = spawnSync", "process.execPath, [\"build.js\"]);", true],
    ["a browser", "const shots = renderInBrowser", "chromium, sources);", true],
    ["only named in a line comment", "// the plan would spawn", "a pack here; this test does not)", false],
    ["only named in a block comment", "/** as spawnSync", "would) */", false],
    ["a stage recorded in-process", "const steps = await recordStage", "rawProd(), \"prod\");", false],
  ])("%s", (_what, callee, rest, launches) => {
    const file = path.join(dir, "case.test.ts");
    fs.writeFileSync(file, `test("x", async () => {\n  ${callee}(${rest}\n});\n`);
    expect(kinds.launchesProcesses(file)).toBe(launches);
  });

  test("a path with regular-expression characters matches only itself", () => {
    const pattern = new RegExp(kinds.exactPathPattern("/repo/test/a+b (1).test.ts"));
    expect(pattern.test("/repo/test/a+b (1).test.ts")).toBe(true);
    expect(pattern.test("/repo/test/aab (1).test.ts")).toBe(false);
    expect(pattern.test("/repo/test/a+b (1).test.tsx")).toBe(false);
  });
});
