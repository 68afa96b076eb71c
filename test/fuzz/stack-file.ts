/** Generated configs as stack files, for the runs through the plan CLI. */
import * as YAML from "yaml";
import { CONFIG_NAMESPACE } from "../../stack";
import type { GeneratedConfig } from "./valid-stage-configs";

/** A ciphertext the offline plan cannot decrypt: it reads such values as placeholders, as secret. */
const CIPHERTEXT = "djE6ZnV6ei1wbGFjZWhvbGRlcg==";

/**
 * `Pulumi.<stack>.yaml` text as `pulumi config set --path` writes it: namespaced keys, and the secret keys'
 * entries as `secure:` values (the CLI's `--secret` form), the others in plain text.
 */
export function stackFile(config: GeneratedConfig): string {
  const entries = Object.entries(config.raw).map(([key, value]) => {
    if (!config.secretKeys.includes(key) || value === null || typeof value !== "object") return [`${CONFIG_NAMESPACE}:${key}`, value];
    return [`${CONFIG_NAMESPACE}:${key}`, Object.fromEntries(Object.keys(value).map((name) => [name, { secure: CIPHERTEXT }]))];
  });
  return YAML.stringify({ config: Object.fromEntries(entries) });
}
