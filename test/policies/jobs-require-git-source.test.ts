import { DEFAULT_GIT_SOURCE_CONFIG, canonicalRepository, findGitSourceGaps, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { REPOSITORY } from "../pipelines/fixtures";
import { invokeRule } from "./invoke-rule";
import { prodTrainingJob, taskOf } from "./job-fixtures";

const url = REPOSITORY;
const prod = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedRepositories: [url] };
const staging = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedRepositories: [url], allowedBranchPatterns: ["^main$"], allowedTagPatterns: [] };

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

describe("jobs-require-git-source, the repository", () => {
  const fork = "https://github.com/attacker/mlops-ml-code";

  test("a fork or any other repository is refused, on an allowed branch too", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: fork, branch: "release" } }, prod)).toEqual([
      `Job 'j' runs code from repository '${fork}', which this stage does not allow (allowed repositories: ${url}).`,
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: "https://gitlab.com/example-org/mlops-ml-code", branch: "release" } }, prod)).toHaveLength(1);
  });

  test("the default allows no repository: each stage's config names its own", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "release" } }, DEFAULT_GIT_SOURCE_CONFIG)).toEqual([
      `Job 'j' runs code from repository '${url}', which this stage does not allow (allowed repositories: none).`,
    ]);
  });

  test("the same repository written with .git, a trailing slash or the host in capitals passes; a path in other case or a longer name does not", () => {
    for (const same of [`${url}.git`, `${url}/`, "HTTPS://GitHub.com/example-org/mlops-ml-code", ` ${url} `]) {
      expect(findGitSourceGaps("r", { name: "j", gitSource: { url: same, branch: "release" } }, prod)).toEqual([]);
    }
    for (const other of ["https://github.com/example-org/MLOps-ML-Code", `${url}-fork`, `${url}/../../attacker/mlops-ml-code`, "https://github.com.evil.example/example-org/mlops-ml-code"]) {
      expect(findGitSourceGaps("r", { name: "j", gitSource: { url: other, branch: "release" } }, prod)).toHaveLength(1);
    }
    expect(canonicalRepository("git@github.com:example-org/mlops-ml-code.git")).toBe("git@github.com:example-org/mlops-ml-code");
  });

  test("a URL that differs only in a query or fragment is not the allowed repository", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: `${url}?ref=fork`, branch: "release" } }, prod)).toHaveLength(1);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: `${url}#fork`, branch: "release" } }, prod)).toHaveLength(1);
  });

  test("two refs at once (a branch with a commit or a tag) are refused, whichever would win", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "release", commit: "4f2a9c1" } }, prod)).toEqual([
      "Job 'j' names more than one Git ref ('release', '4f2a9c1'); name exactly one branch or tag this stage allows.",
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "release", tag: "v1.0.0" } }, prod)).toHaveLength(1);
  });

  test("a fork's URL with a token is refused without echoing the token; credentials on the allowed URL are sources-forbid-url-credentials' to refuse", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: "https://bot:ghp_x7@github.com/attacker/mlops-ml-code", branch: "release" } }, prod)).toEqual([
      `Job 'j' runs code from repository 'https://***@github.com/attacker/mlops-ml-code', which this stage does not allow (allowed repositories: ${url}).`,
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url: "https://bot:ghp_x7@github.com/example-org/mlops-ml-code", branch: "release" } }, prod)).toEqual([]);
  });
});

describe("jobs-require-git-source, partial sources and lists", () => {
  test("a gitSource without a URL is no Git source", () => {
    expect(findGitSourceGaps("r", { name: "j", gitSource: { branch: "release" } }, prod)).toEqual([
      "Job 'j' has no gitSource; run its code from the project's Git repository on the stage's branch or tag.",
    ]);
  });

  test("every allowed pattern is listed, and an empty branch list reads none", () => {
    const config = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedRepositories: [url], allowedBranchPatterns: [], allowedTagPatterns: ["^v1$", "^v2$"] };
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

  test("without a config the stage's defaults apply: no repository passes, release branches pass, main does not", () => {
    const refused = `Job 'j' runs code from repository '${url}', which this stage does not allow (allowed repositories: none).`;
    expect(invokeRule(jobsRequireGitSource, job, {})).toEqual({ violations: [refused] });
    expect(invokeRule(jobsRequireGitSource, { ...job, props: { name: "j", gitSource: { url, branch: "main" } } }, {})).toEqual({
      violations: [refused, "Job 'j' runs branch 'main', which this stage does not allow (allowed branches: ^release(/[A-Za-z0-9._-]+)?$)."],
    });
    expect(invokeRule(jobsRequireGitSource, job, { allowedRepositories: [url] })).toEqual({ violations: [] });
  });

  test("a configured branch list replaces the default one; the default tag list still applies", () => {
    const config = { allowedRepositories: [url], allowedBranchPatterns: ["^main$"] };
    expect(invokeRule(jobsRequireGitSource, job, config).violations).toEqual(["Job 'j' runs branch 'release/1.2', which this stage does not allow (allowed branches: ^main$)."]);
    expect(invokeRule(jobsRequireGitSource, { ...job, props: { name: "j", gitSource: { url, tag: "v1.2.3" } } }, config)).toEqual({ violations: [] });
  });
});
