/**
 * Jest setup file: the lever of policies/lib/startup/closure-serializer-modules.ts, in Jest's module
 * registry. Every test file that loads `@pulumi/pulumi` (through the components, the pack's rules or the
 * plan's tools) loaded TypeScript and npm's Arborist with it, afresh for each file, only for the closure
 * serializer that almost no test uses: about a third of the CPU of the files that judge rules in-process.
 *
 * Each module gets the same stand-in as in the pack and the plan (`lazyNamespace`): it loads the real
 * module on first use, through Jest, and answers with it from then on, so a test that does serialize a
 * function gets the real modules, only later. Node's own `require.cache` seeding does not reach Jest's
 * registry, hence `jest.mock` with a factory (not an automatic mock: nothing is replaced).
 */
import * as path from "path";
import { lazyNamespace } from "../../policies/lib/startup/closure-serializer-modules";

const ROOT = path.resolve(__dirname, "..", "..");

/** The closure serializer's dependencies of the project's `@pulumi/pulumi`, as its code imports them. */
function deferredFiles(): string[] {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [ROOT] }));
  const closureDir = path.join(sdkDir, "runtime", "closure");
  return [
    require.resolve(path.join(sdkDir, "typescript-shim")),
    require.resolve("@npmcli/arborist", { paths: [closureDir] }),
    require.resolve("normalize-package-data", { paths: [closureDir] }),
  ];
}

for (const file of deferredFiles()) {
  jest.mock(file, () => lazyNamespace(() => jest.requireActual(file)));
}
