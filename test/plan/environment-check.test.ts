/**
 * What in the plan's environment could load code, found and named; and what the pack and the program's
 * process get instead (test/plan/plan-tamper.test.ts runs the plan with such environments).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type PlanEnvironment, environmentFindings, npmrcFindings, sanitizedEnvironment } from "../../tools/plan/environment-check";

const clean: PlanEnvironment = { env: { PATH: "/usr/bin", HOME: "/home/ci", npm_config_user_agent: "npm/10", npm_lifecycle_event: "plan" }, execArgv: [], npmrcFiles: [] };

test("a clean environment, npm's own variables included, has nothing to report", () => {
  expect(environmentFindings(clean)).toEqual([]);
  expect(environmentFindings({ ...clean, env: { ...clean.env, NODE_OPTIONS: "--max-old-space-size=4096" }, execArgv: ["--max-semi-space-size=64"] })).toEqual([]);
});

test.each<[string, Partial<PlanEnvironment>, string]>([
  ["a --require preload in NODE_OPTIONS", { env: { NODE_OPTIONS: "--max-old-space-size=4096 --require ./x.js" } }, "NODE_OPTIONS sets --require ./x.js: Node applies it to every process, and a preload (--require, --import) runs code in each"],
  ["an --import preload in NODE_OPTIONS", { env: { NODE_OPTIONS: "--import=./x.mjs" } }, "NODE_OPTIONS sets --import=./x.mjs: Node applies it to every process, and a preload (--require, --import) runs code in each"],
  ["a preload on the plan's own command line", { execArgv: ["-r", "./x.js"] }, "the plan was started with node -r ./x.js: code or flags the plan's files do not contain"],
  ["LD_PRELOAD", { env: { LD_PRELOAD: "/opt/evil/x.so" } }, "LD_PRELOAD is set: it preloads a shared library into every process"],
  ["LD_AUDIT", { env: { LD_AUDIT: "/opt/evil/x.so" } }, "LD_AUDIT is set: it loads an auditing library into every process"],
  ["NODE_PATH", { env: { NODE_PATH: "/opt/evil/mods" } }, "NODE_PATH is set: it adds folders Node loads modules from"],
  ["npm's node-options, in any case", { env: { NPM_CONFIG_NODE_OPTIONS: "--require x" } }, "npm_config_node_options is set: npm passes it to every script as NODE_OPTIONS"],
  ["npm's script shell", { env: { npm_config_script_shell: "/opt/evil/sh" } }, "npm_config_script_shell is set: npm runs every script through this program"],
  ["a checkout's .npmrc", { npmrcFiles: [{ file: "/co/.npmrc", keys: ["node-options", "registry"] }] }, "/co/.npmrc configures npm (node-options, registry): a checkout's npm configuration can set Node options, scripts' shell and registries"],
])("found: %s", (_, change, finding) => {
  expect(environmentFindings({ ...clean, ...change, env: { ...clean.env, ...change.env } })).toEqual([finding]);
});

test("the pack and the program's process get the environment without Node options, preloads or npm's config", () => {
  const env = { PATH: "/usr/bin", NODE_OPTIONS: "--require x", LD_PRELOAD: "x.so", NODE_PATH: "/m", npm_config_cache: "/c", NPM_CONFIG_USERCONFIG: "/u", NODE_COMPILE_CACHE: "/cc", PULUMI_CONFIG: "{}" };
  expect(sanitizedEnvironment(env)).toEqual({ PATH: "/usr/bin", NODE_COMPILE_CACHE: "/cc", PULUMI_CONFIG: "{}" });
});

test(".npmrc files are read for their keys only, comments skipped, absent ones ignored", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npmrc-"));
  try {
    fs.writeFileSync(path.join(dir, ".npmrc"), "# a comment\n; another\nnode-options=--require ./evil.js\n//registry.example/:_authToken=tok\n\nregistry = https://r.example\n");
    expect(npmrcFindings([dir, path.join(dir, "absent"), dir])).toEqual([{ file: path.join(dir, ".npmrc"), keys: ["node-options", "//registry.example/:_authToken", "registry"] }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
