/**
 * Where the plan's path flags point. The Pulumi CLI opens `--config-file`, `--policy-pack` and
 * `--policy-pack-config` as given, relative to its working directory, and `-C/--cwd` changes that
 * directory before anything is read (pkg/cmd/pulumi/pulumi.go chdirs first). The plan does the same,
 * so one command line means the same files to both tools.
 */
import * as path from "path";

/**
 * The directory the user ran the command in. `npm run` starts scripts in the package root and keeps
 * the caller's directory in `INIT_CWD`; without npm it is the process's own working directory.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return env.INIT_CWD ? path.resolve(env.INIT_CWD) : cwd;
}

/** The directory relative path flags start from: `--cwd` (itself relative to `from`) when given, else `from`. */
export function pathBase(cwdFlag: string | undefined, from: string = invocationDir()): string {
  return cwdFlag === undefined ? from : path.resolve(from, cwdFlag);
}

/** A path as the user would type it: relative to where they ran the command when inside it. */
export function displayPath(file: string, from: string = invocationDir()): string {
  const rel = path.relative(from, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
