/**
 * The AI gateway's own services as the egress and credential rules read them. A model provider service
 * (`AiGatewayModelProviderService`) holds an outside provider's address and credential and exposes its models; a
 * model service (`AiGatewayModelService`) routes requests, primary and fallback, to such a service's models or to
 * Databricks-hosted ones.
 */
import { listOf, objectOf, stringOf } from "./jobs";
import { isSet } from "./external-models";
import { typeDisplayName } from "./resource-types";

/** The provider config blocks of a model provider service, each reached `direct`ly (or relayed, for Anthropic). */
export const PROVIDER_BLOCKS: readonly string[] = ["amazonBedrock", "anthropic", "azureOpenai", "custom", "geminiEnterprise", "microsoftFoundry", "openai"];

/** `EXTERNAL_MODEL_PROVIDER_TYPE_AZURE_OPENAI` -> `azure-openai`: the provider as a reviewer names it. */
export function providerName(providerType: string): string {
  return providerType
    .trim()
    .replace(/^EXTERNAL_MODEL_PROVIDER_TYPE_/i, "")
    .toLowerCase()
    .replace(/_/g, "-");
}

/** `AiGatewayModelProviderService 'openai'`, by its service id or else its resource name. */
export function describeService(type: string, resourceName: string, props: Record<string, unknown>, idField: string): string {
  return `${typeDisplayName(type)} '${stringOf(props[idField]) ?? resourceName}'`;
}

/** What a model provider service exposes: its provider, its models (`*` when it allows any), and the addresses it calls. */
export interface ProviderServiceModels {
  provider?: string;
  models: string[];
  urls: { field: string; url: string }[];
}

/** The provider, models and addresses of a model provider service's inputs. */
export function providerServiceModels(props: Record<string, unknown>): ProviderServiceModels {
  const config = objectOf(props.config);
  const type = stringOf(config.providerType);
  const targets = listOf(config.targets).map((target) => stringOf(objectOf(target).model) ?? "?");
  const urls = PROVIDER_BLOCKS.flatMap((block) => {
    const url = objectOf(objectOf(config[block]).direct).baseUrl;
    return isSet(url) ? [{ field: `config.${block}.direct.baseUrl`, url: typeof url === "string" ? url : JSON.stringify(url) }] : [];
  });
  // Any value of allowAllTargets but false (or unset) opens every model of the provider, and so does an empty target list.
  const anyModel = (isSet(config.allowAllTargets) && config.allowAllTargets !== false) || targets.length === 0;
  return { ...(type === undefined ? {} : { provider: providerName(type) }), models: anyModel ? ["*"] : targets, urls };
}

/** The provider blocks of a model provider service, where its credentials are (for the plain-text check). */
export function providerBlocks(props: Record<string, unknown>): Record<string, unknown> {
  const config = objectOf(props.config);
  return Object.fromEntries(PROVIDER_BLOCKS.filter((block) => config[block] !== undefined).map((block) => [block, config[block]]));
}

/** One destination of a model service that goes through a model provider service, primary or fallback. */
export interface ServiceDestination {
  /** `destination 1` or `fallback destination 2`. */
  where: string;
  /** The model provider service it goes through, as referenced. */
  service?: string;
  /** The target model at that provider. */
  model?: string;
}

/** The destinations of a model service that reach an outside provider (external-model destinations). */
export function externalDestinations(props: Record<string, unknown>): ServiceDestination[] {
  const routing = objectOf(objectOf(props.config).routing);
  const read = (list: unknown, label: string) =>
    listOf(list)
      .map((raw, i) => ({ where: `${label} ${i + 1}`, destination: objectOf(raw) }))
      .filter(({ destination }) => isSet(destination.externalModelConfig))
      .map(({ where, destination }) => {
        const external = objectOf(destination.externalModelConfig);
        const service = stringOf(external.modelProviderService);
        const model = stringOf(objectOf(external.target).model);
        return { where, ...(service === undefined ? {} : { service }), ...(model === undefined ? {} : { model }) };
      });
  return [...read(routing.destinations, "destination"), ...read(objectOf(routing.fallback).destinations, "fallback destination")];
}
