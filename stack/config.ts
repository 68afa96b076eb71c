/**
 * The stage configuration: what a stack file may say, validated before any resource is declared.
 *
 * Every key lives in the project's namespace (`databricks-mlops:<key>`); objects are set with
 * `pulumi config set --path`. `parseStageConfig` turns the raw values into a `StageConfig` with every
 * default filled in, or throws a `StageConfigError` listing each bad key, what was given and what is
 * allowed.
 */
import { z } from "zod";
import { CATALOG_GRANTABLE_PRIVILEGES, ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, STAGE_ALLOWED, UC_NAME_ALLOWED, UC_NAME_PATTERN, checkMlProjects, defaultCatalogName, findCatalogStorageIssues, findWorkspaceConfigIssues, GROUP_ALLOWED, groupSchema, type IdentitiesConfig, identitiesSectionSchema, isApplicationId, isAutomatedStage, type MlProjectConfig, mlProjectsSchema, normalizePrivilege, normalizePrivileges, principalKind, REASON, refusedBy, resolveCreateStorage, resolveIdentities, resolveMlProjects, resolveWorkspace, SCHEMA_GRANTABLE_PRIVILEGES, type SchemaConfig, stackNameSchema, type Stage, STAGES, strictObject, text, type WorkspaceConfig, workspaceIdSchema, workspaceSectionSchema } from "../components";
import { findAccessConfigIssues } from "./access-config-checks";
import { StageConfigError, describeIssues } from "./config-errors";
import { providerCredentialProblems } from "./config-credentials";
import { foreignNamespaceProblems } from "./config-namespaces";

export { StageConfigError } from "./config-errors";
export type { SchemaConfig } from "../components";

/** The Pulumi project name, which is also the namespace of every config key. */
export const CONFIG_NAMESPACE = "databricks-mlops";

/** Schemas every stage catalog has, one per kind of ML asset in the reference design. */
export const STANDARD_SCHEMAS = [
  { name: "ml_assets", comment: "Registered models and other ML assets of the stage." },
  { name: "features", comment: "Feature tables written by the feature engineering pipeline." },
  { name: "inference", comment: "Batch predictions and serving endpoint inference tables." },
  { name: "monitoring", comment: "Lakehouse monitor output: profile and drift metric tables." },
] as const;

const STANDARD_SCHEMA_NAMES: readonly string[] = STANDARD_SCHEMAS.map((schema) => schema.name);

const ALLOWED = {
  stage: STAGE_ALLOWED,
  mlProject: ML_PROJECT_ALLOWED,
  group: GROUP_ALLOWED,
  applicationId: "a service principal application id (UUID), e.g. \"6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f\"",
  principal: "a group name, a user e-mail or a service principal application id (UUID)",
  catalogName: UC_NAME_ALLOWED,
  schemaName: UC_NAME_ALLOWED,
  storageRoot: "an S3 URL, e.g. \"s3://my-bucket/catalogs/prod\"",
  boolean: "true or false",
} as const;

const principalSchema = text(ALLOWED.principal).refine((value) => principalKind(value) !== undefined, {
  error: ALLOWED.principal,
});
const identifierSchema = (allowed: string) => text(allowed, UC_NAME_PATTERN);

const extraGrantSchema = strictObject({
  principal: principalSchema,
  privileges: z
    .array(z.string({ error: "privilege names as strings" }), { error: "a non-empty list of privilege names" })
    .min(1, { error: "a non-empty list of privilege names" }),
  schema: identifierSchema(ALLOWED.schemaName).optional(),
});

