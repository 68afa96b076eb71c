/**
 * Outside models as paths out of the stage (data-restrict-egress): a served external model of an endpoint or of a
 * job's deployment task, and the AI gateway's services that reach an outside provider. Each is refused unless an
 * entry of the rule's `externalModels` names its provider, model and address.
 */
import { describeService, externalDestinations, providerServiceModels } from "./ai-gateway";
import { maskUrlCredentials } from "./code-sources/url-credentials";
import { type ServedEntity, deploymentEntities, endpointEntities, externalModelOf } from "./external-models";
import { AI_GATEWAY_MODEL_PROVIDER_SERVICE, AI_GATEWAY_MODEL_SERVICE, JOB, MODEL_SERVING } from "./resource-types";

/** One external model the stage may serve: a provider's model, at the address its config names (if it names one). */
export interface ExternalModelEntry {
  /**
   * The provider, as `externalModel.provider` names it (`openai`, `anthropic`, `databricks-model-serving`, `custom`,
   * ...); for an AI gateway provider service its `providerType` without the prefix (`azure-openai`); for a model
   * service's destination the provider service it goes through, as referenced.
   */
  provider: string;
  /** The model's name at the provider (`*`: every model a provider service allows). */
  name: string;
  /**
   * The address the model's config sends requests to (`openaiApiBase`, `cohereApiBase`, `customProviderUrl`,
   * `databricksWorkspaceUrl`, a provider service's `baseUrl`); unset for a model reached at its provider's own API.
   * Default: unset.
   */
  url?: string;
}

/** An outside model as the rule compares it with the entries. */
interface OutsideModel {
  provider?: string;
  name?: string;
  urls: readonly { field: string; url: string }[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A URL as compared with a config entry: trimmed, in lower case, without trailing slashes. */
const sameUrl = (a: string, b: string) => a.trim().replace(/\/+$/, "").toLowerCase() === b.trim().replace(/\/+$/, "").toLowerCase();

/**
 * Whether an entry names the model: same provider and name, and the same address. A model whose config names
 * addresses is named only with that address (a name alone would let any host in); one that names none (its
 * provider's own API) only by an entry without `url`.
 */
export function namesModel(entry: ExternalModelEntry, model: { provider: string; name: string; urls: readonly { url: string }[] }): boolean {
  if (!same(entry.provider, model.provider) || !same(entry.name, model.name)) return false;
  if (model.urls.length === 0) return entry.url === undefined;
  return model.urls.every(({ url }) => entry.url !== undefined && sameUrl(entry.url, url));
}

const listed = (entries: readonly ExternalModelEntry[]) =>
  entries.length > 0 ? entries.map((e) => `'${e.provider}:${e.name}${e.url === undefined ? "" : ` at ${maskUrlCredentials(e.url)}`}'`).join(", ") : "none";

/**
 * The refusal of an outside model no entry names, or nothing: `what` says how the resource reaches it, and the
 * message gives the entry a reviewer adds. Addresses are shown with any credentials in them masked.
 */
function refusal(what: string, model: OutsideModel, entries: readonly ExternalModelEntry[]): string[] {
  const known = { provider: model.provider ?? "", name: model.name ?? "", urls: model.urls };
  if (model.provider !== undefined && model.name !== undefined && entries.some((entry) => namesModel(entry, known))) return [];
  const urls = model.urls.map(({ url }) => maskUrlCredentials(url)).filter((url, i, all) => all.indexOf(url) === i);
  const at = model.urls.length === 0 ? "" : ` at ${model.urls.map(({ field, url }) => `'${maskUrlCredentials(url)}' (${field})`).join(", ")}`;
  const entry = JSON.stringify({ provider: model.provider ?? "?", name: model.name ?? "?", ...(urls.length === 1 ? { url: urls[0] } : {}) });
  return [
    `${what} '${model.name ?? "?"}' of provider '${model.provider ?? "?"}'${at}: it forwards every request, the stage's data in its prompts included, ` +
      `to that provider, but this stage's policy config does not name it (externalModels: ${listed(entries)}). ` +
      `To accept this path out, a security reviewer adds ${entry} to externalModels of data-restrict-egress.`,
  ];
}

/** One message per served external model the entries do not name. */
export function findExternalModels(entities: readonly ServedEntity[], entries: readonly ExternalModelEntry[]): string[] {
  return entities.flatMap(({ subject, entity }) => {
    const model = externalModelOf(entity);
    if (model === undefined) return [];
    return refusal(`${subject}, the external model`, model, entries);
  });
}

/** The served entities a resource declares or deploys, and one message per deployment config that cannot be read. */
function servedEntitiesOf(type: string, name: string, props: Record<string, unknown>): { entities: ServedEntity[]; messages: string[] } {
  if (type === MODEL_SERVING) return { entities: endpointEntities(name, props), messages: [] };
  if (type !== JOB) return { entities: [], messages: [] };
  const { entities, unreadable } = deploymentEntities(name, props);
  const messages = unreadable.map(
    ({ job, where }) => `${job} passes serving_config in ${where}, but not as JSON with served_entities, so whether it deploys an external model cannot be judged; pass the JSON the program builds.`,
  );
  return { entities, messages };
}

/** One message per model an AI gateway service reaches outside that the entries do not name. */
export function findAiGatewayEgress(type: string, name: string, props: Record<string, unknown>, entries: readonly ExternalModelEntry[]): string[] {
  if (type === AI_GATEWAY_MODEL_PROVIDER_SERVICE) {
    const subject = describeService(type, name, props, "modelProviderServiceId");
    const { provider, models, urls } = providerServiceModels(props);
    return models.flatMap((model) =>
      refusal(`${subject} exposes ${model === "*" ? "every model (allowAllTargets, or no targets listed), as the model" : "the model"}`, { provider, name: model, urls }, entries),
    );
  }
  if (type === AI_GATEWAY_MODEL_SERVICE) {
    const subject = describeService(type, name, props, "modelServiceId");
    return externalDestinations(props).flatMap(({ where, service, model }) =>
      refusal(`${subject} routes its ${where} through a model provider service to the model`, { provider: service, name: model, urls: [] }, entries),
    );
  }
  return [];
}

/** One message per outside model a resource serves, deploys or routes to that the entries do not name. */
export function findExternalModelEgress(type: string, name: string, props: Record<string, unknown>, entries: readonly ExternalModelEntry[]): string[] {
  const served = servedEntitiesOf(type, name, props);
  return [...served.messages, ...findExternalModels(served.entities, entries), ...findAiGatewayEgress(type, name, props, entries)];
}
