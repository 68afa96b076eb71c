#!/usr/bin/env node
// Runs a TypeScript entry point without a build step. Transpile-only: `npm run typecheck`
// type-checks the tree once, so tools do not pay for it on every start.
"use strict";
const path = require("path");
require("ts-node").register({
  transpileOnly: true,
  project: path.join(__dirname, "..", "tsconfig.json"),
});
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node tools/run-ts.js <file.ts> [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
