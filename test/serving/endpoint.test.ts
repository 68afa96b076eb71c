import { aiGateway, endpointAccess, endpointArgs, noEndpointReason, payloadTableFullName, trafficRoutes } from "../../components/serving/endpoint";
import { resolveServing } from "../../components/serving/serving-config";

const groups = { dataScientists: "ds", mlEngineers: "mle" };
const placement = { stage: "staging", project: "churn", catalogName: "staging_mlops", inferenceSchema: "inference", modelFullName: "staging_mlops.ml_assets.churn_model" };
const context = { stage: "staging" as const, project: "churn", modelName: "churn_model", scoringGroups: ["ds", "mle"] };

describe("endpoint builders", () => {
  test("no version: no endpoint args, and the reason names the config key to set", () => {
    expect(endpointArgs(resolveServing({}, context), placement)).toBeUndefined();
    expect(noEndpointReason(placement, 2)).toBe(
      "staging-churn: no serving endpoint yet: staging_mlops.ml_assets.churn_model has no version to serve. After the training job registered one, set it with `pulumi config set --path 'mlProjects[2].serving.champion.version' <version>` (the deploy task or CI does this), then deploy again.",
    );
  });

  test("a split that leaves the Challenger out routes it 0%", () => {
    const serving = resolveServing({ champion: { version: "3" }, challenger: { version: "4" }, traffic: { champion: 100 } }, context);
    expect(trafficRoutes(serving)).toEqual([
      { servedEntityName: "champion", trafficPercentage: 100 },
      { servedEntityName: "challenger", trafficPercentage: 0 },
    ]);
  });

  test("the AI gateway logs to the stage's inference schema; a per-user limit when configured", () => {
    const serving = resolveServing({ champion: { version: "3" }, rateLimits: { callsPerMinute: 500, callsPerUserPerMinute: 20 }, inferenceTablePrefix: "churn_live" }, context);
    expect(aiGateway(serving, placement)).toEqual({
      inferenceTableConfig: { enabled: true, catalogName: "staging_mlops", schemaName: "inference", tableNamePrefix: "churn_live" },
      usageTrackingConfig: { enabled: true },
      rateLimits: [
        { key: "endpoint", renewalPeriod: "minute", calls: 500 },
        { key: "user", renewalPeriod: "minute", calls: 20 },
      ],
    });
    expect(payloadTableFullName(serving, placement)).toBe("staging_mlops.inference.churn_live_payload");
    expect(endpointArgs(serving, placement)?.tags).toEqual([
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
