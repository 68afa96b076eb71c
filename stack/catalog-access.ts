/**
 * The access model of the reference design, as data: who gets which privileges on the stage catalog
 * and which workspaces the catalog is bound to. Pure, so the access matrix is tested without mocks.
 *
 * | stage   | writers                              | readers                          | bindings                      |
 * |---------|--------------------------------------|----------------------------------|-------------------------------|
 * | dev     | both project groups (+ dev SP)       | -                                | dev RW                        |
 * | staging | staging service principal            | devAccess.readerGroups           | staging RW, dev RO            |
 * | prod    | prod service principal               | devAccess.readerGroups           | prod RW, dev RO               |
 *
 * A workspace the stack creates gets no RW binding of its own: the catalog is created through that
 * workspace's provider, which binds it to its own workspace (see docs/access-model.md).
 */
import type { Input } from "@pulumi/pulumi";
import { type BindingSpec, type CatalogAccessPlan, DEV_AUTHOR_PRIVILEGES, type GrantSpec, PIPELINE_PRIVILEGES, READ_PRIVILEGES, isAutomatedStage, mergeGrants } from "../components";
import type { ExtraGrant, StageConfig } from "./config";

/** The grants the access model gives on the stage catalog, before any extra grants. */
export function accessModelGrants(config: StageConfig): GrantSpec[] {
  const grants: GrantSpec[] = [];
  if (config.servicePrincipal) {
    grants.push({ principal: config.servicePrincipal.applicationId, privileges: [...PIPELINE_PRIVILEGES] });
  }
  if (!isAutomatedStage(config.stage)) {
    for (const group of [config.groups.dataScientists, config.groups.mlEngineers]) {
      grants.push({ principal: group, privileges: [...DEV_AUTHOR_PRIVILEGES] });
    }
  } else {
    for (const group of config.devAccess?.readerGroups ?? []) {
      grants.push({ principal: group, privileges: [...READ_PRIVILEGES] });
    }
  }
  return grants;
}

function schemaGrantsOf(extraGrants: readonly ExtraGrant[]): CatalogAccessPlan["schemaGrants"] {
  const schemas = [...new Set(extraGrants.flatMap((grant) => (grant.schema === undefined ? [] : [grant.schema])))].sort();
  return schemas.map((schema) => ({
    schema,
    grants: mergeGrants(extraGrants.filter((grant) => grant.schema === schema)),
  }));
}

/**
 * The full access plan of the stage catalog: access model grants, extra grants, bindings.
 * `devWorkspaceId` is the dev stack's `workspaceId` output, needed when `devAccess.stack` is configured.
 */
export function planCatalogAccess(config: StageConfig, devWorkspaceId?: Input<string>): CatalogAccessPlan {
  const extraGrants = config.unityCatalog.extraGrants;
  const bindings: BindingSpec[] = [];
  if (config.workspace.mode === "adopt") {
    bindings.push({ purpose: "own", workspaceId: config.workspace.id, bindingType: "BINDING_TYPE_READ_WRITE" });
  }
  if (config.devAccess) {
    const workspaceId = config.devAccess.workspaceId ?? devWorkspaceId;
    if (workspaceId === undefined) {
      throw new Error(`planCatalogAccess: devAccess.stack is ${config.devAccess.stack}, so pass the dev stack's workspaceId output`);
    }
    bindings.push({ purpose: "dev-read", workspaceId, bindingType: "BINDING_TYPE_READ_ONLY" });
  }
  return {
    catalogGrants: mergeGrants([...accessModelGrants(config), ...extraGrants.filter((grant) => grant.schema === undefined)]),
    schemaGrants: schemaGrantsOf(extraGrants),
    bindings,
  };
}
