/**
 * `npm run catalogue`: regenerates docs/policy-catalogue.md from the rule files, the per-stage policy config
 * and the rules' test files. With `--check` it writes nothing and exits 1 when the file is stale (the test
 * suite runs that). Either way it refuses a rule with fewer than MIN_TEST_CASES test cases, and an admitted type
 * (allowedTypes of resources-restrict-types on any stage) that no rule judges. Imports the
 * rules, never policies/index.ts (which would start the pack's gRPC server).
 */
import * as fs from "fs";
import * as path from "path";
import { allRules } from "../policies/rules";
import { CATALOGUE_PATH, MIN_TEST_CASES, countRuleTestCases, loadStagePolicyConfigs, renderPolicyCatalogue, unjudgedAdmittedTypes } from "./policy-catalogue";

const check = process.argv.includes("--check");
const testCases = countRuleTestCases(allRules);
const untested = allRules.filter((r) => (testCases.get(r.name) ?? 0) < MIN_TEST_CASES).map((r) => `${r.name} (${testCases.get(r.name) ?? 0})`);
if (untested.length > 0) {
  console.error(`rules with fewer than ${MIN_TEST_CASES} test cases in test/policies/<rule>.test.ts: ${untested.join(", ")}`);
  process.exit(1);
}
const stages = loadStagePolicyConfigs();
const unjudged = unjudgedAdmittedTypes(allRules, stages);
if (unjudged.length > 0) {
  console.error(`admitted types no rule judges (add a rule that judges each, or remove it from allowedTypes): ${unjudged.join(", ")}`);
  process.exit(1);
}
const text = renderPolicyCatalogue(allRules, stages, testCases);
const shown = path.relative(process.cwd(), CATALOGUE_PATH);
if (check) {
  const committed = fs.existsSync(CATALOGUE_PATH) ? fs.readFileSync(CATALOGUE_PATH, "utf8") : "";
  if (committed !== text) {
    console.error(`${shown} is stale: run \`npm run catalogue\` and commit ${shown}`);
    process.exit(1);
  }
  console.log(`${shown} is up to date (${allRules.length} rules)`);
} else {
  fs.mkdirSync(path.dirname(CATALOGUE_PATH), { recursive: true });
  fs.writeFileSync(CATALOGUE_PATH, text);
  console.log(`wrote ${shown} (${allRules.length} rules)`);
}
