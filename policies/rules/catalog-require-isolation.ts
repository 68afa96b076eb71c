/**
 * catalog-require-isolation: every catalog is ISOLATED, i.e. reachable only from the workspaces bound to it.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CATALOG } from "../lib/resource-types";

/** What the rule needs to know about one catalog. */
export interface CatalogIsolationFacts {
  /** The Pulumi resource name. */
  resourceName: string;
  /** The catalog's Unity Catalog name, when it is a known string. */
  catalogName?: string;
  isolationMode?: unknown;
}

/** Returns a message when the catalog does not set `isolationMode: "ISOLATED"`. */
export function findIsolationGap(facts: CatalogIsolationFacts): string[] {
  const catalog = facts.catalogName !== undefined ? `Catalog '${facts.catalogName}'` : `Catalog resource '${facts.resourceName}'`;
  if (facts.isolationMode === "ISOLATED") return [];
  const what =
    facts.isolationMode === undefined ? "does not set isolationMode" : `sets isolationMode ${JSON.stringify(facts.isolationMode)}`;
  return [`${catalog} ${what}; set isolationMode: "ISOLATED" so only the workspaces bound to it can reach it.`];
}

/** The rule object registered in the pack. */
export const catalogRequireIsolation: DocumentedResourcePolicy = {
  name: "catalog-require-isolation",
  description: "Every stage catalog is ISOLATED, so only workspaces bound to it can reach it.",
  severity: "high",
  remediationSteps:
    "Set `isolationMode: \"ISOLATED\"` on the catalog and declare a WorkspaceBinding for each workspace that " +
    "needs it (READ_WRITE for the owning stage's workspace, READ_ONLY for the dev workspace on prod).",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages: a stage's catalog must not be reachable from every workspace attached to the metastore; " +
      "an OPEN prod catalog would let any workspace, including dev, write to it whenever a grant allows.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "unity_catalog_catalog_creation: databricks_catalog isolation_mode = \"ISOLATED\"",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/unity_catalog_catalog_creation/main.tf",
      },
    ],
  },
  validateResource: forResourceTypes([CATALOG], (args, reportViolation) => {
    // An unknown name (preview) must not stop the isolation check, so read it defensively.
    const name = readIfKnown(() => args.props.name);
    const facts: CatalogIsolationFacts = {
      resourceName: args.name,
      catalogName: name.known && typeof name.value === "string" ? name.value : undefined,
      isolationMode: args.props.isolationMode,
    };
    for (const message of findIsolationGap(facts)) reportViolation(message);
  }),
};
