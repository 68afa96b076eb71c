/**
 * Data safety of the prod stage: every data-holding resource of the prod plan is protected, the shipped
 * inventory of protected data matches the plan, and data-forbid-dropped-resources catches the changes that
 * would lose a protected resource (a rename without an alias, a dropped `protect`) through the launched pack.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_HOLDING_TYPES } from "../../policies/rules/data-require-deletion-protection";
import { inventoryOf } from "../../tools/inventory/inventory";
import type { PlanDocument } from "../../tools/plan/types";
import { type CliRun, ROOT, runPlanCli } from "./run-cli";
import { sharedPlanRun } from "../support/shared-plan-runs";

const MINI = ["--stack", "prod", "--cwd", "test/fixtures/mini-project", "--policy-pack", "../../../policies", "--policy-pack-config", "inventory-prod.json", "--json"];
const OLD_CATALOG = "urn:pulumi:prod::mini-mlops::mini:mlops:Stage$mini:mlops:Data$databricks:index/catalog:Catalog::prod-catalog";
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  const cases: Record<string, string[]> = {
    prod: ["--stack", "prod", "--json"],
    unchanged: MINI,
    renamed: [...MINI, "--config-file", "Pulumi.prod-renamed.yaml"],
    unaliased: [...MINI, "--config-file", "Pulumi.prod-renamed-unaliased.yaml"],
    unprotected: [...MINI, "--config-file", "Pulumi.prod-unprotected.yaml"],
  };
  // The shipped prod plan is shared with the other files that read it (shared-plan-runs.ts).
  const results = await Promise.all(Object.entries(cases).map(([name, args]) => (name === "prod" ? sharedPlanRun(args) : runPlanCli(args))));
  Object.keys(cases).forEach((k, i) => (runs[k] = results[i]));
}, 120000);

const doc = (name: string) => JSON.parse(runs[name].stdout) as PlanDocument;
const dropped = (name: string) => doc(name).policyViolations.filter((v) => v.policyName === "data-forbid-dropped-resources");

describe("the prod plan's data", () => {
  test("every data-holding resource is protected and retained on delete, and the kinds prod holds are all there", () => {
    const data = doc("prod").steps.filter((s) => DATA_HOLDING_TYPES.includes(s.type));
    expect([...new Set(data.map((s) => s.type))].sort()).toEqual([
      "aws:dynamodb/table:Table",
      "aws:kms/key:Key",
      "aws:s3/bucket:Bucket",
      "databricks:index/catalog:Catalog",
      "databricks:index/directory:Directory",
      "databricks:index/externalLocation:ExternalLocation",
      "databricks:index/mlflowExperiment:MlflowExperiment",
      "databricks:index/mwsWorkspaces:MwsWorkspaces",
      "databricks:index/registeredModel:RegisteredModel",
      "databricks:index/schema:Schema",
      "databricks:index/sqlTable:SqlTable",
      "databricks:index/storageCredential:StorageCredential",
    ]);
    for (const step of data) expect([step.name, step.protect, step.retainOnDelete]).toEqual([step.name, true, true]);
  });

  test("the inventory in policies/config/prod.json lists exactly the plan's protected data", () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", "prod.json"), "utf8")) as Record<string, { inventory?: string[] }>;
    const onFile = config["data-forbid-dropped-resources"]?.inventory ?? [];
    const planned = inventoryOf(doc("prod").steps);
    if (JSON.stringify(onFile) !== JSON.stringify(planned)) {
      throw new Error(
        "policies/config/prod.json data-forbid-dropped-resources.inventory differs from the prod plan: run " +
          "`npm run --silent inventory -- --stack prod` and, after review, paste its output as the inventory",
      );
    }
    expect(planned.length).toBeGreaterThan(10);
  });
});

describe("data-forbid-dropped-resources through the launched pack", () => {
  test("the unchanged program passes", () => {
    expect(runs.unchanged.code).toBe(0);
    expect(dropped("unchanged")).toEqual([]);
  });

  test("a rename with an alias to the old name passes: the pack sees the old URN as the engine resolves it", () => {
    const catalog = doc("renamed").steps.find((s) => s.name === "prod-ml-catalog");
    expect(catalog?.aliases).toEqual([OLD_CATALOG]);
    expect(dropped("renamed")).toEqual([]);
    expect(runs.renamed.code).toBe(0);
  });

  test("a rename without an alias fails: Pulumi would delete the protected catalog", () => {
    expect(dropped("unaliased")).toEqual([
      expect.objectContaining({
        urn: "",
        enforcementLevel: "mandatory",
        message: expect.stringMatching(/\nCatalog 'prod-catalog' \(urn:pulumi:prod::mini-mlops::.*::prod-catalog\) is in this stage's inventory of protected data but the program no longer declares it, so Pulumi would delete it\./),
      }),
    ]);
    expect(runs.unaliased.code).toBe(1);
  });

  test("dropping protect fails on the resource", () => {
    expect(dropped("unprotected")).toEqual([
      expect.objectContaining({
        urn: OLD_CATALOG,
        message: expect.stringContaining(
          `\nCatalog 'prod-catalog' (${OLD_CATALOG}) is in this stage's inventory of protected data but is no longer protected; keep protect: true.`,
        ),
      }),
    ]);
    expect(runs.unprotected.code).toBe(1);
  });
});
