/** The steps of a shipped stack (its `Pulumi.<stage>.yaml`), recorded in-process as the offline plan records them. */
import * as path from "path";
import { CONFIG_NAMESPACE } from "../../components/config";
import { rawConfigFromPulumi } from "../../components/config-source";
import { defaultStackFile, readProjectFile, readStackFile, toRuntimeConfig } from "../../tools/plan/stack-config";
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage } from "./record-stage";

const ROOT = path.resolve(__dirname, "..", "..");

/** The registrations of the shipped stack `stage`, from its stack file. */
export function recordShippedStage(stage: "dev" | "staging" | "prod"): Promise<PlannedStep[]> {
  const project = readProjectFile(ROOT);
  const runtime = toRuntimeConfig(project.name, stage, project.config, readStackFile(defaultStackFile(ROOT, project, stage)));
  return recordStage(rawConfigFromPulumi(runtime.config, CONFIG_NAMESPACE), stage);
}

/** The raw config of the shipped stack `stage` with its one ML project repeated `n` times (`churn1`...), each with a challenger. */
export function shippedConfigWithProjects(stage: "dev" | "staging" | "prod", n: number): Record<string, unknown> {
  const project = readProjectFile(ROOT);
  const runtime = toRuntimeConfig(project.name, stage, project.config, readStackFile(defaultStackFile(ROOT, project, stage)));
  const raw = rawConfigFromPulumi(runtime.config, CONFIG_NAMESPACE);
  const [template] = raw.mlProjects as Record<string, unknown>[];
  const serving = template.serving as Record<string, unknown>;
  const projects = Array.from({ length: n }, (_, i) => ({ ...structuredClone(template), name: `churn${i + 1}`, serving: { ...serving, challenger: {} } }));
  return { ...raw, mlProjects: projects };
}
