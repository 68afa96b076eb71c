/**
 * What in the plan's environment could load code into the judging process, the policy pack or the
 * program's process besides the files they run: Node options and preloads, the dynamic linker's preloads,
 * module search paths, npm configuration that npm turns into Node options or a script shell, and npm
 * configuration files in the checkout. The plan reports each on dev and refuses to judge on staging and
 * prod (exit 5); the pack and the program's process start without any of them whatever the stage.
 * Pure functions over the values handed in; `npmrcFindings` alone reads files.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Node options that change memory limits only: they load no code, so they may stay. */
const HARMLESS_NODE_FLAGS = /^--(max-old-space-size|max-semi-space-size)=\d+$/;

/** Variables that load code or change where code is found, and why each is refused (a sentence's end). */
const CODE_LOADING_VARIABLES: Record<string, string> = {
  LD_PRELOAD: "it preloads a shared library into every process",
  LD_AUDIT: "it loads an auditing library into every process",
  LD_LIBRARY_PATH: "it changes where every process finds its shared libraries",
  DYLD_INSERT_LIBRARIES: "it preloads a shared library into every process",
  DYLD_LIBRARY_PATH: "it changes where every process finds its shared libraries",
  NODE_PATH: "it adds folders Node loads modules from",
  NODE_REPL_EXTERNAL_MODULE: "it loads a module in place of Node's REPL",
  npm_config_node_options: "npm passes it to every script as NODE_OPTIONS",
  npm_config_script_shell: "npm runs every script through this program",
};

/**
 * The environment a process the plan starts gets: the plan's own without any of the above, without
 * NODE_OPTIONS and without npm's configuration variables (npm_config_*), which only npm should read.
 */
export function sanitizedEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key === "NODE_OPTIONS" || key in CODE_LOADING_VARIABLES || /^npm_config_/i.test(key)) continue;
    clean[key] = value;
  }
  return clean;
}

/** Node flags, from NODE_OPTIONS or the command line, other than the harmless ones. */
function codeLoadingFlags(flags: readonly string[]): string[] {
  return flags.filter((flag) => !HARMLESS_NODE_FLAGS.test(flag));
}

/** One npm configuration file in the checkout and the keys it sets (values can be tokens: never shown). */
export interface NpmrcFile {
  file: string;
  keys: string[];
}

/** The `.npmrc` files of the given folders, with the keys each sets. */
export function npmrcFindings(dirs: readonly string[]): NpmrcFile[] {
  const found: NpmrcFile[] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    const file = path.join(dir, ".npmrc");
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const keys = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && !line.startsWith(";"))
      .map((line) => line.split("=")[0].trim());
    found.push({ file, keys: [...new Set(keys)] });
  }
  return found;
}

/** What the judging process was started with. */
export interface PlanEnvironment {
  env: NodeJS.ProcessEnv;
  /** Node's own flags of the judging process (`process.execArgv`). */
  execArgv: readonly string[];
  npmrcFiles: readonly NpmrcFile[];
}

/** One line per thing found, naming it and why it matters; empty for a clean environment. */
export function environmentFindings(environment: PlanEnvironment, display: (file: string) => string = (f) => f): string[] {
  const findings: string[] = [];
  const nodeOptions = codeLoadingFlags((environment.env.NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean));
  if (nodeOptions.length > 0) findings.push(`NODE_OPTIONS sets ${nodeOptions.join(" ")}: Node applies it to every process, and a preload (--require, --import) runs code in each`);
  const argv = codeLoadingFlags(environment.execArgv);
  if (argv.length > 0) findings.push(`the plan was started with node ${argv.join(" ")}: code or flags the plan's files do not contain`);
  for (const [key, why] of Object.entries(CODE_LOADING_VARIABLES)) {
    const value = Object.entries(environment.env).find(([k]) => (key.startsWith("npm_") ? k.toLowerCase() === key : k === key))?.[1];
    if (value) findings.push(`${key} is set: ${why}`);
  }
  for (const { file, keys } of environment.npmrcFiles) {
    findings.push(`${display(file)} configures npm (${keys.join(", ") || "no keys"}): a checkout's npm configuration can set Node options, scripts' shell and registries`);
  }
  return findings;
}
