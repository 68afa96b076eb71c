/**
 * jobs-require-git-source over every task kind of the provider: paths judged by origin (SQL files, dbt
 * projects), JAR URIs by location, kinds whose code cannot be traced refused, and tasks found wherever they
 * sit (a for-each task's inner task, the deprecated top-level task of a job).
 */
import { DEFAULT_GIT_SOURCE_CONFIG, findGitSourceGaps, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { REPOSITORY as url } from "../pipelines/fixtures";
import { invokeRule } from "./invoke-rule";
import { prodRetrainingTriggerJob } from "./job-fixtures";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const VOLUME = "/Volumes/prod_mlops/ml_assets/artifacts";
const prod = { ...DEFAULT_GIT_SOURCE_CONFIG, allowedRepositories: [url], allowedArtifactLocations: [VOLUME] };
const job = (...tasks: Record<string, unknown>[]) => ({ name: "j", gitSource: { url, branch: "release" }, tasks });
const untraceable = (where: string, kind: string) =>
  `${where} is a ${kind}, whose code cannot be traced to the repository's reviewed ref; run the code as a notebook, Python file, SQL file, dbt, wheel or JAR task.`;

describe("jobs-require-git-source, SQL file and dbt tasks", () => {
  test("a SQL file from Git passes, with source GIT or unset; from the workspace or cloud storage it is refused", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "agg", sqlTask: { warehouseId: "w", file: { path: "sql/agg.sql" } } }, { taskKey: "b", sqlTask: { warehouseId: "w", file: { path: "sql/b.sql", source: "GIT" } } }), prod)).toEqual([]);
    expect(findGitSourceGaps("r", job({ taskKey: "agg", sqlTask: { warehouseId: "w", file: { path: "/Workspace/Users/ana@example.com/agg.sql", source: "WORKSPACE" } } }), prod)).toEqual([
      "Job 'j' task 'agg' runs '/Workspace/Users/ana@example.com/agg.sql' from the workspace; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", job({ taskKey: "agg", sqlTask: { warehouseId: "w", file: { path: "sql/agg.sql", source: "WORKSPACE" } } }), prod)).toHaveLength(1);
    expect(findGitSourceGaps("r", job({ taskKey: "agg", sqlTask: { warehouseId: "w", file: { path: "s3://scratch/agg.sql", source: "GIT" } } }), prod)).toEqual([
      "Job 'j' task 'agg' runs 's3://scratch/agg.sql' from cloud storage; use source GIT and a path relative to the repository.",
    ]);
  });

  test("a saved query, alert or dashboard is SQL edited in the workspace, outside review, and is refused", () => {
    expect(
      findGitSourceGaps(
        "r",
        job(
          { taskKey: "q", sqlTask: { warehouseId: "w", query: { queryId: "1" } } },
          { taskKey: "a", sqlTask: { warehouseId: "w", alert: { alertId: "2" } } },
          { taskKey: "d", sqlTask: { warehouseId: "w", dashboard: { dashboardId: "3" } } },
        ),
        prod,
      ),
    ).toEqual([
      untraceable("Job 'j' task 'q'", "SQL task running a saved query (its text is edited in the workspace)"),
      untraceable("Job 'j' task 'a'", "SQL task running a saved alert (its query is edited in the workspace)"),
      untraceable("Job 'j' task 'd'", "SQL task refreshing a saved dashboard (its queries are edited in the workspace)"),
    ]);
  });

  test("dashboard, alert and Power BI tasks run objects set up in the workspace and are refused", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "d", dashboardTask: { dashboardId: "3" } }, { taskKey: "a", alertTask: { alertId: "2" } }, { taskKey: "p", powerBiTask: {} }), prod)).toEqual([
      untraceable("Job 'j' task 'd'", "dashboard task (a dashboard's queries, edited in the workspace)"),
      untraceable("Job 'j' task 'a'", "alert task (an alert's query, edited in the workspace)"),
      untraceable("Job 'j' task 'p'", "Power BI task (tables published to a Power BI workspace, set up in the workspace)"),
    ]);
  });

  test("a dbt project at the repository root or a relative folder passes; a workspace folder or source is refused", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "dbt", dbtTask: { commands: ["dbt run"] } }, { taskKey: "d2", dbtTask: { commands: ["dbt run"], projectDirectory: "transform", source: "GIT" } }), prod)).toEqual([]);
    expect(findGitSourceGaps("r", job({ taskKey: "dbt", dbtTask: { commands: ["dbt run"], projectDirectory: "/Workspace/Shared/dbt" } }), prod)).toEqual([
      "Job 'j' task 'dbt' runs '/Workspace/Shared/dbt' from the workspace; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", job({ taskKey: "dbt", dbtTask: { commands: ["dbt run"], source: "WORKSPACE" } }), prod)).toEqual([
      "Job 'j' task 'dbt' runs '?' from the workspace; use source GIT and a path relative to the repository.",
    ]);
  });

  test("a source in another spelling is not GIT: the code is refused, with or without a path", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "dbt", dbtTask: { commands: ["dbt run"], source: "workspace" } }), prod)).toHaveLength(1);
    expect(findGitSourceGaps("r", job({ taskKey: "nb", notebookTask: { notebookPath: "notebooks/x", source: "git" } }), prod)).toHaveLength(1);
  });
});

