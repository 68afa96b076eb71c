import * as fs from "fs";
import * as path from "path";
import { allRules } from "../../policies/rules";
import { spawnSync } from "child_process";
import * as os from "os";
import { admittedTypeTable, admittedTypes, loadStagePolicyConfigs, renderPolicyCatalogue, unjudgedAdmittedTypes } from "../../tools/policy-catalogue";
import { judgesType } from "../../policies/lib/judged-types";
import { countTestCases } from "../../tools/catalogue-test-cases";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the policy catalogue", () => {
  // Counting each rule's test cases loads the test files with stand-ins for jest's globals, which only a
  // process of its own can do cleanly; the check is the generator's own `--check`.
  test("docs/policy-catalogue.md is up to date, and every rule has a compliant and a failing case", () => {
    const run = spawnSync(process.execPath, ["tools/run-ts.js", "tools/write-policy-catalogue.ts", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  test("test cases are counted as jest collects them: .each rows, nested describes, skipped cases left out", () => {
    expect(countTestCases(path.join(ROOT, "test", "fixtures", "catalogue-count.fixture.ts"))).toBe(7);
  });

  test("lists the waivers each stage config holds, without a status that would change with the calendar", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catalogue-"));
    const urn = "urn:pulumi:dev::databricks-mlops::databricks:index/cluster:Cluster::dev-shared";
    const reason = "Shared exploration cluster until the move to job clusters (MLOPS-42).";
    fs.writeFileSync(path.join(dir, "dev.json"), JSON.stringify({ "clusters-require-auto-termination": { waivers: [{ urn, reason, expires: "2026-12-31" }] } }));
    try {
      const text = renderPolicyCatalogue(allRules, loadStagePolicyConfigs(allRules, dir), new Map());
      expect(text).toContain(
        ["| stage | rule | resource | expires | reason |", "|---|---|---|---|---|", `| dev | \`clusters-require-auto-termination\` | \`${urn}\` | 2026-12-31 | ${reason} |`].join("\n"),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(allRules.map((r) => [r.name, r] as const))("%s lives in its own file and is fully documented", (name, rule) => {
    expect(fs.existsSync(path.resolve(__dirname, "../../policies/rules", `${name}.ts`))).toBe(true);
    expect(name).toMatch(/^[a-z]+-[a-z]+-[a-z-]+$/);
    expect(rule.severity).toBeDefined();
    expect(rule.remediationSteps?.length).toBeGreaterThan(20);
    expect(rule.documentation.rationale.length).toBeGreaterThan(20);
    for (const control of rule.documentation.controls) expect(control.url).toMatch(/^https:\/\//);
  });

  test("every stage config names a level for every rule", () => {
    const stages = loadStagePolicyConfigs();
    expect(stages.map((s) => s.stage)).toEqual(["dev", "staging", "prod"]);
    for (const stage of stages) expect([...stage.policies.keys()]).toEqual(expect.arrayContaining(allRules.map((r) => r.name)));
  });

  test("every type a stage admits is judged by at least one rule other than the default deny", () => {
    const stages = loadStagePolicyConfigs();
    for (const stage of stages) expect([stage.stage, admittedTypes(stage).length > 0]).toEqual([stage.stage, true]);
    expect(unjudgedAdmittedTypes(allRules, stages)).toEqual([]);
    expect(admittedTypeTable(allRules, stages).get("pulumi:providers:databricks")).toEqual(["providers-forbid-credentials", "providers-restrict-databricks-hosts"]);
  });

  test("an admitted type no rule judges fails the check and shows as judged by none in the catalogue", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catalogue-"));
    const dashboard = "databricks:index/dashboard:Dashboard";
    fs.writeFileSync(path.join(dir, "prod.json"), JSON.stringify({ "resources-restrict-types": { allowedTypes: [dashboard, "databricks:index/catalog:Catalog"] } }));
    try {
      const stages = loadStagePolicyConfigs(allRules, dir);
      expect(unjudgedAdmittedTypes(allRules, stages)).toEqual([dashboard]);
      expect(renderPolicyCatalogue(allRules, stages, new Map())).toContain(`| \`${dashboard}\` | yes | **none** |`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("which rules judge a type: resource rules by their applicability, stack rules by judgedTypes, never the default deny", () => {
    const rule = (name: string) => allRules.find((r) => r.name === name)!;
    expect(judgesType(rule("catalog-require-isolation"), "databricks:index/catalog:Catalog")).toBe(true);
    expect(judgesType(rule("catalog-require-isolation"), "databricks:index/schema:Schema")).toBe(false);
    expect(judgesType(rule("aws-require-pinned-provider"), "aws:ec2/vpc:Vpc")).toBe(true);
    expect(judgesType(rule("grants-forbid-mixed-kinds"), "databricks:index/grant:Grant")).toBe(true);
    // It reads the securables the stack declares (a grant's target must be one), so it judges Catalog, but not Job.
    expect(judgesType(rule("grants-forbid-mixed-kinds"), "databricks:index/catalog:Catalog")).toBe(true);
    expect(judgesType(rule("grants-forbid-mixed-kinds"), "databricks:index/job:Job")).toBe(false);
    expect(judgesType(rule("resources-restrict-types"), "databricks:index/catalog:Catalog")).toBe(false);
    expect(judgesType(rule("secrets-require-secret-values"), "databricks:index/secret:Secret")).toBe(false);
  });
});
