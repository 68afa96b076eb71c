// The bench's baseline pack: what any policy pack costs the plan, apart from what its rules do. It starts
// like the real pack (same launcher, policy SDK, gRPC server, and the real pack's start-up levers from its
// compiled output) and has one rule that runs for every resource and reports nothing, so the policy SDK
// answers each Remediate and Analyze call as it does for the real pack, minus the rules' own work.
// Plain JavaScript: the launcher would type-check a TypeScript entry on every start.
"use strict";
require("../../../policies/bin/lib/startup/fast-start");
const { PolicyPack } = require("@pulumi/policy");
const { flushPackCompileCache } = require("../../../policies/bin/lib/startup/compile-cache");

new PolicyPack("bench-baseline", {
  policies: [
    {
      name: "judges-nothing",
      description: "Runs for every resource and reports nothing.",
      enforcementLevel: "mandatory",
      validateResource: () => undefined,
    },
  ],
});
flushPackCompileCache();
