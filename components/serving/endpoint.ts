/**
 * The model serving endpoint of an ML project as plain `ModelServingArgs`, built by pure functions:
 * served entities and the traffic split between them, the AI gateway (inference tables, usage
 * tracking, rate limits), tags, and who may query or manage it.
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

/** The Champion and Challenger entities, each serving one version of the project's model. */
export function servedEntities(serving: ServingConfig, modelFullName: string): databricks.types.input.ModelServingConfigServedEntity[] {
  return serving.served.map((entity) => ({
    name: entity.name,
    entityName: modelFullName,
    entityVersion: entity.version,
    workloadSize: entity.workloadSize,
    scaleToZeroEnabled: serving.scaleToZero,
  }));
}

/** Traffic routes, in served entity order, without zero routes for entities the split leaves out. */
export function trafficRoutes(serving: ServingConfig): { servedEntityName: string; trafficPercentage: number }[] {
  return serving.served.map((entity) => ({ servedEntityName: entity.name, trafficPercentage: serving.traffic[entity.name] ?? 0 }));
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

/**
 * The endpoint's args, or undefined while the model has no version to serve: the endpoint is then
 * declared by a later deploy, once the training job registered a version and CI set it in config.
 */
export function endpointArgs(serving: ServingConfig, placement: EndpointPlacement): databricks.ModelServingArgs | undefined {
  if (serving.served.length === 0) return undefined;
  return {
    name: serving.endpointName,
    description: `Serves ${placement.modelFullName} on ${placement.stage}: ${serving.served.map((e) => `${e.name} v${e.version}`).join(", ")}.`,
    config: {
      servedEntities: servedEntities(serving, placement.modelFullName),
      trafficConfig: { routes: trafficRoutes(serving) },
    },
    aiGateway: aiGateway(serving, placement),
    tags: [
      { key: "stage", value: placement.stage },
      { key: "project", value: placement.project },
      { key: "model", value: placement.modelFullName },
    ],
  };
}

/** Why a stage declares no endpoint for a project, as the plan's diagnostic says it. */
export function noEndpointReason(placement: EndpointPlacement, projectIndex: number): string {
  return (
    `${placement.stage}-${placement.project}: no serving endpoint yet: ${placement.modelFullName} has no version to serve. ` +
    `After the training job registered one, set it with \`pulumi config set --path 'mlProjects[${projectIndex}].serving.champion.version' <version>\` ` +
    "(the deploy task or CI does this), then deploy again."
  );
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
