#!/usr/bin/env node
// Runs a TypeScript entry point of this repository without a build step: `node tools/run-ts.js <file.ts> [args]`.
//
// - Transpile only: `npm run typecheck` type-checks the tree once, so tools do not pay for it on every start.
// - Each file is transpiled once per content: the output is cached under node_modules/.cache/run-ts, keyed
//   by the source, its path, the tsconfig and the TypeScript version, so a warm start never loads TypeScript.
// - Stack traces point at the TypeScript lines. Only frames of files transpiled here are mapped, and only
//   when a stack is formatted: Pulumi captures a stack for every promise it creates, and source-map-support
//   (which ts-node installs) mapped every frame of every one of them, most of a large plan's time.
// - A failure before the entry has installed its own handlers exits 3 with its cause on one line. Node's own
//   exit code for it, 1, is what the plan reserves for "mandatory policy violation".
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

// `--cache-dir <dir>` before the entry: keep the transpiled files there (the plan's program process
// keeps its own, apart from the judging process's: tools/plan/program-process.ts).
const cacheDirFlag = process.argv[2] === "--cache-dir" ? process.argv[3] : undefined;
const [entry, ...args] = process.argv.slice(cacheDirFlag === undefined ? 2 : 4);

/** Ends the process for a failure at load time: exit 3, cause on one line. */
function loadFailure(err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`internal error: could not load ${entry}: ${message.split("\n")[0]}\n`);
  process.exit(3);
}
process.on("uncaughtException", loadFailure);
process.on("unhandledRejection", loadFailure);

const ROOT = path.join(__dirname, "..");
const CACHE_DIR = cacheDirFlag ?? path.join(ROOT, "node_modules", ".cache", "run-ts");
/** Bump when the shape of the cached output changes. */
const CACHE_FORMAT = "1";

const tsconfigText = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
const typescriptVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
const cacheSalt = sha1(`${CACHE_FORMAT}\0${typescriptVersion}\0${tsconfigText}`);

function sha1(text) {
  return crypto.createHash("sha1").update(text).digest("hex");
}

let compilerOptions; // parsed from tsconfig.json on the first cache miss
function transpile(source, filename) {
  const ts = require("typescript");
  if (compilerOptions === undefined) {
    const { config } = ts.parseConfigFileTextToJson("tsconfig.json", tsconfigText);
    compilerOptions = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options;
    // CommonJS, as Node loads these files with require(); the rest of the project's options stand.
    compilerOptions.module = ts.ModuleKind.CommonJS;
    delete compilerOptions.moduleResolution;
    Object.assign(compilerOptions, { sourceMap: true, inlineSourceMap: false, inlineSources: false, declaration: false });
  }
  const out = ts.transpileModule(source, { fileName: filename, compilerOptions });
  // The map travels in the cache entry, not in a comment Node or another tool would act on.
  return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ""), map: out.sourceMapText };
}

/** The transpiled file, from the cache when its exact source was transpiled before. */
function compile(source, filename) {
  const file = path.join(CACHE_DIR, `${sha1(`${cacheSalt}\0${filename}\0${source}`)}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    const result = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(result));
      fs.renameSync(tmp, file); // atomic: concurrent runs never read half an entry
    } catch {
      // A read-only tree still runs; it just transpiles every time.
    }
    return result;
  }
}

/** Source maps of the files transpiled here, decoded on first use. */
const maps = new Map();
require.extensions[".ts"] = (module, filename) => {
  const { code, map } = compile(fs.readFileSync(filename, "utf8"), filename);
  maps.set(filename, map);
  module._compile(code, filename);
};

function mappedFrame(callSite) {
  const text = callSite.toString();
  const file = callSite.getFileName();
  let map = file === null || file === undefined ? undefined : maps.get(file);
  if (map === undefined) return text;
  if (typeof map === "string") maps.set(file, (map = new Module.SourceMap(JSON.parse(map))));
  const line = callSite.getLineNumber();
  const column = callSite.getColumnNumber();
  const entry = map.findEntry(line - 1, column - 1);
  if (!entry || entry.originalLine === undefined) return text;
  return text.replace(`${file}:${line}:${column}`, `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

/**
 * Pulumi's runtime records `new Error().stack` on every promise it creates (debuggablePromise) and reads
 * it only to report leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set. Without that variable nobody
 * can read those traces, so they are not formatted: at a thousand resources that is a second of CPU and
 * most of the plan's garbage.
 */
const unreadRuntimeTraces = !process.env.PULUMI_DEBUG_PROMISE_LEAKS;
function isRuntimePromiseTrace(callSites) {
  const top = callSites[0];
  return top !== undefined && top.getFunctionName() === "debuggablePromise" && /[\\/]runtime[\\/]debuggable\.js$/.test(top.getFileName() ?? "");
}

Error.prepareStackTrace = (error, callSites) => {
  if (unreadRuntimeTraces && isRuntimePromiseTrace(callSites)) return "Error (trace not kept: set PULUMI_DEBUG_PROMISE_LEAKS to keep it)";
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = "Error";
  }
  return header + callSites.map((c) => `\n    at ${mappedFrame(c)}`).join("");
};

if (!entry) {
  console.error("usage: node tools/run-ts.js <file.ts> [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
// Loaded: from here on the entry's own handlers (if any) decide what a failure means.
process.off("uncaughtException", loadFailure);
process.off("unhandledRejection", loadFailure);
