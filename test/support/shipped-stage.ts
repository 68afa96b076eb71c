/** The steps of a shipped stack (its `Pulumi.<stage>.yaml`), recorded in-process as the offline plan records them. */
import * as path from "path";
import { CONFIG_NAMESPACE } from "../../stack/config";
import { rawConfigFromPulumi } from "../../stack/config-source";
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
