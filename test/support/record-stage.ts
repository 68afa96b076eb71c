/**
 * Runs an `MlopsStage` under Pulumi's mock runtime and returns every registration as the engine
 * would receive it (the offline plan's recorder), for component tests.
 */
import * as pulumi from "@pulumi/pulumi";
import { MlopsStage } from "../../stack/mlops-stage";
import { parseStageConfig } from "../../stack/config";
import { resourceName } from "../../components/naming";
import { installMockRuntime } from "../../tools/plan/mock-runtime";
import type { PlannedStep } from "../../tools/plan/types";

/**
 * The registrations of whatever `declare` declares, in a stack of `project`, as the engine would receive them.
 * StackReferences are answered from `recordedOutputsDir` (default: the offline plan's recorded outputs).
 */
export async function recordProgram(project: string, stack: string, declare: () => void, recordedOutputsDir?: string): Promise<PlannedStep[]> {
  const recording = installMockRuntime({ project, stack, config: {}, secretKeys: [], recordedOutputsDir });
  await pulumi.runtime.runInPulumiStack(async () => {
    declare();
    return {};
  });
  // Waits until the runtime's queue of registrations is empty.
  await pulumi.runtime.disconnect();
  return recording.steps;
}

/** The registrations of one stage, built from raw stack config (namespace stripped). */
export function recordStage(raw: Record<string, unknown>, stack: string, recordedOutputsDir?: string): Promise<PlannedStep[]> {
  const config = parseStageConfig(raw, stack);
  return recordProgram("databricks-mlops", stack, () => new MlopsStage(resourceName(config.stage, config.mlProject), { config }), recordedOutputsDir);
}

/** The one step of `type` named `name`; fails the test when there is none or several. */
export function stepNamed(steps: readonly PlannedStep[], type: string, name: string): PlannedStep {
  const found = steps.filter((step) => step.type === type && step.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${steps.map((s) => s.name).join(", ")}`);
  }
  return found[0];
}

/** All steps of one resource type. */
export function stepsOfType(steps: readonly PlannedStep[], type: string): PlannedStep[] {
  return steps.filter((step) => step.type === type);
}
