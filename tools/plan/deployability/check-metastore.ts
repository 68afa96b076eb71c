/**
 * `metastore-before-unity-catalog`: Unity Catalog and identity-federation resources of a workspace wait
 * for its metastore assignment. The engine otherwise starts them beside the assignment, as soon as the
 * workspace provider is ready.
 *
 * Source: catalog/resource_catalog.go `Create` needs the workspace's metastore, and
 * catalog/bindings/bindings.go `AddCurrentWorkspaceBindings` reads `Metastores.Current` ("No metastore
 * assigned for the current workspace", terraform-provider-databricks#1632, #1832); identity federation is
 * on only once a metastore is attached (docs/guides/experimental-exporter.md), without it "Permission
 * assignment APIs are not available for this workspace". SRA orders both after the assignment (aws/tf/main.tf).
 */
import { missingEdge, type DeployabilityFinding } from "./findings";
import type { PlanView } from "./plan-view";
import { IDENTITY_FEDERATION_TYPES, T, UNITY_CATALOG_TYPES } from "./resource-types";
import { createdWorkspaceOf, resourcesInWorkspace } from "./workspace-scope";

export const METASTORE_BEFORE_UNITY_CATALOG = "metastore-before-unity-catalog";

/** Findings of `metastore-before-unity-catalog` over one plan. */
export function checkMetastoreFirst(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  for (const assignment of plan.ofType(T.metastoreAssignment)) {
    for (const step of resourcesInWorkspace(plan, createdWorkspaceOf(plan, assignment))) {
      const uc = UNITY_CATALOG_TYPES.has(step.type);
      if (!uc && !IDENTITY_FEDERATION_TYPES.has(step.type)) continue;
      if (plan.waitsFor(step, assignment)) continue;
      const why = uc
        ? "Unity Catalog calls fail until the workspace has a metastore assigned"
        : "workspace identity APIs need identity federation, which assigning the metastore turns on";
      out.push(missingEdge(METASTORE_BEFORE_UNITY_CATALOG, step, assignment, why));
    }
  }
  return out;
}
