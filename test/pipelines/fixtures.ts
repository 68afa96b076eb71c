/** Stage configurations with one ML project, for the pipeline tests. */
import { parseStageConfig, type StageConfig } from "../../stack/config";
import { type JobContext, projectJobContext } from "../../components/pipelines/jobs";
import type { Stage } from "../../components/stages";
import { rawDev, rawProd, rawStaging } from "../support/stage-configs";

/** The repository the shipped policy configs allow (jobs-require-git-source), so fixture stacks pass that check. */
export const REPOSITORY = "https://github.com/example-org/mlops-ml-code";
export const EMAIL = "ml-team@example.com";

/** A minimal ML project entry as a stack file gives it. */
export function rawProject(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "churn", repository: { url: REPOSITORY }, notifications: { emails: [EMAIL] }, ...overrides };
}

const RAW: Record<Stage, () => Record<string, unknown>> = { dev: rawDev, staging: rawStaging, prod: rawProd };

/** The raw config of `stage` with the given projects. */
export function rawStageWith(stage: Stage, ...projects: Record<string, unknown>[]): Record<string, unknown> {
  return { ...RAW[stage](), mlProjects: projects };
}

/** The validated config of `stage` with one project. */
export function stageWith(stage: Stage, project: Record<string, unknown> = rawProject()): StageConfig {
  return parseStageConfig(rawStageWith(stage, project), stage);
}

/** The job context of the first project of a stage, as the MlProject component builds it. */
export function jobContext(config: StageConfig): JobContext {
  return projectJobContext(config.stage, config.mlProjects[0], config.unityCatalog.catalogName, config.servicePrincipal?.applicationId);
}

export { problemsOf } from "../support/config-problems";
