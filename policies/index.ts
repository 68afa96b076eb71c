// The pack's entry point. Constructing the PolicyPack starts the analyzer gRPC server and never returns,
// so nothing may import this file: tests and tools import `./rules` instead.
// First, so that it takes effect before the policy SDK loads the Pulumi SDK.
import "./lib/startup/fast-start";
import { PolicyPack } from "@pulumi/policy";
import { staleBuildMessage, staleBuildReason, STAMP_FILE } from "./build-stamp";
import { flushPackCompileCache } from "./lib/startup/compile-cache";
import { allRules } from "./rules";
import * as fs from "fs";
import * as path from "path";

// Running from the compiled output (bin/, which carries a stamp): refuse to enforce rules that are no
// longer the ones in the sources. Run from the sources themselves, there is nothing to check.
if (fs.existsSync(path.join(__dirname, STAMP_FILE))) {
  const stale = staleBuildReason(__dirname);
  if (stale !== undefined) {
    console.error(staleBuildMessage(stale));
    process.exit(1);
  }
}

new PolicyPack("databricks-mlops", {
  description: "Access and protection rules of the Databricks MLOps reference architecture.",
  policies: allRules,
});
// Every module the pack needs has loaded by now.
flushPackCompileCache();
