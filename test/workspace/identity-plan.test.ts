import { parseStageConfig } from "../../stack/config";
import { planIdentities } from "../../stack/identity-plan";
import { SP_PROD, rawDev, rawProd } from "../support/stage-configs";

const author = (allowClusterCreate: boolean) => ({ workspaceAccess: true, workspaceConsume: false, databricksSqlAccess: true, allowClusterCreate });

describe("planIdentities", () => {
  it("dev: both project groups author and may create clusters; no service principal", () => {
    expect(planIdentities(parseStageConfig(rawDev(), "dev"))).toEqual({
      groups: [
        { purpose: "data-scientists", groupName: "mlops-data-scientists", permission: "USER", entitlements: author(true) },
        { purpose: "ml-engineers", groupName: "mlops-ml-engineers", permission: "USER", entitlements: author(true) },
      ],
      servicePrincipal: undefined,
    });
  });

  it("prod: people create no clusters; consumers only consume; break-glass admins are ADMIN; the service principal is assigned", () => {
    const raw = { ...rawProd(), identities: { servingConsumers: "mlops-consumers", breakGlassAdmins: "mlops-break-glass" } };
    const plan = planIdentities(parseStageConfig(raw, "prod"));
    expect(plan.servicePrincipal).toBe(SP_PROD);
    expect(plan.groups.map((g) => [g.purpose, g.permission, g.entitlements])).toEqual([
      ["data-scientists", "USER", author(false)],
      ["ml-engineers", "USER", author(false)],
      ["serving-consumers", "USER", { workspaceAccess: false, workspaceConsume: true, databricksSqlAccess: false, allowClusterCreate: false }],
      ["break-glass-admins", "ADMIN", { workspaceAccess: true, workspaceConsume: false, databricksSqlAccess: true, allowClusterCreate: false }],
    ]);
  });
});
