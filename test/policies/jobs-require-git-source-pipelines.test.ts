/**
 * jobs-require-git-source over `databricks.Pipeline`: the provider gives pipelines no Git source, so their
 * source paths must lie in a workspace folder the stage's policy config names; their libraries, clusters,
 * environment and connector JAR are judged like a job's.
 */
import { findPipelineSourceGaps, workspacePath } from "../../policies/lib/code-sources/pipeline-code";
import { DEFAULT_GIT_SOURCE_CONFIG, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { invokeRule } from "./invoke-rule";

const FOLDER = "/Workspace/Repos/7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e/mlops-ml-code";
const VOLUME = "/Volumes/prod_mlops/ml_assets/artifacts";
const prod = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedPipelineSourceFolders: [FOLDER], allowedArtifactLocations: [VOLUME] };
const refused = (kind: string, path: string, allowed = FOLDER) =>
  `Pipeline 'p' runs ${kind} '${path}' from outside the workspace folders this stage allows for pipeline source (allowed: ${allowed}); deploy it into such a folder from the stage's Git ref.`;

describe("jobs-require-git-source, pipeline source", () => {
  test("notebooks, files, globs and the root folder inside the allowed folder pass, in either workspace spelling", () => {
    const props = {
      name: "p",
      rootPath: FOLDER,
      libraries: [{ notebook: { path: `${FOLDER}/pipelines/bronze` } }, { file: { path: `${FOLDER}/pipelines/silver.py` } }, { glob: { include: `${FOLDER}/transformations/**` } }],
    };
    expect(findPipelineSourceGaps("r", props, prod)).toEqual([]);
    expect(findPipelineSourceGaps("r", { name: "p", libraries: [{ notebook: { path: "/Repos/7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e/mlops-ml-code/x" } }] }, prod)).toEqual([]);
    expect(workspacePath("/Users/ana@example.com/x")).toBe("/Workspace/Users/ana@example.com/x");
  });

  test("a person's folder, a relative path, a way out through '..', a sibling folder or a root elsewhere is refused", () => {
    const props = {
      name: "p",
      rootPath: "/Workspace/Users/ana@example.com/pipeline",
      libraries: [
        { notebook: { path: "/Users/ana@example.com/bronze" } },
        { file: { path: "pipelines/silver.py" } },
        { glob: { include: `${FOLDER}/../../ana/evil/**` } },
        { notebook: { path: `${FOLDER}-fork/bronze` } },
      ],
    };
    expect(findPipelineSourceGaps("r", props, prod)).toEqual([
      refused("root folder", "/Workspace/Users/ana@example.com/pipeline"),
      refused("notebook", "/Users/ana@example.com/bronze"),
      refused("file", "pipelines/silver.py"),
      refused("source glob", `${FOLDER}/../../ana/evil/**`),
      refused("notebook", `${FOLDER}-fork/bronze`),
    ]);
  });

  test("by default a pipeline may run source from nowhere: the reviewer names the folder", () => {
    expect(findPipelineSourceGaps("r", { name: "p", libraries: [{ notebook: { path: `${FOLDER}/bronze` } }] }, DEFAULT_GIT_SOURCE_CONFIG)).toEqual([refused("notebook", `${FOLDER}/bronze`, "none")]);
  });
});

describe("jobs-require-git-source, what a pipeline loads besides its source", () => {
  test("JAR, wheel and Maven libraries, cluster init scripts, environment dependencies and the connector JAR are judged", () => {
    const props = {
      name: "p",
      libraries: [{ notebook: { path: `${FOLDER}/bronze` } }, { jar: "dbfs:/x.jar" }, { whl: `${VOLUME}/ok.whl` }, { maven: { coordinates: "com.example:x:1.0-SNAPSHOT" } }],
      clusters: [{ label: "default", initScripts: [{ dbfs: { destination: "dbfs:/init.sh" } }] }, { libraries: [{ egg: "s3://x.egg" }] }],
      environment: { dependencies: ["requests"] },
      ingestionDefinition: { netsuiteJarPath: "/Workspace/Shared/netsuite.jar" },
    };
    expect(findPipelineSourceGaps("r", props, prod)).toEqual([
      `Pipeline 'p' loads JAR 'dbfs:/x.jar' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
      "Pipeline 'p' installs Maven artifact 'com.example:x:1.0-SNAPSHOT' without one fixed version (pin it: 'group:artifact:1.2.3'; no range, LATEST, RELEASE or SNAPSHOT).",
      `Cluster 'default' of Pipeline 'p' loads init script (dbfs) 'dbfs:/init.sh' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
      `Cluster '1' of Pipeline 'p' loads egg 's3://x.egg' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
      "Pipeline 'p' environment installs PyPI package 'requests' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3').",
      `Pipeline 'p' loads connector JAR '/Workspace/Shared/netsuite.jar' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
  });

  test("the registered rule judges pipelines with the stage's config", () => {
    const pipeline = { type: "databricks:index/pipeline:Pipeline", name: "ingest", props: { libraries: [{ file: { path: "/Workspace/Shared/ingest.py" } }] } };
    expect(invokeRule(jobsRequireGitSource, pipeline, {}).violations).toEqual([
      "Pipeline 'ingest' runs file '/Workspace/Shared/ingest.py' from outside the workspace folders this stage allows for pipeline source (allowed: none); deploy it into such a folder from the stage's Git ref.",
    ]);
    expect(invokeRule(jobsRequireGitSource, pipeline, { allowedPipelineSourceFolders: ["/Workspace/Shared"] })).toEqual({ violations: [] });
  });
});

describe("jobs-require-git-source, a pipeline's configuration", () => {
  test("a Spark property that loads code in the configuration is refused; other keys pass", () => {
    const props = { name: "p", configuration: { "spark.jars": "dbfs:/x.jar", "pipelines.reset.allowed": "false" } };
    expect(findPipelineSourceGaps("r", props, prod)).toEqual([
      "Pipeline 'p' sets Spark property 'spark.jars', which loads code outside the libraries this rule judges (load it as a library the stage allows).",
    ]);
  });
});
