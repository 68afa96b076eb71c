/**
 * The estimate of each shipped stack, pinned to a figure computed by hand from the price table, and the cost
 * change that the PR comment leads with for three typical pull requests on staging: a Challenger, scale-to-zero
 * switched off, and a second ML project. Also: every type a shipped stage may declare is priced, free or
 * knowingly unpriced.
 */
import * as fs from "fs";
import * as path from "path";
import { CONFIG_NAMESPACE } from "../../../stack/config";
import { rawConfigFromPulumi } from "../../../stack/config-source";
import { estimateCost } from "../../../tools/plan/cost/estimate";
import { readCostOverrides } from "../../../tools/plan/cost/overrides-file";
import { PRICE_TABLE } from "../../../tools/plan/cost/price-table";
import { coverageOf } from "../../../tools/plan/cost/type-coverage";
import { comparePlans } from "../../../tools/plan/render-plan";
import { renderMarkdown } from "../../../tools/plan/render-markdown";
import { renderText } from "../../../tools/plan/render-text";
import { defaultStackFile, readProjectFile, readStackFile, toRuntimeConfig } from "../../../tools/plan/stack-config";
import type { PlanResult } from "../../../tools/plan/plan";
import type { PlannedStep } from "../../../tools/plan/types";
import { recordStage } from "../../support/record-stage";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const D = 730 / 24;
// The shipped stacks create ENTERPRISE workspaces.
const SERVERLESS_JOBS = PRICE_TABLE.dbuPrices["jobs-serverless"].ENTERPRISE;
const SQL = PRICE_TABLE.dbuPrices["sql-serverless"].ENTERPRISE;
const SERVING = PRICE_TABLE.dbuPrices["model-serving"].ENTERPRISE;

/** Hand-computed parts every created stage shares. */
const AWS_BASE = 730 * 0.045 /* NAT */ + 730 * 0.005 /* its address */ + 2 * (2 * 730 * 0.01) /* STS + Kinesis in 2 AZs */;
const WAREHOUSE = 4 * ((D * (1 + 10)) / 60) * SQL; // 2X-Small, one daily session of the alerts: 1 min + 10 min auto-stop
const MONITORS = 2 * D * 1 * SERVERLESS_JOBS; // two monitors, daily, 1 DBU a refresh
const SCALE_TO_ZERO_SMALL = 4 * 1 * 4 * D * SERVING; // 4 concurrency × 1 DBU/h × 4 h a day
const ALWAYS_UP_SMALL = 4 * 1 * 730 * SERVING;
const DAILY_JOB = (hours: number) => D * hours * 4 * SERVERLESS_JOBS;
const WEEKLY_JOB = (hours: number) => (D / 7) * hours * 4 * SERVERLESS_JOBS;

function rawConfig(stage: string): Record<string, unknown> {
  const project = readProjectFile(ROOT);
  const runtime = toRuntimeConfig(project.name, stage, project.config, readStackFile(defaultStackFile(ROOT, project, stage)));
  return rawConfigFromPulumi(runtime.config, CONFIG_NAMESPACE);
}

function result(stage: string, steps: PlannedStep[]): PlanResult {
  const { overrides, file } = readCostOverrides(ROOT, stage);
  return {
    stage,
    policy: { packName: "databricks-mlops-policies", packVersion: "0.1.0", policyCount: 1 },
    timings: { configMs: 0, programMs: 0, policyMs: 0 },
    document: { project: "databricks-mlops", stack: stage, steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [], cost: estimateCost(steps, overrides, file) },
  };
}

const stages = new Map<string, PlanResult>();
beforeAll(async () => {
  for (const stage of ["dev", "staging", "prod"]) stages.set(stage, result(stage, await recordStage(rawConfig(stage), stage)));
}, 120_000);

