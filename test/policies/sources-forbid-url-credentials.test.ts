/**
 * sources-forbid-url-credentials: a user name or token in any URL of a job, pipeline, Git folder, cluster or
 * library is refused, wherever it sits in the inputs, and never echoed.
 */
import { findUrlCredentials, sourcesForbidUrlCredentials, stringLeaves } from "../../policies/rules/sources-forbid-url-credentials";
import { REPOSITORY as url } from "../pipelines/fixtures";
import { invokeRule } from "./invoke-rule";
import { prodTrainingJob } from "./job-fixtures";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const JOB = "databricks:index/job:Job";
const TOKEN = "ghp_leak7q";
const withToken = `https://ci-bot:${TOKEN}@github.com/example-org/mlops-ml-code`;
const tail = "they are kept in the stack's state and shown to everyone who can read the resource's settings. Remove them and let the workspace authenticate instead.";

describe("sources-forbid-url-credentials", () => {
  test("a token in a job's gitSource.url is refused and masked; the same repository without it passes", () => {
    expect(findUrlCredentials(JOB, "r", { name: "j", gitSource: { url: withToken, branch: "release" } })).toEqual([
      `Job 'j' has credentials written into the URL at gitSource.url ('https://***@github.com/example-org/mlops-ml-code'): ${tail}`,
    ]);
    expect(findUrlCredentials(JOB, "r", prodTrainingJob())).toEqual([]);
    expect(findUrlCredentials(JOB, "r", { name: "j", gitSource: { url, branch: "release" } })).toEqual([]);
  });

  test("a token alone as the user name, in a package index or a dependency line, deep in a task, is found by its path", () => {
    const props = {
      name: "j",
      tasks: [{ taskKey: "s", libraries: [{ pypi: { package: "churn==1.0.0", repo: `https://${TOKEN}@pypi.example.com/simple` } }] }],
      environments: [{ environmentKey: "default", spec: { dependencies: [`--extra-index-url https://u:${TOKEN}@pypi.example.com/simple`] } }],
    };
    expect(findUrlCredentials(JOB, "r", props)).toEqual([
      `Job 'j' has credentials written into the URL at tasks[0].libraries[0].pypi.repo ('https://***@pypi.example.com/simple'): ${tail}`,
      `Job 'j' has credentials written into the URL at environments[0].spec.dependencies[0] ('--extra-index-url https://***@pypi.example.com/simple'): ${tail}`,
    ]);
  });

  test("Git folders, pipelines, clusters and cluster libraries are checked; other resource types are not applicable", () => {
    expect(invokeRule(sourcesForbidUrlCredentials, { type: "databricks:index/repo:Repo", name: "code", props: { url: withToken, branch: "main" } }).violations).toEqual([
      `Repo 'code' has credentials written into the URL at url ('https://***@github.com/example-org/mlops-ml-code'): ${tail}`,
    ]);
    expect(invokeRule(sourcesForbidUrlCredentials, { type: "databricks:index/library:Library", name: "lib", props: { clusterId: "c", maven: { coordinates: "a:b:1", repo: withToken } } }).violations).toHaveLength(1);
    expect(invokeRule(sourcesForbidUrlCredentials, { type: "databricks:index/pipeline:Pipeline", name: "p", props: { environment: { dependencies: [`${withToken}/x.whl`] } } }).violations).toHaveLength(1);
    expect(invokeRule(sourcesForbidUrlCredentials, { type: "databricks:index/cluster:Cluster", name: "c", props: { libraries: [{ cran: { package: "x", repo: withToken } }] } }).violations).toHaveLength(1);
    expect(invokeRule(sourcesForbidUrlCredentials, { type: "databricks:index/notebook:Notebook", props: { url: withToken } }).notApplicable).toMatch(/^Policy only applies to resources of type /);
  });

  test("a cluster policy's libraries and its definition's JSON text are searched too: the policy hands them to every cluster under it", () => {
    const policy = "databricks:index/clusterPolicy:ClusterPolicy";
    expect(invokeRule(sourcesForbidUrlCredentials, { type: policy, name: "jobs", props: { name: "jobs", libraries: [{ pypi: { package: "x==1", repo: withToken } }] } }).violations).toEqual([
      `ClusterPolicy 'jobs' has credentials written into the URL at libraries[0].pypi.repo ('https://***@github.com/example-org/mlops-ml-code'): ${tail}`,
    ]);
    const definition = JSON.stringify({ "spark_env_vars.PIP_INDEX_URL": { type: "fixed", value: `https://u:${TOKEN}@pypi.example.com/simple` } });
    const found = invokeRule(sourcesForbidUrlCredentials, { type: policy, name: "jobs", props: { name: "jobs", definition } }).violations;
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("at definition (");
    expect(found[0]).not.toContain(TOKEN);
    expect(invokeRule(sourcesForbidUrlCredentials, { type: policy, name: "jobs", props: { name: "jobs", definition: JSON.stringify({ "autotermination_minutes": { type: "fixed", value: 30 } }) } }).violations).toEqual([]);
  });

  test("no message of the rule holds the token", () => {
    const messages = findUrlCredentials(JOB, "r", { name: "j", gitSource: { url: withToken }, tasks: [{ taskKey: "t", notebookTask: { notebookPath: "nb", baseParameters: { source: withToken } } }] });
    expect(messages).toHaveLength(2);
    expect(messages.filter((message) => message.includes(TOKEN))).toEqual([]);
  });
});

describe("sources-forbid-url-credentials, values unknown during preview", () => {
  test("an unknown id elsewhere in a job is skipped: the rule still decides", () => {
    const props = asValidationInputs({ name: "j", gitSource: { url, branch: "release" }, tasks: [{ taskKey: "t", sqlTask: { warehouseId: UNKNOWN_STRING } }] });
    expect(invokeRule(sourcesForbidUrlCredentials, { type: JOB, props })).toEqual({ violations: [] });
    expect(stringLeaves(props).map((leaf) => leaf.path)).toEqual(["name", "gitSource.url", "gitSource.branch", "tasks[0].taskKey"]);
  });

  test("an unknown URL or index fails closed", () => {
    const props = asValidationInputs({ name: "j", gitSource: { url: UNKNOWN_STRING, branch: "release" } });
    expect(invokeRule(sourcesForbidUrlCredentials, { type: JOB, name: "training", props }).violations).toEqual([
      expect.stringMatching(/^Job 'training' cannot be checked during preview: string value at \.gitSource\.url can't be known during preview\. /),
    ]);
  });
});
