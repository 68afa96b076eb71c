/**
 * The served entities of an endpoint as the egress and credential rules read them: which outside provider an
 * external model forwards requests to, at which address, and which credential fields it sets. Served entities come
 * from two places: a `databricks.ModelServing`'s `config` (camelCase inputs), and the `serving_config` a job's
 * deployment task applies at run time (the API's snake_case JSON). Both are read through one reader.
 */
import { readIfKnown } from "./applicability";
import { describeJob, listOf, objectOf, stringOf } from "./jobs";
import { SERVING_DEPLOYMENT_PARAMETER, describeEndpoint } from "./serving";

/** `openaiApiBase` -> `openai_api_base`: the API's name of an input field. */
export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field of a block in either spelling (the resource's camelCase or the API's snake_case). */
export function fieldOf(block: Record<string, unknown>, field: string): unknown {
  const camel = block[field];
  return camel !== undefined ? camel : block[snakeCase(field)];
}

/** Whether an input holds a value: absent, null and empty text send nothing. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/**
 * The fields that name where an external model's requests go, per provider config block. A provider without one
 * (Anthropic, AI21 Labs, PaLM) is reached at its own fixed API; Amazon Bedrock and Vertex AI are reached in a region
 * or project of the provider's cloud, which the config does not compare (docs/security-reviewer.md, "Known limits").
 */
export const DESTINATION_FIELDS: readonly (readonly string[])[] = [
  ["openaiConfig", "openaiApiBase"],
  ["cohereConfig", "cohereApiBase"],
  ["customProviderConfig", "customProviderUrl"],
  ["databricksModelServingConfig", "databricksWorkspaceUrl"],
];

/**
 * The credential fields of an external model that take a Databricks secret reference (`{{secrets/<scope>/<key>}}`),
 * by path from the `externalModel` block; each has a twin `<field>Plaintext` that takes the credential itself.
 * A test holds this list against @pulumi/databricks' schema, so a provider upgrade that adds one fails there.
 */
export const SECRET_REFERENCE_FIELDS: readonly (readonly string[])[] = [
  ["ai21labsConfig", "ai21labsApiKey"],
  ["amazonBedrockConfig", "awsAccessKeyId"],
  ["amazonBedrockConfig", "awsSecretAccessKey"],
  ["anthropicConfig", "anthropicApiKey"],
  ["cohereConfig", "cohereApiKey"],
  ["customProviderConfig", "apiKeyAuth", "value"],
  ["customProviderConfig", "bearerTokenAuth", "token"],
  ["databricksModelServingConfig", "databricksApiToken"],
  ["googleCloudVertexAiConfig", "privateKey"],
  ["openaiConfig", "microsoftEntraClientSecret"],
  ["openaiConfig", "openaiApiKey"],
  ["palmConfig", "palmApiKey"],
];

/** A Databricks secret reference, the only form a credential field may take: `{{secrets/<scope>/<key>}}`. */
export const SECRET_REFERENCE = /^\{\{secrets\/[^/{}\s]+\/[^/{}\s]+\}\}$/;

/** A field that takes a credential as plain text: `openaiApiKeyPlaintext`, `value_plaintext`, `plaintext`. */
export const PLAINTEXT_FIELD = /plaintext$/i;

/** An environment variable whose name says it carries a credential (`OPENAI_API_KEY`, `DATABRICKS_TOKEN`, ...). */
export const CREDENTIAL_VARIABLE = /(^|_)(API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET|TOKEN|PASSWORD|CREDENTIALS?)(_|$)/i;

/** One served entity, from an endpoint or a deployment, with where it is declared (for messages). */
export interface ServedEntity {
  /** `Endpoint 'prod-churn' serves entity 'champion'` or `Job 'x' deploys served entity 'champion' (task 'deploy', serving_config)`. */
  subject: string;
  /** The entity's inputs (camelCase from a resource, snake_case from a deployment). */
  entity: Record<string, unknown>;
}

/** A `serving_config` a job passes that is not the JSON the deployment task reads: it cannot be judged. */
export interface UnreadableServingConfig {
  job: string;
  where: string;
}

/** The served entities (and served models) an endpoint declares. */
export function endpointEntities(resourceName: string, props: Record<string, unknown>): ServedEntity[] {
  const endpoint = describeEndpoint(resourceName, props);
  const config = objectOf(props.config);
  return [...listOf(config.servedEntities), ...listOf(config.servedModels)].map(objectOf).map((entity) => ({
    subject: `${endpoint} serves entity '${stringOf(entity.name) ?? "?"}'`,
    entity,
  }));
}

/**
 * Every `serving_config` a job passes, with where: a notebook task's base parameter (the inner task of a for-each task
 * too) or a job parameter's default. Only these fields are read, so a value of the job unknown during preview
 * elsewhere (a cluster's policy id, a called job's id) does not stop the check.
 */
function servingConfigValues(props: Record<string, unknown>): { where: string; value: unknown }[] {
  const fromTask = (raw: unknown, enclosedBy?: string): { where: string; value: unknown }[] => {
    const task = objectOf(raw);
    const key = `${enclosedBy === undefined ? "" : `${enclosedBy}/`}${stringOf(task.taskKey) ?? "?"}`;
    const parameters = objectOf(objectOf(task.notebookTask).baseParameters);
    const own = Object.hasOwn(parameters, SERVING_DEPLOYMENT_PARAMETER) ? [{ where: `task '${key}'`, value: parameters[SERVING_DEPLOYMENT_PARAMETER] }] : [];
    const inner = objectOf(task.forEachTask).task;
    return inner === undefined ? own : [...own, ...fromTask(inner, key)];
  };
  return [
    ...listOf(props.tasks).flatMap((task) => fromTask(task)),
    ...listOf(props.parameters)
      .map(objectOf)
      .filter((parameter) => parameter.name === SERVING_DEPLOYMENT_PARAMETER)
      .map((parameter) => ({ where: "job parameter", value: parameter.default })),
  ];
}

