/**
 * The stage's Unity Catalog catalog: the catalog itself, its schemas, its grants and its workspace
 * bindings. This component owns every grant on its securables (one authoritative `Grants` each).
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { ML_PROJECT_ALLOWED, SHORT_NAME_PATTERN, UC_NAME_ALLOWED, UC_NAME_PATTERN, checkStageArg, checkTextArg } from "./arg-checks";
import { assertValidArgs } from "./args-error";
import type { CatalogAccessPlan } from "./catalog-access";
import type { AddIssue } from "./config-fields";
import { schemaFullName } from "./naming";
import type { Stage } from "./stages";
import { dataProtection } from "./resource-options";


/** One schema of the stage catalog. */
export interface SchemaConfig {
  /** Unity Catalog schema name. */
  name: string;
  /** Shown in Catalog Explorer. Default for extra schemas: `Schema <name> of the <stage> stage.` */
  comment: string;
}

/** Inputs of a `StageCatalog`. */
export interface StageCatalogArgs {
  /** The stage the catalog belongs to; recorded in the catalog's properties. */
  stage: Stage;
  /** Short ML project name, recorded in the catalog's comment and properties. */
  mlProject: string;
  /** Unity Catalog name of the catalog, e.g. `prod_mlops`. */
  catalogName: string;
  /** Schemas to create inside the catalog, in order. */
  schemas: readonly SchemaConfig[];
  /** Who grants, binds and plans: the output of `planCatalogAccess`. */
  access: CatalogAccessPlan;
  /** Owner of the catalog and schemas (a principal). Default: the identity that runs `pulumi up`. */
  owner?: string;
  /**
   * Managed storage location (`s3://...`), under an external location the deployer may use. An output of that
   * location (`CatalogStorage.storageRoot`) makes the catalog wait for it. Default: the metastore's root storage.
   */
  storageRoot?: pulumi.Input<string>;
  /**
   * Protect the catalog and schemas against deletion (`protect` and `retainOnDelete`). Default false;
   * the stage config resolves it to true on prod.
   */
  protectData?: boolean;
  /**
   * Make the catalog the workspace's default catalog (a `DefaultNamespaceSetting`), for the workspace of the
   * provider this component is given. The provider's docs ask for it beside disabling legacy access
   * (docs/resources/disable_legacy_access_setting.md): unqualified names would otherwise resolve to
   * `hive_metastore`, which that setting blocks. Default false (the workspace keeps its default catalog).
   */
  workspaceDefault?: boolean;
  /**
   * What creates or assigns the principals the catalog names (its owner and grantees), e.g. the stage's
   * `WorkspaceIdentities` when it creates the groups: the catalog, schemas and grants wait for it, since Unity
   * Catalog resolves a principal by name when the call is made. Default none: the principals exist already.
   */
  principalsAssigned?: pulumi.Resource[];
}

/**
 * What a `StageCatalog` refuses before it registers anything: a stage, project or catalog name the stack file
 * could not give, schemas without names or named twice, and a grant on a schema the catalog does not create
 * (it would leave a half-built catalog). Paths are under the args, e.g. `access.schemaGrants.0.schema`.
 */
export function checkStageCatalogArgs(args: StageCatalogArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.mlProject, SHORT_NAME_PATTERN, ML_PROJECT_ALLOWED, ["mlProject"], addIssue);
  checkTextArg(args.catalogName, UC_NAME_PATTERN, UC_NAME_ALLOWED, ["catalogName"], addIssue);
  const schemaNames = args.schemas.map((schema) => schema.name);
  schemaNames.forEach((schemaName, index) => {
    checkTextArg(schemaName, UC_NAME_PATTERN, UC_NAME_ALLOWED, ["schemas", index, "name"], addIssue);
    if (schemaNames.indexOf(schemaName) !== index) addIssue(["schemas", index, "name"], `schema "${schemaName}" is declared twice`);
  });
  args.access.schemaGrants.forEach(({ schema }, index) => {
    if (!schemaNames.includes(schema)) {
      addIssue(["access", "schemaGrants", index, "schema"], `names schema '${schema}', which is not among its schemas (${schemaNames.join(", ")})`);
    }
  });
}

/** `ml_assets` -> `ml-assets`, for resource names. */
function schemaLabel(schemaName: string): string {
  return schemaName.replace(/_/g, "-");
}

