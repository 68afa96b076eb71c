/** data-forbid-shadowed-paths: no workspace object at or over a protected folder's or experiment's path (issue 19, point 3). */
import { canonicalWorkspacePath, dataForbidShadowedPaths, findShadowedPaths, type WorkspaceObjectFacts } from "../../policies/rules/data-forbid-shadowed-paths";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const d = (module: string, className: string) => `databricks:index/${module}:${className}`;
const object = (type: string, name: string, path: string | undefined, protect = false): WorkspaceObjectFacts => ({ type, name, urn: `urn:${name}`, protect, path });
const folder = object(d("directory", "Directory"), "prod-mlops-experiment-folder", "/Shared/mlops", true);
const experiment = object(d("mlflowExperiment", "MlflowExperiment"), "prod-mlops-experiment", "/Shared/mlops/prod-mlops-experiment", true);

describe("data-forbid-shadowed-paths", () => {
  test("the program's folder and experiment, and objects at paths of their own (inside the folder too), pass", () => {
    const notebook = object(d("notebook", "Notebook"), "nb", "/Shared/mlops/README");
    const repo = object(d("repo", "Repo"), "repo", "/Repos/ci/mlops");
    expect(findShadowedPaths([folder, experiment, notebook, repo])).toEqual([]);
  });

  test.each([
    ["a notebook at the experiment's path", object(d("notebook", "Notebook"), "nb", "/Workspace/Shared/mlops/prod-mlops-experiment"), "at", experiment],
    ["a workspace file at the folder's path", object(d("workspaceFile", "WorkspaceFile"), "f", "/Shared/mlops/"), "at", folder],
    ["a second, unprotected folder resource at the folder's path", object(d("directory", "Directory"), "twin", "/Shared/mlops"), "at", folder],
    ["a second experiment at the experiment's path", object(d("mlflowExperiment", "MlflowExperiment"), "twin", "/Shared/mlops/prod-mlops-experiment"), "at", experiment],
  ])("%s is refused", (_, shadow, where, target) => {
    const findings = findShadowedPaths([folder, experiment, shadow]);
    expect(findings).toHaveLength(1);
    expect(findings[0].urn).toBe(shadow.urn);
    expect(findings[0].message).toContain(`is placed ${where} '${target.path}', the path of the protected`);
  });

  test("a Git folder over the experiment folder deletes it with its subtree: refused for the folder and the experiment", () => {
    const repo = object(d("repo", "Repo"), "repo", "/Shared");
    expect(findShadowedPaths([folder, experiment, repo]).map((f) => f.message)).toEqual([
      "Repo 'repo' is placed over '/Shared/mlops', the path of the protected Directory 'prod-mlops-experiment-folder'; deleting it deletes everything under it, the protected object included. Put it at a path of its own.",
      "Repo 'repo' is placed over '/Shared/mlops/prod-mlops-experiment', the path of the protected MlflowExperiment 'prod-mlops-experiment'; deleting it deletes everything under it, the protected object included. Put it at a path of its own.",
    ]);
  });

  test("an object whose path is unknown beside protected objects is refused; without protected objects nothing is guarded", () => {
    const unknown = object(d("notebook", "Notebook"), "nb", undefined);
    expect(findShadowedPaths([folder, unknown]).map((f) => f.urn)).toEqual(["urn:nb"]);
    expect(findShadowedPaths([{ ...folder, protect: false }, object(d("notebook", "Notebook"), "nb", "/Shared/mlops")])).toEqual([]);
  });

  test("paths compare without /Workspace and trailing slashes", () => {
    expect(canonicalWorkspacePath("/Workspace/Shared/x/")).toBe("/Shared/x");
    expect(canonicalWorkspacePath("/")).toBe("/");
  });

  test("the registered rule reads paths and protect from the stack and reports on the shadowing resource", () => {
    const protectedFolder = { ...stackResource(d("directory", "Directory"), "folder", { path: "/Shared/mlops" }), opts: { protect: true, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: {} } };
    const notebook = stackResource(d("notebook", "Notebook"), "nb", { path: "/Shared/mlops" });
    const result = invokeStackRule(dataForbidShadowedPaths, [protectedFolder as never, notebook]);
    expect(result.violations.map((v) => v.urn)).toEqual([notebook.urn]);
    expect(invokeStackRule(dataForbidShadowedPaths, [stackResource(d("catalog", "Catalog"), "c")]).notApplicable).toBe("Policy only applies to stacks that declare workspace objects");
  });
});
