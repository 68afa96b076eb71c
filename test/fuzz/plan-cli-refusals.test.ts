/**
 * A broken stack file as users run it: through the plan CLI (seconds per process), so only under
 * `npm run fuzz` (test/fuzz/fuzz-settings.ts); the in-process properties are in invalid-configs.test.ts.
 * The CLI checks the project's typed keys (Pulumi.yaml: `stage` is a string) before the program runs,
 * with its own message; either way the run exits 2 naming the key, with nothing on stdout.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { type InvalidCase, invalidStageConfig } from "./invalid-stage-configs";
import { DEEP, runs } from "./fuzz-settings";
import { runPlanCli } from "../plan/run-cli";
import { stackFile } from "./stack-file";
import { keyOf } from "./schema-sites";

/** A stack name that is not the stage, so the refusal must print the stack's own name. */
const STACK = "fuzz-stack";

(DEEP ? it : it.skip)("the plan CLI exits 2 on a broken stack file, naming the key, without a stack trace", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-stacks-"));
  try {
    await fc.assert(
      fc.asyncProperty(invalidStageConfig(), async (invalid: InvalidCase) => {
        const file = path.join(dir, `Pulumi.${STACK}.yaml`);
        fs.writeFileSync(file, stackFile(invalid));
        const run = await runPlanCli(["--stack", STACK, "--config-file", file]);
        expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
        expect(run.stderr).toContain(`databricks-mlops:${keyOf(invalid.key)}`);
        expect(run.stderr).not.toMatch(/^\s+at /m);
      }),
      { ...runs(5, 5), endOnFailure: true },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 600000);
