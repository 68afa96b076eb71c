/**
 * Code a `ClusterPolicy` puts on every cluster created under it, which no job or pipeline spec shows: its
 * `libraries`, and the attributes its definition fixes or defaults (init script destinations, Spark
 * properties, environment variables, container image). A job cluster that names the policy gets them at
 * creation, so they are judged with the artifact locations and package rules of the stage's job checks.
 * What a policy merely allows (an allowlist, a regex, an unlimited path) is not set by it: a cluster that
 * chooses such a value declares it, and is judged where it is declared.
 */
import { type ArtifactConfig, artifactGap, libraryGaps } from "./code-artifacts";
import { environmentVariableGaps, sparkPropertyGaps } from "./code-settings";
import { type PolicyAttribute, clusterPolicyDefinition, ruleTypeOf, unreadableMessage } from "../cluster-policies";
import { listOf, objectOf, stringOf } from "../jobs";
import { maskUrlCredentials } from "./url-credentials";

/** `init_scripts.<index or *>.<kind>.destination`, the file an init script block runs. */
const INIT_SCRIPT_DESTINATION = /^init_scripts\.(?:\*|\d+)\.([^.]+)\.destination$/i;
const SPARK_PROPERTY = /^spark_conf\.(.+)$/i;
const ENVIRONMENT_VARIABLE = /^spark_env_vars\.(.+)$/i;
const CONTAINER_IMAGE = /^docker_image\.url$/i;

/** The values the policy itself gives a cluster at one path: a fixed value, and a default of any rule type. */
function valuesSet(attribute: PolicyAttribute): { how: string; value: unknown }[] {
  const values: { how: string; value: unknown }[] = [];
  if (ruleTypeOf(attribute) === "fixed") values.push({ how: "fixes", value: attribute.value });
  if (attribute.defaultValue !== undefined) values.push({ how: "defaults", value: attribute.defaultValue });
  return values;
}

/** The phrase for a value the policy sets at `path`, or undefined when the stage allows it. */
function settingGap(path: string, value: unknown, config: ArtifactConfig): string | undefined {
  const text = typeof value === "string" ? value : "?";
  const script = INIT_SCRIPT_DESTINATION.exec(path);
  if (script) return artifactGap(`init script (${script[1]})`, text, config);
  const property = SPARK_PROPERTY.exec(path);
  if (property) return sparkPropertyGaps({ [property[1]]: value })[0];
  const variable = ENVIRONMENT_VARIABLE.exec(path);
  if (variable) return environmentVariableGaps({ [variable[1]]: value })[0];
  if (CONTAINER_IMAGE.test(path)) return `runs in container image '${maskUrlCredentials(text)}', whose contents no review of the repository saw`;
  return undefined;
}

/** One message per way a cluster policy loads code on its clusters that the stage does not allow. */
export function findClusterPolicyCodeGaps(resourceName: string, props: Record<string, unknown>, config: ArtifactConfig): string[] {
  const name = stringOf(props.name) ?? resourceName;
  const messages = listOf(props.libraries).flatMap((library) => libraryGaps(objectOf(library), config).map((gap) => `ClusterPolicy '${name}' ${gap}.`));
  const policy = clusterPolicyDefinition(name, props);
  if (!policy.readable) return [...messages, unreadableMessage(policy, "load code from outside the stage's reviewed sources")];
  for (const [path, attribute] of Object.entries(policy.attributes)) {
    for (const { how, value } of valuesSet(attribute)) {
      const gap = settingGap(path, value, config);
      if (gap !== undefined) messages.push(`${policy.where} ${how} '${path}' and so ${gap}.`);
    }
  }
  return messages;
}
