/**
 * The Node.js this project runs on: `@pulumi/pulumi` 3.x requires 22 or later (package.json `engines`, `.nvmrc`).
 * On an older Node, npm prints an engine warning per package at install (hundreds of lines nobody reads) and
 * the tools still start; the plan says once, plainly, that its results are not supported there. Pure.
 */

/** The oldest Node.js major the project supports; package.json's `engines.node` and `.nvmrc` say the same. */
export const SUPPORTED_NODE_MAJOR = 22;

/** The warning for running on `version` (as `process.versions.node` gives it), or undefined when supported. */
export function unsupportedNodeWarning(version: string): string | undefined {
  const major = Number(version.split(".")[0]);
  if (Number.isInteger(major) && major >= SUPPORTED_NODE_MAJOR) return undefined;
  return (
    `warning: Node.js ${version} is not supported; this project needs Node.js ${SUPPORTED_NODE_MAJOR} or later ` +
    `(\`nvm install\` in the repository reads .nvmrc; see the README's "First steps"). The plan runs, but its results are not the ones CI gets.`
  );
}
