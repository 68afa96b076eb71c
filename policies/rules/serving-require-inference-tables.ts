/**
 * serving-require-inference-tables: an endpoint logs its requests and responses to an inference
 * table in Unity Catalog through the AI gateway, never through the retired legacy auto-capture.
 */
import { forResourceTypes } from "../lib/applicability";
import { objectOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MODEL_SERVING } from "../lib/resource-types";
import { describeEndpoint, inferenceTableOf } from "../lib/serving";

/** Returns one message per way the endpoint fails to capture its inference table. */
export function findMissingInferenceTables(resourceName: string, props: Record<string, unknown>): string[] {
  const endpoint = describeEndpoint(resourceName, props);
  const messages: string[] = [];
  if (objectOf(props.config).autoCaptureConfig !== undefined) {
    messages.push(`${endpoint} uses the legacy config.autoCaptureConfig, a retired service; use aiGateway.inferenceTableConfig instead.`);
  }
  const table = inferenceTableOf(props);
  if (!table.enabled) {
    messages.push(`${endpoint} captures no inference table; set aiGateway.inferenceTableConfig with enabled: true.`);
  } else if (table.catalogName === undefined || table.schemaName === undefined) {
    messages.push(`${endpoint} enables an inference table without catalogName and schemaName; name the stage's catalog and inference schema.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const servingRequireInferenceTables: DocumentedResourcePolicy = {
  name: "serving-require-inference-tables",
  description: "Serving endpoints capture their requests and responses in an AI gateway inference table.",
  severity: "high",
  remediationSteps:
    "Set `aiGateway.inferenceTableConfig` with `enabled: true`, the stage catalog and its inference schema, and drop " +
    "`config.autoCaptureConfig`. In this program the inference table is always on (`mlProjects[].serving`).",
  documentation: {
    waivers: "allowed",
    rationale:
      "Inference tables and Lakehouse Monitoring: requests and responses of production endpoints are captured in " +
      "inference tables, monitored for drift and quality, and readable from dev. An endpoint without one serves " +
      "unobserved. The legacy auto-capture config can no longer be enabled.",
    controls: [],
  },
  validateResource: forResourceTypes([MODEL_SERVING], (args, reportViolation) => {
    for (const message of findMissingInferenceTables(args.name, args.props)) reportViolation(message);
  }),
};