/** The raw shape of the stack configuration, key by key. */
export const stageConfigSchema = strictObject({
  stage: z.enum(STAGES, { error: ALLOWED.stage }),
  mlProject: text(ALLOWED.mlProject, SHORT_NAME_PATTERN).default("mlops"),
  workspace: workspaceSectionSchema,
  groups: strictObject({
    dataScientists: groupSchema,
    mlEngineers: groupSchema,
  }),
  servicePrincipal: strictObject({
    applicationId: text(ALLOWED.applicationId).refine(isApplicationId, { error: ALLOWED.applicationId }),
  }).optional(),
  devAccess: strictObject({
    workspaceId: workspaceIdSchema.optional(),
    stack: stackNameSchema.optional(),
    readerGroups: z.array(groupSchema, { error: `a list of group names (${ALLOWED.group})` }).optional(),
  }).optional(),
  unityCatalog: strictObject({
    catalogName: identifierSchema(ALLOWED.catalogName).optional(),
    storageRoot: text(ALLOWED.storageRoot, /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/).optional(),
    createStorage: z.boolean({ error: ALLOWED.boolean }).optional(),
    owner: principalSchema.optional(),
    protectData: z.boolean({ error: ALLOWED.boolean }).optional(),
    extraSchemas: z
      .array(
        strictObject({
          name: identifierSchema(ALLOWED.schemaName),
          comment: z.string({ error: "a string" }).optional(),
        }),
        { error: "a list of { name, comment } objects" },
      )
      .optional(),
    extraGrants: z.array(extraGrantSchema, { error: "a list of { principal, privileges, schema } objects" }).optional(),
  }).default({}),
  identities: identitiesSectionSchema.default({}),
  mlProjects: mlProjectsSchema,
  notificationSecrets: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "entry names of letters, digits, '_' and '-'" }), z.string({ error: "a secret string" }), {
      error: "a map of entry name to secret value, each set with `pulumi config set --secret --path 'notificationSecrets.<name>' <value>`",
    })
    .optional(),
});

type RawStageConfig = z.infer<typeof stageConfigSchema>;


/** An additional grant beyond the access model, on the catalog or on one of its schemas. */
export interface ExtraGrant {
  /** A group name, a user e-mail or a service principal application id. */
  principal: string;
  /** Normalized privilege names (upper case, `_`). */
  privileges: string[];
  /** Schema name inside the stage catalog; undefined grants on the catalog itself. */
  schema?: string;
}

/** The validated stage configuration with every default resolved. */
export interface StageConfig {
  /** Which stage the stack deploys; decides who writes, who reads and what is protected. */
  stage: Stage;
  /** Short name of the ML project, used in every resource name (`<stage>-<mlProject>-<purpose>`). Default `mlops`. */
  mlProject: string;
  /** The stage's workspace: adopted (its URL and id) or created on AWS (see `components/workspace/config.ts`). */
  workspace: WorkspaceConfig;
  /** Account groups of the people working on the project. */
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's deployment service principal; required on staging and prod. */
  servicePrincipal?: { applicationId: string };
  /**
   * Read access from the dev workspace (staging and prod only): the dev workspace id the catalog is
   * bound READ_ONLY to, and the groups granted read privileges (default: both project groups).
   */
  devAccess?: {
    /** The adopted dev workspace's id; undefined when it comes from the dev stack's outputs. */
    workspaceId?: string;
    /** The dev stack (`<stack>` of this project and organization, or `<org>/<project>/<stack>`) whose `workspaceId` output names the created dev workspace. */
    stack?: string;
    readerGroups: string[];
  };
  /** The stage catalog. */
  unityCatalog: {
    /** Default `<stage>_<mlProject>`. */
    catalogName: string;
    /**
     * Managed storage location (`s3://...`) under an existing external location. Default: the storage the stack
     * creates (`createStorage`), else the metastore's root storage.
     */
    storageRoot?: string;
    /**
     * Create the catalog's own bucket, role, storage credential and external location (create mode only).
     * Default true in create mode unless `storageRoot` is given, false in adopt mode.
     */
    createStorage: boolean;
    /** Default: the stage's service principal, when one is configured. */
    owner?: string;
    /** Protect data-holding resources against deletion. Default true on prod (and required there). */
    protectData: boolean;
    /** The standard schemas followed by `extraSchemas`. */
    schemas: SchemaConfig[];
    /** Grants beyond the access model, merged into the one authoritative `Grants` per securable. Default none. */
    extraGrants: ExtraGrant[];
  };
  /** Identities assigned to the workspace beyond the project groups and the service principal. */
  identities: IdentitiesConfig;
  /** The ML projects the stage hosts, each with its model, experiment and jobs. Default none. */
  mlProjects: MlProjectConfig[];
  /**
   * Entry names of the secret `notificationSecrets` key (Slack and webhook URLs). Only the names: the
   * values are read as Pulumi secrets where they are used, never kept in plain config. Default none.
   */
  notificationSecretNames: string[];
}

