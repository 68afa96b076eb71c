/**
 * The way `index.ts` reads a stack config and refuses a bad one, without the Pulumi runtime: the stack
 * file's values become the strings the language host hands the program (`toRuntimeConfig`, as the
 * offline plan builds them), `rawConfigFromPulumi` reads them back, `parseStageConfig` validates them
 * with the stack's secret keys, and a refusal is the `StageConfigError` whose message users see.
 */
import { CONFIG_NAMESPACE, StageConfigError, parseStageConfig, rawConfigFromPulumi } from "../../stack";
import { toRuntimeConfig } from "../../tools/plan/stack-config";
import { type ConfigPath, keyOf } from "./schema-sites";
import type { GeneratedConfig } from "./valid-stage-configs";

/** The runtime's view of a generated config: namespaced keys, string values, secret keys. */
export function runtimeConfigOf(config: GeneratedConfig, stack: string): { config: Record<string, string>; secretKeys: string[] } {
  const { config: strings } = toRuntimeConfig(CONFIG_NAMESPACE, stack, {}, { config: config.raw });
  return { config: strings, secretKeys: config.secretKeys.map((key) => `${CONFIG_NAMESPACE}:${key}`) };
}

/** What `index.ts` does before declaring anything: returns the refusal, or undefined when the config is accepted. */
export function refusalOf(config: GeneratedConfig, stack: string): unknown {
  const runtime = runtimeConfigOf(config, stack);
  try {
    parseStageConfig(rawConfigFromPulumi(runtime.config, CONFIG_NAMESPACE), stack, {
      isSecret: (key) => runtime.secretKeys.includes(`${CONFIG_NAMESPACE}:${key}`),
    });
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The key each `  - <key>: ...` line of a refusal names. */
export function problemKeys(message: string): string[] {
  return message
    .split("\n")
    .filter((line) => line.startsWith("  - "))
    .map((line) => line.slice(4, line.indexOf(": ", 4)));
}

const under = (key: string, scope: string) => scope === "" || key === scope || key.startsWith(`${scope}.`) || key.startsWith(`${scope}[`);

/** Stack frames or file names of this project or its dependencies. */
const INTERNALS = /^\s+at |node_modules|\.(ts|js)\b:\d+|[\\/](components|tools)[\\/]/m;

/**
 * Why `error` is not the refusal users must see for a config broken at `key`: not a StageConfigError,
 * a message with a stack trace or internal file name, no problem line naming `key` (or, with `anyUnder`,
 * a key below it), or a problem outside `scope`. Undefined when it is.
 */
export function refusalProblem(error: unknown, stack: string, broken: { key: ConfigPath; scope?: ConfigPath; anyUnder?: boolean }): string | undefined {
  if (!(error instanceof StageConfigError)) {
    return error === undefined ? "the config was accepted" : `not a StageConfigError: ${error instanceof Error ? error.stack : String(error)}`;
  }
  const { message } = error;
  const lines = message.split("\n");
  const header = `Invalid configuration of stack '${stack}' (`;
  if (!lines[0].startsWith(header) || !/ \(\d+ problems?\); nothing was deployed:$/.test(lines[0]) || !lines[lines.length - 1].startsWith("Fix each value with `pulumi config set --path")) {
    return `not the refusal format:\n${message}`;
  }
  if (INTERNALS.test(message)) return `stack trace or internal file name in:\n${message}`;
  const key = `${CONFIG_NAMESPACE}:${keyOf(broken.key)}`;
  const scope = broken.scope === undefined ? key : broken.scope.length === 0 ? "" : `${CONFIG_NAMESPACE}:${keyOf(broken.scope)}`;
  const keys = problemKeys(message);
  if (!keys.some((named) => named === key || (broken.anyUnder === true && under(named, key)))) return `no problem names ${key}:\n${message}`;
  const stray = keys.filter((named) => !under(named, scope));
  if (stray.length > 0) return `problems outside ${scope || "the config"} (${stray.join(", ")}):\n${message}`;
  return undefined;
}
