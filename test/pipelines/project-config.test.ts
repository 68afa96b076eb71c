import { parseStageConfig } from "../../stack/config";
import { SP_PROD } from "../support/stage-configs";
import { DEFAULT_NOTEBOOKS } from "../../components/pipelines/code-layout";
import { EMAIL, REPOSITORY, problemsOf, rawProject, rawStageWith, stageWith } from "./fixtures";

const key = (path: string) => `  - databricks-mlops:mlProjects[0].${path}`;

describe("mlProjects: defaults", () => {
  test("a minimal project on prod", () => {
    expect(stageWith("prod").mlProjects).toEqual([
      {
        name: "churn",
        repository: { url: REPOSITORY, provider: "gitHub", ref: { branch: "release" } },
        notebooks: DEFAULT_NOTEBOOKS,
        owner: "mlops-ml-engineers",
        model: { name: "churn_model", scoringGroups: ["mlops-data-scientists", "mlops-ml-engineers"] },
        featureTable: "churn_features",
        predictionTable: "churn_model_predictions",
        notifications: { emails: [EMAIL], destinationIds: [] },
        schedules: {
          features: { cron: "0 0 3 * * ?", timezone: "UTC", paused: false },
          training: { cron: "0 0 4 ? * MON", timezone: "UTC", paused: false },
          batchInference: { cron: "0 0 6 * * ?", timezone: "UTC", paused: false },
        },
        retraining: { metricsTable: undefined, driftThreshold: 0.2 },
        compute: { kind: "serverless" },
        extraTasks: [],
        integrationTest: { sampleFraction: 0.05, maxIterations: 2 },
      },
    ]);
  });

  test("dev pauses schedules and deploys the dev branch; scoring groups follow the stage's readers", () => {
    const [project] = stageWith("dev").mlProjects;
    expect(project.repository.ref).toEqual({ branch: "dev" });
    expect(Object.values(project.schedules).map((s) => s.paused)).toEqual([true, true, true]);
    const raw = { ...rawStageWith("prod", rawProject()), devAccess: { workspaceId: "1000000000000001", readerGroups: ["mlops-data-scientists"] } };
    expect(parseStageConfig(raw, "prod").mlProjects[0].model.scoringGroups).toEqual(["mlops-data-scientists"]);
  });

  test("no mlProjects key: no projects", () => {
    expect(parseStageConfig(rawStageWith("prod"), "prod").mlProjects).toEqual([]);
    const { mlProjects: _omitted, ...raw } = rawStageWith("prod");
    expect(parseStageConfig(raw, "prod").mlProjects).toEqual([]);
  });

  test("the Git provider comes from the host, or from the config for other hosts", () => {
    const project = (url: string, provider?: string) =>
      stageWith("staging", rawProject({ repository: { url, ...(provider ? { provider } : {}) } })).mlProjects[0].repository.provider;
    expect(project("https://gitlab.com/org/churn")).toBe("gitLab");
    expect(project("https://dev.azure.com/org/project/_git/churn")).toBe("azureDevOpsServices");
    expect(project("https://git.example.com/org/churn", "gitLabEnterpriseEdition")).toBe("gitLabEnterpriseEdition");
  });
});

