/**
 * The read-back model per normalisation: a declaration the provider reads back equal (no diff on the next
 * `up`) and one it does not (the diff the bridge would show, with its action and whether it ever converges).
 */
import { simulateReadBack, SERVER_VALUE, UnmodelledTypeError } from "../../../tools/plan/read-back/simulate";
import { secondUpDiff } from "../../../tools/plan/read-back/second-up";
import { MLFLOW_SYSTEM_TAGS } from "../../../tools/plan/read-back/databricks-workspace";

const JOB = "databricks:index/job:Job";
const GRANTS = "databricks:index/grants:Grants";
const EXPERIMENT = "databricks:index/mlflowExperiment:MlflowExperiment";
const TABLE = "databricks:index/sqlTable:SqlTable";
const ENDPOINT = "databricks:index/modelServing:ModelServing";

/** The diff of the second `up` right after the first created `inputs`. */
function secondUp(type: string, inputs: Record<string, unknown>) {
  const step = { type, inputs };
  return secondUpDiff(step, simulateReadBack(step));
}

const task = (taskKey: string, dependsOn: string[] = []) => ({
  taskKey,
  notebookTask: { notebookPath: `notebooks/${taskKey}` },
  ...(dependsOn.length ? { dependsOns: dependsOn.map((k) => ({ taskKey: k })) } : {}),
});

describe("job tasks come back sorted by task_key", () => {
  test("tasks and depends_on declared sorted: no change", () => {
    expect(secondUp(JOB, { name: "j", tasks: [task("deploy", ["train", "validate"]), task("train"), task("validate", ["train"])] })).toEqual([]);
  });

  test("tasks declared unsorted: a perpetual update of tasks", () => {
    const inputs = { name: "j", tasks: [task("train"), task("validate", ["train"]), task("deploy", ["validate"])] };
    const state = simulateReadBack({ type: JOB, inputs });
    expect((state.tasks as { taskKey: string }[]).map((t) => t.taskKey)).toEqual(["deploy", "train", "validate"]);
    expect(secondUpDiff({ type: JOB, inputs }, state)).toEqual([
      expect.objectContaining({ path: "tasks", action: "update", perpetual: true, why: expect.stringContaining("sorted by task_key") }),
    ]);
  });

  test("depends_on declared unsorted: a perpetual update of that task's depends_on", () => {
    expect(secondUp(JOB, { name: "j", tasks: [task("deploy", ["validate", "train"]), task("train"), task("validate")] })).toEqual([
      expect.objectContaining({ path: "tasks[0].dependsOns", action: "update", perpetual: true }),
    ]);
  });

  test("run_as absent: the creator the server fills does not diff", () => {
    const state = simulateReadBack({ type: JOB, inputs: { name: "j" } });
    expect(state.runAs).toBe(SERVER_VALUE);
    expect(secondUpDiff({ type: JOB, inputs: { name: "j" } }, { ...state, runAs: { userName: "someone@example.com" } })).toEqual([]);
  });
});

describe("grant privileges come back upper case", () => {
  const declared = { catalog: "prod_mlops", grants: [{ principal: "Data-Scientists", privileges: ["use catalog", "select"] }] };

  test("lower case, spaces, other order and principal case: no change (the set hash normalises them)", () => {
    const state = simulateReadBack({ type: GRANTS, inputs: declared });
    expect(state.grants).toEqual([{ principal: "Data-Scientists", privileges: ["USE_CATALOG", "SELECT"] }]);
    expect(secondUpDiff({ type: GRANTS, inputs: declared }, { ...state, grants: [{ principal: "data-scientists", privileges: ["SELECT", "USE_CATALOG"] }] })).toEqual([]);
  });

  test("a privilege the state lacks: an update of grants", () => {
    const state = { catalog: "prod_mlops", grants: [{ principal: "Data-Scientists", privileges: ["USE_CATALOG"] }] };
    expect(secondUpDiff({ type: GRANTS, inputs: declared }, state)).toEqual([expect.objectContaining({ path: "grants", action: "update", perpetual: false })]);
  });

  test("another securable: a replacement", () => {
    const state = simulateReadBack({ type: GRANTS, inputs: declared });
    expect(secondUpDiff({ type: GRANTS, inputs: { ...declared, catalog: "dev_mlops" } }, state)).toEqual([
      expect.objectContaining({ path: "catalog", action: "replace" }),
    ]);
  });

  test("a field inside a force-new block: a replacement that names the block", () => {
    const KEYS = "databricks:index/mwsCustomerManagedKeys:MwsCustomerManagedKeys";
    const inputs = { accountId: "a", useCases: ["STORAGE"], awsKeyInfo: { keyArn: "arn:1", keyAlias: "alias/k" } };
    const state = simulateReadBack({ type: KEYS, inputs });
    expect(secondUpDiff({ type: KEYS, inputs: { ...inputs, awsKeyInfo: { ...inputs.awsKeyInfo, keyArn: "arn:2" } } }, state)).toEqual([
      { path: "awsKeyInfo.keyArn", action: "replace", perpetual: false, why: "differs from the state; awsKeyInfo: a change replaces the resource", declared: "arn:2", readBack: "arn:1" },
    ]);
  });
});

