/**
 * Exit codes hold for failures before the plan runs: a dependency that cannot be loaded is an internal
 * error (3) with its cause on one line, never Node's 1, which CI reads as a mandatory policy violation.
 */
import * as path from "path";
import { type CliRun, ROOT, runPlanCli } from "./run-cli";

/** Runs the plan CLI with `module` unresolvable, as if it were not installed. */
function planWithout(module: string): Promise<CliRun> {
  const preload = path.join(ROOT, "test", "fixtures", "without-module.js");
  return runPlanCli(["--stack", "dev"], { nodeArgs: ["-r", preload], env: { WITHOUT_MODULE: module } });
}

describe("a plan that cannot load", () => {
  test("a dependency of the CLI itself (yaml) is missing: exit 3, the cause on one line", async () => {
    const run = await planWithout("yaml");
    expect(run).toEqual({
      code: 3,
      stdout: "",
      stderr: "internal error: could not load tools/plan/main.ts: Cannot find module 'yaml'\n",
    });
  });

  // The judging process never loads the Pulumi runtime (the program's process does); it loads the
  // analyzer protocol's messages, which need google-protobuf.
  test("a dependency of the judging process's plan (google-protobuf) is missing: exit 3, the cause on one line", async () => {
    const run = await planWithout("google-protobuf");
    expect(run).toEqual({
      code: 3,
      stdout: "",
      stderr: "internal error: the plan could not load: Cannot find module 'google-protobuf'\n",
    });
  });
});
