/**
 * Names of an ML project's resources. Pulumi resource names and job names follow
 * `<stage>-<project>-<purpose>`; Unity Catalog names use `_` (see ../naming.ts).
 */
import { resourceName, ucIdentifier } from "../naming";
import type { Stage } from "../stages";

/** The schemas of the stage catalog an ML project uses (see STANDARD_SCHEMAS in ../config.ts). */
export const PROJECT_SCHEMAS = { models: "ml_assets", features: "features", inference: "inference", monitoring: "monitoring" } as const;

/** The jobs of an ML project, by purpose; each is one Databricks job. */
export const JOB_PURPOSES = ["features", "training", "batch-inference", "retraining-trigger", "integration-test", "inference-unpack"] as const;

/** What a job is for; also its `purpose` tag and the last part of its name. */
export type JobPurpose = (typeof JOB_PURPOSES)[number];

/** Pulumi resource name (and job name) of a project resource, e.g. `prod-churn-training`. */
export function projectResourceName(stage: Stage, project: string, ...purpose: string[]): string {
  return resourceName(stage, project, ...purpose);
}

/** The job's name in the workspace, e.g. `prod-churn-training`; unique per workspace. */
export function jobName(stage: Stage, project: string, purpose: JobPurpose): string {
  return projectResourceName(stage, project, purpose);
}

/** Default registered model name of a project: `churn-risk` -> `churn_risk_model`. */
export function defaultModelName(project: string): string {
  return ucIdentifier(project, "model");
}

/** Default feature table of a project: `churn_risk_features`. */
export function defaultFeatureTable(project: string): string {
  return ucIdentifier(project, "features");
}

/** Default predictions table of a model: `churn_risk_model_predictions`. */
export function defaultPredictionTable(modelName: string): string {
  return ucIdentifier(modelName, "predictions");
}

/** A three-part Unity Catalog name: `<catalog>.<schema>.<name>`. */
export function ucFullName(catalog: string, schema: string, name: string): string {
  return `${catalog}.${schema}.${name}`;
}

/** The project's MLflow experiment, an absolute workspace path: `/Shared/churn/prod-churn-experiment`. */
export function experimentPath(stage: Stage, project: string): string {
  return `/Shared/${project}/${projectResourceName(stage, project, "experiment")}`;
}

/** The folder a workspace path lives in: `/Shared/churn/prod-churn-experiment` -> `/Shared/churn`. */
export function parentFolder(workspacePath: string): string {
  const cut = workspacePath.replace(/\/+$/, "").lastIndexOf("/");
  return cut <= 0 ? "/" : workspacePath.slice(0, cut);
}

/** Every name in `names` that occurs more than once, each reported once, in order. */
export function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

/** Columns the batch inference job writes next to each prediction, for the monitor. */
export const PREDICTION_COLUMNS = { modelVersion: "model_version", timestamp: "scored_at" } as const;
