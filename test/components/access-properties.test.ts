/**
 * Properties of the access model that must hold for every valid configuration, not only the
 * shipped ones: generated stage configs go through the real schema, then the access plan.
 */
import fc from "fast-check";
import { planCatalogAccess } from "../../components/catalog-access";
import { parseStageConfig } from "../../components/config";
import { isApplicationId } from "../../components/principals";
import { READ_PRIVILEGES, normalizePrivilege, normalizePrivileges } from "../../components/privileges";

const groupName = fc.stringMatching(/^[a-z][a-z0-9 ._-]{0,20}[a-z0-9]$/);
const workspaceId = fc.stringMatching(/^[1-9][0-9]{15}$/);
const applicationId = fc.uuid();
const readPrivilege = fc.constantFrom(...READ_PRIVILEGES, "select", "use schema");

/** A valid staging or prod config with random groups, ids and read-only extra grants. */
const automatedStage = fc
  .record({
    stage: fc.constantFrom("staging", "prod"),
    groups: fc.uniqueArray(groupName, { minLength: 2, maxLength: 2 }),
    ids: fc.uniqueArray(workspaceId, { minLength: 2, maxLength: 2 }),
    applicationId,
    extraReaders: fc.array(fc.record({ principal: groupName, privileges: fc.array(readPrivilege, { minLength: 1, maxLength: 4 }) }), {
      maxLength: 4,
    }),
  })
  .map(({ stage, groups, ids, applicationId: sp, extraReaders }) => ({
    stage,
    workspace: { host: "https://dbc-example.cloud.databricks.com", id: ids[0] },
    groups: { dataScientists: groups[0], mlEngineers: groups[1] },
    servicePrincipal: { applicationId: sp },
    devAccess: { workspaceId: ids[1] },
    unityCatalog: { extraGrants: extraReaders },
  }));

describe("access model properties", () => {
  it("on staging and prod, only the service principal holds anything beyond the read set", () => {
    fc.assert(
      fc.property(automatedStage, (raw) => {
        const plan = planCatalogAccess(parseStageConfig(raw, raw.stage));
        const read: readonly string[] = READ_PRIVILEGES;
        for (const grant of plan.catalogGrants) {
          if (isApplicationId(grant.principal)) continue;
          expect(grant.privileges.filter((privilege) => !read.includes(privilege))).toEqual([]);
        }
      }),
    );
  });

  it("grants name each principal once, sorted, with sorted normalized privileges", () => {
    fc.assert(
      fc.property(automatedStage, (raw) => {
        const { catalogGrants } = planCatalogAccess(parseStageConfig(raw, raw.stage));
        const principals = catalogGrants.map((grant) => grant.principal);
        expect(principals).toEqual([...new Set(principals)].sort());
        for (const grant of catalogGrants) expect(grant.privileges).toEqual(normalizePrivileges(grant.privileges));
      }),
    );
  });

  it("the catalog is writable from exactly its own workspace and readable from dev", () => {
    fc.assert(
      fc.property(automatedStage, (raw) => {
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