/** `<catalog>.<schema>` of a declared schema. */
function fullNameOf(schema: databricks.Schema): pulumi.Output<string> {
  return pulumi.all([schema.catalogName, schema.name]).apply(([catalog, schemaName]) => schemaFullName(catalog, schemaName));
}

/**
 * A stage catalog with its schemas, grants and workspace bindings. Its children are named from its own name:
 * `<name>-catalog`, `<name>-schema-<schema>`, `<name>-catalog-grants`, `<name>-schema-<schema>-grants`,
 * `<name>-default-namespace` and `<name>-catalog-binding-<purpose>`; the catalog's and schemas' own names come
 * from the args. Bad args throw a `ComponentArgsError` naming each argument before anything is declared.
 */
export class StageCatalog extends pulumi.ComponentResource {
  /** The Unity Catalog catalog. */
  readonly catalog: databricks.Catalog;
  /** The schemas, by schema name. */
  readonly schemas: Record<string, databricks.Schema>;
  /** The catalog's name as Unity Catalog knows it. */
  readonly catalogName: pulumi.Output<string>;
  /** `<catalog>.<schema>` of every schema, by schema name. */
  readonly schemaFullNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: StageCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("StageCatalog", name, (addIssue) => checkStageCatalogArgs(args, addIssue));
    super("databricks-mlops:catalog:StageCatalog", name, {}, opts);

    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const protectData = args.protectData ?? false;
    // Data-holding resources: deleting them deletes data, so prod refuses to (protect) and, even once
    // unprotected, deleting them from the stack leaves them in Databricks (retainOnDelete).
    const principals = args.principalsAssigned ?? [];
    const dataOptions: pulumi.CustomResourceOptions = { parent: this, ...dataProtection(protectData), dependsOn: principals };

    this.catalog = new databricks.Catalog(
      named("catalog"),
      {
        name: args.catalogName,
        comment: `${args.stage} catalog of the ${args.mlProject} ML project. Managed by Pulumi.`,
        isolationMode: "ISOLATED",
        owner: args.owner,
        storageRoot: args.storageRoot,
        forceDestroy: false,
        properties: { "mlops.stage": args.stage, "mlops.project": args.mlProject, "managed-by": "pulumi" },
      },
      dataOptions,
    );
    this.catalogName = this.catalog.name;

    this.schemas = {};
    for (const schema of args.schemas) {
      this.schemas[schema.name] = new databricks.Schema(
        named("schema", schemaLabel(schema.name)),
        {
          catalogName: this.catalog.name,
          name: schema.name,
          comment: schema.comment,
          owner: args.owner,
          forceDestroy: false,
        },
        dataOptions,
      );
    }
    this.schemaFullNames = pulumi.all(
      Object.fromEntries(Object.entries(this.schemas).map(([schemaName, schema]) => [schemaName, fullNameOf(schema)])),
    );

    new databricks.Grants(
      named("catalog", "grants"),
      { catalog: this.catalog.name, grants: args.access.catalogGrants.map((grant) => ({ ...grant })) },
      { parent: this, dependsOn: principals },
    );
    for (const { schema, grants } of args.access.schemaGrants) {
      new databricks.Grants(
        named("schema", schemaLabel(schema), "grants"),
        {
          schema: fullNameOf(this.schemas[schema]),
          grants: grants.map((grant) => ({ ...grant })),
        },
        { parent: this, dependsOn: principals },
      );
    }

    if (args.workspaceDefault) {
      // One per workspace: the setting is a singleton (settings/resource_default_namespace_setting.go reads and
      // updates `namespace.value` by etag); it names the catalog's output, so it is applied after the catalog exists.
      new databricks.DefaultNamespaceSetting(named("default-namespace"), { namespace: { value: this.catalog.name } }, { parent: this });
    }

    for (const binding of args.access.bindings) {
      new databricks.WorkspaceBinding(
        named("catalog", "binding", binding.purpose),
        {
          securableName: this.catalog.name,
          securableType: "catalog",
          workspaceId: binding.workspaceId,
          bindingType: binding.bindingType,
        },
        { parent: this },
      );
    }

    this.registerOutputs({
      catalog: this.catalog,
      schemas: this.schemas,
      catalogName: this.catalogName,
      schemaFullNames: this.schemaFullNames,
    });
  }
}
