/**
 * data-forbid-shadowed-paths (stack rule): no other workspace object of the stack is placed at, or over, the path of
 * a protected folder or experiment. A notebook or workspace file is imported with overwrite at its path, so one
 * declared at a protected experiment's path replaces it, and deleting that notebook later deletes what is there; a
 * Git folder (`Repo`) is deleted with everything under it; a second `Directory` or experiment at the same path is a
 * second owner of one object, whose delete removes it. Protection is judged on the protected resource itself
 * (data-require-deletion-protection); this rule closes the doors beside it.
 */
import { failingClosed, readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { DIRECTORY, MLFLOW_EXPERIMENT, REPO, typeDisplayName } from "../lib/resource-types";

const NOTEBOOK = "databricks:index/notebook:Notebook";
const WORKSPACE_FILE = "databricks:index/workspaceFile:WorkspaceFile";

/** Workspace objects by the input that holds their path (an experiment's `name` is its path). */
export const PATH_FIELDS: Readonly<Record<string, string>> = {
  [DIRECTORY]: "path",
  [MLFLOW_EXPERIMENT]: "name",
  [NOTEBOOK]: "path",
  [WORKSPACE_FILE]: "path",
  [REPO]: "path",
};

/** Types that delete everything under their path with themselves (a Git folder). */
const DELETES_SUBTREE: readonly string[] = [REPO];

/** One workspace object as the rule reads it. */
export interface WorkspaceObjectFacts {
  type: string;
  name: string;
  urn: string;
  protect: boolean;
  /** Its path; undefined when unknown or not text. */
  path?: string;
}

/** A workspace path compared as the Workspace API resolves it: without `/Workspace`, without a trailing `/`. */
export function canonicalWorkspacePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, "");
  return trimmed.replace(/^\/Workspace(?=\/)/, "") || "/";
}

const isUnder = (path: string, folder: string) => folder === "/" || path.startsWith(`${folder}/`);

/** Returns one finding per object placed at a protected object's path, or (for a Git folder) over one. */
export function findShadowedPaths(objects: readonly WorkspaceObjectFacts[]): { urn: string; message: string }[] {
  const protectedOnes = objects.filter((o) => o.protect && (o.type === DIRECTORY || o.type === MLFLOW_EXPERIMENT) && o.path !== undefined);
  const findings: { urn: string; message: string }[] = [];
  for (const object of objects) {
    const subject = `${typeDisplayName(object.type)} '${object.name}'`;
    if (object.path === undefined) {
      if (protectedOnes.length > 0 && object.type !== DIRECTORY && object.type !== MLFLOW_EXPERIMENT) {
        findings.push({ urn: object.urn, message: `${subject} has a path unknown during preview, so the pack cannot tell it from the protected folders and experiments; give it a literal path.` });
      }
      continue;
    }
    const path = canonicalWorkspacePath(object.path);
    for (const target of protectedOnes) {
      if (target.urn === object.urn) continue;
      const targetPath = canonicalWorkspacePath(target.path as string);
      const same = path === targetPath;
      const over = DELETES_SUBTREE.includes(object.type) && isUnder(targetPath, path);
      if (!same && !over) continue;
      findings.push({
        urn: object.urn,
        message:
          `${subject} is placed ${same ? "at" : "over"} '${target.path}', the path of the protected ${typeDisplayName(target.type)} '${target.name}'; ` +
          `${same ? "writing or deleting it there replaces or deletes the protected object" : "deleting it deletes everything under it, the protected object included"}. ` +
          "Put it at a path of its own.",
      });
    }
  }
  return findings;
}

/** The rule object registered in the pack. */
export const dataForbidShadowedPaths: DocumentedStackPolicy = {
  name: "data-forbid-shadowed-paths",
  description: "No other workspace object (notebook, file, Git folder, folder, experiment) is placed at or over the path of a protected folder or experiment.",
  severity: "high",
  remediationSteps: "Give every notebook, workspace file, Git folder, folder and experiment a path of its own, outside the protected folders' and experiments' paths.",
  documentation: {
    judgedTypes: Object.keys(PATH_FIELDS),
    waivers: "refused-on-prod",
    rationale:
      "Protected production data: the experiment folder and the experiments in it hold the runs and model lineage of prod. " +
      "`protect` stops Pulumi from deleting those resources, but another resource at the same path (a notebook imported " +
      "with overwrite, a second folder) or over it (a Git folder, deleted with its subtree) deletes them by the back door.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const objects = args.resources.filter((r) => PATH_FIELDS[r.type] !== undefined);
    if (objects.length === 0) args.notApplicable("Policy only applies to stacks that declare workspace objects");
    const facts = objects.map((r) => {
      const read = readIfKnown(() => r.props[PATH_FIELDS[r.type]]);
      return { type: r.type, name: r.name, urn: r.urn, protect: r.opts.protect, path: read.known && typeof read.value === "string" ? read.value : undefined };
    });
    for (const { urn, message } of findShadowedPaths(facts)) reportViolation(message, urn);
  }),
};
