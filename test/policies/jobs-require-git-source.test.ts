import { DEFAULT_GIT_SOURCE_CONFIG, findGitSourceGaps, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { invokeRule } from "./invoke-rule";
import { prodTrainingJob, taskOf } from "./job-fixtures";

const prod = DEFAULT_GIT_SOURCE_CONFIG;
const staging = { allowedBranchPatterns: ["^main$"], allowedTagPatterns: [] };
const url = "https://github.com/example-org/churn-ml";

describe("jobs-require-git-source", () => {
  test("the program's prod job runs the release branch from Git; release/<name> and version tags pass too", () => {
    expect(findGitSourceGaps("r", prodTrainingJob(), prod)).toEqual([]);
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url, provider: "gitHub", branch: "release/2026-11" } }, prod)).toEqual([]);
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url, provider: "gitHub", tag: "v1.4.0" } }, prod)).toEqual([]);
  });

  test("no gitSource", () => {
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: undefined }, prod)).toEqual([
      "Job 'prod-churn-training' has no gitSource; run its code from the project's Git repository on the stage's branch or tag.",
    ]);
  });

  test("a branch the stage does not allow", () => {
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url, branch: "main" } }, prod)).toEqual([
      "Job 'prod-churn-training' runs branch 'main', which this stage does not allow (allowed branches: ^release(/[A-Za-z0-9._-]+)?$).",
    ]);
  });

  test("a tag the stage does not allow (staging allows none)", () => {
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url, tag: "v1.4.0" } }, staging)).toEqual([
      "Job 'prod-churn-training' runs tag 'v1.4.0', which this stage does not allow (allowed tags: none).",
    ]);
  });

  test("a pinned commit or no ref at all", () => {
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url, commit: "4f2a9c1" } }, prod)).toEqual([
      "Job 'prod-churn-training' runs commit '4f2a9c1'; name a branch or tag this stage allows.",
    ]);
    expect(findGitSourceGaps("r", { ...prodTrainingJob(), gitSource: { url } }, prod)).toEqual([
      "Job 'prod-churn-training' runs no Git ref; name a branch or tag this stage allows.",
    ]);
  });

  test("a task from a workspace path, by source or by an absolute path", () => {
    const job = prodTrainingJob();
    taskOf(job, "train").notebookTask = { notebookPath: "/Workspace/Users/ana@example.com/Train", source: "WORKSPACE" };
    taskOf(job, "deploy").notebookTask = { notebookPath: "/Repos/ana/churn/Deploy" };
    expect(findGitSourceGaps("r", job, prod)).toEqual([
      "Job 'prod-churn-training' task 'deploy' runs '/Repos/ana/churn/Deploy' from the workspace; use source GIT and a path relative to the repository.",
      "Job 'prod-churn-training' task 'train' runs '/Workspace/Users/ana@example.com/Train' from the workspace; use source GIT and a path relative to the repository.",
    ]);
  });

  test("a Python file task from the workspace is caught like a notebook", () => {
    const job = prodTrainingJob();
    taskOf(job, "validate").notebookTask = undefined;
    taskOf(job, "validate").sparkPythonTask = { pythonFile: "validation/validate.py", source: "WORKSPACE" };
    expect(findGitSourceGaps("r", job, prod)).toEqual([
      "Job 'prod-churn-training' task 'validate' runs 'validation/validate.py' from the workspace; use source GIT and a path relative to the repository.",
    ]);
  });
});

describe("jobs-require-git-source, partial sources and lists", () => {
  test("a gitSource without a URL is no Git source", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { branch: "release" } }, prod)).toEqual([
      "Job 'j' has no gitSource; run its code from the project's Git repository on the stage's branch or tag.",
    ]);
  });

  test("every allowed pattern is listed, and an empty branch list reads none", () => {
    const config = { allowedBranchPatterns: [], allowedTagPatterns: ["^v1$", "^v2$"] };
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "main" } }, config)).toEqual([
      "Job 'j' runs branch 'main', which this stage does not allow (allowed branches: none).",
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, tag: "v3" } }, config)).toEqual([
      "Job 'j' runs tag 'v3', which this stage does not allow (allowed tags: ^v1$, ^v2$).",
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "a" } }, { ...staging, allowedBranchPatterns: ["^main$", "^dev$"] })[0]).toContain(
      "(allowed branches: ^main$, ^dev$).",
    );
  });

  test("a task without a path, or with a relative one from Git, runs nothing from the workspace", () => {
    const props = { name: "j", gitSource: { url, branch: "release" }, tasks: [{ taskKey: "sql", sqlTask: { warehouseId: "w" } }, { taskKey: "nb", notebookTask: { notebookPath: "notebooks/train", source: "GIT" } }] };
    expect(findGitSourceGaps("r", props, prod)).toEqual([]);
  });
});

