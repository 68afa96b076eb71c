import * as fs from "fs";
import * as path from "path";
import { allRules } from "../../policies/rules";
import { CATALOGUE_PATH, loadStagePolicyConfigs, renderPolicyCatalogue } from "../../tools/policy-catalogue";

describe("the policy catalogue", () => {
  test("docs/policy-catalogue.md is up to date", () => {
    const expected = renderPolicyCatalogue(allRules, loadStagePolicyConfigs());
    const committed = fs.existsSync(CATALOGUE_PATH) ? fs.readFileSync(CATALOGUE_PATH, "utf8") : "";
    if (committed !== expected) {
      throw new Error("docs/policy-catalogue.md is stale: run `npm run catalogue` and commit docs/policy-catalogue.md");
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
});
