/** Raw stage configurations as a stack file gives them (namespace stripped), for tests. */

export const SP_STAGING = "2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b";
export const SP_PROD = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
export const DEV_WORKSPACE_ID = "1000000000000001";

const groups = { dataScientists: "mlops-data-scientists", mlEngineers: "mlops-ml-engineers" };

/** The dev stage, minimal. */
export function rawDev(): Record<string, unknown> {
  return {
    stage: "dev",
    workspace: { host: "https://dbc-dev00001-0001.cloud.databricks.com", id: DEV_WORKSPACE_ID },
    groups: { ...groups },
  };
}

/** The staging stage, minimal. */
export function rawStaging(): Record<string, unknown> {
  return {
    stage: "staging",
    workspace: { host: "https://dbc-stg00001-0002.cloud.databricks.com", id: "1000000000000002" },
    groups: { ...groups },
    servicePrincipal: { applicationId: SP_STAGING },
    devAccess: { workspaceId: DEV_WORKSPACE_ID },
  };
}

/** The prod stage, minimal. */
export function rawProd(): Record<string, unknown> {
  return {
    stage: "prod",
    workspace: { host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1000000000000003" },
    groups: { ...groups },
    servicePrincipal: { applicationId: SP_PROD },
    devAccess: { workspaceId: DEV_WORKSPACE_ID },
  };
}
