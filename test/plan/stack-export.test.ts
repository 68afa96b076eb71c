import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEarlierPlan } from "../../tools/plan/diff/earlier-plan";
import { diffPlans } from "../../tools/plan/diff/plan-diff";
import { projectOntoInputs, stackExportToPlan } from "../../tools/plan/diff/stack-export";
import type { PlannedStep, PlanDocument } from "../../tools/plan/types";
import { recordShippedStage } from "../support/shipped-stage";
import { runPlanCli } from "./run-cli";

const SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const JOB = "databricks:index/job:Job";

/** What the provider would add to a resource's outputs beyond its inputs. */
const COMPUTED = { id: "cloud-id", computedByTheProvider: "https://example.invalid/computed" };

/** The state `pulumi stack export` would write once `steps` are deployed and refreshed with no drift. */
function deployedState(steps: PlannedStep[]): { version: number; deployment: { resources: Record<string, unknown>[] } } {
  const ref = (provider: string) => (provider === "" ? "urn:pulumi:prod::databricks-mlops::pulumi:providers:aws::default_7_48_0::3a1c" : `${provider.slice(0, provider.lastIndexOf("::"))}::2b7e-uuid`);
  return {
    version: 3,
    deployment: {
      resources: [
        { urn: "urn:pulumi:prod::databricks-mlops::pulumi:providers:aws::default_7_48_0", custom: true, id: "3a1c", type: "pulumi:providers:aws", inputs: {}, outputs: {} },
        ...steps.map((s) => ({
          urn: s.urn,
          custom: s.custom,
          type: s.type,
          ...(s.custom ? { id: `${s.name}-cloud`, provider: ref(s.provider) } : {}),
          parent: s.parent,
          inputs: s.inputs,
          outputs: s.custom ? { ...s.inputs, ...COMPUTED } : {},
          dependencies: s.dependencies,
          propertyDependencies: s.propertyDependencies,
          ...(s.protect ? { protect: true } : {}),
          ...(s.retainOnDelete ? { retainOnDelete: true } : {}),
        })),
        { urn: "urn:pulumi:prod::databricks-mlops::pulumi:pulumi:StackReference::dev", custom: true, external: true, id: "acme/databricks-mlops/dev", type: "pulumi:pulumi:StackReference", inputs: {}, outputs: {} },
      ],
    },
  };
}

function plan(steps: PlannedStep[]): PlanDocument {
  return { project: "databricks-mlops", stack: "prod", steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [] };
}

