/**
 * Property: every generated valid dev config plans with zero mandatory policy violations. Each case runs
 * the real program entry under the mock runtime in this process and sends what it registered through
 * the real policy pack, started once for all cases and configured with dev's policy config
 * (policies/config/dev.json), over the Analyzer gRPC protocol as the plan does. Under `npm run fuzz` a
 * few cases also go through the plan CLI itself, from a stack file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { CONFIG_NAMESPACE } from "../../stack";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlanDocument, PolicyViolation } from "../../tools/plan/types";
import { ROOT, runPlanCli } from "../plan/run-cli";
import { DEEP, runs } from "./fuzz-settings";
import { policyInputs, runEntry } from "./program-entry";
import { runtimeConfigOf } from "./refusal";
import { type GeneratedConfig, validStageConfig } from "./valid-stage-configs";
import { stackFile } from "./stack-file";

const mandatory = (violations: readonly PolicyViolation[]) =>
  violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policyName} on ${v.urn}: ${v.message.split("\n")[0]}`);

/** The project's training job, which every ML project declares: the config reached the program. */
const trainingJobs = (config: GeneratedConfig) => ((config.raw.mlProjects as { name: string }[] | undefined) ?? []).map((project) => `dev-${project.name}-training`);

let session: PolicyPackSession;

beforeAll(async () => {
  session = await PolicyPackSession.start({ packDir: path.join(ROOT, "policies"), project: CONFIG_NAMESPACE, stack: "dev" });
  await session.configureFromFile(path.join(ROOT, "policies", "config", "dev.json"));
}, 60000);

afterAll(async () => {
  await session?.close();
});

// About a second per case (the program, then a policy call per resource): the suite runs 2, `npm run fuzz` 40.
it("every generated valid dev config plans with zero mandatory policy violations", async () => {
  await fc.assert(
    fc.asyncProperty(validStageConfig(["dev"]), async (config) => {
      const runtime = runtimeConfigOf(config, "dev");
      const run = await runEntry(runtime.config, runtime.secretKeys, "dev");
      expect(run.error).toBeUndefined();
      const jobs = run.recording.steps.filter((step) => step.type === "databricks:index/job:Job").map((step) => step.name);
      expect(trainingJobs(config).filter((job) => !jobs.includes(job))).toEqual([]);
      const outcome = await session.evaluate(policyInputs(run.recording));
      expect(mandatory(outcome.violations)).toEqual([]);
    }),
    { ...runs(2, 40), endOnFailure: true },
  );
}, 600000);

// A plan process costs seconds: only `npm run fuzz` runs these 3.
(DEEP ? it : it.skip)("through the plan CLI, generated valid dev stack files plan with exit 0 and no mandatory violation", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-stacks-"));
  try {
    await fc.assert(
      fc.asyncProperty(validStageConfig(["dev"]), async (config) => {
        const file = path.join(dir, "Pulumi.dev.yaml");
        fs.writeFileSync(file, stackFile(config));
        const run = await runPlanCli(["--stack", "dev", "--config-file", file, "--json"]);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
        expect(mandatory((JSON.parse(run.stdout) as PlanDocument).policyViolations)).toEqual([]);
      }),
      { ...runs(3, 3), endOnFailure: true },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 600000);
