/** Every modelled resource type, by type token. A type missing here is reported, never assumed idempotent. */
import type { TypeModel } from "./model";
import { UNITY_CATALOG_MODELS } from "./databricks-unity-catalog";
import { WORKSPACE_MODELS } from "./databricks-workspace";
import { ACCOUNT_MODELS } from "./databricks-account";
import { AWS_MODELS } from "./aws";
import { OTHER_MODELS, PROVIDER_TYPE_PREFIX, providerModel } from "./others";

/** All models, in the order the docs list them (`pulumi:providers:*` stands for every provider type). */
export const TYPE_MODELS: readonly TypeModel[] = [...ACCOUNT_MODELS, ...UNITY_CATALOG_MODELS, ...WORKSPACE_MODELS, ...AWS_MODELS, ...OTHER_MODELS];

const BY_TYPE = new Map(TYPE_MODELS.map((model) => [model.type, model]));

/** The model of a type token, or undefined when the type is not modelled. */
export function modelOf(type: string): TypeModel | undefined {
  if (type.startsWith(PROVIDER_TYPE_PREFIX) && type.length > PROVIDER_TYPE_PREFIX.length) return providerModel(type);
  return BY_TYPE.get(type);
}