describe("jobs-require-git-source, JAR and wheel tasks", () => {
  test("a JAR task's jarUri is judged like a JAR library; its main class comes from the task's libraries", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "jar", sparkJarTask: { mainClassName: "Main", jarUri: `${VOLUME}/churn.jar` } }), prod)).toEqual([]);
    expect(findGitSourceGaps("r", job({ taskKey: "jar", sparkJarTask: { mainClassName: "Main", jarUri: "dbfs:/FileStore/churn.jar" } }), prod)).toEqual([
      `Job 'j' task 'jar' loads JAR 'dbfs:/FileStore/churn.jar' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
    expect(findGitSourceGaps("r", job({ taskKey: "jar", sparkJarTask: { mainClassName: "Main" }, libraries: [{ jar: "s3://scratch/churn.jar" }] }), prod)).toEqual([
      `Job 'j' task 'jar' loads JAR 's3://scratch/churn.jar' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
  });

  test("a wheel task runs the wheel of its libraries: from the stage's volume it passes, from the workspace it does not", () => {
    const wheelTask = (whl: string) => job({ taskKey: "score", pythonWheelTask: { packageName: "churn", entryPoint: "score" }, libraries: [{ whl }] });
    expect(findGitSourceGaps("r", wheelTask(`${VOLUME}/churn-1.0.0-py3-none-any.whl`), prod)).toEqual([]);
    expect(findGitSourceGaps("r", wheelTask("/Workspace/Users/ana@example.com/churn.whl"), prod)).toEqual([
      `Job 'j' task 'score' loads wheel '/Workspace/Users/ana@example.com/churn.whl' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
  });
});

describe("jobs-require-git-source, task kinds whose code cannot be traced", () => {
  test("Spark submit, dbt Cloud, clean rooms and the other untraceable kinds are refused by name", () => {
    expect(
      findGitSourceGaps(
        "r",
        job(
          { taskKey: "submit", sparkSubmitTask: { parameters: ["--class", "Main", "dbfs:/x.jar"] } },
          { taskKey: "cloud", dbtCloudTask: { dbtCloudJobId: 7 } },
          { taskKey: "room", cleanRoomsNotebookTask: { cleanRoomName: "c", notebookName: "n" } },
          { taskKey: "ai", aiRuntimeTask: { experiment: "e", deployments: [] } },
        ),
        prod,
      ),
    ).toEqual([
      untraceable("Job 'j' task 'submit'", "Spark submit task (files named in its parameters)"),
      untraceable("Job 'j' task 'cloud'", "dbt Cloud task (a job defined in dbt Cloud)"),
      untraceable("Job 'j' task 'room'", "clean rooms notebook task (a notebook of the clean room)"),
      untraceable("Job 'j' task 'ai'", "AI runtime task (a code source path and a container image)"),
    ]);
    for (const kind of ["genAiComputeTask", "pythonOperatorTask", "dbtPlatformTask"]) {
      expect(findGitSourceGaps("r", job({ taskKey: "t", [kind]: {} }), prod)).toHaveLength(1);
    }
  });

  test("a kind this pack does not know yet fails closed; kinds that run no project code pass", () => {
    expect(findGitSourceGaps("r", job({ taskKey: "new", quantumTask: { program: "x" } }), prod)).toEqual([untraceable("Job 'j' task 'new'", "'quantumTask' task (a kind this pack does not know)")]);
    const noCode = ["conditionTask", "pipelineTask", "runJobTask"].map((kind) => ({ taskKey: kind, [kind]: {} }));
    expect(findGitSourceGaps("r", job(...noCode), prod)).toEqual([]);
  });
});

describe("jobs-require-git-source, tasks wherever they sit", () => {
  test("the inner task of a for-each task is judged: its code, its kind and its libraries", () => {
    const loop = (inner: Record<string, unknown>) => job({ taskKey: "loop", forEachTask: { inputs: "[1,2]", task: { taskKey: "score", ...inner } } });
    expect(findGitSourceGaps("r", loop({ notebookTask: { notebookPath: "notebooks/score" } }), prod)).toEqual([]);
    expect(findGitSourceGaps("r", loop({ notebookTask: { notebookPath: "/Workspace/Shared/score" } }), prod)).toEqual([
      "Job 'j' task 'loop/score' runs '/Workspace/Shared/score' from the workspace; use source GIT and a path relative to the repository.",
    ]);
    expect(findGitSourceGaps("r", loop({ sparkSubmitTask: { parameters: [] } }), prod)).toEqual([untraceable("Job 'j' task 'loop/score'", "Spark submit task (files named in its parameters)")]);
    expect(findGitSourceGaps("r", loop({ notebookTask: { notebookPath: "notebooks/score" }, libraries: [{ pypi: { package: "pandas" } }] }), prod)).toEqual([
      "Job 'j' task 'loop/score' installs PyPI package 'pandas' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3').",
    ]);
  });

  test("the deprecated top-level task of a job and the job's own libraries are judged", () => {
    const single = { name: "j", gitSource: { url, branch: "release" }, sparkPythonTask: { pythonFile: "dbfs:/score.py" }, libraries: [{ whl: "dbfs:/x.whl" }] };
    expect(findGitSourceGaps("r", single, prod)).toEqual([
      "Job 'j' runs 'dbfs:/score.py' from cloud storage; use source GIT and a path relative to the repository.",
      `Job 'j' loads wheel 'dbfs:/x.whl' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
    expect(findGitSourceGaps("r", { name: "j", gitSource: { url, branch: "release" }, sparkSubmitTask: { parameters: [] } }, prod)).toEqual([
      untraceable("Job 'j'", "Spark submit task (files named in its parameters)"),
    ]);
  });
});

describe("jobs-require-git-source, values unknown during preview", () => {
  test("the shipped retraining trigger passes with the training job's id unknown (a first preview)", () => {
    const trigger = prodRetrainingTriggerJob();
    const retrain = (trigger.tasks as Record<string, unknown>[]).find((task) => task.runJobTask !== undefined) as Record<string, unknown>;
    retrain.runJobTask = { jobId: UNKNOWN_NUMBER };
    const props = asValidationInputs(trigger);
    expect(invokeRule(jobsRequireGitSource, { type: "databricks:index/job:Job", props }, prod)).toEqual({ violations: [] });
  });

  test("an unknown library path fails closed at the rule's level", () => {
    const props = asValidationInputs(job({ taskKey: "score", pythonWheelTask: { packageName: "churn" }, libraries: [{ whl: UNKNOWN_STRING }] }));
    expect(invokeRule(jobsRequireGitSource, { type: "databricks:index/job:Job", name: "scoring", props }, prod).violations).toEqual([
      expect.stringMatching(/^Job 'scoring' cannot be checked during preview: string value at \.tasks\.0\.libraries\.0\.whl can't be known during preview\. /),
    ]);
  });
});
