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

/** A staging or prod stage, minimal: its workspace, service principal and read access from dev. */
function rawAutomated(stage: "staging" | "prod", hostPrefix: string, workspaceId: string, applicationId: string): Record<string, unknown> {
  return {
    stage,
    workspace: { host: `https://dbc-${hostPrefix}.cloud.databricks.com`, id: workspaceId },
    groups: { ...groups },
    servicePrincipal: { applicationId },
    devAccess: { workspaceId: DEV_WORKSPACE_ID },
  };
}

/** The staging stage, minimal. */
export function rawStaging(): Record<string, unknown> {
  return rawAutomated("staging", "stg00001-0002", "1000000000000002", SP_STAGING);
}

/** The prod stage, minimal. */
export function rawProd(): Record<string, unknown> {
  return rawAutomated("prod", "prd00001-0003", "1000000000000003", SP_PROD);
}

/** The example Databricks account, shared metastore and AWS account of the shipped stacks. */
export const DATABRICKS_ACCOUNT_ID = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
export const SHARED_METASTORE_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
export const AWS_ACCOUNT_ID = "123456789012";
/** The dev stack staging and prod read the dev workspace id from (answered offline from tools/plan/recorded-outputs/dev.json). */
export const DEV_STACK = "acme/databricks-mlops/dev";

/** A stage that creates its workspace on AWS, as the shipped stack files do; staging and prod read dev's id from its stack. */
export function rawCreated(stage: "dev" | "staging" | "prod"): Record<string, unknown> {
  const base = stage === "dev" ? rawDev() : stage === "staging" ? rawStaging() : rawProd();
  return {
    ...base,
    workspace: {
      mode: "create",
      databricksAccountId: DATABRICKS_ACCOUNT_ID,
      metastoreId: SHARED_METASTORE_ID,
      aws: { accountId: AWS_ACCOUNT_ID, region: "us-east-1" },
    },
    ...(stage === "dev" ? {} : { devAccess: { stack: DEV_STACK } }),
  };
}
