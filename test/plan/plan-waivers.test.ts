/**
 * Waivers end to end: a policy config with waivers for the prod stack, through the launched pack and the
 * plan CLI. One waiver lifts a violation, one has expired, one is refused by a rule that may not be waived on
 * prod, one names no resource; the JSON and text plans say which is which.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument, PlannedStep } from "../../tools/plan/types";
import { type CliRun, ROOT, runPlanCli } from "./run-cli";
import { sharedPlanRun } from "../support/shared-plan-runs";

const REASON = "Endpoint timeouts under review with the serving team until the capacity test (MLOPS-77).";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const OTHER_WRITER = "11111111-2222-4333-8444-555555555555";

let dir: string;
let json: CliRun;
let text: CliRun;
let steps: PlannedStep[];
let live: CliRun;

const urnOf = (type: string, name?: string) => {
  const step = steps.find((s) => s.type === type && (name === undefined || s.name === name));
  if (!step) throw new Error(`no ${type} ${name ?? ""} in the prod plan`);
  return step.urn;
};

beforeAll(async () => {
  const base = await sharedPlanRun(["--stack", "prod", "--json"]);
  steps = (JSON.parse(base.stdout) as PlanDocument).steps;
  const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", "prod.json"), "utf8")) as Record<string, unknown>;
  const config = {
    ...shipped,
    // Stricter than the stack's 60-minute timeouts, so the endpoint breaks it; its waiver is in force.
    "serving-require-long-timeouts": {
      minimumMinutes: 90,
      waivers: [{ urn: urnOf("databricks:index/modelServing:ModelServing"), reason: REASON, expires: day(30) }],
    },
    // A branch no job uses, so every job breaks it; the waiver for the training job expired yesterday.
    "jobs-require-git-source": {
      ...(shipped["jobs-require-git-source"] as object),
      allowedBranchPatterns: ["^hotfix$"],
      allowedTagPatterns: [],
      waivers: [
        { urn: urnOf("databricks:index/job:Job", "prod-mlops-training"), reason: REASON, expires: day(-1) },
        { urn: "urn:pulumi:prod::databricks-mlops::databricks:index/job:Job::renamed-long-ago", reason: REASON, expires: day(10) },
      ],
    },
    // Another writer: the catalog's owner breaks the access rule, which refuses waivers on prod.
    "access-restrict-principals": {
      ...(shipped["access-restrict-principals"] as object),
      writerPrincipal: OTHER_WRITER,
      waivers: [{ urn: urnOf("databricks:index/catalog:Catalog"), reason: REASON, expires: day(5) }],
    },
  };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-waivers-"));
  const file = path.join(dir, "prod-waivers.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  // The prod stage deployed under another stack name: its URNs name that stack, its config is prod's.
  const liveFile = path.join(dir, "live-waivers.json");
  fs.writeFileSync(liveFile, JSON.stringify(config, null, 2).replaceAll("urn:pulumi:prod::", "urn:pulumi:live::"));
  [json, text, live] = await Promise.all([
    runPlanCli(["--stack", "prod", "--policy-pack-config", file, "--json"]),
    runPlanCli(["--stack", "prod", "--policy-pack-config", file]),
    runPlanCli(["--stack", "live", "--config-file", "Pulumi.prod.yaml", "--policy-pack-config", liveFile, "--json"]),
  ]);
}, 120000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a prod plan with waivers", () => {
  const doc = () => JSON.parse(json.stdout) as PlanDocument;

  test("lists every waiver with what it did, in the order of the pack's rules", () => {
    expect(doc().waivers.map((w) => [w.rule, w.urn.split("::").pop(), w.outcome])).toEqual([
      ["access-restrict-principals", "prod-mlops-catalog", "refused on prod"],
      ["jobs-require-git-source", "prod-mlops-training", "expired"],
      ["jobs-require-git-source", "renamed-long-ago", "no such resource"],
      ["serving-require-long-timeouts", "prod-mlops-endpoint", "in force"],
    ]);
  });

  test("a waiver in force lifts the violation of its resource", () => {
    expect(doc().policyViolations.filter((v) => v.policyName === "serving-require-long-timeouts")).toEqual([]);
  });

  test("an expired waiver leaves the violation, which says so; other jobs are not touched", () => {
    const training = urnOf("databricks:index/job:Job", "prod-mlops-training");
    const git = doc().policyViolations.filter((v) => v.policyName === "jobs-require-git-source");
    const onTraining = git.filter((v) => v.urn === training);
    expect(onTraining.length).toBeGreaterThan(0);
    for (const v of onTraining) expect(v.message).toMatch(new RegExp(` The waiver for this resource expired on ${day(-1)} and no longer applies\\.$`));
    const others = git.filter((v) => v.urn !== training);
    expect(others.length).toBeGreaterThan(0);
    for (const v of others) expect(v.message).not.toMatch(/waiver/);
  });

  test("a rule that may not be waived on prod keeps its violation and says why; the plan fails", () => {
    const catalog = urnOf("databricks:index/catalog:Catalog");
    const access = doc().policyViolations.filter((v) => v.policyName === "access-restrict-principals" && v.urn === catalog);
    expect(access.length).toBeGreaterThan(0);
    for (const v of access) {
      expect(v.message).toMatch(/ The waiver for this resource is refused: access-restrict-principals may never be waived on a production stage \(stack 'prod'\)\.$/);
    }
    expect(json.code).toBe(1);
  });

  test("the text plan prints the waivers before the verdict, within 80 columns", () => {
    expect(text.stdout).toContain(
      [
        "    - serving-require-long-timeouts: databricks:index/modelServing:ModelServing",
        `        prod-mlops-endpoint, until ${day(30)}`,
        "        in force: the rule's violations on this resource are not reported",
        "        reason: Endpoint timeouts under review with the serving team until the",
        "          capacity test (MLOPS-77).",
      ].join("\n"),
    );
    expect(text.stdout.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
    expect(text.stdout.indexOf("Waivers (4):")).toBeLessThan(text.stdout.indexOf("Result: FAILED"));
  });
});

describe("the prod stage planned under another stack name", () => {
  const doc = () => JSON.parse(live.stdout) as PlanDocument;

  test("is production all the same: a rule that may not be waived on production refuses its waiver, the others apply", () => {
    expect(doc().waivers.map((w) => [w.rule, w.urn.split("::")[0], w.outcome])).toEqual([
      ["access-restrict-principals", "urn:pulumi:live", "refused on prod"],
      ["jobs-require-git-source", "urn:pulumi:live", "expired"],
      ["jobs-require-git-source", "urn:pulumi:live", "no such resource"],
      ["serving-require-long-timeouts", "urn:pulumi:live", "in force"],
    ]);
    const catalog = doc().steps.find((s) => s.type === "databricks:index/catalog:Catalog")!.urn;
    const access = doc().policyViolations.filter((v) => v.policyName === "access-restrict-principals" && v.urn === catalog);
    expect(access.length).toBeGreaterThan(0);
    for (const v of access) expect(v.message).toMatch(/ may never be waived on a production stage \(stack 'live'\)\.$/);
    expect(live.code).toBe(1);
  });
});
