/**
 * The loader the plan and the tools run under (tools/run-ts.js): stack traces point at the TypeScript
 * source, from a cold transpile and from the cache alike.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "stack-line.ts");

function run(): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["tools/run-ts.js", FIXTURE], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("a stack frame of a transpiled file names its TypeScript line and column, run after run", () => {
  const expected = { status: 0, stdout: `Error: size 1\n    at where (${FIXTURE}:9:10)\n`, stderr: "" };
  expect(run()).toEqual(expected);
  expect(run()).toEqual(expected); // the second run reads the transpile cache
});
