/**
 * Properties of the access model that must hold for every valid configuration, not only the
 * shipped ones: generated stage configs (extra grants of any grantable privilege, write ones
 * included, to the stage's own service principal, and of read privileges to groups, the only extra
 * grants staging and prod accept) go through the real schema, then the access plan.
 */
import fc from "fast-check";
import { planCatalogAccess } from "../../stack/catalog-access";
import { STANDARD_SCHEMAS, parseStageConfig } from "../../stack/config";
import {
  CATALOG_GRANTABLE_PRIVILEGES,
  PIPELINE_PRIVILEGES,
  READ_PRIVILEGES,
  SCHEMA_GRANTABLE_PRIVILEGES,
  normalizePrivilege,
  normalizePrivileges,
} from "../../components/privileges";

const groupName = fc.stringMatching(/^[a-z][a-z0-9 ._-]{0,20}[a-z0-9]$/);
const workspaceId = fc.stringMatching(/^[1-9][0-9]{15}$/);
const applicationId = fc.uuid();
/** Any privilege the config accepts in an extra grant on the catalog, write ones included, in any spelling. */
const spelled = (privileges: readonly string[]) => fc.constantFrom(...privileges).chain((p) => fc.constantFrom(p, p.toLowerCase().replace(/_/g, " ")));
const catalogPrivilege = spelled(CATALOG_GRANTABLE_PRIVILEGES);
const schemaPrivilege = spelled(SCHEMA_GRANTABLE_PRIVILEGES);
/** On staging and prod the config accepts only read privileges for a group (write ones are refused, see config-access.test.ts). */
const groupCatalogPrivilege = spelled(READ_PRIVILEGES);
const groupSchemaPrivilege = spelled(READ_PRIVILEGES.filter((p) => (SCHEMA_GRANTABLE_PRIVILEGES as readonly string[]).includes(p)));
/** Stands for the stage's own service principal in generated extra grants (replaced once it is known). */
const OWN_SP = "<own service principal>";
const schemaName = fc.constantFrom(...STANDARD_SCHEMAS.map((schema) => schema.name));
const extraGrant = fc.oneof(
  fc.record({ principal: fc.constant(OWN_SP), privileges: fc.array(catalogPrivilege, { minLength: 1, maxLength: 4 }) }),
  fc.record({ principal: fc.constant(OWN_SP), privileges: fc.array(schemaPrivilege, { minLength: 1, maxLength: 4 }), schema: schemaName }),
  fc.record({ principal: groupName, privileges: fc.array(groupCatalogPrivilege, { minLength: 1, maxLength: 4 }) }),
  fc.record({ principal: groupName, privileges: fc.array(groupSchemaPrivilege, { minLength: 1, maxLength: 4 }), schema: schemaName }),
);

/** A valid staging or prod config with random groups, ids and extra grants of any grantable privilege. */
const automatedStage = (extraGrants = fc.array(extraGrant, { maxLength: 4 })) =>
  fc
    .record({
      stage: fc.constantFrom("staging", "prod"),
      groups: fc.uniqueArray(groupName, { minLength: 2, maxLength: 2 }),
      ids: fc.uniqueArray(workspaceId, { minLength: 2, maxLength: 2 }),
      applicationId,
      extraGrants,
    })
    .map(({ stage, groups, ids, applicationId: sp, extraGrants: extras }) => ({
      stage,
      workspace: { host: "https://dbc-example.cloud.databricks.com", id: ids[0] },
      groups: { dataScientists: groups[0], mlEngineers: groups[1] },
      servicePrincipal: { applicationId: sp },
      devAccess: { workspaceId: ids[1] },
      unityCatalog: { extraGrants: extras.map((grant) => ({ ...grant, principal: grant.principal === OWN_SP ? sp : grant.principal })) },
    }));

/** The privileges beyond the read set. */
const beyondRead = (privileges: readonly string[]) => privileges.filter((privilege) => !(READ_PRIVILEGES as readonly string[]).includes(privilege));

