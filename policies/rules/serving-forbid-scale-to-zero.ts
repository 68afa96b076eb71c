/**
 * serving-forbid-scale-to-zero: no served entity of an endpoint scales to zero, whether the endpoint declares
 * its served entities or a job's deployment task applies them at run time (the `serving_config` parameter).
 */
import { forResourceTypes } from "../lib/applicability";
import { describeJob, jobTasks, listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB, MODEL_SERVING } from "../lib/resource-types";
import { SERVING_DEPLOYMENT_PARAMETER, describeEndpoint } from "../lib/serving";

/** True when a served entity or model keeps its compute: `scaleToZeroEnabled` is explicitly false. */
function keepsWarm(entity: Record<string, unknown>): boolean {
  return entity.scaleToZeroEnabled === false;
}

/**
 * Returns one message per served entity that scales to zero, or may. Unset counts as scaling to zero for
 * both kinds: the provider documents `true` as a served model's default, and sends nothing for a served
 * entity (the upstream provider dropped its default and stopped always sending the field in mid-2024), which
 * leaves the choice to the platform, and the only default documented for this field is `true`. Judging unset
 * as warm would pass an endpoint on an undocumented assumption. An external model's entity cannot set the
 * field at all (it proxies another service), so an unset one passes.
 */
export function findScaleToZero(resourceName: string, props: Record<string, unknown>): string[] {
  const config = objectOf(props.config);
  const unset = (entity: Record<string, unknown>) => entity.scaleToZeroEnabled === undefined || entity.scaleToZeroEnabled === null;
  const external = (entity: Record<string, unknown>) => entity.externalModel !== undefined && entity.externalModel !== null && unset(entity);
  const scaling = [
    ...listOf(config.servedEntities).map(objectOf).filter((entity) => !keepsWarm(entity) && !external(entity)),
    ...listOf(config.servedModels).map(objectOf).filter((model) => !keepsWarm(model)),
  ];
  return scaling.map(
    (entity) =>
      `${describeEndpoint(resourceName, props)} lets served entity '${stringOf(entity.name) ?? "?"}' scale to zero` +
      `${unset(entity) ? " (unset: its documented default is true)" : entity.scaleToZeroEnabled === true ? "" : ` (${JSON.stringify(entity.scaleToZeroEnabled)} is not false)`}, ` +
      "so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
  );
}

/**
 * Returns one message per served entity a job's deployment would let scale to zero, read from every
 * `serving_config` it passes: a notebook task's base parameter or a job parameter's default. A value that is not
 * the JSON the deployment task reads (a string holding `served_entities`) is reported too: what cannot be read
 * cannot be judged.
 */
export function findDeploymentScaleToZero(resourceName: string, props: Record<string, unknown>): string[] {
  const job = describeJob(resourceName, props);
  const values = [
    ...jobTasks(props)
      .filter((task) => Object.hasOwn(task.notebookParameters, SERVING_DEPLOYMENT_PARAMETER))
      .map((task) => ({ where: `task '${task.taskKey}'`, value: task.notebookParameters[SERVING_DEPLOYMENT_PARAMETER] })),
    ...listOf(props.parameters)
      .map(objectOf)
      .filter((parameter) => parameter.name === SERVING_DEPLOYMENT_PARAMETER)
      .map((parameter) => ({ where: "job parameter", value: parameter.default })),
  ];
  return values.flatMap(({ where, value }) => {
    let entities: unknown[] | undefined;
    try {
      const parsed: unknown = typeof value === "string" ? JSON.parse(value) : undefined;
      const list = objectOf(parsed).served_entities;
      entities = Array.isArray(list) ? list : undefined;
    } catch {
      entities = undefined;
    }
    if (entities === undefined) {
      return [`${job} passes ${SERVING_DEPLOYMENT_PARAMETER} in ${where}, but not as JSON with served_entities, so whether its endpoint scales to zero cannot be judged; pass the JSON the program builds.`];
    }
    return entities
      .map(objectOf)
      .filter((entity) => entity.scale_to_zero_enabled !== false)
      .map(
        (entity) =>
          `${job} deploys served entity '${stringOf(entity.name) ?? "?"}' (${where}, ${SERVING_DEPLOYMENT_PARAMETER}) with scale_to_zero_enabled ` +
          `${entity.scale_to_zero_enabled === undefined ? "unset" : JSON.stringify(entity.scale_to_zero_enabled)}, so a request after an idle period waits minutes for a cold start; set it to false.`,
      );
  });
}

/** The rule object registered in the pack. */
export const servingForbidScaleToZero: DocumentedResourcePolicy = {
  name: "serving-forbid-scale-to-zero",
  description: "Served entities of an endpoint do not scale to zero, as declared or as a job's deployment task applies them.",
  severity: "medium",
  remediationSteps:
    "Set `scaleToZeroEnabled: false` on every served entity (unset counts as scaling to zero), and `scale_to_zero_enabled: false` " +
    "on every entity of a deployment task's `serving_config`; in this program leave `mlProjects[].serving.scaleToZero` unset on prod.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Real-time model serving: production endpoints answer at low latency. An entity scaled to zero answers its " +
      "first request only after it started again, minutes later.",
    controls: [],
  },
  validateResource: forResourceTypes([MODEL_SERVING, JOB], (args, reportViolation) => {
    const messages = args.type === JOB ? findDeploymentScaleToZero(args.name, args.props) : findScaleToZero(args.name, args.props);
    for (const message of messages) reportViolation(message);
  }),
};
