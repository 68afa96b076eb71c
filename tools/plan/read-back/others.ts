/** Read-back models of the provider resources and of `time:Sleep`. */
import type { TypeModel } from "./model";
import { forceNew } from "./fields";

/**
 * A provider resource's state is its config as declared: the engine diffs it with the provider's DiffConfig,
 * which compares the inputs as given; none of ours is computed or rewritten.
 */
const PROVIDER = "Pulumi engine: provider resources store their inputs as given (DiffConfig)";
const SLEEP = "terraform-provider-time resource_time_sleep (every argument RequiresReplace; source not read here)";

export const OTHER_MODELS: TypeModel[] = [
  { type: "pulumi:providers:databricks", source: PROVIDER, fields: [] },
  { type: "pulumi:providers:aws", source: PROVIDER, fields: [] },
  {
    type: "time:index/sleep:Sleep",
    source: SLEEP,
    fields: ["createDuration", "destroyDuration", "triggers"].map((f) => forceNew(f, SLEEP)),
  },
];
