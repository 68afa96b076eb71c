/**
 * The `serving` block of an ML project (`mlProjects[].serving`): the model serving endpoint of the
 * project on this stage. The stack owns the endpoint's shape (name, AI gateway, rate limits, tags,
 * permissions) and what it serves (the `Champion` alias and, when configured, the `Challenger` with a
 * traffic split); the deployment task owns the versions: after it moves an alias it points the endpoint's
 * served entities at the versions the aliases name. So a stage deploys before its model has any version,
 * and a later `up` never reverts a promotion (docs/data-scientist.md, "How a new version reaches the endpoint").
 */
import { z } from "zod";
import { isGroupName } from "../principals";
import type { Stage } from "../stages";
import { type AddIssue, NOTHING_REFUSED, type Refused, booleanField, numberIn, reasonParams, strictObject, text } from "../config-fields";

/** Workload sizes of a CPU served entity (concurrency 4, 16, 64). */
export const WORKLOAD_SIZES = ["Small", "Medium", "Large"] as const;

/** The served entities of an endpoint, by role; also their `name` on the endpoint. */
export const SERVED_ENTITY_NAMES = { champion: "champion", challenger: "challenger" } as const;

/** The model alias each served entity follows (the reference design's aliases). */
export const SERVED_ENTITY_ALIASES = { champion: "Champion", challenger: "Challenger" } as const;

/** Why a stack file may not name a served version any more. */
export const RETIRED_VERSION_REASON =
  "is no longer set in the stack: a model the same `up` creates has no version yet, so the endpoint follows the model's " +
  "aliases instead; the deployment task serves the versions `Champion` (and `Challenger`) point to. Remove the key " +
  "(docs/data-scientist.md, \"How a new version reaches the endpoint\")";

/** Share of the traffic the Challenger gets when the stack gives no split. */
export const DEFAULT_CHALLENGER_TRAFFIC = 10;

/** Endpoint-wide calls per minute when the stack gives no rate limit. */
export const DEFAULT_CALLS_PER_MINUTE = 1000;

/** Endpoint and served entity names: letters, digits, '-' and '_', at most 63 characters (Serving API). */
export const SERVING_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

const ALLOWED = {
  endpointName: "letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters",
  workloadSize: `one of ${WORKLOAD_SIZES.join(", ")}`,
  percentage: "a whole number from 0 to 100",
  calls: "a whole number of calls per minute, at least 1",
  group: "a group name (letters, digits, spaces, '.', '_' or '-'), not an account-wide group such as \"users\" or \"account users\"",
  prefix: "a Unity Catalog name: lower-case letters, digits and '_', starting with a letter, at most 100 characters",
} as const;

const ACCOUNT_WIDE = ["users", "account users"];

/** `version` of earlier releases: refused with the reason, whatever its value. */
const retiredVersion = z
  .unknown()
  .superRefine((value, context) => {
    if (value !== undefined) context.addIssue({ code: "custom", message: RETIRED_VERSION_REASON, params: reasonParams });
  })
  .optional();

// Written out rather than with `strictObject`, so that the retired `version` is not listed as an allowed key.
const servedEntitySchema = z.strictObject(
  { workloadSize: z.enum(WORKLOAD_SIZES, { error: ALLOWED.workloadSize }).optional(), version: retiredVersion },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown key; allowed keys: workloadSize" : "an object with key workloadSize (may be empty: {})") },
);

/** The `serving` block as the stack file gives it. */
export const servingSchema = strictObject({
  endpointName: text(ALLOWED.endpointName, SERVING_NAME_PATTERN).optional(),
  champion: servedEntitySchema.optional(),
  challenger: servedEntitySchema.optional(),
  traffic: z.record(z.string(), numberIn(ALLOWED.percentage, { int: true, min: 0, max: 100 }), { error: "a map of served entity name to percentage" }).optional(),
  workloadSize: z.enum(WORKLOAD_SIZES, { error: ALLOWED.workloadSize }).optional(),
  scaleToZero: booleanField().optional(),
  rateLimits: strictObject({
    callsPerMinute: numberIn(ALLOWED.calls, { int: true, min: 1 }).optional(),
    callsPerUserPerMinute: numberIn(ALLOWED.calls, { int: true, min: 1 }).optional(),
  }).optional(),
  consumerGroups: z
    .array(text(ALLOWED.group).refine((g) => isGroupName(g) && !ACCOUNT_WIDE.includes(g.toLowerCase()), { error: ALLOWED.group }), {
      error: `a list of group names (${ALLOWED.group})`,
    })
    .optional(),
  inferenceTablePrefix: text(ALLOWED.prefix, /^[a-z][a-z0-9_]{0,99}$/).optional(),
});

