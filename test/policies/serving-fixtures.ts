/** Endpoint, monitor and alert inputs as the program emits them on prod, for the serving and monitoring rules. */
import { endpointArgs } from "../../components/serving/endpoint";
import { stageWith, rawProject } from "../pipelines/fixtures";

/** The prod endpoint of a project serving a Champion and a Challenger, as plain inputs (no `config`: the deployment task sets it). */
export function prodEndpoint(): Record<string, unknown> {
  const config = stageWith("prod", rawProject({ serving: { challenger: {} } }));
  const serving = config.mlProjects[0].serving!;
  const args = endpointArgs(serving, { stage: "prod", project: "churn", catalogName: "prod_mlops", inferenceSchema: "inference", modelFullName: "prod_mlops.ml_assets.churn_model" });
  return JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
}

/**
 * An endpoint that declares its served entities itself, as another program may (here: what the deployment task
 * leaves on the prod endpoint, versions 3 and 4, both warm).
 */
export function endpointWithServedEntities(): Record<string, unknown> {
  return {
    ...prodEndpoint(),
    config: {
      servedEntities: [
        { name: "champion", entityName: "prod_mlops.ml_assets.churn_model", entityVersion: "3", workloadSize: "Small", scaleToZeroEnabled: false },
        { name: "challenger", entityName: "prod_mlops.ml_assets.churn_model", entityVersion: "4", workloadSize: "Small", scaleToZeroEnabled: false },
      ],
      trafficConfig: { routes: [{ servedEntityName: "champion", trafficPercentage: 90 }, { servedEntityName: "challenger", trafficPercentage: 10 }] },
    },
  };
}
