/** Read-back models of the provider resources and of `time:Sleep`. */
import type { TypeModel } from "./model";
import { forceNew } from "./fields";

/**
 * A provider resource's state is its config as declared: the engine diffs it with the provider's DiffConfig,
 * which compares the inputs as given; none of ours is computed or rewritten. This holds for every provider
 * package alike, so one model serves every `pulumi:providers:<package>` type.
 */
const PROVIDER = "Pulumi engine: provider resources store their inputs as given (DiffConfig)";
const SLEEP = "terraform-provider-time resource_time_sleep (every argument RequiresReplace; source not read here)";

/** The type token prefix of provider resources. */
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** The model of a provider resource of any package (`pulumi:providers:time` too). */
export function providerModel(type: string): TypeModel {
  return { type, source: PROVIDER, fields: [] };
}

export const OTHER_MODELS: TypeModel[] = [
  { ...providerModel(`${PROVIDER_TYPE_PREFIX}*`), type: `${PROVIDER_TYPE_PREFIX}*` },
  {
    type: "time:index/sleep:Sleep",
    source: SLEEP,
    fields: ["createDuration", "destroyDuration", "triggers"].map((f) => forceNew(f, SLEEP)),
  },
];
