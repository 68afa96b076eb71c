/**
 * sources-forbid-url-credentials: no user name or token written into a URL of code (a job's Git source, a
 * Git folder, a package index, a dependency line), on any stage.
 */
import { forResourceTypes, isUnknownValueError } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER, CLUSTER_POLICY, JOB, LIBRARY, PIPELINE, REPO, typeDisplayName } from "../lib/resource-types";
import { hasUrlCredentials, maskUrlCredentials } from "../lib/code-sources/url-credentials";

/**
 * The resources that name where code comes from; every string in their inputs is searched, a cluster policy's
 * definition (JSON text) included.
 */
export const CHECKED_TYPES = [JOB, PIPELINE, REPO, CLUSTER, CLUSTER_POLICY, LIBRARY];

/** The fields the provider defines as URLs: unknown there during preview, they fail closed; elsewhere an unknown is an id. */
const URL_FIELDS = new Set(["url", "repo"]);

/** Every string in the inputs with its path (`tasks[0].libraries[1].pypi.repo`); unknowns outside URL fields are skipped. */
export function stringLeaves(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (typeof value !== "object" || value === null) return [];
  const isList = Array.isArray(value);
  return Object.keys(value).flatMap((key) => {
    const at = isList ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
    let child: unknown;
    try {
      child = (value as Record<string, unknown>)[key];
    } catch (err) {
      if (isUnknownValueError(err) && !URL_FIELDS.has(key)) return [];
      throw err;
    }
    return stringLeaves(child, at);
  });
}

/** One message per input that holds a URL with credentials; the credentials are masked. */
export function findUrlCredentials(type: string, resourceName: string, props: Record<string, unknown>): string[] {
  const resource = `${typeDisplayName(type)} '${typeof props.name === "string" ? props.name : resourceName}'`;
  return stringLeaves(props)
    .filter((leaf) => hasUrlCredentials(leaf.value))
    .map(
      (leaf) =>
        `${resource} has credentials written into the URL at ${leaf.path} ('${maskUrlCredentials(leaf.value)}'): they are kept in the stack's state ` +
        "and shown to everyone who can read the resource's settings. Remove them and let the workspace authenticate instead.",
    );
}

/** The rule object registered in the pack. */
export const sourcesForbidUrlCredentials: DocumentedResourcePolicy = {
  name: "sources-forbid-url-credentials",
  description: "No URL of code (Git source, Git folder, package index, dependency) carries a user name or token.",
  severity: "critical",
  remediationSteps:
    "Remove the `user:token@` part of the URL. Jobs and Git folders reach Git through the workspace's Git " +
    "integration (the Databricks GitHub App, or a Git credential the identity administrators set outside the stack); " +
    "a private package index authenticates with a credential kept outside the stack, never in a library's `repo` or a " +
    "dependency line. Then rotate the token: it is in the state of every earlier deployment.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Deploy code, not credentials: a token in a job's gitSource.url, a Git folder's URL or a package index URL " +
      "is stored in the stack's state (encrypted or not, every reader of the state holds it) and in the resource's " +
      "settings, which every user allowed to view the job or cluster can read. With it anyone pushes to or reads the " +
      "repository the stage's jobs run, past the review that promotes code. Refused on every stage, dev included: a " +
      "token leaks the same from any stage. Violation messages mask the credentials, since messages are printed and posted on pull requests.",
    controls: [],
  },
  validateResource: forResourceTypes(CHECKED_TYPES, (args, reportViolation) => {
    for (const message of findUrlCredentials(args.type, args.name, args.props)) reportViolation(message);
  }),
};