describe("experiment tags are computed and never updated", () => {
  const name = "/Shared/mlops/prod-mlops-experiment";

  test("no tags declared: no change, whatever tags the server holds", () => {
    expect(secondUp(EXPERIMENT, { name })).toEqual([]);
  });

  test("tags declared: the server's own tags come back beside them, and Update never sends tags: a perpetual diff", () => {
    const inputs = { name, tags: [{ key: "stage", value: "prod" }] };
    const state = simulateReadBack({ type: EXPERIMENT, inputs });
    expect((state.tags as { key: string }[]).map((t) => t.key)).toEqual(["stage", ...MLFLOW_SYSTEM_TAGS]);
    expect(secondUpDiff({ type: EXPERIMENT, inputs }, state)).toEqual([
      expect.objectContaining({ path: "tags", action: "update", perpetual: true, why: expect.stringContaining("Update sends only NewName") }),
    ]);
  });

  test("a name with a /Workspace prefix and a trailing slash: no change", () => {
    const state = simulateReadBack({ type: EXPERIMENT, inputs: { name } });
    expect(secondUpDiff({ type: EXPERIMENT, inputs: { name: `/Workspace${name}/` } }, state)).toEqual([]);
  });
});

describe("SQL table column types come back lower case", () => {
  const table = (type: string) => ({ name: "t", catalogName: "c", schemaName: "s", tableType: "MANAGED", columns: [{ name: "scored_at", type }] });

  test("an upper-case type: no change (the provider compares lower case)", () => {
    const state = simulateReadBack({ type: TABLE, inputs: table("TIMESTAMP") });
    expect(state.columns).toEqual([{ name: "scored_at", type: "timestamp", nullable: SERVER_VALUE, typeJson: SERVER_VALUE }]);
    expect(secondUpDiff({ type: TABLE, inputs: table("TIMESTAMP") }, state)).toEqual([]);
  });

  test("an alias (INTEGER for int) and backticks: no change", () => {
    const state = simulateReadBack({ type: TABLE, inputs: table("int") });
    expect(secondUpDiff({ type: TABLE, inputs: table("`INTEGER`") }, state)).toEqual([]);
  });

  test("another type than the table holds: an update of that column's type", () => {
    const state = simulateReadBack({ type: TABLE, inputs: table("int") });
    expect(secondUpDiff({ type: TABLE, inputs: table("BIGINT") }, state)).toEqual([
      expect.objectContaining({ path: "columns[0].type", action: "update", perpetual: false, declared: "BIGINT", readBack: "int" }),
    ]);
  });

  test("a table type change: a replacement", () => {
    const state = simulateReadBack({ type: TABLE, inputs: table("int") });
    expect(secondUpDiff({ type: TABLE, inputs: { ...table("int"), tableType: "EXTERNAL" } }, state)).toEqual([
      expect.objectContaining({ path: "tableType", action: "replace" }),
    ]);
  });
});