/** How `parseStageConfig` learns which keys the stack file holds as secrets. */
export interface ParseOptions {
  /** True when the key (without namespace) is a secret; `pulumi.runtime.isConfigSecret` in a program. Default: nothing is secret. */
  isSecret?: (key: string) => boolean;
  /**
   * The whole config map (`pulumi.runtime.allConfig()`): its keys in a namespace that is neither the project's
   * nor a provider's are refused (config-namespaces.ts). Default: not checked.
   */
  allConfig?: Readonly<Record<string, string>>;
  /**
   * True when a key of any namespace (`aws:secretKey`) is a secret in the stack file; provider credentials there are
   * refused (config-credentials.ts). Default: nothing is secret, so every provider credential counts as plain text.
   */
  isSecretKey?: (fullKey: string) => boolean;
}

/** Cross-field rules the schema alone cannot express; each issue names its key. */
function checkStageRules(raw: RawStageConfig, refinement: z.RefinementCtx): void {
  // Marked so the error text prints these reasons as they are, not as "expected <allowed>".
  const context = {
    addIssue: (issue: { code: "custom"; path: (string | number)[]; message: string }) =>
      refinement.addIssue({ ...issue, params: { [REASON]: true } }),
  };
  // What the schema refused already; rules reading those values stay silent rather than blame other keys.
  const refused = refusedBy(refinement.issues);
  const automated = isAutomatedStage(raw.stage);
  if (automated && !raw.servicePrincipal) {
    context.addIssue({
      code: "custom",
      path: ["servicePrincipal"],
      message: `required on ${raw.stage}: an object with key applicationId (the stage's deployment service principal)`,
    });
  }
  if (automated && !raw.devAccess) {
    context.addIssue({
      code: "custom",
      path: ["devAccess"],
      message: `required on ${raw.stage}: an object with keys workspaceId or stack, readerGroups (read access from the dev workspace)`,
    });
  }
  if (!automated && raw.devAccess) {
    context.addIssue({
      code: "custom",
      path: ["devAccess"],
      message: "not allowed on dev: dev is the workspace that reads from staging and prod, set devAccess there",
    });
  }
  for (const issue of findWorkspaceConfigIssues(raw, refused)) context.addIssue({ code: "custom", ...issue });
  for (const issue of findCatalogStorageIssues(raw, refused)) context.addIssue({ code: "custom", ...issue });
  if (raw.stage === "prod" && raw.unityCatalog.protectData === false) {
    context.addIssue({
      code: "custom",
      path: ["unityCatalog", "protectData"],
      message: "must be true on prod: production data is protected against deletion",
    });
  }
  for (const issue of findAccessConfigIssues(raw, refused)) context.addIssue({ code: "custom", ...issue });
  const schemaNames = [...STANDARD_SCHEMA_NAMES];
  (raw.unityCatalog.extraSchemas ?? []).forEach((schema, index) => {
    if (schemaNames.includes(schema.name)) {
      context.addIssue({
        code: "custom",
        path: ["unityCatalog", "extraSchemas", index, "name"],
        message: `a schema named "${schema.name}" already exists; the standard schemas are ${STANDARD_SCHEMA_NAMES.join(", ")}`,
      });
    }
    schemaNames.push(schema.name);
  });
  (raw.unityCatalog.extraGrants ?? []).forEach((grant, index) => {
    const path = ["unityCatalog", "extraGrants", index];
    // With a refused extra schema name, which schema was meant is unknown.
    if (grant.schema !== undefined && !schemaNames.includes(grant.schema) && !refused(["unityCatalog", "extraSchemas"])) {
      context.addIssue({
        code: "custom",
        path: [...path, "schema"],
        message: `no such schema in the stage catalog; allowed: ${schemaNames.join(", ")}`,
      });
    }
    const grantable: readonly string[] = grant.schema === undefined ? CATALOG_GRANTABLE_PRIVILEGES : SCHEMA_GRANTABLE_PRIVILEGES;
    grant.privileges.forEach((privilege, privilegeIndex) => {
      const normalized = normalizePrivilege(privilege);
      if (normalized === "ALL_PRIVILEGES") {
        context.addIssue({
          code: "custom",
          path: [...path, "privileges", privilegeIndex],
          message: "ALL_PRIVILEGES is not accepted: name the privileges the principal needs",
        });
      } else if (!grantable.includes(normalized)) {
        context.addIssue({
          code: "custom",
          path: [...path, "privileges", privilegeIndex],
          message: `not a privilege grantable on a ${grant.schema === undefined ? "catalog" : "schema"}; allowed: ${grantable.join(", ")}`,
        });
      }
    });
  });
  checkMlProjects(raw.mlProjects, raw.stage, (path, message) => context.addIssue({ code: "custom", path, message }), Object.keys(raw.notificationSecrets ?? {}), refused);
}