describe("mlProjects: each bad input names the key", () => {
  test("an invalid Quartz cron and time zone", () => {
    const schedules = { training: { cron: "0 4 * * 1", timezone: "utc" } };
    expect(problemsOf(rawStageWith("prod", rawProject({ schedules })), "prod")).toEqual([
      key(
        'schedules.training.cron: got "0 4 * * 1"; not a valid Quartz cron expression: has 5 fields; a Quartz cron has 6 or 7: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 4 * * ?"',
      ),
      key('schedules.training.timezone: got "utc"; not a time zone id the Jobs API accepts; expected a time zone id such as "UTC" or "Europe/Berlin" (case matters)'),
    ]);
  });

  test("model and table names that are not Unity Catalog identifiers", () => {
    const raw = rawStageWith("prod", rawProject({ model: { name: "Churn-Model" }, featureTable: "features.churn", retraining: { metricsTable: "1drift" } }));
    const allowed = "expected a Unity Catalog name: lower-case letters, digits and '_', starting with a letter, at most 255 characters";
    expect(problemsOf(raw, "prod")).toEqual([
      key(`featureTable: got "features.churn"; ${allowed}`),
      key(`model.name: got "Churn-Model"; ${allowed}`),
      key(`retraining.metricsTable: got "1drift"; ${allowed}`),
    ]);
  });

  test("duplicate project names (hence job names) and duplicate model names", () => {
    const raw = rawStageWith("prod", rawProject(), rawProject(), rawProject({ name: "churn-eu", model: { name: "churn_model" } }));
    expect(problemsOf(raw, "prod")).toEqual([
      '  - databricks-mlops:mlProjects[1].model.name: missing; model "churn_model" is also the model of mlProjects[0]; each project registers its own model',
      '  - databricks-mlops:mlProjects[1].name: got "churn"; project "churn" is declared twice (also mlProjects[0])',
      '  - databricks-mlops:mlProjects[2].model.name: got "churn_model"; model "churn_model" is also the model of mlProjects[0]; each project registers its own model',
    ]);
  });

  // Found while writing the property tests (test/fuzz): these configs were accepted, and both projects'
  // monitors would have watched, and both batch jobs overwritten, one table.
  test("two projects writing one table of the inference schema", () => {
    const serving = { champion: {} };
    const raw = rawStageWith(
      "prod",
      rawProject({ predictionTable: "scores" }),
      rawProject({ name: "churn-eu", predictionTable: "scores" }),
      rawProject({ name: "upsell", model: { name: "upsell" }, serving: { ...serving, inferenceTablePrefix: "shared" } }),
      rawProject({ name: "upsell-eu", model: { name: "upsell_eu" }, serving: { ...serving, inferenceTablePrefix: "shared" } }),
      // Its predictions table is the unpacked served predictions table of upsell's endpoint.
      rawProject({ name: "shadow", predictionTable: "shared_predictions" }),
    );
    expect(problemsOf(raw, "prod")).toEqual([
      '  - databricks-mlops:mlProjects[1].predictionTable: got "scores"; table inference.scores is also the predictions table of mlProjects[0]; each project writes its own tables',
      '  - databricks-mlops:mlProjects[3].serving.inferenceTablePrefix: got "shared"; table inference.shared_payload is also the endpoint\'s inference table of mlProjects[2]; each project writes its own tables',
      '  - databricks-mlops:mlProjects[3].serving.inferenceTablePrefix: got "shared"; table inference.shared_predictions is also the endpoint\'s unpacked predictions table of mlProjects[2]; each project writes its own tables',
      '  - databricks-mlops:mlProjects[4].predictionTable: got "shared_predictions"; table inference.shared_predictions is also the endpoint\'s unpacked predictions table of mlProjects[2]; each project writes its own tables',
    ]);
  });

  test("a model named like another project's default predictions table", () => {
    const raw = rawStageWith("prod", rawProject(), rawProject({ name: "retention", predictionTable: "churn_model_predictions" }));
    expect(problemsOf(raw, "prod")).toEqual([
      '  - databricks-mlops:mlProjects[1].predictionTable: got "churn_model_predictions"; table inference.churn_model_predictions is also the predictions table of mlProjects[0]; each project writes its own tables',
    ]);
  });

  test("an unknown Git host without provider, both branch and tag, a bad ref", () => {
    const repository = { url: "https://git.example.com/org/churn", branch: "main", tag: "v1..0" };
    expect(problemsOf(rawStageWith("prod", rawProject({ repository })), "prod")).toEqual([
      key("repository.provider: missing; required: the repository host is not github.com, gitlab.com, bitbucket.org or dev.azure.com"),
      key(`repository.tag: got "v1..0"; expected a Git branch or tag name: letters, digits, '.', '_', '-', '/', no '..', not starting or ending with '/'`),
      key('repository.tag: got "v1..0"; set either branch or tag, not both'),
    ]);
  });

  test("no failure notification target, an account-wide scoring group", () => {
    const raw = rawStageWith("prod", rawProject({ notifications: { emails: [] }, model: { scoringGroups: ["account users"] } }));
    expect(problemsOf(raw, "prod")).toEqual([
      key(
        'model.scoringGroups[0]: got "account users"; expected a group name (letters, digits, spaces, \'.\', \'_\' or \'-\'), not an account-wide group such as "users" or "account users"',
      ),
      key('notifications: got {"emails":[]}; at least one failure notification target is required: emails or destinationIds'),
    ]);
    expect(problemsOf(rawStageWith("prod", rawProject({ model: { scoringGroups: [] } })), "prod")).toEqual([
      key(
        'model.scoringGroups: got []; expected a non-empty list of group names (a group name (letters, digits, spaces, \'.\', \'_\' or \'-\'), not an account-wide group such as "users" or "account users")',
      ),
    ]);
    expect(problemsOf(rawStageWith("prod", rawProject({ notifications: {} })), "prod")).toEqual([
      key("notifications: got {}; at least one failure notification target is required: emails or destinationIds"),
    ]);
  });

  test("an all-purpose cluster on prod, a job cluster without policy", () => {
    expect(problemsOf(rawStageWith("prod", rawProject({ compute: { existingClusterId: "0123-456789-abcdefgh" } })), "prod")).toEqual([
      key(
        'compute.existingClusterId: got "0123-456789-abcdefgh"; not allowed on prod: jobs on staging and prod run on serverless compute or job clusters, never on an all-purpose cluster',
      ),
    ]);
    expect(problemsOf(rawStageWith("dev", rawProject({ compute: { sparkVersion: "15.4.x-cpu-ml-scala2.12" } })), "dev")).toEqual([
      key("compute.nodeTypeId: missing; required with a job cluster (compute.policyId)"),
      key("compute.policyId: missing; required with a job cluster: job clusters run under a cluster policy"),
    ]);
  });

  test("extra tasks: duplicate key, unknown dependency, cycle, reference to a task that is not upstream", () => {
    const extraTasks = [
      { key: "validate", notebook: "n/A" },
      { key: "fairness", notebook: "n/B", dependsOn: ["valdate"] },
      { key: "report", notebook: "n/C", dependsOn: ["train"], parameters: { version: "{{tasks.deploy.values.version}}" } },
      { key: "a", notebook: "n/D", dependsOn: ["b"] },
      { key: "b", notebook: "n/E", dependsOn: ["a"] },
    ];
    expect(problemsOf(rawStageWith("prod", rawProject({ training: { extraTasks } })), "prod")).toEqual([
      key('training.extraTasks[0].key: got "validate"; duplicate task key "validate"; task keys must be unique in a job'),
      key(
        'training.extraTasks[1].dependsOn[0]: got "valdate"; no task "valdate" in this job; tasks: train, validate, deploy, fairness, report, a, b',
      ),
      key(
        'training.extraTasks[2].parameters.version: got "{{tasks.deploy.values.version}}"; "{{tasks.deploy.values.version}}" reads a value of task "deploy", but task "deploy" is not upstream of "report"; add it to dependsOn (directly or through an upstream task)',
      ),
      key('training.extraTasks[3].dependsOn: got ["b"]; dependency cycle a -> b -> a; a job\'s tasks must form a DAG'),
    ]);
  });

  test("a gating extra task that depends on deploy closes a cycle through deploy", () => {
    const extraTasks = [{ key: "smoke", notebook: "n/S", dependsOn: ["deploy"], gatesDeploy: true }];
    expect(problemsOf(rawStageWith("prod", rawProject({ training: { extraTasks } })), "prod")).toEqual([
      key(`training.extraTasks: got [{"key":"smoke","notebook":"n/S","dependsOn":["deploy"],"gatesDeploy":true}]; dependency cycle deploy -> smoke -> deploy; a job's tasks must form a DAG`),
    ]);
  });

  test("an unknown key inside a project names the allowed keys", () => {
    expect(problemsOf(rawStageWith("prod", rawProject({ schedule: {} })), "prod")).toEqual([
      key(
        "schedule: got {}; unknown key; allowed keys: name, repository, code, owner, model, featureTable, predictionTable, notifications, schedules, retraining, compute, training, integrationTest, serving, monitoring, alerts, onlineStore",
      ),
    ]);
  });

  test("the service principal of the stage is not affected by projects", () => {
    expect(stageWith("prod").servicePrincipal).toEqual({ applicationId: SP_PROD });
  });
});
