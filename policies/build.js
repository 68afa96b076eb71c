#!/usr/bin/env node
// @ts-check
/**
 * Compiles the pack's TypeScript into bin/ (the `main` that Pulumi's policy launcher loads) and stamps the
 * output with a digest of its sources (build-stamp.ts). The pack's `prepare` script, so `npm install` and
 * `npm ci` run it, here and wherever the pack is installed from its own folder.
 *
 * Emit only (`noCheck`): type errors and lint are the project's type-check (`npm run typecheck`), never a
 * reason for an install or a preview to fail. Syntax errors do fail the build. Each file is written to a
 * temporary name and renamed into place, and the stamp last, so that a pack starting while a build runs
 * sees either the old complete build or the new one.
 *
 * Usage: node build.js [packDir]   (default: the folder of this file)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

/** @param {string} file @param {string} text */
function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Builds the pack in `packDir`; returns the error messages (empty on success).
 * @param {string} packDir
 * @returns {string[]}
 */
function buildPolicyPack(packDir) {
  const configFile = path.join(packDir, "tsconfig.json");
  /** @type {ts.Diagnostic[]} */
  const configErrors = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noCheck: true, noEmitOnError: false }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d),
  });
  if (!parsed) return configErrors.map(format);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const syntaxErrors = [...parsed.errors, ...program.getSyntacticDiagnostics()];
  if (syntaxErrors.length > 0) return syntaxErrors.map(format);
  const emitted = program.emit(undefined, (file, text) => writeAtomically(file, text));
  if (emitted.emitSkipped) return ["the TypeScript compiler emitted nothing", ...emitted.diagnostics.map(format)];
  const outDir = parsed.options.outDir ?? packDir;
  // The stamp module was just compiled with the rest; using it keeps one definition of the digest.
  const stamp = require(path.join(outDir, "build-stamp.js"));
  writeAtomically(path.join(outDir, stamp.STAMP_FILE), JSON.stringify({ sourceDigest: stamp.sourceDigest(packDir) }) + "\n");
  return [];
}

/** @param {ts.Diagnostic} d */
function format(d) {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(process.cwd(), d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
}

module.exports = { buildPolicyPack };

if (require.main === module) {
  const errors = buildPolicyPack(path.resolve(process.argv[2] ?? __dirname));
  if (errors.length > 0) {
    console.error(`policy pack build failed:\n${errors.join("\n")}`);
    process.exit(1);
  }
}
