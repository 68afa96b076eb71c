/**
 * `catalog-storage`: a catalog whose managed storage lies in an external location of the plan waits for
 * that location; an external location waits for its storage credential and, unless it skips validation,
 * for the policies of the IAM role that credential names.
 *
 * Source: catalog/resource_external_location.go `Create` sends `ExternalLocations.Create` (the server
 * validates the location with its credential unless `skip_validation`, docs/resources/external_location.md
 * "Suppress validation errors if any & force save"); catalog/resource_catalog.go `Create` passes
 * `storage_root`, which must lie in an external location (Databricks docs "Specify a managed storage
 * location in Unity Catalog"); SRA creates credential, location and catalog in that order
 * (modules/databricks_workspace/unity_catalog_catalog_creation/main.tf) (provider-evidence finding 7).
 */
import type { PlannedStep } from "../types";
import { label, missingEdge, type DeployabilityFinding } from "./findings";
import { stringInput, type PlanView } from "./plan-view";
import { policiesOf, rolesBehind } from "./iam-roles";
import { T } from "./resource-types";

export const CATALOG_STORAGE = "catalog-storage";

/** True when `path` is `url` or lies under it (compared without trailing slashes). */
export function liesUnder(path: string, url: string): boolean {
  const base = url.replace(/\/+$/, "");
  const p = path.replace(/\/+$/, "");
  return p === base || p.startsWith(`${base}/`);
}

/** The external location of the plan that holds `path`: the one with the longest matching URL. */
function locationHolding(plan: PlanView, path: string): PlannedStep | undefined {
  let best: PlannedStep | undefined;
  for (const location of plan.ofType(T.externalLocation)) {
    const url = stringInput(location, "url");
    if (url !== undefined && liesUnder(path, url) && (best === undefined || url.length > stringInput(best, "url")!.length)) best = location;
  }
  return best;
}

/** The storage credential of the plan an external location names (by input source or by name). */
function credentialOf(plan: PlanView, location: PlannedStep): PlannedStep | undefined {
  const name = stringInput(location, "credentialName");
  const sources = location.propertyDependencies.credentialName ?? [];
  return plan.ofType(T.storageCredential).find((c) => sources.includes(c.urn) || (name !== undefined && stringInput(c, "name") === name));
}

function locationFindings(plan: PlanView, location: PlannedStep): DeployabilityFinding[] {
  const credential = credentialOf(plan, location);
  if (credential === undefined) return [];
  const out: DeployabilityFinding[] = [];
  if (!plan.waitsFor(location, credential)) {
    out.push(missingEdge(CATALOG_STORAGE, location, credential, "an external location is created with its storage credential, which must exist first"));
  }
  if (location.inputs.skipValidation === true) return out;
  for (const role of rolesBehind(plan, credential, "awsIamRole")) {
    for (const policy of policiesOf(plan, role)) {
      if (plan.waitsFor(location, policy)) continue;
      out.push(missingEdge(CATALOG_STORAGE, location, policy, `Unity Catalog validates the location with ${label(credential)}, whose role ${role.name} cannot reach the bucket until this policy is attached`));
    }
  }
  return out;
}

/** Findings of `catalog-storage` over one plan. */
export function checkCatalogStorage(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  for (const catalog of plan.ofType(T.catalog)) {
    const root = stringInput(catalog, "storageRoot");
    const location = root === undefined ? undefined : locationHolding(plan, root);
    if (location && !plan.waitsFor(catalog, location)) {
      out.push(missingEdge(CATALOG_STORAGE, catalog, location, `its storage root ${root} lies in that external location, which must exist before the catalog can use it`));
    }
  }
  for (const location of plan.ofType(T.externalLocation)) out.push(...locationFindings(plan, location));
  return out;
}
