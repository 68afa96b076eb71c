/**
 * Breaks the schema alone cannot see: rules between keys that `parseStageConfig`'s checks enforce
 * (stage rules, workspace modes, the access model, ML project names, serving, monitoring, alerts,
 * online store). Each applies to a valid config when its precondition holds, mutates it in place and
 * returns the key the error must name and the subtree every reported key must lie in.
 */
import type { ConfigPath } from "./schema-sites";

type Raw = Record<string, unknown>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Where a break must be reported: `key` among the problems, every problem under `scope` (default `key`). */
export interface BrokenAt {
  key: ConfigPath;
  scope?: ConfigPath;
  /** A key below `key` may stand for it (a task graph problem names the task and field at fault). */
  anyUnder?: boolean;
}

/** One cross-field break: undefined when it does not apply to this config. `pick` chooses among candidates. */
export type CrossFieldBreak = (raw: Raw, pick: number) => BrokenAt | undefined;

const projects = (raw: Raw): Obj[] => (raw.mlProjects as Obj[] | undefined) ?? [];
const automated = (raw: Raw) => raw.stage !== "dev";
const adopt = (raw: Raw) => (raw.workspace as Obj).mode !== "create";
/** The index of one project that satisfies `test`, chosen by `pick`. */
function projectWhere(raw: Raw, pick: number, test: (project: Obj) => boolean): number | undefined {
  const candidates = projects(raw).flatMap((project, index) => (test(project) ? [index] : []));
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}
/** A break of one project: applies to a project satisfying `test`, `apply` mutates it. */
function onProject(test: (project: Obj, raw: Raw) => boolean, apply: (project: Obj, at: ConfigPath, raw: Raw, pick: number) => BrokenAt): CrossFieldBreak {
  return (raw, pick) => {
    const index = projectWhere(raw, pick, (project) => test(project, raw));
    return index === undefined ? undefined : apply(projects(raw)[index], ["mlProjects", index], raw, Math.floor(pick / 7));
  };
}
const uc = (raw: Raw): Obj => ((raw.unityCatalog ??= {}) as Obj);
function appendGrant(raw: Raw, grant: Obj): number {
  const grants = ((uc(raw).extraGrants ??= []) as Obj[]);
  grants.push(grant);
  return grants.length - 1;
}
const ZERO_ONE_METRICS = ["accuracy_score", "f1_score", "precision", "recall", "r2_score"];