/** The `serving` block after the schema. */
export type RawServing = z.infer<typeof servingSchema>;

/** One served entity of the endpoint: the version a model alias points to. */
export interface ServedEntityConfig {
  /** The served entity's name on the endpoint: `champion` or `challenger`. */
  name: string;
  /** The model alias whose version the deployment task serves under this name: `Champion` or `Challenger`. */
  alias: string;
  /** Concurrency of the entity. Default `serving.workloadSize`. */
  workloadSize: (typeof WORKLOAD_SIZES)[number];
}

/** A validated `serving` block with every default resolved. */
export interface ServingConfig {
  /** Endpoint name, unique in the workspace. Default `<stage>-<project>`. */
  endpointName: string;
  /** The served entities, Champion first; the Challenger only when the block names one. */
  served: ServedEntityConfig[];
  /** Traffic percentage by served entity name; sums to 100. Default 100 for the Champion, 90/10 with a Challenger. */
  traffic: Record<string, number>;
  /** Whether idle entities scale to zero. Default true on dev and staging, false on prod (and required false there). */
  scaleToZero: boolean;
  /** AI gateway rate limits: endpoint-wide (default 1000 calls/minute) and per user (default none). */
  rateLimits: { callsPerMinute: number; callsPerUserPerMinute?: number };
  /** Groups granted CAN_QUERY on the endpoint. Default: the project's scoring groups. */
  consumerGroups: string[];
  /** Prefix of the AI gateway inference tables in the `inference` schema. Default `<model>_endpoint`. */
  inferenceTablePrefix: string;
}

/** What the serving defaults depend on besides the block itself. */
export interface ServingContext {
  stage: Stage;
  project: string;
  modelName: string;
  scoringGroups: readonly string[];
}

/** Fills in every default of a `serving` block that passed the schema and `checkServing`. */
export function resolveServing(raw: RawServing, context: ServingContext): ServingConfig {
  const size = raw.workloadSize ?? "Small";
  const served: ServedEntityConfig[] = [
    { name: SERVED_ENTITY_NAMES.champion, alias: SERVED_ENTITY_ALIASES.champion, workloadSize: raw.champion?.workloadSize ?? size },
    ...(raw.challenger === undefined
      ? []
      : [{ name: SERVED_ENTITY_NAMES.challenger, alias: SERVED_ENTITY_ALIASES.challenger, workloadSize: raw.challenger.workloadSize ?? size }]),
  ];
  return {
    endpointName: raw.endpointName ?? `${context.stage}-${context.project}`,
    served,
    traffic: raw.traffic ?? defaultTraffic(served.length > 1),
    scaleToZero: raw.scaleToZero ?? context.stage !== "prod",
    rateLimits: {
      callsPerMinute: raw.rateLimits?.callsPerMinute ?? DEFAULT_CALLS_PER_MINUTE,
      ...(raw.rateLimits?.callsPerUserPerMinute === undefined ? {} : { callsPerUserPerMinute: raw.rateLimits.callsPerUserPerMinute }),
    },
    consumerGroups: [...new Set(raw.consumerGroups ?? context.scoringGroups)].sort(),
    inferenceTablePrefix: raw.inferenceTablePrefix ?? `${context.modelName}_endpoint`,
  };
}

/** The split when the stack gives none: all to the Champion, or 90/10 with a Challenger. */
export function defaultTraffic(withChallenger: boolean): Record<string, number> {
  return withChallenger
    ? { [SERVED_ENTITY_NAMES.champion]: 100 - DEFAULT_CHALLENGER_TRAFFIC, [SERVED_ENTITY_NAMES.challenger]: DEFAULT_CHALLENGER_TRAFFIC }
    : { [SERVED_ENTITY_NAMES.champion]: 100 };
}

/**
 * What the Serving API would reject when the deployment task applies the split, and the stage rules:
 * traffic naming an entity that is not served or not summing to 100, scale-to-zero on prod.
 */
