/**
 * `securable-before-reference`: a resource that names a Unity Catalog securable the same plan creates (by
 * its full name, a plain string that carries no edge) waits for it. The engine would otherwise start both
 * at once and the create call would meet a securable that does not exist yet.
 *
 * Source: the names are resolved by the create calls: catalog/resource_schema.go `Create` (`Schemas.Create`
 * with `catalog_name`), catalog/resource_sql_table.go `createTable` (`CREATE TABLE catalog.schema.name`),
 * catalog/resource_registered_model.go and resource_volume.go (catalog and schema names),
 * catalog/resource_grants.go `Create` (`replaceAllPermissions` on the securable's full name),
 * qualitymonitor/resource_quality_monitor.go `Create` (`QualityMonitors.Create` on `table_name`, with
 * `output_schema_name`), catalog/resource_workspace_binding.go (`securable_name`),
 * settings/resource_default_namespace_setting.go (`namespace.value`, a catalog), and the serving endpoint's
 * AI gateway inference table (`catalog_name`, `schema_name`).
 */
import type { PlannedStep } from "../types";
import { label, missingEdge, type DeployabilityFinding } from "./findings";
import { stringInput, type PlanView } from "./plan-view";
import { databricksType as db } from "./resource-types";

export const SECURABLE_BEFORE_REFERENCE = "securable-before-reference";

/** `catalog`, `catalog.schema` or `catalog.schema.name` of a securable the step creates, lower-case. */
export function securableName(step: PlannedStep): string | undefined {
  const parts = (...keys: string[]) => {
    const values = keys.map((k) => stringInput(step, k));
    return values.every((v) => v !== undefined) ? values.join(".").toLowerCase() : undefined;
  };
  switch (step.type) {
    case db("Catalog"):
      return parts("name");
    case db("Schema"):
      return parts("catalogName", "name");
    case db("SqlTable"):
    case db("Volume"):
    case db("RegisteredModel"):
      return parts("catalogName", "schemaName", "name");
    default:
      return undefined;
  }
}

/** The full names of securables one step refers to, with the input each came from. */
export function referencedSecurables(step: PlannedStep): { input: string; name: string }[] {
  const out: { input: string; name: string }[] = [];
  const add = (input: string, ...keys: string[]) => {
    const values = keys.map((k) => stringInput(step, k));
    if (values.every((v) => v !== undefined)) out.push({ input, name: values.join(".").toLowerCase() });
  };
  switch (step.type) {
    case db("Schema"):
      add("catalogName", "catalogName");
      break;
    case db("SqlTable"):
    case db("Volume"):
    case db("RegisteredModel"):
      add("catalogName", "catalogName");
      add("schemaName", "catalogName", "schemaName");
      break;
    case db("QualityMonitor"):
      add("tableName", "tableName");
      add("outputSchemaName", "outputSchemaName");
      break;
    case db("Grants"):
    case db("Grant"):
      for (const key of ["catalog", "schema", "table", "model", "volume", "function"]) add(key, key);
      break;
    case db("WorkspaceBinding"):
      add("securableName", "securableName");
      break;
    case db("DefaultNamespaceSetting"): {
      const value = (step.inputs.namespace as { value?: unknown } | undefined)?.value;
      if (typeof value === "string" && value !== "[unknown]") out.push({ input: "namespace", name: value.toLowerCase() });
      break;
    }
    case db("ModelServing"): {
      const table = (step.inputs.aiGateway as { inferenceTableConfig?: Record<string, unknown> } | undefined)?.inferenceTableConfig;
      if (typeof table?.catalogName === "string" && typeof table.schemaName === "string") {
        out.push({ input: "aiGateway", name: `${table.catalogName}.${table.schemaName}`.toLowerCase() });
      }
      break;
    }
  }
  return out;
}

/** Findings of `securable-before-reference` over one plan. */
export function checkSecurablesFirst(plan: PlanView): DeployabilityFinding[] {
  const created = new Map<string, PlannedStep>();
  for (const step of plan.steps) {
    const name = securableName(step);
    if (name !== undefined && !created.has(name)) created.set(name, step);
  }
  const out: DeployabilityFinding[] = [];
  for (const step of plan.steps) {
    for (const ref of referencedSecurables(step)) {
      const target = created.get(ref.name);
      if (target === undefined || target.urn === step.urn || plan.waitsFor(step, target)) continue;
      out.push(missingEdge(SECURABLE_BEFORE_REFERENCE, step, target, `its ${ref.input} names ${ref.name}, which ${label(target)} creates in this plan; pass that resource's output (or dependsOn) so the engine creates it first`));
    }
  }
  return out;
}
