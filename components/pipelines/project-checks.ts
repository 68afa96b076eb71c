/**
 * Cross-field checks of `mlProjects`: what the schema alone cannot say, and what the Jobs and Unity
 * Catalog APIs would reject only at apply time (duplicate names, task graph errors). Each issue
 * names its key under `mlProjects[<index>]`.
 */
import type { Stage } from "../stages";
import { JOB_PURPOSES, defaultModelName, defaultPredictionTable, duplicates, jobName } from "./names";
import { type RawMlProject, inferGitProvider } from "./project-config";
import { taskGraphProblems } from "./task-graph";
import { DEFAULT_NOTEBOOKS, codeProblems } from "./code-layout";
import { taskNodes, trainingWorkflowTasks } from "./tasks";
import { checkEndpointNames, checkServing } from "../serving/serving-config";
import { checkMonitoring, resolveMonitoring } from "../monitoring/monitoring-config";
import { checkAlerts } from "../monitoring/alerts-config";
import { checkOnlineStore } from "../online-store/online-store-config";
import { type AddIssue, NOTHING_REFUSED, type Refused } from "../config-fields";
import { PAYLOAD_TABLE_SUFFIX } from "../serving/endpoint";
import { SERVED_PREDICTIONS_SUFFIX } from "../monitoring/tables";

/** A stand-in context: the graph checks look only at keys, dependencies and task references. */
const GRAPH_CONTEXT = { stage: "dev", experiment: "", modelFullName: "", featureTable: "", predictionTable: "", notebooks: DEFAULT_NOTEBOOKS };

/** Task graph problems of the training workflow, located on the project's extra tasks. */
function checkExtraTasks(project: RawMlProject, at: (string | number)[], addIssue: AddIssue): void {
  const extraTasks = (project.training.extraTasks ?? []).map((task) => ({
    key: task.key,
    notebook: task.notebook,
    dependsOn: task.dependsOn ?? [],
    parameters: task.parameters ?? {},
    gatesDeploy: task.gatesDeploy ?? false,
  }));
  if (extraTasks.length === 0) return;
  const tasks = trainingWorkflowTasks(GRAPH_CONTEXT, extraTasks);
  const fixed = tasks.length - extraTasks.length;
  for (const problem of taskGraphProblems(taskNodes(tasks))) {
    // The built-in tasks are only ever wrong because of an extra task (a cycle through deploy).
    const where = problem.index >= fixed ? [problem.index - fixed, ...problem.path] : [];
    addIssue([...at, "training", "extraTasks", ...where], problem.reason);
  }
}

function checkCompute(compute: RawMlProject["compute"], stage: Stage, at: (string | number)[], addIssue: AddIssue): void {
  const path = [...at, "compute"];
  const clusterKeys = (["policyId", "sparkVersion", "nodeTypeId", "numWorkers"] as const).filter((key) => compute[key] !== undefined);
  if (compute.existingClusterId !== undefined) {
    if (stage !== "dev") {
      addIssue([...path, "existingClusterId"], `not allowed on ${stage}: jobs on staging and prod run on serverless compute or job clusters, never on an all-purpose cluster`);
    } else if (clusterKeys.length > 0) {
      addIssue([...path, "existingClusterId"], `set either existingClusterId or a job cluster (${clusterKeys.join(", ")}), not both`);
    }
    return;
  }
  if (clusterKeys.length === 0) return;
  if (compute.policyId === undefined) {
    addIssue([...path, "policyId"], "required with a job cluster: job clusters run under a cluster policy");
  }
  for (const key of ["sparkVersion", "nodeTypeId"] as const) {
    if (compute[key] === undefined) addIssue([...path, key], "required with a job cluster (compute.policyId)");
  }
}

/** The serving, monitoring, alerts and online store blocks of one project; `secretNames` are the entries of `notificationSecrets`. */
function checkOperations(project: RawMlProject, stage: Stage, secretNames: readonly string[], at: (string | number)[], addIssue: AddIssue, refused: Refused): void {
  if (project.serving !== undefined) checkServing(project.serving, stage, at, addIssue, refused);
  if (project.onlineStore !== undefined) checkOnlineStore(project.onlineStore, stage, at, addIssue);
  if (project.monitoring !== undefined) {
    checkMonitoring(project.monitoring, at, addIssue);
    if (project.retraining.metricsTable !== undefined) {
      addIssue([...at, "retraining", "metricsTable"], "not used with monitoring: the retraining trigger watches the monitor's own drift metrics table; remove it");
    }
  }
  if (project.alerts !== undefined) {
    const monitoring = project.monitoring === undefined ? undefined : resolveMonitoring(project.monitoring);
    const { emails = [], destinationIds = [] } = project.notifications;
    checkAlerts(
      project.alerts,
      { problemType: monitoring?.problemType, hasLabel: monitoring?.labelColumn !== undefined, secretNames, hasExistingTargets: destinationIds.length > 0 || (project.alerts.destinations === undefined && emails.length > 0) },
      at,
      addIssue,
    );
  }
}

/** A table of the stage's `inference` schema a project writes, and the key that names it. */
interface InferenceTableClaim {
  table: string;
  what: string;
  key: (string | number)[];
}