describe("the shipped stacks' estimates, against hand-computed figures", () => {
  test("dev: scale-to-zero endpoint, paused jobs (listed, not priced), monitors, warehouse, AWS with 3 keys", () => {
    const cost = stages.get("dev")!.document.cost!;
    expect(cost.monthlyUsd).toBeCloseTo(SCALE_TO_ZERO_SMALL + AWS_BASE + 3 + WAREHOUSE + MONITORS, 6);
    expect(cost.unpriced.map((u) => u.reason.split(":")[0])).toEqual(Array(5).fill("schedule paused"));
  });

  test("staging: four daily jobs and a weekly one at the default half hour; the integration test listed as unscheduled", () => {
    const cost = stages.get("staging")!.document.cost!;
    expect(cost.monthlyUsd).toBeCloseTo(SCALE_TO_ZERO_SMALL + AWS_BASE + 3 + WAREHOUSE + MONITORS + 4 * DAILY_JOB(0.5) + WEEKLY_JOB(0.5), 6);
    expect(cost.unpriced.map((u) => u.name)).toEqual(["staging-mlops-integration-test"]);
  });

  test("prod: Champion and Challenger always up, 4 keys, and the run times of cost/prod.json", () => {
    const cost = stages.get("prod")!.document.cost!;
    const jobs = 3 * DAILY_JOB(0.5) + DAILY_JOB(0.1) /* retraining trigger */ + WEEKLY_JOB(1.5); /* training */
    expect(cost.monthlyUsd).toBeCloseTo(2 * ALWAYS_UP_SMALL + AWS_BASE + 4 + WAREHOUSE + MONITORS + jobs, 6);
    expect(cost.monthlyUsd).toBeCloseTo(620.82, 2);
    expect(cost.overridesFile).toBe(path.join("cost", "prod.json"));
    expect(cost.unpriced).toEqual([]);
    const training = cost.lines.find((l) => l.name === "prod-mlops-training")!;
    expect(training.assumptions.find((a) => a.key === "jobRunHours")).toEqual({ key: "jobRunHours", value: 1.5, unit: "h per run", source: "override" });
  });

  test("the text plan shows the estimate within 80 columns; the Markdown holds the headline and the breakdown", () => {
    const prod = stages.get("prod")!;
    const text = renderText(prod);
    expect(text).toContain("Cost estimate: $620.82/month ($0.85/hour), 6,143.88 DBU/month (8.42 DBU/hour)");
    expect(text).toContain(
      [
        "    resource                                $/month  $/hour  DBU/month  DBU/hour",
        "    prod-mlops-endpoint (ModelServing)      $408.80   $0.56      5,840         8",
        "        champion (Small, 90% of traffic): 4 concurrency × 1 DBU/h × 730 h",
      ].join("\n"),
    );
    // A resource too wide for the room before the figures has a line of its own, the figures under their headers.
    expect(text).toContain("\n    prod-mlops-served-predictions-monitor (QualityMonitor)\n                                             $13.69  $0.019      30.42      0.04\n");
    const costLines = text.slice(text.indexOf("Cost estimate:")).split("\n");
    expect(costLines.filter((l) => [...l].length > 80)).toEqual([]);
    expect(text).toContain("assumed: jobRunHours 1.5 h per run (override); serverlessJobDbuPerHour 4\n          DBU/h (default)");
    const markdown = renderMarkdown(prod);
    expect(markdown).toContain("Estimate: **$620.82/month ($0.85/hour), 6,143.88 DBU/month (8.42 DBU/hour)**");
    expect(markdown).toMatch(/<!-- fold:cost-breakdown rank=6 instead=".*" -->/);
    expect(markdown).toContain("| prod-mlops-endpoint (ModelServing) | $408.80 | $0.56 | 5,840 | 8 |");
  });
});

describe("the text plan of each shipped stack, estimate included", () => {
  test.each(["dev", "staging", "prod"])("%s: every line fits 80 columns and none ends in a space", (stage) => {
    const lines = renderText(stages.get(stage)!).split("\n");
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    expect(lines.filter((l) => l !== l.trimEnd())).toEqual([]);
  });
});

