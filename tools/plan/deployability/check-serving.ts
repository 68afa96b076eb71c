/**
 * `version-before-serving`: an endpoint does not serve a version of a Unity Catalog model that the same
 * plan creates: a new model has no versions until a training run registers one.
 *
 * Source: serving/resource_model_serving.go `Create` waits for the endpoint (`GetWithTimeout`) and, when the
 * wait fails, deletes the endpoint (`DeleteByName`) and returns the error; the SDK's waiter stops on
 * `UPDATE_FAILED` (databricks-sdk-go `WaitGetServingEndpointNotUpdating`) (provider-evidence finding 2).
 * An endpoint declared without `config` serves nothing yet and is fine.
 */
import type { PlannedStep } from "../types";
import { label, type DeployabilityFinding } from "./findings";
import { stringInput, type PlanView } from "./plan-view";
import { T } from "./resource-types";

export const VERSION_BEFORE_SERVING = "version-before-serving";

/** `catalog.schema.name` of a registered model, lower-case; undefined when a part is not known. */
export function modelFullName(model: PlannedStep): string | undefined {
  const parts = ["catalogName", "schemaName", "name"].map((p) => stringInput(model, p));
  return parts.every((p) => p !== undefined) ? parts.join(".").toLowerCase() : undefined;
}

interface Served {
  model: string;
  version: string;
}

/** The models and versions an endpoint's `config` serves (`servedEntities`, and legacy `servedModels`). */
export function servedVersions(endpoint: PlannedStep): Served[] {
  const config = endpoint.inputs.config;
  if (typeof config !== "object" || config === null) return [];
  const record = config as Record<string, unknown>;
  const out: Served[] = [];
  const read = (list: unknown, nameKey: string, versionKey: string) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (typeof e !== "object" || e === null) continue;
      const entry = e as Record<string, unknown>;
      if (typeof entry[nameKey] === "string") out.push({ model: entry[nameKey] as string, version: String(entry[versionKey] ?? "(none)") });
    }
  };
  read(record.servedEntities, "entityName", "entityVersion");
  read(record.servedModels, "modelName", "modelVersion");
  return out;
}

/** Findings of `version-before-serving` over one plan. */
export function checkServedVersionsExist(plan: PlanView): DeployabilityFinding[] {
  const created = new Map<string, PlannedStep>();
  for (const model of plan.ofType(T.registeredModel)) {
    const full = modelFullName(model);
    if (full !== undefined) created.set(full, model);
  }
  const out: DeployabilityFinding[] = [];
  for (const endpoint of plan.ofType(T.modelServing)) {
    for (const served of servedVersions(endpoint)) {
      const model = created.get(served.model.toLowerCase());
      if (model === undefined) continue;
      out.push({
        precondition: VERSION_BEFORE_SERVING,
        urn: endpoint.urn,
        waitFor: model.urn,
        message:
          `${label(endpoint)} serves version ${served.version} of ${served.model}, which ${label(model)} creates in this same plan: ` +
          "a new model has no versions until a training run registers one, so the endpoint's creation fails (and the provider deletes it); declare the endpoint without config until a version exists",
      });
    }
  }
  return out;
}
