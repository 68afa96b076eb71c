/**
 * jobs-require-git-source over what a job loads besides its tasks' files: the libraries, init scripts and
 * container image of every cluster it declares, the dependencies of its serverless environments, and the
 * registered rule's config (artifact locations and package indexes are stage facts of the policy config).
 */
import { DEFAULT_GIT_SOURCE_CONFIG, findGitSourceGaps, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { REPOSITORY as url } from "../pipelines/fixtures";
import { invokeRule } from "./invoke-rule";
import { prodTrainingJob } from "./job-fixtures";

const VOLUME = "/Volumes/prod_mlops/ml_assets/artifacts";
const prod = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedRepositories: [url], allowedArtifactLocations: [VOLUME] };
const base = { name: "j", gitSource: { url, branch: "release" } };
const outside = (where: string, kind: string, path: string) => `${where} loads ${kind} '${path}' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`;

describe("jobs-require-git-source, cluster libraries, init scripts and images", () => {
  test("a job cluster, a task's own cluster and a for-each inner cluster are each judged", () => {
    const props = {
      ...base,
      jobClusters: [{ jobClusterKey: "main", newCluster: { libraries: [{ whl: "dbfs:/FileStore/a.whl" }] } }],
      tasks: [
        { taskKey: "t", notebookTask: { notebookPath: "nb" }, newCluster: { initScripts: [{ workspace: { destination: "/Workspace/Shared/init.sh" } }] } },
        { taskKey: "loop", forEachTask: { inputs: "[]", task: { taskKey: "in", notebookTask: { notebookPath: "nb" }, newCluster: { dockerImage: { url: "ghcr.io/attacker/spark:latest" } } } } },
      ],
    };
    expect(findGitSourceGaps("r", props, prod)).toEqual([
      outside("Job cluster 'main' of Job 'j'", "wheel", "dbfs:/FileStore/a.whl"),
      outside("The cluster of task 't' of Job 'j'", "init script (workspace)", "/Workspace/Shared/init.sh"),
      "The cluster of the for-each task 'in' of Job 'j' runs in container image 'ghcr.io/attacker/spark:latest', whose contents no review of the repository saw.",
    ]);
  });

  test("the same libraries and init scripts from the stage's volume, pinned packages and the deprecated top-level cluster pass or fail alike", () => {
    const allowed = { ...base, jobClusters: [{ jobClusterKey: "main", newCluster: { libraries: [{ whl: `${VOLUME}/a.whl` }, { pypi: { package: "pandas==2.2.3" } }], initScripts: [{ volumes: { destination: `${VOLUME}/init.sh` } }] } }] };
    expect(findGitSourceGaps("r", allowed, prod)).toEqual([]);
    expect(findGitSourceGaps("r", { ...base, newCluster: { libraries: [{ maven: { coordinates: "com.example:x:LATEST" } }] } }, prod)).toEqual([
      "The cluster of Job 'j' installs Maven artifact 'com.example:x:LATEST' without one fixed version (pin it: 'group:artifact:1.2.3'; no range, LATEST, RELEASE or SNAPSHOT).",
    ]);
  });
});

describe("jobs-require-git-source, serverless environments", () => {
  test("pip and Java dependencies of each environment are judged line by line", () => {
    const props = {
      ...base,
      environments: [
        { environmentKey: "default", spec: { client: "2", dependencies: ["pandas==2.2.3", `${VOLUME}/churn.whl`, "scikit-learn>=1.5", "-r /Workspace/Shared/requirements.txt"] } },
        { environmentKey: "jvm", spec: { javaDependencies: [`${VOLUME}/x.jar`, "s3://scratch/y.jar"] } },
      ],
    };
    expect(findGitSourceGaps("r", props, prod)).toEqual([
      "Job 'j' environment 'default' installs PyPI package 'scikit-learn>=1.5' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3').",
      outside("Job 'j' environment 'default'", "requirements file", "/Workspace/Shared/requirements.txt"),
      outside("Job 'j' environment 'jvm'", "JAR", "s3://scratch/y.jar"),
    ]);
  });

  test("the program's prod training job loads nothing besides its Git code", () => {
    expect(findGitSourceGaps("r", prodTrainingJob(), { ...prod, allowedArtifactLocations: [] })).toEqual([]);
  });
});

