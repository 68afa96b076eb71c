/**
 * catalog-require-isolation: every catalog is ISOLATED, i.e. reachable only from the workspaces bound to it, and
 * so are the storage credentials and external locations that give Unity Catalog access to cloud storage.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CATALOG, EXTERNAL_LOCATION, STORAGE_CREDENTIAL, typeDisplayName } from "../lib/resource-types";

/**
 * The isolated value of each judged type. Catalogs spell it `ISOLATED`; storage credentials and external
 * locations `ISOLATION_MODE_ISOLATED` (the provider's docs/resources/storage_credential.md and external_location.md).
 */
export const ISOLATED_VALUE: Readonly<Record<string, string>> = {
  [CATALOG]: "ISOLATED",
  [STORAGE_CREDENTIAL]: "ISOLATION_MODE_ISOLATED",
  [EXTERNAL_LOCATION]: "ISOLATION_MODE_ISOLATED",
};

/** The types the rule judges. */
export const ISOLATED_TYPES: readonly string[] = Object.keys(ISOLATED_VALUE);

/** What the rule needs to know about one catalog, storage credential or external location. */
export interface CatalogIsolationFacts {
  /** The resource type. Default: a catalog. */
  type?: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** The securable's Unity Catalog name, when it is a known string. */
  catalogName?: string;
  isolationMode?: unknown;
}

/** Returns a message when the securable does not set its type's isolated `isolationMode`. */
export function findIsolationGap(facts: CatalogIsolationFacts): string[] {
  const type = facts.type ?? CATALOG;
  const isolated = ISOLATED_VALUE[type] ?? ISOLATED_VALUE[CATALOG];
  const label = typeDisplayName(type);
  const subject = facts.catalogName !== undefined ? `${label} '${facts.catalogName}'` : `${label} resource '${facts.resourceName}'`;
  if (facts.isolationMode === isolated) return [];
  const what =
    facts.isolationMode === undefined ? "does not set isolationMode" : `sets isolationMode ${JSON.stringify(facts.isolationMode)}`;
  return [`${subject} ${what}; set isolationMode: "${isolated}" so only the workspaces bound to it can reach it.`];
}

/** The rule object registered in the pack. */
export const catalogRequireIsolation: DocumentedResourcePolicy = {
  name: "catalog-require-isolation",
  description:
    "Every stage catalog is ISOLATED, and so is every storage credential and external location, so only workspaces bound to them can reach them.",
  severity: "high",
  remediationSteps:
    "Set `isolationMode: \"ISOLATED\"` on the catalog and declare a WorkspaceBinding for each workspace that " +
    "needs it (READ_WRITE for the owning stage's workspace, READ_ONLY for the dev workspace on prod). Set " +
    "`isolationMode: \"ISOLATION_MODE_ISOLATED\"` on storage credentials and external locations; the provider binds " +
    "the workspace it creates them through.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages: a stage's catalog must not be reachable from every workspace attached to the metastore; " +
      "an OPEN prod catalog would let any workspace, including dev, write to it whenever a grant allows. The same " +
      "holds for the storage under it: an OPEN storage credential or external location over the prod catalog's " +
      "bucket could be used from any workspace of the metastore, whatever the catalog's own isolation.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "unity_catalog_catalog_creation: databricks_catalog isolation_mode = \"ISOLATED\"; storage credential and external location ISOLATION_MODE_ISOLATED",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/unity_catalog_catalog_creation/main.tf",
      },
    ],
  },
  validateResource: forResourceTypes(ISOLATED_TYPES, (args, reportViolation) => {
    // An unknown name (preview) must not stop the isolation check, so read it defensively.
    const name = readIfKnown(() => args.props.name);
    const facts: CatalogIsolationFacts = {
      type: args.type,
      resourceName: args.name,
      catalogName: name.known && typeof name.value === "string" ? name.value : undefined,
      isolationMode: args.props.isolationMode,
    };
    for (const message of findIsolationGap(facts)) reportViolation(message);
  }),
};
