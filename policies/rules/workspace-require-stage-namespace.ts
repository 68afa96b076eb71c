/**
 * workspace-require-stage-namespace: a workspace's default catalog (DefaultNamespaceSetting) is one of the stage's
 * own catalogs, never `hive_metastore`. Every unqualified table name a job, notebook or query uses resolves there,
 * so a default of another catalog, or of the legacy Hive metastore, sends a stage's reads and writes outside the
 * catalog whose grants the pack judges.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { DEFAULT_NAMESPACE_SETTING } from "../lib/resource-types";

/** The legacy per-workspace metastore, outside Unity Catalog's grants. */
export const HIVE_METASTORE = "hive_metastore";

/** The config of this rule. */
export interface StageNamespaceConfig {
  /** The stage's catalog names; unset: no catalog is the stage's, so every default namespace is refused. */
  catalogNames?: string[];
}

/** Returns a message when the setting's namespace is missing, the Hive metastore, or not one of the stage's catalogs. */
export function findNamespaceGap(name: string, namespace: unknown, config: StageNamespaceConfig): string[] {
  const subject = `DefaultNamespaceSetting '${name}'`;
  const value = (namespace as { value?: unknown } | undefined | null)?.value;
  const allowed = config.catalogNames ?? [];
  const stage = allowed.length === 0 ? "this stage's policy config names no catalog (catalogNames)" : `the stage's catalogs are ${allowed.map((c) => `'${c}'`).join(", ")} (catalogNames in this stage's policy config)`;
  if (typeof value !== "string" || value.trim() === "") {
    return [`${subject} sets no namespace.value; set it to the stage's catalog: ${stage}.`];
  }
  const catalog = value.trim();
  if (catalog.toLowerCase() === HIVE_METASTORE) {
    return [`${subject} makes the legacy '${HIVE_METASTORE}' the default catalog, so unqualified table names escape Unity Catalog's grants; set it to the stage's catalog: ${stage}.`];
  }
  if (!allowed.includes(catalog)) {
    return [`${subject} makes '${catalog}' the default catalog, so unqualified table names resolve outside the stage; ${stage}.`];
  }
  return [];
}

/** The rule object registered in the pack. */
export const workspaceRequireStageNamespace: DocumentedResourcePolicy = {
  name: "workspace-require-stage-namespace",
  description: "A workspace's default catalog is the stage's own catalog, never hive_metastore.",
  severity: "high",
  remediationSteps:
    "Set the DefaultNamespaceSetting's `namespace.value` to the stage's catalog (`<stage>_mlops` by default). A security " +
    "reviewer names the stage's catalogs as `catalogNames` of this rule in policies/config/<stage>.json.",
  configSchema: {
    properties: {
      catalogNames: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        description: "The stage's catalog names. Unset: none, so every default namespace is refused.",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages, Unity Catalog only: the default namespace is where every unqualified table name of the workspace's jobs, " +
      "notebooks and queries resolves. Pointed at another stage's catalog, the stage's code reads or writes that stage's data " +
      "under its own identity; pointed at `hive_metastore`, it leaves Unity Catalog and the grants the pack judges.",
    controls: [],
  },
  validateResource: forResourceTypes([DEFAULT_NAMESPACE_SETTING], (args, reportViolation) => {
    for (const message of findNamespaceGap(args.name, args.props.namespace, args.getConfig<StageNamespaceConfig>())) reportViolation(message);
  }),
};
