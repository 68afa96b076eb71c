/**
 * A `GlobalInitScript` runs as root on every cluster of the workspace at start, jobs' clusters included,
 * before any library. The provider (1.110) uploads its text into the workspace's own store: `source` is a
 * file on the machine that runs the deployment (not a workspace or Volume path), `contentBase64` the text
 * itself. Neither can be traced to the reviewed Git ref, and the store is not a location the stage names,
 * so a stage that runs reviewed code only refuses every one; an init script a job needs goes on its
 * clusters (or is fixed by their cluster policy) from the stage's artifact locations, where it is judged.
 */
import { stringOf } from "../jobs";
import { maskUrlCredentials } from "./url-credentials";

/** The message for a global init script, naming where its text comes from. */
export function globalInitScriptMessage(resourceName: string, props: Record<string, unknown>): string {
  const name = stringOf(props.name) ?? resourceName;
  const source = stringOf(props.source);
  const origin = source !== undefined ? `the file '${maskUrlCredentials(source)}' of the deploying machine` : props.contentBase64 !== undefined ? "inline contentBase64" : "no source";
  return (
    `GlobalInitScript '${name}' runs a script from ${origin} on every cluster of the workspace, which no review of the repository's ref saw; ` +
    "put the init script on the clusters that need it (or fix it in their cluster policy) from the stage's artifact locations instead."
  );
}
