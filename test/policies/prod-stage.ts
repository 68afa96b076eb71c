/**
 * The prod stage exactly as the program emits it (recorded once per test file from `rawProd()`
 * under the mock runtime), by role, for tests that drive the policy pack.
 */
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage } from "../support/record-stage";
import { rawProd } from "../support/stage-configs";

/** The recorded prod stage, by role, plus `all` in registration order. */
export interface ProdStage {
  stack: PlannedStep;
  provider: PlannedStep;
  stage: PlannedStep;
  stageCatalog: PlannedStep;
  catalog: PlannedStep;
  /** ml_assets, features, inference, monitoring, in that order. */
  schemas: PlannedStep[];
  grants: PlannedStep;
  ownBinding: PlannedStep;
  devBinding: PlannedStep;
  all: PlannedStep[];
}

let recording: Promise<PlannedStep[]> | undefined;

function one(steps: PlannedStep[], type: string, name?: string): PlannedStep {
  const found = steps.filter((s) => s.type === type && (name === undefined || s.name === name));
  if (found.length !== 1) throw new Error(`the recorded prod stage has ${found.length} ${type} ${name ?? ""}`);
  return found[0];
}

/** The prod stage of the shipped program; a fresh copy each call, so tests may change it. */
export async function prodStage(): Promise<ProdStage> {
  recording ??= recordStage(rawProd(), "prod");
  const all = structuredClone(await recording);
  const binding = "databricks:index/workspaceBinding:WorkspaceBinding";
  return {
    stack: one(all, "pulumi:pulumi:Stack"),
    provider: one(all, "pulumi:providers:databricks"),
    stage: one(all, "databricks-mlops:index:MlopsStage"),
    stageCatalog: one(all, "databricks-mlops:catalog:StageCatalog"),
    catalog: one(all, "databricks:index/catalog:Catalog"),
    schemas: all.filter((s) => s.type === "databricks:index/schema:Schema"),
    grants: one(all, "databricks:index/grants:Grants"),
    ownBinding: one(all, binding, "prod-mlops-catalog-binding-own"),
    devBinding: one(all, binding, "prod-mlops-catalog-binding-dev-read"),
    all,
  };
}