/**
 * The served entities a job's deployment tasks apply, from every `serving_config` it passes, and the values that are
 * not JSON with `served_entities`.
 */
export function deploymentEntities(resourceName: string, props: Record<string, unknown>): { entities: ServedEntity[]; unreadable: UnreadableServingConfig[] } {
  const job = describeJob(resourceName, props);
  const entities: ServedEntity[] = [];
  const unreadable: UnreadableServingConfig[] = [];
  for (const { where, value } of servingConfigValues(props)) {
    const list = parsedEntities(value);
    if (list === undefined) unreadable.push({ job, where });
    for (const entity of (list ?? []).map(objectOf)) {
      entities.push({ subject: `${job} deploys served entity '${stringOf(entity.name) ?? "?"}' (${where}, ${SERVING_DEPLOYMENT_PARAMETER})`, entity });
    }
  }
  return { entities, unreadable };
}

function parsedEntities(value: unknown): unknown[] | undefined {
  try {
    const list = objectOf(typeof value === "string" ? JSON.parse(value) : undefined).served_entities;
    return Array.isArray(list) ? list : undefined;
  } catch {
    return undefined;
  }
}

/** An entity's external model, as the egress rule judges it; undefined when the entity serves none. */
export interface ExternalModel {
  /** The provider as written; undefined when it is not text. */
  provider?: string;
  /** The model's name at the provider; undefined when it is not text. */
  name?: string;
  /** Where requests go, when the config names an address (see DESTINATION_FIELDS). */
  urls: { field: string; url: string }[];
  /** The `externalModel` block itself. */
  block: Record<string, unknown>;
}

/** An entity's `externalModel` block, if it serves one; reads nothing inside it (an unknown provider stays unread). */
export function externalModelBlockOf(entity: Record<string, unknown>): Record<string, unknown> | undefined {
  const raw = fieldOf(entity, "externalModel");
  return isSet(raw) ? objectOf(raw) : undefined;
}

/** The external model an entity serves, if any. */
export function externalModelOf(entity: Record<string, unknown>): ExternalModel | undefined {
  const block = externalModelBlockOf(entity);
  if (block === undefined) return undefined;
  const urls = DESTINATION_FIELDS.flatMap(([config, field]) => {
    const url = fieldOf(objectOf(fieldOf(block, config)), field);
    return isSet(url) ? [{ field: `${config}.${field}`, url: typeof url === "string" ? url : JSON.stringify(url) }] : [];
  });
  return { provider: stringOf(fieldOf(block, "provider")), name: stringOf(fieldOf(block, "name")), urls, block };
}

/**
 * The fields of an `externalModel` block that name the model and can hold no credential: unknown during preview, they
 * are skipped here (the egress rule decides on them). Any other unknown value fails closed: it may be, or hide, one.
 */
const MODEL_NAMING_FIELDS = new Set(["provider", "name", "task"]);

/** Every field under `value` whose name takes a plain-text credential and that holds one, by dotted path. */
export function plaintextFields(value: unknown, path = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  const isList = Array.isArray(value);
  return Object.keys(value).flatMap((key) => {
    const at = isList ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
    if (path === "" && MODEL_NAMING_FIELDS.has(key) && !readIfKnown(() => (value as Record<string, unknown>)[key]).known) return [];
    const child = (value as Record<string, unknown>)[key];
    if (!isList && PLAINTEXT_FIELD.test(key) && isSet(child)) return [at];
    return plaintextFields(child, at);
  });
}

/** The value at a path of fields (each in either spelling) and the path as written; undefined value when absent. */
function locate(block: Record<string, unknown>, path: readonly string[]): { value: unknown; written: string } {
  let value: unknown = block;
  const written: string[] = [];
  for (const field of path) {
    const parent = objectOf(value);
    const key = parent[field] === undefined && parent[snakeCase(field)] !== undefined ? snakeCase(field) : field;
    written.push(key);
    value = parent[key];
  }
  return { value, written: written.join(".") };
}

/** Whether a credential field holds a Databricks secret reference. */
const isReference = (value: unknown) => typeof value === "string" && SECRET_REFERENCE.test(value.trim());

/** The credential fields of an external model that hold something other than a secret reference, by dotted path. */
export function unreferencedCredentials(block: Record<string, unknown>): string[] {
  return SECRET_REFERENCE_FIELDS.map((path) => locate(block, path))
    .filter(({ value }) => isSet(value) && !isReference(value))
    .map(({ written }) => written);
}

/** The environment variables of an entity whose names say they carry a credential and whose values are no secret reference. */
export function unreferencedVariables(entity: Record<string, unknown>): string[] {
  const variables = objectOf(fieldOf(entity, "environmentVars"));
  return Object.keys(variables).filter((name) => {
    if (!CREDENTIAL_VARIABLE.test(name)) return false;
    const value = variables[name];
    return isSet(value) && !isReference(value);
  });
}
