/**
 * The dev stage with its own service principal (optional on dev): the principal gets the pipeline
 * privileges beside both project groups, so dev pipelines can run as it the way staging and prod do.
 */
import { planCatalogAccess } from "../../stack/catalog-access";
import { parseStageConfig } from "../../stack/config";
import { PIPELINE_PRIVILEGES } from "../../components/privileges";
import { rawDev } from "../support/stage-configs";

const SP_DEV = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

it("dev with a service principal: it and both groups hold the pipeline privileges, sorted by principal", () => {
  const config = parseStageConfig({ ...rawDev(), servicePrincipal: { applicationId: SP_DEV } }, "dev");
  expect(planCatalogAccess(config).catalogGrants).toEqual([
    { principal: SP_DEV, privileges: [...PIPELINE_PRIVILEGES] },
    { principal: "mlops-data-scientists", privileges: [...PIPELINE_PRIVILEGES] },
    { principal: "mlops-ml-engineers", privileges: [...PIPELINE_PRIVILEGES] },
  ]);
  // No owner is configured, so the service principal owns the catalog (and with it every grant).
  expect(config.unityCatalog.owner).toBe(SP_DEV);
});