/** The `inference` tables of one project: its batch predictions and, with serving, the gateway's payload and unpacked tables. */
function inferenceTablesOf(project: RawMlProject, at: (string | number)[]): InferenceTableClaim[] {
  const modelName = project.model.name ?? defaultModelName(project.name);
  const claims = [{ table: project.predictionTable ?? defaultPredictionTable(modelName), what: "its predictions table", key: [...at, "predictionTable"] }];
  if (project.serving !== undefined) {
    const prefix = project.serving.inferenceTablePrefix ?? `${modelName}_endpoint`;
    const key = [...at, "serving", "inferenceTablePrefix"];
    claims.push({ table: `${prefix}${PAYLOAD_TABLE_SUFFIX}`, what: "its endpoint's inference table", key });
    claims.push({ table: `${prefix}${SERVED_PREDICTIONS_SUFFIX}`, what: "its endpoint's unpacked predictions table", key });
  }
  return claims;
}

/**
 * Two projects writing one table of the `inference` schema would overwrite each other's predictions, and
 * the stack would declare the table (and its monitor) twice. Reports the later claim, at the key that
 * names it. Projects with a refused value or a duplicate name or model are left out: that is reported already.
 */
function checkInferenceTables(projects: readonly RawMlProject[], skip: (index: number) => boolean, addIssue: AddIssue): void {
  const owners = new Map<string, { index: number; what: string }>();
  projects.forEach((project, index) => {
    if (skip(index)) return;
    for (const claim of inferenceTablesOf(project, ["mlProjects", index])) {
      const owner = owners.get(claim.table);
      if (owner === undefined) {
        owners.set(claim.table, { index, what: claim.what });
      } else {
        const whose = owner.index === index ? owner.what : `${owner.what.replace(/^its /, "the ")} of mlProjects[${owner.index}]`;
        addIssue(claim.key, `table inference.${claim.table} is also ${whose}; each project writes its own tables`);
      }
    }
  });
}

/**
 * Checks every project of a stage. `projects` has passed the schema. Reports duplicate project,
 * job and model names, a missing Git provider, both branch and tag, no failure notification
 * target, invalid compute, task graph errors of the extra training tasks, and what the serving,
 * monitoring, alerts and online store blocks would be refused for (see their own check functions).
 */
export function checkMlProjects(
  projects: readonly RawMlProject[],
  stage: Stage,
  addIssue: AddIssue,
  secretNames: readonly string[] = [],
  refused: Refused = NOTHING_REFUSED,
): void {
  const names = projects.map((project) => project.name);
  const modelNames = projects.map((project) => project.model.name ?? defaultModelName(project.name));
  const jobNames = projects.map((project) => JOB_PURPOSES.map((purpose) => jobName(stage, project.name, purpose)));
  const allJobNames = jobNames.flat();
  projects.forEach((project, index) => {
    const at = ["mlProjects", index];
    if (names.indexOf(project.name) !== index) {
      addIssue([...at, "name"], `project "${project.name}" is declared twice (also mlProjects[${names.indexOf(project.name)}])`);
    } else if (names.lastIndexOf(project.name) === index) {
      const clashes = jobNames[index].filter((name) => duplicates(allJobNames).includes(name));
      if (clashes.length > 0) {
        addIssue([...at, "name"], `job names ${clashes.join(", ")} are also used by another project; job names must be unique in a workspace`);
      }
    }
    if (modelNames.indexOf(modelNames[index]) !== index) {
      addIssue([...at, "model", "name"], `model "${modelNames[index]}" is also the model of mlProjects[${modelNames.indexOf(modelNames[index])}]; each project registers its own model`);
    }
    // A refused URL says nothing about its host; the schema's problem is the one to fix.
    if (project.repository.provider === undefined && !refused([...at, "repository", "url"]) && inferGitProvider(project.repository.url) === undefined) {
      addIssue([...at, "repository", "provider"], "required: the repository host is not github.com, gitlab.com, bitbucket.org or dev.azure.com");
    }
    if (project.repository.branch !== undefined && project.repository.tag !== undefined) {
      addIssue([...at, "repository", "tag"], "set either branch or tag, not both");
    }
    const { emails = [], destinationIds = [] } = project.notifications;
    if (emails.length + destinationIds.length === 0) {
      addIssue([...at, "notifications"], "at least one failure notification target is required: emails or destinationIds");
    }
    for (const problem of codeProblems(project.code)) addIssue([...at, "code", ...problem.path], problem.reason);
    checkCompute(project.compute, stage, at, addIssue);
    // A graph with a refused task key or dependency would report tasks missing that are only misspelled.
    if (!refused([...at, "training", "extraTasks"])) checkExtraTasks(project, at, addIssue);
    checkOperations(project, stage, secretNames, at, addIssue, refused);
  });
  checkEndpointNames(projects, stage, addIssue);
  const duplicate = (index: number) => names.indexOf(names[index]) !== index || modelNames.indexOf(modelNames[index]) !== index;
  checkInferenceTables(projects, (index) => duplicate(index) || refused(["mlProjects", index]), addIssue);
}
