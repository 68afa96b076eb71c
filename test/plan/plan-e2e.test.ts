/**
 * The offline plan as users run it: one child process per case, started together in beforeAll
 * and shared by the assertions. Covers the three shipped stacks, a prod stack that breaks a
 * mandatory rule, invalid config, and a crashing program.
 */
import type { PlanDocument, PlannedStep as PlannedStepLike } from "../../tools/plan/types";
import { makeUrn } from "../../tools/plan/urn";
import { CliRun, runPlanCli } from "./run-cli";

const STAGES = ["dev", "staging", "prod"] as const;
const INVALID_CIPHERTEXT = "ZG8tbm90LWxlYWstdGhpcw==";

const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  const cases: Record<string, string[]> = {
    ...Object.fromEntries(STAGES.map((s) => [s, ["--stack", s, "--json"]])),
    broken: ["--stack", "prod", "--config-file", "test/fixtures/Pulumi.broken-prod.yaml", "--json"],
    invalid: ["--stack", "prod", "--config-file", "test/fixtures/Pulumi.invalid-prod.yaml"],
    invalidPipelines: ["--stack", "prod", "--config-file", "test/fixtures/Pulumi.invalid-pipelines-prod.yaml"],
    crash: ["--stack", "crash", "--cwd", "test/fixtures/mini-project", "--policy-pack", "../../../policies"],
    badPolicyConfig: ["--stack", "prod", "--policy-pack-config", "test/fixtures/policy-config-invalid.json"],
    mini: ["--stack", "dev", "--cwd", "test/fixtures/mini-project", "--policy-pack", "../../../policies", "--json"],
    noPack: ["--stack", "dev", "--policy-pack", "test/fixtures"],
  };
  const results = await Promise.all(Object.values(cases).map(runPlanCli));
  Object.keys(cases).forEach((k, i) => (runs[k] = results[i]));
}, 120000);

describe.each(STAGES)("shipped stack %s", (stage) => {
  const doc = (): PlanDocument => JSON.parse(runs[stage].stdout) as PlanDocument;

  test("exits 0 with one JSON document and no policy violation at any level", () => {
    expect(runs[stage].stderr).toBe("");
    expect(runs[stage].code).toBe(0);
    const d = doc();
    expect(Object.keys(d)).toEqual(["project", "stack", "steps", "changeSummary", "policyViolations", "diagnostics"]);
    expect(d).toMatchObject({ project: "databricks-mlops", stack: stage });
    // Not even advisory findings: a shipped stack that always warns teaches people to ignore warnings.
    expect(d.policyViolations).toEqual([]);
    expect(d.changeSummary).toEqual({ create: d.steps.length });
  });

  test("every URN is the engine's, every parent and dependency is a planned resource", () => {
    const d = doc();
    const urns = new Set(d.steps.map((s) => s.urn));
    expect(d.steps[0]).toMatchObject({ type: "pulumi:pulumi:Stack", name: `databricks-mlops-${stage}`, parent: "" });
    for (const s of d.steps) {
      expect(s.urn).toBe(makeUrn(stage, "databricks-mlops", s.parent, s.type, s.name));
      if (s.parent) expect(urns).toContain(s.parent);
      for (const dep of s.dependencies) expect(urns).toContain(dep);
      expect(s.op).toBe("create");
    }
  });

  test("the stage catalog is planned; protected and retained on prod only", () => {
    const catalog = doc().steps.find((s) => s.type === "databricks:index/catalog:Catalog");
    expect(catalog).toBeDefined();
    expect(catalog!.provider).toMatch(/^urn:pulumi:.*[:$]pulumi:providers:databricks::[^:]+::[^:]+$/);
    expect({ protect: catalog!.protect, retainOnDelete: catalog!.retainOnDelete }).toEqual(
      stage === "prod" ? { protect: true, retainOnDelete: true } : { protect: false, retainOnDelete: false },
    );
  });
});

test.each(STAGES)("shipped stack %s plans its ML project: model, experiment, jobs on the stage's Git ref", (stage) => {
  const steps = (JSON.parse(runs[stage].stdout) as PlanDocument).steps;
  const named = (type: string) => steps.filter((s) => s.type === `databricks:index/${type}`).map((s) => s.name).sort();
  expect(named("registeredModel:RegisteredModel")).toEqual([`${stage}-mlops-model`]);
  expect(named("mlflowExperiment:MlflowExperiment")).toEqual([`${stage}-mlops-experiment`]);
  const jobs = ["batch-inference", "features", "inference-unpack", ...(stage === "staging" ? ["integration-test"] : []), "retraining-trigger", "training"];
  expect(named("job:Job")).toEqual(jobs.map((job) => `${stage}-mlops-${job}`));
  const branch = { dev: "dev", staging: "main", prod: "release" }[stage];
  for (const job of steps.filter((s) => s.type === "databricks:index/job:Job")) {
    expect(job.inputs.gitSource).toMatchObject({ branch });
  }
});

