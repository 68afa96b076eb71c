/**
 * Two serving endpoints in one workspace, from the databricks-mlops package as any program uses it: its
 * public exports only. Each instance's children are named from the instance's name, so they never collide.
 */
import * as databricks from "@pulumi/databricks";
import { ServingEndpoint, resolveServing } from "databricks-mlops";

// Credentials come from the environment (DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET), never from here.
const workspace = new databricks.Provider("workspace", { host: "https://dbc-a1b2c3d4-e5f6.cloud.databricks.com" });

const groups = { dataScientists: "data-scientists", mlEngineers: "ml-engineers" };
const catalogName = "prod_mlops";

for (const project of ["churn", "fraud"]) {
  const modelName = `${project}_model`;
  new ServingEndpoint(
    project,
    {
      // resolveServing fills in the defaults a stack file leaves out: a Champion with a 90/10 Challenger here.
      serving: resolveServing({ challenger: {}, scaleToZero: false }, { stage: "prod", project, modelName, scoringGroups: [groups.dataScientists] }),
      placement: { stage: "prod", project, catalogName, inferenceSchema: "inference", modelFullName: `${catalogName}.ml_assets.${modelName}` },
      groups,
    },
    { providers: [workspace] },
  );
}
