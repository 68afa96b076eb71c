// Run by test/policies/pack-start.test.ts in a fresh process: loads the compiled pack's start-up module and
// then the policy SDK, as the pack's entry does, and prints which of the closure serializer's heavy modules
// loaded with the SDK and which once code asked for them.
"use strict";
const path = require("path");

const packDir = path.resolve(__dirname, "..", "..", "policies");
const heavy = () =>
  Object.keys(require.cache)
    // Not the entry file itself: that is where the stand-in sits. Arborist's own modules, and pacote.
    .filter((file) => /[\\/]node_modules[\\/](@npmcli[\\/]arborist[\\/]lib[\\/]arborist|pacote)[\\/]/.test(file))
    .map((file) => (file.includes("pacote") ? "pacote" : "arborist"))
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort();

require(path.join(packDir, "bin", "lib", "startup", "fast-start.js"));
require(require.resolve("@pulumi/policy", { paths: [packDir] }));
const loadedWithPolicySdk = heavy();
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [packDir] }))] }));
pulumi.runtime.computeCodePaths().then(
  (paths) => process.stdout.write(JSON.stringify({ loadedWithPolicySdk, codePathsFound: paths.size > 0, loadedByCodePaths: heavy() })),
  (err) => process.stdout.write(JSON.stringify({ error: String(err) })),
);
