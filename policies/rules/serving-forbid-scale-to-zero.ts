/**
 * serving-forbid-scale-to-zero: no served entity of an endpoint scales to zero.
 */
import { forResourceTypes } from "../lib/applicability";
import { listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MODEL_SERVING } from "../lib/resource-types";
import { describeEndpoint } from "../lib/serving";

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

/** The rule object registered in the pack. */
export const servingForbidScaleToZero: DocumentedResourcePolicy = {
  name: "serving-forbid-scale-to-zero",
  description: "Served entities of an endpoint do not scale to zero.",
  severity: "medium",
  remediationSteps: "Set `scaleToZeroEnabled: false` on every served entity (unset counts as scaling to zero); in this program leave `mlProjects[].serving.scaleToZero` unset on prod.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Real-time model serving: production endpoints answer at low latency. An entity scaled to zero answers its " +
      "first request only after it started again, minutes later.",
    controls: [],
  },
  validateResource: forResourceTypes([MODEL_SERVING], (args, reportViolation) => {
    for (const message of findScaleToZero(args.name, args.props)) reportViolation(message);
  }),
};
