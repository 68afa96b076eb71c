/**
 * Which config namespaces a stack may use. Pulumi stores every key as `<namespace>:<key>`: the project's
 * own keys under its name, provider settings under the provider package's name (`aws:region`,
 * `databricks:host`) and the engine's under `pulumi:`. A key in any other namespace is read by nobody, so a
 * typo there (`databricks-mlop:mlProjects`) would silently drop what it holds: it is refused instead.
 */
import type { ConfigProblem } from "./config-errors";
import { renderGiven } from "./config-given";
import { parseStructured } from "./config-source";

/**
 * Namespaces besides the project's that a stack may set: the engine's and those of the provider packages
 * the program declares resources with (`@pulumi/aws`, `@pulumi/databricks`, `@pulumiverse/time`; a test
 * keeps this list equal to package.json). Another provider's keys (`gcp:project`) configure nothing here.
 */
export const PROVIDER_NAMESPACES: readonly string[] = ["pulumi", "aws", "databricks", "time"];

/** Levenshtein distance, for naming the namespace a typo probably meant. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The allowed namespace `namespace` is a near miss of (edit distance at most 1 for names up to 5 characters, else 3), if any. */
export function nearestNamespace(namespace: string, allowed: readonly string[]): string | undefined {
  const scored = allowed
    .map((candidate) => ({ candidate, distance: editDistance(namespace.toLowerCase(), candidate) }))
    .filter(({ candidate, distance }) => distance <= (candidate.length <= 5 ? 1 : 3))
    .sort((x, y) => x.distance - y.distance);
  return scored[0]?.candidate;
}

/**
 * One problem per key of the config map in a namespace that is neither the project's nor an allowed
 * provider's, naming the key it probably meant. Values are never shown: a typo's value is unknown.
 */
export function foreignNamespaceProblems(
  allConfig: Readonly<Record<string, string>>,
  namespace: string,
  providers: readonly string[] = PROVIDER_NAMESPACES,
): ConfigProblem[] {
  const allowed = [namespace, ...providers];
  const problems: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(allConfig)) {
    const colon = key.indexOf(":");
    const keyNamespace = colon < 0 ? "" : key.slice(0, colon);
    if (allowed.includes(keyNamespace)) continue;
    const meant = nearestNamespace(keyNamespace, allowed);
    const suggestion = meant === undefined ? "" : ` did you mean '${meant}:${key.slice(colon + 1)}'?`;
    problems.push({
      key,
      given: renderGiven(parseStructured(value), { path: [key], unknownKey: true }),
      reason: `namespace '${keyNamespace}' is read by nothing in this program;${suggestion} allowed namespaces: ${namespace} (this project), ${providers.join(", ")} (the engine and the providers it uses)`,
    });
  }
  return problems;
}
