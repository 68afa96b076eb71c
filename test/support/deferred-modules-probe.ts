/**
 * Run by test/plan/startup-levers.test.ts in a fresh process: loads @pulumi/pulumi with the closure
 * serializer's modules deferred, then serializes a function, and prints which heavy modules loaded when.
 */
import * as path from "path";
import { deferClosureSerializerModules } from "../../policies/lib/startup/closure-serializer-modules";

const heavy = () =>
  Object.keys(require.cache)
    .filter((file) => /[\\/]node_modules[\\/](typescript[\\/]lib[\\/]typescript\.js|pacote[\\/])/.test(file))
    .map((file) => (file.includes("typescript") ? "typescript" : "pacote"))
    .filter((name, i, all) => all.indexOf(name) === i);

// `--transpile-only`: a first run on a cold transpile cache loads TypeScript itself (tools/run-ts.js).
if (process.argv.includes("--transpile-only")) process.exit(0);
deferClosureSerializerModules(path.resolve(__dirname, "..", "..", "tools", "plan"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const loadedWithSdk = heavy();
void (async () => {
  const fn = await pulumi.runtime.serializeFunction(() => 42);
  const loadedBySerializing = heavy();
  await pulumi.runtime.computeCodePaths();
  process.stdout.write(JSON.stringify({ loadedWithSdk, serialized: fn.text.includes("42"), loadedBySerializing, loadedByCodePaths: heavy() }));
})();
