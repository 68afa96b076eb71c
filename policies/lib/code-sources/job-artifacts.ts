/**
 * Code a job loads besides its tasks' own files: the libraries of each task (a for-each task's inner task
 * included) and of the job itself (deprecated field), the libraries, init scripts and container image of every
 * cluster it declares, and the dependencies of its serverless environments.
 */
import { type ArtifactConfig, artifactGap, initScriptGap, libraryGaps, requirementLineGap } from "./code-artifacts";
import { clusterSpecsOf } from "../cluster-specs";
import { environmentVariableGaps, sparkPropertyGaps } from "./code-settings";
import { describeJob, listOf, objectOf, stringOf } from "../jobs";
import { maskUrlCredentials } from "./url-credentials";
import { JOB } from "../resource-types";
import type { TaskCode } from "./task-code";

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The libraries, init scripts, code-loading settings and container image of one cluster specification (a job's or a pipeline's). */
export function clusterArtifactGaps(where: string, spec: Record<string, unknown>, config: ArtifactConfig): string[] {
  const gaps = [
    ...listOf(spec.libraries).flatMap((library) => libraryGaps(objectOf(library), config)),
    ...sparkPropertyGaps(spec.sparkConf),
    ...environmentVariableGaps(spec.sparkEnvVars),
  ];
  for (const script of listOf(spec.initScripts)) {
    const gap = initScriptGap(objectOf(script), config);
    if (gap !== undefined) gaps.push(gap);
  }
  if (spec.dockerImage !== undefined && spec.dockerImage !== null) {
    const url = stringOf(objectOf(spec.dockerImage).url) ?? "?";
    gaps.push(`runs in container image '${maskUrlCredentials(url)}', whose contents no review of the repository saw`);
  }
  return gaps.map((gap) => `${capitalized(where)} ${gap}.`);
}

/** The pip and Java dependencies of an environment spec (a job environment's `spec`, a pipeline's `environment`). */
export function environmentGaps(where: string, spec: Record<string, unknown>, config: ArtifactConfig): string[] {
  const gaps = [
    ...listOf(spec.dependencies).map((line) => requirementLineGap(stringOf(line) ?? "?", config)),
    ...listOf(spec.javaDependencies).map((path) => artifactGap("JAR", stringOf(path) ?? "?", config)),
  ];
  return gaps.filter((gap): gap is string => gap !== undefined).map((gap) => `${where} ${gap}.`);
}

/** Every message about code a job loads from outside its Git ref besides the tasks' paths. */
export function jobArtifactGaps(resourceName: string, props: Record<string, unknown>, tasks: readonly TaskCode[], config: ArtifactConfig): string[] {
  const job = describeJob(resourceName, props);
  const messages: string[] = [];
  for (const task of tasks) {
    for (const file of task.files) {
      const gap = artifactGap(file.kind, file.path, config);
      if (gap !== undefined) messages.push(`${task.where} ${gap}.`);
    }
    // The job's own deprecated task shares the job's `libraries`, judged once below.
    if (task.task === props) continue;
    messages.push(...listOf(task.task.libraries).flatMap((library) => libraryGaps(objectOf(library), config).map((gap) => `${task.where} ${gap}.`)));
  }
  messages.push(...listOf(props.libraries).flatMap((library) => libraryGaps(objectOf(library), config).map((gap) => `${job} ${gap}.`)));
  const name = stringOf(props.name) ?? resourceName;
  for (const cluster of clusterSpecsOf(JOB, name, props)) messages.push(...clusterArtifactGaps(cluster.where, cluster.spec, config));
  for (const environment of listOf(props.environments)) {
    const key = stringOf(objectOf(environment).environmentKey) ?? "?";
    messages.push(...environmentGaps(`${job} environment '${key}'`, objectOf(objectOf(environment).spec), config));
  }
  return messages;
}