describe("a serving endpoint whose config the deployment task changed", () => {
  const entity = (name: string, version: string) => ({ name, entityName: "prod_mlops.ml_assets.mlops_model", entityVersion: version, workloadSize: "Small", scaleToZeroEnabled: false });
  const base = { name: "prod-mlops", tags: [{ key: "stage", value: "prod" }, { key: "project", value: "mlops" }] };
  /** What the deployment task leaves: Champion v7 with all traffic, where the stack first served v1. */
  const promoted = {
    servedEntities: [entity("champion", "7")],
    trafficConfig: { routes: [{ servedEntityName: "champion", trafficPercentage: 100 }] },
  };

  test("declared without config: no change (config is computed, the task's versions stay)", () => {
    const state = { ...simulateReadBack({ type: ENDPOINT, inputs: base }), config: promoted };
    expect(secondUpDiff({ type: ENDPOINT, inputs: base }, state)).toEqual([]);
  });

  test("declared with config.servedEntities: the next up reverts the task's version and traffic", () => {
    const declared = {
      ...base,
      config: { servedEntities: [entity("champion", "1")], trafficConfig: { routes: [{ servedEntityName: "champion", trafficPercentage: 90 }] } },
    };
    const state = { ...simulateReadBack({ type: ENDPOINT, inputs: declared }), config: promoted };
    expect(secondUpDiff({ type: ENDPOINT, inputs: declared }, state)).toEqual([
      { path: "config.servedEntities[0].entityVersion", action: "update", perpetual: false, why: "differs from the state", declared: "1", readBack: "7" },
      expect.objectContaining({ path: "config.trafficConfig.routes[0].trafficPercentage", action: "update", declared: 90, readBack: 100 }),
    ]);
  });

  test("tags in another order: no change (a set); another name: a replacement", () => {
    const state = simulateReadBack({ type: ENDPOINT, inputs: base });
    expect(secondUpDiff({ type: ENDPOINT, inputs: { ...base, tags: [...base.tags].reverse() } }, state)).toEqual([]);
    expect(secondUpDiff({ type: ENDPOINT, inputs: { ...base, name: "prod-mlops-2" } }, state)).toEqual([
      expect.objectContaining({ path: "name", action: "replace" }),
    ]);
  });

  test("a description change is never sent by Update: a perpetual diff", () => {
    const state = simulateReadBack({ type: ENDPOINT, inputs: { ...base, description: "old" } });
    expect(secondUpDiff({ type: ENDPOINT, inputs: { ...base, description: "new" } }, state)).toEqual([
      expect.objectContaining({ path: "description", action: "update", perpetual: true }),
    ]);
  });
});

describe("computed, set and policy comparisons", () => {
  test("a computed field left out keeps the server's value; a plain field left out is removed", () => {
    const CATALOG = "databricks:index/catalog:Catalog";
    const state = { ...simulateReadBack({ type: CATALOG, inputs: { name: "prod_mlops" } }), owner: "someone", comment: "set by hand" };
    expect(secondUpDiff({ type: CATALOG, inputs: { name: "PROD_MLOPS" } }, state)).toEqual([
      expect.objectContaining({ path: "comment", action: "update", declared: undefined, readBack: "set by hand" }),
    ]);
  });

  test("permissions: a service principal's case does not diff, a group's does", () => {
    const PERMISSIONS = "databricks:index/permissions:Permissions";
    const inputs = { jobId: "1", accessControls: [{ servicePrincipalName: "ABC", permissionLevel: "CAN_VIEW" }, { groupName: "ml-engineers", permissionLevel: "CAN_MANAGE_RUN" }] };
    const lowerSp = { ...inputs, accessControls: [{ ...inputs.accessControls[0], servicePrincipalName: "abc" }, inputs.accessControls[1]] };
    const upperGroup = { ...inputs, accessControls: [inputs.accessControls[0], { ...inputs.accessControls[1], groupName: "ML-Engineers" }] };
    expect(secondUpDiff({ type: PERMISSIONS, inputs }, lowerSp)).toEqual([]);
    expect(secondUpDiff({ type: PERMISSIONS, inputs }, upperGroup)).toEqual([expect.objectContaining({ path: "accessControls", action: "update" })]);
  });

  test("an IAM policy AWS returns reordered, with one-item lists as strings: no change; another action: an update", () => {
    const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    const declared = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["a", "b"] }] });
    const returned = JSON.stringify({ Statement: [{ Resource: ["b", "a"], Action: "s3:GetObject", Effect: "Allow" }], Version: "2012-10-17" });
    const other = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: ["a", "b"] }] });
    const inputs = { name: "p", role: "r", policy: declared };
    expect(secondUpDiff({ type: ROLE_POLICY, inputs }, { ...inputs, policy: returned })).toEqual([]);
    expect(secondUpDiff({ type: ROLE_POLICY, inputs }, { ...inputs, policy: other })).toEqual([expect.objectContaining({ path: "policy", action: "update" })]);
  });
});

describe("an unmodelled type", () => {
  test("is refused by name, never assumed idempotent", () => {
    expect(() => simulateReadBack({ type: "databricks:index/cluster:Cluster", inputs: {} })).toThrow(new UnmodelledTypeError("databricks:index/cluster:Cluster"));
    expect(() => secondUpDiff({ type: "databricks:index/cluster:Cluster", inputs: {} }, {})).toThrow("no read-back model for databricks:index/cluster:Cluster");
  });
});
