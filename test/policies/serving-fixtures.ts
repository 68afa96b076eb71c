/** Endpoint, monitor and alert inputs as the program emits them on prod, for the serving and monitoring rules. */
import { endpointArgs } from "../../components/serving/endpoint";
import { stageWith, rawProject } from "../pipelines/fixtures";

/** The prod endpoint of a project serving a Champion and a Challenger, as plain inputs. */
export function prodEndpoint(): Record<string, unknown> {
  const config = stageWith("prod", rawProject({ serving: { champion: { version: 3 }, challenger: { version: 4 } } }));
  const serving = config.mlProjects[0].serving!;
  const args = endpointArgs(serving, { stage: "prod", project: "churn", catalogName: "prod_mlops", inferenceSchema: "inference", modelFullName: "prod_mlops.ml_assets.churn_model" });
  return JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
}