test.each(STAGES)("shipped stack %s serves, monitors and alerts, and the plan chains endpoint -> table -> monitor -> alert -> retraining", (stage) => {
  const steps = (JSON.parse(runs[stage].stdout) as PlanDocument).steps;
  const byUrn = new Map(steps.map((s) => [s.urn, s]));
  const one = (type: string, name: string) => {
    const found = steps.filter((s) => s.type === `databricks:index/${type}` && s.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const dependsOn = (step: PlannedStepLike, name: string) =>
    [...step.dependencies, ...Object.values(step.propertyDependencies).flat()].some((urn) => byUrn.get(urn)?.name === name);
  const endpoint = one("modelServing:ModelServing", `${stage}-mlops-endpoint`);
  expect(endpoint.inputs.aiGateway).toMatchObject({ inferenceTableConfig: { enabled: true, catalogName: `${stage}_mlops`, schemaName: "inference" } });
  const table = one("sqlTable:SqlTable", `${stage}-mlops-served-predictions-table`);
  const monitor = one("qualityMonitor:QualityMonitor", `${stage}-mlops-served-predictions-monitor`);
  const alert = one("alertV2:AlertV2", `${stage}-mlops-served-predictions-drift-alert`);
  const trigger = one("job:Job", `${stage}-mlops-retraining-trigger`);
  expect(dependsOn(table, endpoint.name)).toBe(true);
  expect(dependsOn(monitor, table.name)).toBe(true);
  expect(dependsOn(alert, monitor.name)).toBe(true);
  expect(dependsOn(trigger, alert.name)).toBe(true);
  expect(dependsOn(trigger, `${stage}-mlops-training`)).toBe(true);
  // Each stage monitors its own tables.
  for (const m of steps.filter((s) => s.type === "databricks:index/qualityMonitor:QualityMonitor")) {
    expect(String(m.inputs.tableName)).toMatch(new RegExp(`^${stage}_mlops\\.inference\\.`));
  }
  expect(one("sqlEndpoint:SqlEndpoint", `${stage}-mlops-monitoring-warehouse`).inputs).toMatchObject({ enableServerlessCompute: true });
  expect(steps.filter((s) => s.type === "databricks:index/notificationDestination:NotificationDestination")).toHaveLength(1);
  expect(endpoint.customTimeouts).toEqual({ create: "60m", update: "60m", delete: "20m" });
  // Prod publishes its batch predictions to an online store, protected like every prod data store.
  const stores = steps.filter((s) => s.type === "aws:dynamodb/table:Table" || s.type === "aws:kms/key:Key");
  expect(stores.map((s) => [s.name, s.protect, s.retainOnDelete])).toEqual(
    stage === "prod" ? [["prod-mlops-online-store-key", true, true], ["prod-mlops-online-store-table", true, true]] : [],
  );
});

test("an ML project the Jobs API would reject exits 2 before anything is declared, naming each key", () => {
  const run = runs.invalidPipelines;
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^error: Invalid configuration of stack 'prod' \(3 problems\); nothing was deployed:\n/);
  expect(run.stderr).toContain('  - databricks-mlops:mlProjects[0].schedules.training.cron: got "0 4 * * 1"; not a valid Quartz cron expression');
  expect(run.stderr).toContain('  - databricks-mlops:mlProjects[0].schedules.training.timezone: got "utc"');
  expect(run.stderr).toContain(
    '  - databricks-mlops:mlProjects[0].training.extraTasks[0].parameters.deployed_version: got "{{tasks.deploy.values.model_version}}"',
  );
});

test("a prod stack granting MODIFY to a human group exits 1 naming grants-forbid-human-write", () => {
  const run = runs.broken;
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^plan of stack prod failed: \d+ mandatory policy violations?\n/);
  expect(run.stderr).toContain("  grants-forbid-human-write: databricks:index/grants:Grants");
  const doc = JSON.parse(run.stdout) as PlanDocument;
  expect(doc.policyViolations).toContainEqual(
    expect.objectContaining({ policyName: "grants-forbid-human-write", enforcementLevel: "mandatory" }),
  );
});

test("invalid config exits 2, names each bad key on stderr, prints nothing on stdout", () => {
  const run = runs.invalid;
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  // Reported once, as invalid input: never also as an internal error by a late rejection.
  expect(run.stderr).toMatch(/^error: Invalid configuration of stack 'prod' \(3 problems\); nothing was deployed:\n/);
  expect(run.stderr).not.toContain("internal error");
  expect(run.stderr).toContain("databricks-mlops:workspace.host");
  expect(run.stderr).toContain("databricks-mlops:groups.mlEngineers");
  expect(run.stderr).not.toContain(INVALID_CIPHERTEXT);
});

test("an invalid policy config exits 2 naming the bad entry, nothing on stdout", () => {
  const run = runs.badPolicyConfig;
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^error: invalid policy pack config .*policy-config-invalid\.json/);
  expect(run.stderr).toContain("grants-forbid-human-write");
});

test("a missing policy pack exits 2: a plan never passes without its policy verdicts", () => {
  const run = runs.noPack;
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe("error: policy pack not found: test/fixtures has no PulumiPolicy.yaml (pass --policy-pack <dir>)\n");
});

test("a crashing program exits 3 with its stack trace on stderr", () => {
  const run = runs.crash;
  expect(run.code).toBe(3);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("TypeError: fixture crash requested by mini-mlops:crash");
  expect(run.stderr).toMatch(/\n {4}at .*index\.ts:\d+:\d+/);
});

test("the fixture project: fully known plan, secrets blinded, project config defaults applied", () => {
  const run = runs.mini;
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain("ZmFrZS1jaXBoZXJ0ZXh0LWRldg==");
  const doc = JSON.parse(run.stdout) as PlanDocument;
  const wsProvider = doc.steps.find((s) => s.type === "pulumi:providers:databricks" && s.name === "workspace");
  // The workspace URL comes from the mock's computed outputs, so the provider is fully known.
  expect(wsProvider?.inputs).toEqual({ host: "https://dev-mlops.cloud.databricks.com", token: "[secret]" });
  expect(JSON.stringify(doc.steps)).not.toContain("[unknown]");
  // us-east-1 is the Pulumi.yaml default of mini-mlops:region; the stack file does not set it.
  expect(doc.diagnostics).toContainEqual({ severity: "info", message: "planning stage dev in us-east-1" });
});
