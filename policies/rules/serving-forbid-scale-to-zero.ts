/**
 * serving-forbid-scale-to-zero: no served entity of an endpoint scales to zero.
 */
import { forResourceTypes } from "../lib/applicability";
import { listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MODEL_SERVING } from "../lib/resource-types";
import { describeEndpoint } from "../lib/serving";

/**
 * Returns one message per served entity that scales to zero. A deprecated served model that leaves
 * `scaleToZeroEnabled` unset scales to zero too: the provider documents `true` as its default there.
 */
export function findScaleToZero(resourceName: string, props: Record<string, unknown>): string[] {
  const config = objectOf(props.config);
  const unset = (entity: Record<string, unknown>) => entity.scaleToZeroEnabled === undefined || entity.scaleToZeroEnabled === null;
  const scaling = [
    ...listOf(config.servedEntities).map(objectOf).filter((entity) => entity.scaleToZeroEnabled === true),
    ...listOf(config.servedModels).map(objectOf).filter((model) => model.scaleToZeroEnabled === true || unset(model)),
  ];
  return scaling.map(
    (entity) =>
      `${describeEndpoint(resourceName, props)} lets served entity '${stringOf(entity.name) ?? "?"}' scale to zero` +
      `${unset(entity) ? " (unset, which defaults to true for a served model)" : ""}, so a request after an idle period ` +
      "waits minutes for a cold start; set scaleToZeroEnabled: false.",
  );
}

/** The rule object registered in the pack. */
export const servingForbidScaleToZero: DocumentedResourcePolicy = {
  name: "serving-forbid-scale-to-zero",
  description: "Served entities of an endpoint do not scale to zero.",
  severity: "medium",
  remediationSteps: "Set `scaleToZeroEnabled: false` on every served entity; in this program leave `mlProjects[].serving.scaleToZero` unset on prod.",
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
