/**
 * `npm run catalogue`: regenerates docs/policy-catalogue.md from the rule files and the per-stage policy
 * config. Imports the rules, never policies/index.ts (which would start the pack's gRPC server).
 */
import * as fs from "fs";
import * as path from "path";
import { allRules } from "../policies/rules";
import { CATALOGUE_PATH, loadStagePolicyConfigs, renderPolicyCatalogue } from "./policy-catalogue";

const text = renderPolicyCatalogue(allRules, loadStagePolicyConfigs());
fs.mkdirSync(path.dirname(CATALOGUE_PATH), { recursive: true });
fs.writeFileSync(CATALOGUE_PATH, text);
console.log(`wrote ${path.relative(process.cwd(), CATALOGUE_PATH)} (${allRules.length} rules)`);
