/**
 * The Pulumi program: one stack per stage. Reads and validates the stack's configuration before
 * anything is declared, then builds the stage. Run it with `pulumi up --stack <stage>`, or offline
 * with `npm run plan -- --stack <stage>`.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceName } from "./components";
import { CONFIG_NAMESPACE, MlopsStage, isSecretConfigKey, parseStageConfig, rawConfigFromPulumi } from "./stack";

// Throws StageConfigError (every bad key, what was given, what is allowed) before any resource exists.
// Keys in a namespace nothing reads (a typo of the project's name) are refused with the rest.
const allConfig = pulumi.runtime.allConfig();
const config = parseStageConfig(rawConfigFromPulumi(allConfig, CONFIG_NAMESPACE), pulumi.getStack(), {
  isSecret: (key) => isSecretConfigKey(pulumi.runtime, CONFIG_NAMESPACE, key),
  isSecretKey: (fullKey) => isSecretConfigKey(pulumi.runtime, fullKey.slice(0, fullKey.indexOf(":")), fullKey.slice(fullKey.indexOf(":") + 1)),
  allConfig,
});

const stage = new MlopsStage(resourceName(config.stage, config.mlProject), { config });

/** Which stage this stack is. */
export const stageName = config.stage;
/** Whether the stack adopted an existing workspace or created it. */
export const workspaceMode = config.workspace.mode;
/** The workspace this stage deploys into. */
export const workspaceUrl = stage.workspace.workspaceUrl;
/** Its numeric id; staging and prod bind their catalogs read-only to dev's (in create mode through a StackReference to this output). */
export const workspaceId = stage.workspace.workspaceId;
/**
 * The Unity Catalog metastore the created workspace is assigned to (every stage shares one); null for an
 * adopted workspace, whose assignment this stack does not manage (undefined would drop the output with a warning).
 */
export const metastoreId = config.workspace.mode === "create" ? config.workspace.metastoreId : null;
/** The stage catalog. */
export const catalogName = stage.unityCatalog.catalogName;
/** `<catalog>.<schema>` by schema name. */
export const schemas = stage.unityCatalog.schemaFullNames;
/** Privileges on the catalog, by principal (service principals by application id). */
export const catalogGrants = Object.fromEntries(
  stage.access.catalogGrants.map((grant) => [grant.principal, grant.privileges.join(", ")]),
);
/**
 * Workspaces the catalog is visible in, by workspace id: READ_WRITE or READ_ONLY. A created workspace is
 * bound implicitly (READ_WRITE) by creating the catalog through its provider, so it is listed too.
 */
export const catalogBindings = pulumi
  .all([
    ...stage.access.bindings.map((binding) => pulumi.all([binding.workspaceId, binding.bindingType.replace("BINDING_TYPE_", "")])),
    ...(config.workspace.mode === "create" ? [pulumi.all([stage.workspace.workspaceId, "READ_WRITE"])] : []),
  ])
  .apply((entries) => Object.fromEntries(entries));
/** Whether the catalog and schemas refuse deletion (always true on prod). */
export const dataProtected = config.unityCatalog.protectData;
/** Per ML project: its model, its jobs and how retraining starts (schedule, and the trigger or why there is none). */
export const mlProjects = Object.fromEntries(
  Object.entries(stage.mlProjects).map(([name, project]) => [
    name,
    {
      model: project.modelFullName,
      // A monitored project's retraining trigger (and unpack job) are declared with its monitoring.
      jobs: [...Object.keys(project.jobs), ...Object.keys(stage.operations[name]?.monitoring?.jobs ?? {})].sort(),
      retraining: stage.operations[name]?.monitoring?.retraining ?? project.retraining,
    },
  ]),
);
