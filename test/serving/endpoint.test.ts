import { aiGateway, endpointAccess, endpointArgs, payloadTableFullName, servingDeployment } from "../../components/serving/endpoint";
import { resolveServing } from "../../components/serving/serving-config";

const groups = { dataScientists: "ds", mlEngineers: "mle" };
const placement = { stage: "staging", project: "churn", catalogName: "staging_mlops", inferenceSchema: "inference", modelFullName: "staging_mlops.ml_assets.churn_model" };
const context = { stage: "staging" as const, project: "churn", modelName: "churn_model", scoringGroups: ["ds", "mle"] };

describe("endpoint builders", () => {
  test("the endpoint declares its shape and no config: nothing it serves is the stack's, so no version must exist first", () => {
    const args = endpointArgs(resolveServing({ challenger: {} }, context), placement);
    expect(args).not.toHaveProperty("config");
    expect(Object.keys(args).sort()).toEqual(["aiGateway", "description", "name", "tags"]);
    expect(args.name).toBe("staging-churn");
    expect(args.description).toBe("Serves staging_mlops.ml_assets.churn_model on staging (Champion 90%, Challenger 10%); the deployment task sets the versions.");
  });

  test("the deployment applies each alias as a served entity with the split, in the Serving API's field names", () => {
    const serving = resolveServing({ challenger: { workloadSize: "Medium" }, workloadSize: "Large", scaleToZero: false }, context);
    expect(servingDeployment(serving, placement.modelFullName)).toEqual({
      endpoint_name: "staging-churn",
      served_entities: [
        { name: "champion", entity_name: "staging_mlops.ml_assets.churn_model", alias: "Champion", workload_size: "Large", scale_to_zero_enabled: false },
        { name: "challenger", entity_name: "staging_mlops.ml_assets.churn_model", alias: "Challenger", workload_size: "Medium", scale_to_zero_enabled: false },
      ],
      traffic_config: { routes: [{ served_entity_name: "champion", traffic_percentage: 90 }, { served_entity_name: "challenger", traffic_percentage: 10 }] },
    });
  });

  test("a split that leaves the Challenger out routes it 0%", () => {
    const serving = resolveServing({ challenger: {}, traffic: { champion: 100 } }, context);
    expect(servingDeployment(serving, placement.modelFullName).traffic_config.routes).toEqual([
      { served_entity_name: "champion", traffic_percentage: 100 },
      { served_entity_name: "challenger", traffic_percentage: 0 },
    ]);
  });

  test("the AI gateway logs to the stage's inference schema; a per-user limit when configured", () => {
    const serving = resolveServing({ rateLimits: { callsPerMinute: 500, callsPerUserPerMinute: 20 }, inferenceTablePrefix: "churn_live" }, context);
    expect(aiGateway(serving, placement)).toEqual({
      inferenceTableConfig: { enabled: true, catalogName: "staging_mlops", schemaName: "inference", tableNamePrefix: "churn_live" },
      usageTrackingConfig: { enabled: true },
      rateLimits: [
        { key: "endpoint", renewalPeriod: "minute", calls: 500 },
        { key: "user", renewalPeriod: "minute", calls: 20 },
      ],
    });
    expect(payloadTableFullName(serving, placement)).toBe("staging_mlops.inference.churn_live_payload");
    expect(endpointArgs(serving, placement).tags).toEqual([
      { key: "stage", value: "staging" },
      { key: "project", value: "churn" },
      { key: "model", value: "staging_mlops.ml_assets.churn_model" },
    ]);
  });

  test("access: dev groups manage; elsewhere one entry per principal, the strongest level", () => {
    expect(endpointAccess({ stage: "dev", groups }, ["ds", "analysts"])).toEqual([
      { groupName: "analysts", permissionLevel: "CAN_QUERY" },
      { groupName: "ds", permissionLevel: "CAN_MANAGE" },
      { groupName: "mle", permissionLevel: "CAN_MANAGE" },
    ]);
    expect(endpointAccess({ stage: "prod", groups, servicePrincipal: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e" }, ["analysts"])).toEqual([
      { servicePrincipalName: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e", permissionLevel: "CAN_MANAGE" },
      { groupName: "analysts", permissionLevel: "CAN_QUERY" },
      { groupName: "ds", permissionLevel: "CAN_VIEW" },
      { groupName: "mle", permissionLevel: "CAN_VIEW" },
    ]);
  });
});