describe("jobs-require-git-source, code from outside the repository", () => {
  const job = (task: Record<string, unknown>) => ({ name: "j", gitSource: { url, branch: "release" }, tasks: [{ taskKey: "score", ...task }] });

  test("a Python file task without source GIT reads the workspace, even with a relative path (the provider's default)", () => {
    expect(findGitSourceGaps("r", job({ sparkPythonTask: { pythonFile: "scoring/score.py" } }), prod)).toEqual([
      "Job 'j' task 'score' runs 'scoring/score.py' from the workspace; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", job({ sparkPythonTask: { pythonFile: "scoring/score.py", source: "GIT" } }), prod)).toEqual([]);
  });

  test("a file in cloud storage runs code no review saw, whatever its source says", () => {
    expect(findGitSourceGaps("r", job({ sparkPythonTask: { pythonFile: "s3://scratch/score.py" } }), prod)).toEqual([
      "Job 'j' task 'score' runs 's3://scratch/score.py' from cloud storage; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", job({ sparkPythonTask: { pythonFile: "dbfs:/FileStore/score.py", source: "GIT" } }), prod)).toEqual([
      "Job 'j' task 'score' runs 'dbfs:/FileStore/score.py' from cloud storage; use source GIT and a path relative to the repository.",
    ]);
  });

  test("a notebook with source WORKSPACE reads the workspace even at a relative path; a colon inside a repository path is no URI", () => {
    expect(findGitSourceGaps("r", job({ notebookTask: { notebookPath: "notebooks/score", source: "WORKSPACE" } }), prod)).toEqual([
      "Job 'j' task 'score' runs 'notebooks/score' from the workspace; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", job({ notebookTask: { notebookPath: "notebooks/score:v2", source: "GIT" } }), prod)).toEqual([]);
  });

  test("a notebook without a source runs from the job's gitSource; a workspace task without a path is still reported", () => {
    expect(findGitSourceGaps("r", job({ notebookTask: { notebookPath: "notebooks/score" } }), prod)).toEqual([]);
    expect(findGitSourceGaps("r", job({ notebookTask: { source: "WORKSPACE" } }), prod)).toEqual([
      "Job 'j' task 'score' runs '?' from the workspace; use source GIT and a path relative to the repository.",
    ]);
  });
});

describe("jobs-require-git-source, the registered rule", () => {
  const job = { type: "databricks:index/job:Job", name: "training", props: { name: "j", gitSource: { url, branch: "release/1.2" } } };

  test("without a config the stage's defaults apply: release branches pass, main does not", () => {
    expect(invokeRule(jobsRequireGitSource, job, {})).toEqual({ violations: [] });
    expect(invokeRule(jobsRequireGitSource, { ...job, props: { name: "j", gitSource: { url, branch: "main" } } }, {})).toEqual({
      violations: ["Job 'j' runs branch 'main', which this stage does not allow (allowed branches: ^release(/[A-Za-z0-9._-]+)?$)."],
    });
  });

  test("a configured branch list replaces the default one; the default tag list still applies", () => {
    const config = { allowedBranchPatterns: ["^main$"] };
    expect(invokeRule(jobsRequireGitSource, job, config).violations).toEqual(["Job 'j' runs branch 'release/1.2', which this stage does not allow (allowed branches: ^main$)."]);
    expect(invokeRule(jobsRequireGitSource, { ...job, props: { name: "j", gitSource: { url, tag: "v1.2.3" } } }, config)).toEqual({ violations: [] });
  });
});