describe("access model properties", () => {
  it("on staging and prod without extra grants, only the service principal holds anything beyond the read set", () => {
    fc.assert(
      fc.property(automatedStage(fc.constant([])), (raw) => {
        const plan = planCatalogAccess(parseStageConfig(raw, raw.stage));
        for (const grant of plan.catalogGrants) {
          expect({ principal: grant.principal, beyondRead: beyondRead(grant.privileges) }).toEqual({
            principal: grant.principal,
            beyondRead: grant.principal === raw.servicePrincipal.applicationId ? beyondRead(PIPELINE_PRIVILEGES) : [],
          });
        }
        expect(plan.schemaGrants).toEqual([]);
      }),
    );
  });

  it("on staging and prod, anything beyond the read set comes from the service principal's role or an extra grant to that principal", () => {
    fc.assert(
      fc.property(automatedStage(), (raw) => {
        const config = parseStageConfig(raw, raw.stage);
        const plan = planCatalogAccess(config);
        const extrasOf = (principal: string, schema?: string) =>
          config.unityCatalog.extraGrants.filter((g) => g.principal === principal && g.schema === schema).flatMap((g) => g.privileges);
        for (const grant of plan.catalogGrants) {
          const role = grant.principal === raw.servicePrincipal.applicationId ? PIPELINE_PRIVILEGES : [];
          const allowed = new Set([...role, ...extrasOf(grant.principal)]);
          expect(beyondRead(grant.privileges).filter((privilege) => !allowed.has(privilege))).toEqual([]);
        }
        // Schema grants hold exactly what the extra grants on that schema gave.
        for (const { schema, grants } of plan.schemaGrants) {
          for (const grant of grants) expect(grant.privileges).toEqual(normalizePrivileges(extrasOf(grant.principal, schema)));
        }
      }),
    );
  });

  it("an extra grant is never lost: each principal holds at least what its extra grants gave it", () => {
    fc.assert(
      fc.property(automatedStage(), (raw) => {
        const config = parseStageConfig(raw, raw.stage);
        const plan = planCatalogAccess(config);
        for (const extra of config.unityCatalog.extraGrants) {
          const securableGrants = extra.schema === undefined ? plan.catalogGrants : plan.schemaGrants.find((s) => s.schema === extra.schema)?.grants;
          const held = securableGrants?.find((g) => g.principal === extra.principal)?.privileges ?? [];
          expect(extra.privileges.filter((privilege) => !held.includes(privilege))).toEqual([]);
        }
      }),
    );
  });

  it("grants name each principal once, sorted, with sorted normalized privileges", () => {
    fc.assert(
      fc.property(automatedStage(), (raw) => {
        const { catalogGrants } = planCatalogAccess(parseStageConfig(raw, raw.stage));
        const principals = catalogGrants.map((grant) => grant.principal);
        expect(principals).toEqual([...new Set(principals)].sort());
        for (const grant of catalogGrants) expect(grant.privileges).toEqual(normalizePrivileges(grant.privileges));
      }),
    );
  });

  it("the catalog is writable from exactly its own workspace and readable from dev", () => {
    fc.assert(
      fc.property(automatedStage(), (raw) => {
        const { bindings } = planCatalogAccess(parseStageConfig(raw, raw.stage));
        expect(bindings.filter((binding) => binding.bindingType === "BINDING_TYPE_READ_WRITE")).toEqual([
          { purpose: "own", workspaceId: raw.workspace.id, bindingType: "BINDING_TYPE_READ_WRITE" },
        ]);
        expect(bindings.filter((binding) => binding.bindingType === "BINDING_TYPE_READ_ONLY").map((b) => b.workspaceId)).toEqual([
          raw.devAccess.workspaceId,
        ]);
      }),
    );
  });

  it("normalizing a privilege is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (privilege) => {
        expect(normalizePrivilege(normalizePrivilege(privilege))).toBe(normalizePrivilege(privilege));
      }),
    );
  });
});