describe("a deployed stack's state as the earlier plan (drift)", () => {
  let steps: PlannedStep[];
  beforeAll(async () => {
    steps = await recordShippedStage("prod");
  });

  test("the refreshed state of the unchanged program is no change: computed outputs, state ids and default providers are the provider's", () => {
    const earlier = stackExportToPlan(deployedState(steps));
    expect(earlier.stack).toBe("prod");
    expect(earlier.steps.map((s) => s.urn)).toEqual(steps.map((s) => s.urn));
    expect(diffPlans(earlier, plan(steps)).summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: steps.length });
  });

  test("a property changed in the cloud is an update of that path; a resource deleted there is a create; one only the state holds is a delete", () => {
    const state = deployedState(steps);
    const jobs = state.deployment.resources.filter((r) => r.type === JOB);
    const drifted = jobs[0];
    drifted.outputs = { ...(drifted.outputs as object), maxConcurrentRuns: 5 };
    const deletedInCloud = jobs[1];
    state.deployment.resources = state.deployment.resources.filter((r) => r !== deletedInCloud);
    state.deployment.resources.push({ urn: "urn:pulumi:prod::databricks-mlops::databricks:index/job:Job::prod-mlops-by-hand", custom: true, type: JOB, id: "9", inputs: { name: "by-hand" }, outputs: { name: "by-hand" } });
    const diff = diffPlans(stackExportToPlan(state), plan(steps));
    expect(diff.changes.map((c) => [c.op, c.name, c.changes.map((p) => p.path)])).toEqual([
      ["update", (drifted.urn as string).split("::").pop(), ["maxConcurrentRuns"]],
      ["create", (deletedInCloud.urn as string).split("::").pop(), []],
      ["delete", "prod-mlops-by-hand", []],
    ]);
    expect(diff.changes[0].changes[0]).toMatchObject({ kind: "update", old: 5, new: 1 });
  });

  test("outputs are projected onto what the program declared: extra output keys and list items beyond the inputs are the provider's", () => {
    expect(projectOntoInputs({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3, d: 4 }, e: 5 })).toEqual({ a: 1, b: { c: 3 } });
    expect(projectOntoInputs([{ k: "x" }], [{ k: "x", extra: 1 }, { k: "y" }])).toEqual([{ k: "x" }, { k: "y" }]);
    expect(projectOntoInputs({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(projectOntoInputs({ a: 1, gone: 2 }, { a: 1 })).toEqual({ a: 1, gone: 2 });
  });

  test("secrets stay secret whether the export is encrypted or shown, and compare as the plan shows them", () => {
    expect(projectOntoInputs({ token: { ...SIG, ciphertext: "v1:AAAA" } }, { token: { ...SIG, ciphertext: "v1:BBBB" } })).toEqual({ token: "[secret]" });
    expect(projectOntoInputs({ token: "x" }, { token: { ...SIG, plaintext: "\"hunter22\"" } })).toEqual({ token: "[secret]" });
  });

  test("a document that is neither a plan nor a usable export is invalid input that says which it was taken for", () => {
    const failure = (value: unknown) => {
      try {
        parseEarlierPlan(JSON.stringify(value), "state.json");
      } catch (err) {
        return (err as Error).message;
      }
      return "accepted";
    };
    expect(failure({ version: 2, deployment: {} })).toBe("--against state.json is not a stack export (pulumi stack export): deployment version 2 is not supported (expected 3)");
    expect(failure({ version: 3, deployment: { resources: [] } })).toBe(
      "--against state.json is not a stack export (pulumi stack export): it holds no resources (has the stack been deployed?)",
    );
    expect(failure({ version: 3, deployment: { resources: [{ urn: "x", type: JOB }] } })).toBe(
      "--against state.json is not a stack export (pulumi stack export): deployment.resources[0].urn is not a Pulumi URN",
    );
  });

  test("through the CLI: the prod plan against its refreshed state names the drifted property and exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    try {
      const state = deployedState(steps);
      const job = state.deployment.resources.find((r) => r.type === JOB)!;
      job.outputs = { ...(job.outputs as object), maxConcurrentRuns: 5 };
      const file = path.join(dir, "prod-state.json");
      fs.writeFileSync(file, JSON.stringify(state));
      const run = await runPlanCli(["--stack", "prod", "--against", file]);
      expect(run.code).toBe(0);
      // The headline wraps within 80 columns wherever the temporary directory makes it long: read it unwrapped.
      expect(run.stdout.replace(/\n +/g, " ")).toContain(`Changes against ${file}: 1 to update, ${steps.length - 1} unchanged`);
      expect(run.stdout).toMatch(/~ maxConcurrentRuns: 5 => 1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a refreshed preview (pulumi preview --refresh --json) as the earlier plan", () => {
  test("the steps' old states are the state: an update step's refreshed value is compared, a create step (no old state) is not in the state", () => {
    const job = (maxConcurrentRuns: number) => ({
      urn: "urn:pulumi:prod::databricks-mlops::databricks:index/job:Job::prod-mlops-training",
      custom: true,
      type: JOB,
      inputs: { name: "prod-mlops-training", maxConcurrentRuns: 1 },
      outputs: { name: "prod-mlops-training", maxConcurrentRuns, id: "1" },
    });
    const preview = {
      config: {},
      steps: [
        { op: "update", urn: job(5).urn, oldState: job(5), newState: job(1) },
        { op: "create", urn: "urn:pulumi:prod::databricks-mlops::databricks:index/job:Job::new", newState: { urn: "x" } },
      ],
      changeSummary: { update: 1, create: 1 },
    };
    const earlier = parseEarlierPlan(JSON.stringify(preview), "preview.json");
    expect(earlier.steps.map((s) => [s.name, s.inputs])).toEqual([["prod-mlops-training", { name: "prod-mlops-training", maxConcurrentRuns: 5 }]]);
  });
});