describe("the cost change a pull request shows first", () => {
  const staging = () => rawConfig("staging");
  const withProject = (raw: Record<string, unknown>, change: (project: Record<string, unknown>) => Record<string, unknown>) => {
    const [project] = raw.mlProjects as Record<string, unknown>[];
    return { ...raw, mlProjects: [change(structuredClone(project))] };
  };
  async function changeOf(raw: Record<string, unknown>) {
    const base = stages.get("staging")!;
    const changed = result("staging", await recordStage(raw, "staging"));
    const comparison = { diff: comparePlans(base.document, changed), against: "base/staging.json" };
    return { cost: comparison.diff.cost!, markdown: renderMarkdown(changed, comparison), text: renderText(changed, { color: false, comparison }) };
  }
  const BASE = () => stages.get("staging")!.document.cost!.monthlyUsd;
  const pct = (delta: number) => ((delta / BASE()) * 100).toFixed(1);

  test("a Challenger: its scale-to-zero entity, on the endpoint", async () => {
    const { cost, markdown, text } = await changeOf(withProject(staging(), (p) => ({ ...p, serving: { ...(p.serving as object), challenger: {} } })));
    expect(cost.deltaMonthlyUsd).toBeCloseTo(SCALE_TO_ZERO_SMALL, 6);
    expect(cost.changes.map((c) => c.name)).toEqual(["staging-mlops-endpoint"]);
    expect(markdown).toContain(`**Cost change: +$34.07/month (+${pct(SCALE_TO_ZERO_SMALL)}%)** against \`base/staging.json\``);
    expect(markdown).toContain("| staging-mlops-endpoint (ModelServing) | $34.07 | $68.13 | +$34.07 |");
    expect(text).toContain(`Cost change against base/staging.json: +$34.07/month (+${pct(SCALE_TO_ZERO_SMALL)}%)`);
    // The whole text plan with its diff, cost change first, within 80 columns.
    expect(text.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
  }, 60_000);

  test("scale-to-zero switched off: the Champion up all month", async () => {
    const { cost, markdown } = await changeOf(withProject(staging(), (p) => ({ ...p, serving: { ...(p.serving as object), scaleToZero: false } })));
    expect(cost.deltaMonthlyUsd).toBeCloseTo(ALWAYS_UP_SMALL - SCALE_TO_ZERO_SMALL, 6);
    expect(markdown).toContain(`**Cost change: +$170.33/month (+${pct(ALWAYS_UP_SMALL - SCALE_TO_ZERO_SMALL)}%)**`);
    expect(markdown).toContain("| staging-mlops-endpoint (ModelServing) | $34.07 | $204.40 | +$170.33 |");
  }, 60_000);

  test("a second project: its endpoint, jobs and monitors; its alerts share the warehouse's daily session", async () => {
    const raw = staging();
    const [project] = raw.mlProjects as Record<string, unknown>[];
    const { cost, markdown } = await changeOf({ ...raw, mlProjects: [project, { ...structuredClone(project), name: "churn" }] });
    const expected = SCALE_TO_ZERO_SMALL + 4 * DAILY_JOB(0.5) + WEEKLY_JOB(0.5) + MONITORS;
    expect(cost.deltaMonthlyUsd).toBeCloseTo(expected, 6);
    expect(cost.changes.find((c) => c.name.includes("warehouse"))).toBeUndefined();
    expect(cost.newUnpriced.map((u) => u.name)).toEqual(["staging-churn-integration-test"]);
    expect(markdown).toContain(`**Cost change: +$${expected.toFixed(2)}/month (+${pct(expected)}%)**`);
    expect(markdown).toContain("- new and not priced: `staging-churn-integration-test`");
    // The cost section follows the verdict and the diff's summary.
    expect(markdown.indexOf("### Cost")).toBeGreaterThan(markdown.indexOf("### Changes against"));
  }, 60_000);
});

describe("price table coverage", () => {
  test("every type a shipped stage may declare (its policy config's allowedTypes) is priced, free or knowingly unpriced", () => {
    const types = new Set<string>();
    for (const stage of ["dev", "staging", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", `${stage}.json`), "utf8")) as Record<string, { allowedTypes?: string[] }>;
      for (const t of config["resources-restrict-types"]?.allowedTypes ?? []) types.add(t);
    }
    for (const steps of [...stages.values()].map((r) => r.document.steps)) for (const s of steps) types.add(s.type);
    const unknown = [...types].filter((type) => coverageOf({ type, custom: !type.startsWith("pulumi:") && !type.startsWith("databricks-mlops:") }) === "unknown");
    expect(unknown).toEqual([]);
  });
});