export function checkServing(raw: RawServing, stage: Stage, at: (string | number)[], addIssue: AddIssue, refused: Refused = NOTHING_REFUSED): void {
  const path = [...at, "serving"];
  const hasChallenger = raw.challenger !== undefined;
  if (stage === "prod" && raw.scaleToZero === true) {
    addIssue([...path, "scaleToZero"], "must be false on prod: a scaled-to-zero endpoint answers its first request after minutes of cold start");
  }
  if (raw.traffic === undefined) return;
  const served = [SERVED_ENTITY_NAMES.champion, ...(hasChallenger ? [SERVED_ENTITY_NAMES.challenger] : [])];
  for (const name of Object.keys(raw.traffic)) {
    if (!(served as string[]).includes(name)) {
      addIssue([...path, "traffic", name], `names no served entity of the endpoint; served entities: ${served.join(", ")}`);
    }
  }
  const total = Object.values(raw.traffic).reduce((sum, percentage) => sum + percentage, 0);
  // A sum over refused percentages would restate the schema's problem as another one.
  if (total !== 100 && !refused([...path, "traffic"])) {
    addIssue([...path, "traffic"], `percentages sum to ${total}; the routes of an endpoint must sum to 100`);
  }
}

/** Endpoint names are unique in a workspace: reports each project whose endpoint name another project uses too. */
export function checkEndpointNames(projects: readonly { name: string; serving?: RawServing }[], stage: Stage, addIssue: AddIssue): void {
  const names = projects.map((project) => (project.serving === undefined ? undefined : (project.serving.endpointName ?? `${stage}-${project.name}`)));
  names.forEach((name, index) => {
    const first = names.indexOf(name);
    if (name !== undefined && first !== index) {
      addIssue(["mlProjects", index, "serving", "endpointName"], `endpoint "${name}" is also the endpoint of mlProjects[${first}]; endpoint names are unique in a workspace`);
    }
  });
}

/**
 * The checks of a resolved `serving` block, as a `ServingEndpoint` runs them on its args: the ones `checkServing`
 * runs on the stack file, plus the shape the resolver guarantees (names, served entities, rate limits), since a
 * program may build the block by hand. `stage` is the endpoint's stage (prod refuses scale-to-zero).
 */
export function checkServingConfig(serving: ServingConfig, stage: string, addIssue: AddIssue): void {
  if (!SERVING_NAME_PATTERN.test(serving.endpointName)) addIssue(["serving", "endpointName"], ALLOWED.endpointName);
  const names = serving.served.map((entity) => entity.name);
  const known: string[] = [SERVED_ENTITY_NAMES.champion, SERVED_ENTITY_NAMES.challenger];
  if (names[0] !== SERVED_ENTITY_NAMES.champion || names.some((name, index) => !known.includes(name) || names.indexOf(name) !== index)) {
    addIssue(["serving", "served"], `the champion first, then at most the challenger, each once`);
  }
  serving.served.forEach((entity, index) => {
    if (!(WORKLOAD_SIZES as readonly string[]).includes(entity.workloadSize)) addIssue(["serving", "served", index, "workloadSize"], ALLOWED.workloadSize);
  });
  for (const [name, percentage] of Object.entries(serving.traffic)) {
    if (!Number.isInteger(percentage) || percentage < 0 || percentage > 100) addIssue(["serving", "traffic", name], ALLOWED.percentage);
  }
  const { callsPerMinute, callsPerUserPerMinute } = serving.rateLimits;
  if (!Number.isInteger(callsPerMinute) || callsPerMinute < 1) addIssue(["serving", "rateLimits", "callsPerMinute"], ALLOWED.calls);
  if (callsPerUserPerMinute !== undefined && (!Number.isInteger(callsPerUserPerMinute) || callsPerUserPerMinute < 1)) {
    addIssue(["serving", "rateLimits", "callsPerUserPerMinute"], ALLOWED.calls);
  }
  // The stack file's own checks, on the same block: one wording whichever way the endpoint was built.
  const raw: RawServing = { traffic: serving.traffic, scaleToZero: serving.scaleToZero, ...(names.includes(SERVED_ENTITY_NAMES.challenger) ? { challenger: {} } : {}) };
  checkServing(raw, stage as Stage, [], addIssue);
}
