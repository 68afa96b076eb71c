/**
 * The model serving endpoint of an ML project as plain `ModelServingArgs`, built by pure functions: the
 * AI gateway (inference tables, usage tracking, rate limits), tags, and who may query or manage it; and
 * what the deployment task serves on it (served entities following the model's aliases, the traffic split).
 *
 * The endpoint is declared without `config`: the provider treats `config` as optional and computed
 * (serving/resource_model_serving.go `ResourceModelServing`, `SetComputed` on `config`), so the engine keeps
 * whatever served entities the deployment task set, and the Serving API accepts an endpoint without one
 * (databricks-sdk-go `CreateServingEndpoint.Config` is optional). Declaring versions instead would name
 * versions that do not exist on a fresh stage (the provider then deletes the endpoint it could not make
 * ready: `Create` calls `DeleteByName` when the wait fails) and would revert every promotion on the next `up`.
 */
import type * as databricks from "@pulumi/databricks";
import type { AccessControlSpec, ProjectIdentities } from "../pipelines/access";
import { isAutomatedStage } from "../stages";
import type { ServingConfig } from "./serving-config";

/**
 * Create and update timeouts of an endpoint. Creation takes 5-30 minutes and the provider deletes
 * an endpoint whose wait timed out, so the wait is generous rather than the SDK's 20 minutes.
 */
export const ENDPOINT_TIMEOUTS = { create: "60m", update: "60m", delete: "20m" } as const;

/** The suffix the AI gateway appends to the inference table prefix for its request/response table. */
export const PAYLOAD_TABLE_SUFFIX = "_payload";

/** Where the endpoint sits: the stage catalog, the schema of its inference tables, the model. */
export interface EndpointPlacement {
  /** The stage, in names, tags and the description. */
  stage: string;
  /** The ML project's name. */
  project: string;
  /** The stage catalog the inference tables go to. */
  catalogName: string;
  /** The `inference` schema. */
  inferenceSchema: string;
  /** `<catalog>.ml_assets.<model>`. */
  modelFullName: string;
}

/** The name of the deployment task's parameter that carries `ServingDeployment` as JSON. */
export const SERVING_DEPLOYMENT_PARAMETER = "serving_config";

/**
 * What the deployment task applies to the endpoint after moving the aliases, in the Serving API's own field
 * names (`update_config`): each served entity serves the version its alias points to.
 */
export interface ServingDeployment {
  endpoint_name: string;
  served_entities: { name: string; entity_name: string; alias: string; workload_size: string; scale_to_zero_enabled: boolean }[];
  traffic_config: { routes: { served_entity_name: string; traffic_percentage: number }[] };
}

/** The served entities and split the deployment task applies; one route per served entity, in served order. */
export function servingDeployment(serving: ServingConfig, modelFullName: string): ServingDeployment {
  return {
    endpoint_name: serving.endpointName,
    served_entities: serving.served.map((entity) => ({
      name: entity.name,
      entity_name: modelFullName,
      alias: entity.alias,
      workload_size: entity.workloadSize,
      scale_to_zero_enabled: serving.scaleToZero,
    })),
    traffic_config: {
      routes: serving.served.map((entity) => ({ served_entity_name: entity.name, traffic_percentage: serving.traffic[entity.name] ?? 0 })),
    },
  };
}

/** `<catalog>.<schema>.<prefix>_payload`: the table the AI gateway logs requests and responses to. */
export function payloadTableFullName(serving: ServingConfig, placement: EndpointPlacement): string {
  return `${placement.catalogName}.${placement.inferenceSchema}.${serving.inferenceTablePrefix}${PAYLOAD_TABLE_SUFFIX}`;
}

/**
 * The AI gateway: inference tables in the stage's `inference` schema (the legacy auto-capture config
 * is retired), usage tracking, an endpoint-wide rate limit and, when configured, one per user.
 */
export function aiGateway(serving: ServingConfig, placement: EndpointPlacement): databricks.types.input.ModelServingAiGateway {
  return {
    inferenceTableConfig: {
      enabled: true,
      catalogName: placement.catalogName,
      schemaName: placement.inferenceSchema,
      tableNamePrefix: serving.inferenceTablePrefix,
    },
    usageTrackingConfig: { enabled: true },
    rateLimits: [
      { key: "endpoint", renewalPeriod: "minute", calls: serving.rateLimits.callsPerMinute },
      ...(serving.rateLimits.callsPerUserPerMinute === undefined
        ? []
        : [{ key: "user", renewalPeriod: "minute", calls: serving.rateLimits.callsPerUserPerMinute }]),
    ],
  };
}

/** The endpoint's args: its shape, without `config` (see the top of this file). */
export function endpointArgs(serving: ServingConfig, placement: EndpointPlacement): databricks.ModelServingArgs {
  const split = serving.served.map((entity) => `${entity.alias} ${serving.traffic[entity.name] ?? 0}%`).join(", ");
  return {
    name: serving.endpointName,
    description: `Serves ${placement.modelFullName} on ${placement.stage} (${split}); the deployment task sets the versions.`,
    aiGateway: aiGateway(serving, placement),
    tags: [
      { key: "stage", value: placement.stage },
      { key: "project", value: placement.project },
      { key: "model", value: placement.modelFullName },
    ],
  };
}

/** Endpoint permission levels, weakest first; a principal keeps its strongest one. */
const LEVELS = ["CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"] as const;

/**
 * Who may use the endpoint: the consumer groups query it; the stage's service principal manages it
 * on staging and prod, where people at most see or query it; the project groups manage it on dev.
 */
export function endpointAccess(identities: ProjectIdentities, consumerGroups: readonly string[]): AccessControlSpec[] {
  const { groups, servicePrincipal } = identities;
  const people = isAutomatedStage(identities.stage) ? "CAN_VIEW" : "CAN_MANAGE";
  const wanted: [string, (typeof LEVELS)[number]][] = [
    ...consumerGroups.map((group): [string, (typeof LEVELS)[number]] => [group, "CAN_QUERY"]),
    [groups.dataScientists, people],
    [groups.mlEngineers, people],
  ];
  // One entry per principal (two levels for one principal drift forever), the strongest wins.
  const strongest = new Map<string, (typeof LEVELS)[number]>();
  for (const [group, level] of wanted) {
    const held = strongest.get(group);
    if (held === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(held)) strongest.set(group, level);
  }
  const entries: AccessControlSpec[] = [...strongest].map(([groupName, permissionLevel]) => ({ groupName, permissionLevel }));
  if (servicePrincipal) entries.push({ servicePrincipalName: servicePrincipal, permissionLevel: "CAN_MANAGE" });
  const key = (e: AccessControlSpec) => e.groupName ?? e.servicePrincipalName ?? "";
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
