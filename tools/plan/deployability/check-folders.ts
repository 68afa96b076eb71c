/**
 * `folder-before-contents`: an MLflow experiment's parent folder exists before the experiment is created.
 *
 * Source: mlflow/resource_mlflow_experiment.go `Create` calls `Experiments.CreateExperiment` and creates no
 * folder; MLflow answers `RESOURCE_DOES_NOT_EXIST: Parent directory ... does not exist` (provider-evidence
 * finding 3). workspace/resource_directory.go `Create` makes the folder with `MkdirsByPath` (parents too).
 * Notebooks and workspace files need no such edge: workspace/resource_notebook.go and
 * resource_workspace_file.go create a missing parent folder themselves.
 */
import { alone, missingEdge, type DeployabilityFinding } from "./findings";
import { stringInput, type PlanView } from "./plan-view";
import { T } from "./resource-types";

export const FOLDER_BEFORE_CONTENTS = "folder-before-contents";

/** Folders every workspace has: the root, `/Shared`, and each user's and each repo owner's home. */
export function folderAlwaysExists(folder: string): boolean {
  return folder === "/" || folder === "/Shared" || /^\/(Users|Repos)\/[^/]+$/.test(folder);
}

/** The parent folder of a workspace path, without a trailing slash ("/" for a top-level entry). */
export function parentFolder(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  const cut = trimmed.lastIndexOf("/");
  return cut <= 0 ? "/" : trimmed.slice(0, cut);
}

/** Findings of `folder-before-contents` over one plan. */
export function checkFoldersFirst(plan: PlanView): DeployabilityFinding[] {
  const out: DeployabilityFinding[] = [];
  const directories = plan.ofType(T.directory);
  for (const experiment of plan.ofType(T.mlflowExperiment)) {
    const name = stringInput(experiment, "name");
    if (name === undefined || !name.startsWith("/")) continue;
    const folder = parentFolder(name);
    if (folderAlwaysExists(folder)) continue;
    const directory = directories.find((d) => stringInput(d, "path")?.replace(/\/+$/, "") === folder);
    if (directory === undefined) {
      out.push(alone(FOLDER_BEFORE_CONTENTS, experiment, `needs the folder ${folder}, and no Directory in the plan creates it: MLflow does not create parent folders (RESOURCE_DOES_NOT_EXIST)`));
    } else if (!plan.waitsFor(experiment, directory)) {
      out.push(missingEdge(FOLDER_BEFORE_CONTENTS, experiment, directory, `MLflow does not create the parent folder ${folder} (RESOURCE_DOES_NOT_EXIST)`));
    }
  }
  return out;
}
