/**
 * The offline plan's own check of config namespaces, before any code of the program runs: a key in a
 * namespace that is neither the project's, the engine's (`pulumi:`) nor that of a provider package the
 * project depends on is read by nobody, so a typo there (`databricks-mlop:mlProjects`) would silently drop
 * what it holds. The program refuses such keys too (components/config-namespaces.ts); the plan does not rely
 * on the program under review for that, and never shows the values.
 */
import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "./errors";

/**
 * `pulumi` plus the provider packages in the project's package.json dependencies: `@pulumi/<name>` and
 * `@pulumiverse/<name>` configure the namespace `<name>` (`@pulumi/aws` -> `aws`). No package.json: `pulumi` only.
 */
export function providerNamespaces(projectDir: string): string[] {
  let dependencies: Record<string, unknown> = {};
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as { dependencies?: Record<string, unknown> };
    dependencies = manifest.dependencies ?? {};
  } catch {
    // A project without a readable package.json declares no provider package.
  }
  const names = Object.keys(dependencies)
    .map((name) => /^@pulumi(?:verse)?\/(.+)$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined && name !== "pulumi" && name !== "policy");
  return ["pulumi", ...names.sort()];
}

function editDistance(a: string, b: string): number {
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

/** The allowed namespace a typo probably meant: within 1 edit of a name up to 5 characters, else 3. */
function nearest(namespace: string, allowed: readonly string[]): string | undefined {
  return allowed
    .map((candidate) => ({ candidate, distance: editDistance(namespace.toLowerCase(), candidate) }))
    .filter(({ candidate, distance }) => distance <= (candidate.length <= 5 ? 1 : 3))
    .sort((x, y) => x.distance - y.distance)[0]?.candidate;
}

/**
 * Refuses every key in a namespace nobody reads, naming the key it probably meant.
 * @throws PlanInputError listing each such key (never its value) and the namespaces allowed.
 */
export function checkConfigNamespaces(project: string, keys: readonly string[], providers: readonly string[]): void {
  const allowed = [project, ...providers];
  const lines = keys.flatMap((key) => {
    const namespace = key.slice(0, Math.max(0, key.indexOf(":")));
    if (allowed.includes(namespace)) return [];
    const meant = nearest(namespace, allowed);
    return [`  - ${key}: namespace '${namespace}' is read by nothing in this project${meant === undefined ? "" : `; did you mean '${meant}:${key.slice(namespace.length + 1)}'?`}`];
  });
  if (lines.length === 0) return;
  throw new PlanInputError(
    [
      `the stack's config has keys in a namespace nothing reads (values not shown):`,
      ...lines,
      `Allowed namespaces: ${project} (this project), ${providers.join(", ")} (the engine and the provider packages in package.json).`,
    ].join("\n"),
  );
}