describe("jobs-require-git-source, the registered rule's artifact config", () => {
  const job = { type: "databricks:index/job:Job", name: "scoring", props: { ...base, tasks: [{ taskKey: "s", pythonWheelTask: { packageName: "churn" }, libraries: [{ whl: `${VOLUME}/churn.whl` }, { pypi: { package: "churn==1.0.0", repo: "https://pypi.example.com/simple" } }] }] } };

  test("by default no artifact location and no private index is allowed", () => {
    expect(invokeRule(jobsRequireGitSource, job, { allowedRepositories: [url] }).violations).toEqual([
      `Job 'j' task 's' loads wheel '${VOLUME}/churn.whl' from outside the artifact locations this stage allows (allowed: none).`,
      "Job 'j' task 's' installs PyPI package 'churn==1.0.0' from index 'https://pypi.example.com/simple', which this stage does not allow (allowed indexes: none).",
    ]);
  });

  test("the stage's config names its volume and index", () => {
    const config = { allowedRepositories: [url], allowedArtifactLocations: [VOLUME], allowedPackageIndexes: ["https://pypi.example.com/simple/"] };
    expect(invokeRule(jobsRequireGitSource, job, config)).toEqual({ violations: [] });
  });

  test("the config schema admits Unity Catalog Volume folders only", () => {
    const pattern = new RegExp((jobsRequireGitSource.configSchema?.properties?.allowedArtifactLocations as { items: { pattern: string } }).items.pattern);
    expect([VOLUME, `${VOLUME}/churn`].map((folder) => pattern.test(folder))).toEqual([true, true]);
    expect(["/Volumes/prod_mlops", "dbfs:/FileStore", "s3://bucket/x", "/Workspace/Shared", "/"].map((folder) => pattern.test(folder))).toEqual([false, false, false, false, false]);
  });
});

describe("jobs-require-git-source, settings that load code without a library", () => {
  test("Spark properties that add JARs, Python files or packages are refused in any case or spacing; ordinary ones pass", () => {
    const props = {
      ...base,
      jobClusters: [
        {
          jobClusterKey: "main",
          newCluster: {
            sparkConf: {
              "spark.jars.packages": "com.example:x:1.0",
              " Spark.Submit.PyFiles": "dbfs:/x.zip",
              "spark.driver.extraJavaOptions": "-javaagent:/dbfs/agent.jar",
              "spark.executor.extraJavaOptions": "-XX:+UseG1GC",
              "spark.databricks.cluster.profile": "singleNode",
            },
          },
        },
      ],
    };
    const where = "Job cluster 'main' of Job 'j' sets Spark property";
    const tail = "which loads code outside the libraries this rule judges (load it as a library the stage allows).";
    expect(findGitSourceGaps("r", props, prod)).toEqual([`${where} 'spark.jars.packages', ${tail}`, `${where} ' Spark.Submit.PyFiles', ${tail}`, `${where} 'spark.driver.extraJavaOptions', ${tail}`]);
  });

  test("environment variables that point pip, Python or the JVM elsewhere are refused; others pass", () => {
    const props = { ...base, tasks: [{ taskKey: "t", notebookTask: { notebookPath: "nb" }, newCluster: { sparkEnvVars: { PIP_EXTRA_INDEX_URL: "https://pypi.attacker.example/simple", pythonpath: "/dbfs/lib", JAVA_TOOL_OPTIONS: "-javaagent:x.jar", STAGE: "prod" } } }] };
    expect(findGitSourceGaps("r", props, prod)).toEqual(
      ["PIP_EXTRA_INDEX_URL", "pythonpath", "JAVA_TOOL_OPTIONS"].map((name) => `The cluster of task 't' of Job 'j' sets environment variable '${name}', which changes where pip, Python or the JVM load code from.`),
    );
  });
});