/** Fills in every default; the input has passed the schema and the cross-field rules. */
function resolveDefaults(raw: RawStageConfig): StageConfig {
  const protectData = raw.unityCatalog.protectData ?? raw.stage === "prod";
  return {
    stage: raw.stage,
    mlProject: raw.mlProject,
    workspace: resolveWorkspace(raw.stage, raw.workspace),
    groups: raw.groups,
    servicePrincipal: raw.servicePrincipal,
    devAccess: raw.devAccess && {
      ...(raw.devAccess.workspaceId === undefined ? {} : { workspaceId: raw.devAccess.workspaceId }),
      ...(raw.devAccess.stack === undefined ? {} : { stack: raw.devAccess.stack }),
      readerGroups: raw.devAccess.readerGroups ?? [raw.groups.dataScientists, raw.groups.mlEngineers],
    },
    unityCatalog: {
      catalogName: raw.unityCatalog.catalogName ?? defaultCatalogName(raw.stage, raw.mlProject),
      storageRoot: raw.unityCatalog.storageRoot,
      createStorage: resolveCreateStorage(raw),
      owner: raw.unityCatalog.owner ?? raw.servicePrincipal?.applicationId,
      protectData,
      schemas: [
        ...STANDARD_SCHEMAS.map((schema) => ({ ...schema })),
        ...(raw.unityCatalog.extraSchemas ?? []).map((schema) => ({
          name: schema.name,
          comment: schema.comment ?? `Schema ${schema.name} of the ${raw.stage} stage.`,
        })),
      ],
      extraGrants: (raw.unityCatalog.extraGrants ?? []).map((grant) => ({
        principal: grant.principal,
        privileges: normalizePrivileges(grant.privileges),
        ...(grant.schema === undefined ? {} : { schema: grant.schema }),
      })),
    },
    identities: resolveIdentities(raw.identities),
    mlProjects: resolveMlProjects(raw.mlProjects, raw),
    notificationSecretNames: Object.keys(raw.notificationSecrets ?? {}).sort(),
  };
}

const validatedStageConfigSchema = stageConfigSchema.superRefine(checkStageRules);

/**
 * Validates the raw config values of one stack (top-level key without namespace -> value, objects
 * already parsed from JSON) and resolves every default.
 * @throws StageConfigError listing every bad key; nothing is returned partially.
 */
export function parseStageConfig(raw: Record<string, unknown>, stack: string, options: ParseOptions = {}): StageConfig {
  const result = validatedStageConfigSchema.safeParse(raw);
  const foreign = foreignNamespaceProblems(options.allConfig ?? {}, CONFIG_NAMESPACE);
  if (!result.success || foreign.length > 0) {
    const problems = result.success ? [] : describeIssues(result.error.issues, redactSecrets(raw), CONFIG_NAMESPACE);
    throw new StageConfigError(stack, [...foreign, ...problems].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }
  if (raw.notificationSecrets !== undefined && !(options.isSecret?.("notificationSecrets") ?? false)) {
    // Never echo the values: they are the credentials that must not sit in plain config.
    throw new StageConfigError(stack, [
      {
        key: `${CONFIG_NAMESPACE}:notificationSecrets`,
        given: "a plain value",
        reason: "must be a secret: set each entry with `pulumi config set --secret --path 'notificationSecrets.<name>' <value>`",
      },
    ]);
  }
  const credentials = providerCredentialProblems(options.allConfig ?? {}, result.data.stage, options.isSecretKey ?? (() => false));
  if (credentials.length > 0) throw new StageConfigError(stack, credentials);
  return resolveDefaults(result.data);
}

/** The raw config with the values of `notificationSecrets` hidden, so an error never prints one. */
function redactSecrets(raw: Record<string, unknown>): Record<string, unknown> {
  const secrets = raw.notificationSecrets;
  if (secrets === null || typeof secrets !== "object" || Array.isArray(secrets)) return raw;
  return { ...raw, notificationSecrets: Object.fromEntries(Object.keys(secrets).map((key) => [key, "[secret]"])) };
}