/** Every cross-field break, by name. */
export const CROSS_FIELD_BREAKS: Record<string, CrossFieldBreak> = {
  devAccessOnDev: (raw) => {
    if (automated(raw)) return undefined;
    raw.devAccess = { workspaceId: "1000000000000009" };
    return { key: ["devAccess"] };
  },
  servicePrincipalMissing: (raw) => {
    if (!automated(raw)) return undefined;
    delete raw.servicePrincipal;
    // The owner and extra grants of the own service principal are refused too once it is gone.
    return { key: ["servicePrincipal"], scope: [] };
  },
  devAccessMissing: (raw) => {
    if (!automated(raw)) return undefined;
    delete raw.devAccess;
    return { key: ["devAccess"] };
  },
  devAccessBothSources: (raw) => {
    if (!automated(raw)) return undefined;
    raw.devAccess = { workspaceId: "1000000000000009", stack: "acme/databricks-mlops/dev" };
    return { key: ["devAccess"] };
  },
  devAccessNoSource: (raw) => {
    if (!automated(raw)) return undefined;
    raw.devAccess = { readerGroups: [(raw.groups as Obj).dataScientists] };
    return { key: ["devAccess"] };
  },
  devAccessSameWorkspace: (raw) => {
    if (!automated(raw) || !adopt(raw)) return undefined;
    raw.devAccess = { workspaceId: (raw.workspace as Obj).id };
    return { key: ["devAccess", "workspaceId"] };
  },
  prodUnprotected: (raw) => {
    if (raw.stage !== "prod") return undefined;
    uc(raw).protectData = false;
    return { key: ["unityCatalog", "protectData"] };
  },
  adoptCreatesGroups: (raw) => {
    if (!adopt(raw)) return undefined;
    raw.identities = { ...(raw.identities as Obj), createGroups: true };
    return { key: ["identities", "createGroups"] };
  },
  modeKeyMissing: (raw, pick) => {
    const keys = adopt(raw) ? ["host", "id"] : ["databricksAccountId", "metastoreId", "aws"];
    const key = keys[pick % keys.length];
    delete (raw.workspace as Obj)[key];
    return { key: ["workspace", key] };
  },
  modeKeyRefused: (raw, pick) => {
    // An adopted stage's aws may hold accountId and region: a create-only key inside it is what is refused.
    const extra: Obj = adopt(raw)
      ? { databricksAccountId: "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b", metastoreId: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", aws: { accountId: "123456789012", region: "us-east-1", vpcCidr: "10.6.0.0/16" } }
      : { host: "https://dbc-x.cloud.databricks.com", id: "1000000000000009" };
    const key = Object.keys(extra)[pick % Object.keys(extra).length];
    (raw.workspace as Obj)[key] = extra[key];
    return { key: key === "aws" ? ["workspace", "aws", "vpcCidr"] : ["workspace", key] };
  },
  adoptedStoreWithoutAwsAccount: (raw) => {
    if (!automated(raw) || !adopt(raw) || !projects(raw).some((project) => project.onlineStore !== undefined)) return undefined;
    delete (raw.workspace as Obj).aws;
    return { key: ["workspace", "aws"] };
  },
  zoneOfAnotherRegion: (raw) => {
    if (adopt(raw)) return undefined;
    const aws = (raw.workspace as Obj).aws as Obj;
    aws.availabilityZones = ["sa-east-1a", `${aws.region}b`];
    return { key: ["workspace", "aws", "availabilityZones", 0] };
  },
  privateLinkOfAnotherRegion: (raw, pick) => {
    if (adopt(raw)) return undefined;
    const aws = (raw.workspace as Obj).aws as Obj;
    const key = pick % 2 === 0 ? "workspaceServiceName" : "relayServiceName";
    const own = `com.amazonaws.vpce.${aws.region}.vpce-svc-0a1b2c3d4e5f60718`;
    aws.privateLink = { workspaceServiceName: own, relayServiceName: own, [key]: "com.amazonaws.vpce.sa-east-1.vpce-svc-0a1b2c3d4e5f60718" };
    return { key: ["workspace", "aws", "privateLink", key] };
  },
  prodWithoutCustomerKeys: (raw) => {
    if (raw.stage !== "prod" || adopt(raw)) return undefined;
    ((raw.workspace as Obj).aws as Obj).customerManagedKeys = false;
    return { key: ["workspace", "aws", "customerManagedKeys"] };
  },
  ownerNotServicePrincipal: (raw) => {
    if (!automated(raw)) return undefined;
    uc(raw).owner = (raw.groups as Obj).mlEngineers;
    return { key: ["unityCatalog", "owner"] };
  },
  grantToEveryone: (raw, pick) => {
    const index = appendGrant(raw, { principal: pick % 2 === 0 ? "account users" : "Users", privileges: ["SELECT"] });
    return { key: ["unityCatalog", "extraGrants", index, "principal"] };
  },
  grantToPerson: (raw, pick) => {
    if (!automated(raw)) return undefined;
    const principal = pick % 2 === 0 ? "someone@example.com" : "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    const index = appendGrant(raw, { principal, privileges: ["SELECT"] });
    return { key: ["unityCatalog", "extraGrants", index, "principal"] };
  },
  groupWrites: (raw, pick) => {
    if (!automated(raw)) return undefined;
    const index = appendGrant(raw, { principal: (raw.groups as Obj).dataScientists, privileges: [["MODIFY", "CREATE_TABLE", "manage"][pick % 3]] });
    return { key: ["unityCatalog", "extraGrants", index, "privileges", 0] };
  },
  schemaNameTaken: (raw, pick) => {
    const schemas = ((uc(raw).extraSchemas ??= []) as Obj[]);
    schemas.push({ name: ["ml_assets", "features", "inference", "monitoring"][pick % 4] });
    return { key: ["unityCatalog", "extraSchemas", schemas.length - 1, "name"] };
  },
  projectDeclaredTwice: (raw, pick) => {
    const list = projects(raw);
    if (list.length === 0) return undefined;
    list.push(structuredClone(list[pick % list.length]));
    // Its jobs, model and endpoint clash too; all of that is the copy's to fix.
    return { key: ["mlProjects", list.length - 1, "name"], scope: ["mlProjects", list.length - 1] };
  },
  modelNameTaken: (raw, pick) => {
    const list = projects(raw);
    if (list.length < 2) return undefined;
    const first = list[0].model?.name ?? `${String(list[0].name).replace(/-/g, "_")}_model`;
    const index = 1 + (pick % (list.length - 1));
    list[index].model = { ...list[index].model, name: first };
    return { key: ["mlProjects", index, "model", "name"] };
  },
  inferenceTableTaken: (raw, pick) => {
    const list = projects(raw);
    if (list.length < 2) return undefined;
    const index = 1 + (pick % (list.length - 1));
    list[0].predictionTable = "shared_scores";
    list[index].predictionTable = "shared_scores";
    return { key: ["mlProjects", index, "predictionTable"] };
  },
  endpointNameTaken: (raw) => {
    const served = projects(raw).flatMap((project, index) => (project.serving ? [index] : []));
    if (served.length < 2) return undefined;
    const [first, second] = served;
    const list = projects(raw);
    list[first].serving.endpointName = "shared-endpoint";
    list[second].serving.endpointName = "shared-endpoint";
    return { key: ["mlProjects", second, "serving", "endpointName"] };
  },
  gitProviderUnknown: onProject(
    () => true,
    (project, at) => {
      project.repository = { url: "https://git.internal.example/ml/code" };
      return { key: [...at, "repository", "provider"] };
    },
  ),
  branchAndTag: onProject(
    () => true,
    (project, at) => {
      project.repository = { ...project.repository, branch: "main", tag: "v1" };
      return { key: [...at, "repository", "tag"] };
    },
  ),
  nobodyNotified: onProject(
    (project) => project.alerts === undefined,
    (project, at) => {
      project.notifications = {};
      return { key: [...at, "notifications"] };
    },
  ),
  allPurposeClusterOutsideDev: onProject(
    (_, raw) => automated(raw),
    (project, at) => {
      project.compute = { existingClusterId: "0123-456789-abcdefgh" };
      return { key: [...at, "compute", "existingClusterId"] };
    },
  ),
  clusterAndJobCluster: onProject(
    (_, raw) => !automated(raw),
    (project, at) => {
      project.compute = { existingClusterId: "0123-456789-abcdefgh", numWorkers: 2 };
      return { key: [...at, "compute", "existingClusterId"] };
    },
  ),
  jobClusterWithoutPolicy: onProject(
    () => true,
    (project, at) => {
      project.compute = { sparkVersion: "15.4.x-cpu-ml-scala2.12", nodeTypeId: "i3.xlarge" };
      return { key: [...at, "compute", "policyId"] };
    },
  ),
  taskGraphBroken: onProject(
    () => true,
    (project, at, _raw, pick) => {
      const cyclic = pick % 2 === 0;
      project.training = {
        extraTasks: cyclic
          ? [
              { key: "loop_a", notebook: "a", dependsOn: ["loop_b"] },
              { key: "loop_b", notebook: "b", dependsOn: ["loop_a"] },
            ]
          : [{ key: "orphan", notebook: "a", dependsOn: ["no_such_task"] }],
      };
      return { key: [...at, "training", "extraTasks"], anyUnder: true };
    },
  ),
  servedVersionInStack: onProject(
    (project) => project.serving !== undefined,
    (project, at, _raw, pick) => {
      const role = pick % 2 === 0 ? "champion" : "challenger";
      project.serving = { ...project.serving, [role]: { ...project.serving[role], version: 2 } };
      return { key: [...at, "serving", role, "version"] };
    },
  ),
  scaleToZeroOnProd: onProject(
    (project, raw) => raw.stage === "prod" && project.serving !== undefined,
    (project, at) => {
      project.serving.scaleToZero = true;
      return { key: [...at, "serving", "scaleToZero"] };
    },
  ),
  trafficToNobody: onProject(
    (project) => project.serving !== undefined,
    (project, at) => {
      project.serving.traffic = { champion: 100, shadow: 0 };
      return { key: [...at, "serving", "traffic", "shadow"] };
    },
  ),
  trafficNotHundred: onProject(
    (project) => project.serving !== undefined,
    (project, at) => {
      project.serving.traffic = project.serving.challenger ? { champion: 60, challenger: 30 } : { champion: 99 };
      return { key: [...at, "serving", "traffic"] };
    },
  ),
  metricsTableWithMonitoring: onProject(
    (project) => project.monitoring !== undefined,
    (project, at) => {
      project.retraining = { ...project.retraining, metricsTable: "drift_metrics" };
      return { key: [...at, "retraining", "metricsTable"] };
    },
  ),
  monitoredColumnMissing: onProject(
    (project) => project.monitoring !== undefined,
    (project, at, _raw, pick) => {
      const key = ["timestampColumn", "modelIdColumn", "predictionColumn", "labelColumn"][pick % 4];
      project.monitoring[key] = "not_a_column";
      // A missing label column also leaves a quality alert without ground truth.
      return { key: [...at, "monitoring", key], scope: at };
    },
  ),
  timestampNotTimestamp: onProject(
    (project) => project.monitoring !== undefined,
    (project, at) => {
      project.monitoring.timestampColumn = "model_version";
      return { key: [...at, "monitoring", "timestampColumn"] };
    },
  ),
  columnDeclaredTwice: onProject(
    (project) => project.monitoring !== undefined,
    (project, at) => {
      const columns = [
        { name: "scored_at", type: "TIMESTAMP" },
        { name: "model_version", type: "STRING" },
        { name: "prediction", type: "STRING" },
        { name: "label", type: "STRING" },
        { name: "label", type: "STRING" },
      ];
      project.monitoring.columns = columns;
      return { key: [...at, "monitoring", "columns", 4, "name"], scope: at };
    },
  ),
  metricOnUnknownColumn: onProject(
    (project) => project.monitoring !== undefined,
    (project, at) => {
      project.monitoring.customMetrics = [{ name: "m", type: "aggregate", definition: "avg({{input_column}})", inputColumns: ["no_such_column"] }];
      return { key: [...at, "monitoring", "customMetrics", 0, "inputColumns", 0] };
    },
  ),
  metricDeclaredTwice: onProject(
    (project) => project.monitoring !== undefined,
    (project, at) => {
      const metric = { name: "m", type: "aggregate", definition: "avg({{input_column}})", inputColumns: [":table"] };
      project.monitoring.customMetrics = [metric, metric];
      return { key: [...at, "monitoring", "customMetrics", 1, "name"] };
    },
  ),
  alertsWithoutMonitoring: onProject(
    () => true,
    (project, at) => {
      delete project.monitoring;
      project.alerts = project.alerts ?? {};
      // The metrics table, if any, is fine without monitoring; the alerts block is what is refused.
      return { key: [...at, "alerts"], scope: [...at, "alerts"] };
    },
  ),
  qualityMetricOfOtherType: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined,
    (project, at) => {
      const metric = project.monitoring.problemType === "regression" ? "accuracy_score" : "r2_score";
      project.alerts.quality = { metric, threshold: 0.5 };
      return { key: [...at, "alerts", "quality", "metric"] };
    },
  ),
  qualityWithoutLabel: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined,
    (project, at) => {
      const regression = project.monitoring.problemType === "regression";
      delete project.monitoring.labelColumn;
      project.monitoring.columns = [
        { name: "scored_at", type: "TIMESTAMP" },
        { name: "model_version", type: "STRING" },
        { name: "prediction", type: regression ? "DOUBLE" : "STRING" },
      ];
      project.alerts.quality = { metric: regression ? "r2_score" : "accuracy_score", threshold: 0.5 };
      return { key: [...at, "alerts", "quality"] };
    },
  ),
  qualityThresholdOutOfRange: onProject(
    (project) => ZERO_ONE_METRICS.includes(project.alerts?.quality?.metric),
    (project, at, _raw, pick) => {
      project.alerts.quality.threshold = pick % 2 === 0 ? 1.5 : -0.1;
      return { key: [...at, "alerts", "quality", "threshold"] };
    },
  ),
  destinationIncomplete: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined,
    (project, at, _raw, pick) => {
      const email = pick % 2 === 0;
      project.alerts.destinations = [email ? { name: "team", type: "email" } : { name: "team", type: "slack" }];
      return { key: [...at, "alerts", "destinations", 0, email ? "addresses" : "urlSecret"] };
    },
  ),
  destinationDeclaredTwice: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined,
    (project, at) => {
      const destination = { name: "team", type: "email", addresses: ["team@example.com"] };
      project.alerts.destinations = [destination, destination];
      return { key: [...at, "alerts", "destinations", 1, "name"] };
    },
  ),
  destinationSecretUnset: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined,
    (project, at) => {
      project.alerts.destinations = [{ name: "chat", type: "webhook", urlSecret: "missing_entry_zz" }];
      return { key: [...at, "alerts", "destinations", 0, "urlSecret"] };
    },
  ),
  alertsNotifyNobody: onProject(
    (project) => project.monitoring !== undefined && project.alerts !== undefined && !(project.notifications?.destinationIds?.length > 0),
    (project, at) => {
      project.alerts.destinations = [];
      return { key: [...at, "alerts", "destinations"] };
    },
  ),
  onlineStoreWithoutBackupsOnProd: onProject(
    (project, raw) => raw.stage === "prod" && project.onlineStore !== undefined,
    (project, at) => {
      project.onlineStore.pointInTimeRecovery = false;
      return { key: [...at, "onlineStore", "pointInTimeRecovery"] };
    },
  ),
  ttlIsTheKey: onProject(
    (project) => project.onlineStore !== undefined,
    (project, at) => {
      project.onlineStore.ttlAttribute = project.onlineStore.keyColumn.name;
      return { key: [...at, "onlineStore", "ttlAttribute"] };
    },
  ),
};
