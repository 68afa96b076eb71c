/**
 * The shape of the read-back model: per resource type, what the provider does to each declared field between
 * the first `up` and the next one (what it stores after Create + Read, how it compares, what Update ignores).
 * Hand-built from the providers' source; each entry says where it was read.
 */

/** The stand-in for a value only the server knows (an id, a default, a field it fills, a tag it adds). */
export const SERVER_VALUE = "[computed]";

/** What the bridged provider does with one input field. Paths use Pulumi's input names. */
export interface FieldModel {
  /** `name`, a nested field `config.trafficConfig`, or a field of every element `tasks[].dependsOns`. */
  path: string;
  /**
   * Optional + Computed (or `suppress_diff`, or a schema default): an absent input keeps what the provider
   * read back, so it never diffs; the server fills it after Create. Default false.
   */
  computed?: boolean;
  /** The value the provider stores after Create + Read, from the declared one. Default: as declared. */
  readBack?: (declared: unknown) => unknown;
  /**
   * The form the provider compares (its diff-suppress function or set hash): two values with equal forms
   * do not diff. Default: the value itself, lists in order.
   */
  compareAs?: (value: unknown) => unknown;
  /** Update never sends it, so a declared value that differs from the state diffs on every `up`. Default false. */
  neverUpdated?: boolean;
  /** A change replaces the resource. Default false. */
  forceNew?: boolean;
  /** One line for people: what the provider does with the field. */
  behaviour: string;
  /** Where it was read: provider file and function, or the AWS resource and that it was not read here. */
  source: string;
}

/** The read-back model of one resource type. */
export interface TypeModel {
  /** Pulumi type token, e.g. `databricks:index/job:Job`. */
  type: string;
  /** The resource's implementation (provider file and function) the entries come from. */
  source: string;
  /** Fields the provider treats specially; every other input is stored and compared as declared. */
  fields: FieldModel[];
}
