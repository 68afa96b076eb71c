/**
 * Starts a source-based component package as the Node.js language host does (`@pulumi/pulumi/cmd/run-plugin`:
 * load the package's entry, host the component classes it exports, print the port), with one difference: the
 * TypeScript is loaded by tools/run-ts.js (transpile only, cached) instead of ts-node type-checking every file on
 * each start, which takes half a minute here. `npm run typecheck` covers the types.
 *
 * Usage: `node tools/run-ts.js test/support/run-component-plugin.ts <package dir> <engine address>`.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require("@pulumi/pulumi/cmd/run-plugin/run") as { run: (opts: RunOptions) => Promise<unknown> };

interface RunOptions {
  argv: { _: string[] };
  programStarted: () => void;
  reportLoggedError: (err: Error) => void;
  typeScript: boolean;
}

const [packageDir, engineAddress] = process.argv.slice(2);
if (packageDir === undefined || engineAddress === undefined) {
  process.stderr.write("usage: run-component-plugin.ts <package dir> <engine address>\n");
  process.exit(2);
}
void run({ argv: { _: [packageDir, engineAddress] }, programStarted: () => undefined, reportLoggedError: () => undefined, typeScript: false });
