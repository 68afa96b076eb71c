/**
 * Policy config files for test stacks that are not the shipped ones. The prod config's inventory of
 * protected data (data-forbid-dropped-resources) names the shipped prod stack's resources, so a stack built
 * from other config (another workspace mode, one project feature, a hand-built fixture) would "drop" some of
 * them by design; such tests use the stage's config without the inventory, and data-safety.test.ts covers the rule.
 * The same copy trusts the fixture host of the workspace the test stage adopts (providers-restrict-databricks-hosts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rawDev, rawProd, rawStaging } from "./stage-configs";

/** The host of the workspace the test stage of `stage` adopts (stage-configs.ts), if it is one of the three. */
function adoptedFixtureHost(stage: string): string | undefined {
  const raw = stage === "dev" ? rawDev() : stage === "staging" ? rawStaging() : stage === "prod" ? rawProd() : undefined;
  return (raw?.workspace as { host?: string } | undefined)?.host;
}

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
  // The test stacks of stage-configs.ts adopt their workspace at a fixture host the shipped configs do not name.
  const adopted = adoptedFixtureHost(stage);
  if (adopted !== undefined) {
    const hosts = (config["providers-restrict-databricks-hosts"] ?? {}) as Record<string, unknown>;
    config["providers-restrict-databricks-hosts"] = { ...hosts, workspaceHosts: [...((hosts.workspaceHosts as string[] | undefined) ?? []), adopted] };
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), `${stage}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  written.set(stage, file);
  return file;
}
