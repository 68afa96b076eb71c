// The pack's entry point. Constructing the PolicyPack starts the analyzer gRPC server and never returns,
// so nothing may import this file: tests and tools import `./rules` instead.
import { PolicyPack } from "@pulumi/policy";
import { allRules } from "./rules";

new PolicyPack("databricks-mlops", {
  description: "Access and protection rules of the Databricks MLOps reference architecture.",
  policies: allRules,
});
