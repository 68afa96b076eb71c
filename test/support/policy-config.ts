/**
 * Policy config files for test stacks that are not the shipped ones. The prod config's inventory of
 * protected data (data-forbid-dropped-resources) names the shipped prod stack's resources, so a stack built
 * from other config (another workspace mode, one project feature, a hand-built fixture) would "drop" some of
 * them by design; such tests use the stage's config without the inventory, and data-safety.test.ts covers the rule.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const POLICY_CONFIG_DIR = path.resolve(__dirname, "..", "..", "policies", "config");
const written = new Map<string, string>();

/** The path of `policies/config/<stage>.json`. */
export function shippedPolicyConfig(stage: string): string {
  return path.join(POLICY_CONFIG_DIR, `${stage}.json`);
}

/** A copy of the stage's policy config without the inventory of protected data (written once per process). */
export function policyConfigWithoutInventory(stage: string): string {
  const known = written.get(stage);
  if (known) return known;
  const config = JSON.parse(fs.readFileSync(shippedPolicyConfig(stage), "utf8")) as Record<string, unknown>;
  const entry = config["data-forbid-dropped-resources"];
  if (typeof entry === "object" && entry !== null) {
    const { inventory: _inventory, ...rest } = entry as Record<string, unknown>;
    config["data-forbid-dropped-resources"] = rest;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), `${stage}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  written.set(stage, file);
  return file;
}
