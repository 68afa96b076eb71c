/**
 * The `mlProjects` key of the stage configuration: the ML projects a stage hosts, each with its Git
 * repository, model, schedules and notification targets. `stack/config.ts` validates it with
 * the rest of the stack config (`mlProjectsSchema`, then `checkMlProjects`) and resolves its
 * defaults with `resolveMlProjects`.
 */
import { z } from "zod";
import { isApplicationId, isBroadAudienceGroup, isGroupName, isUserName } from "../principals";
import type { Stage } from "../stages";
import { PROJECT_NAME_ALLOWED, SHORT_NAME_PATTERN } from "../arg-checks";
import { checked, strictObject, text } from "../config-fields";
import { quartzCronProblem, isTimeZoneId } from "./cron";
import { defaultFeatureTable, defaultModelName, defaultPredictionTable } from "./names";
import { TASK_KEY_PATTERN } from "./task-graph";
import { type NotebookPaths, REPOSITORY_PATH, REPOSITORY_PATH_ALLOWED, codeSchema, resolveNotebooks } from "./code-layout";
import { type ServingConfig, resolveServing, servingSchema } from "../serving/serving-config";
import { type MonitoringConfig, monitoringSchema, resolveMonitoring } from "../monitoring/monitoring-config";
import { type AlertsConfig, alertsSchema, resolveAlerts } from "../monitoring/alerts-config";
import { type OnlineStoreConfig, onlineStoreSchema, resolveOnlineStore } from "../online-store/online-store-config";

/** Git providers as the Jobs API names them in `git_source.git_provider`. */
export const GIT_PROVIDERS = [
  "gitHub",
  "gitHubEnterprise",
  "bitbucketCloud",
  "bitbucketServer",
  "azureDevOpsServices",
  "gitLab",
  "gitLabEnterpriseEdition",
] as const;

/** A Git provider name. */
export type GitProvider = (typeof GIT_PROVIDERS)[number];

/** The branch each stage deploys when the stack names no ref (reference design: dev -> main -> release). */
export const DEFAULT_BRANCH: Readonly<Record<Stage, string>> = { dev: "dev", staging: "main", prod: "release" };

/** Default schedules: features daily at 03:00, training weekly on Monday at 04:00, scoring daily at 06:00 (UTC). */
export const DEFAULT_SCHEDULES = {
  features: { cron: "0 0 3 * * ?", timezone: "UTC" },
  training: { cron: "0 0 4 ? * MON", timezone: "UTC" },
  batchInference: { cron: "0 0 6 * * ?", timezone: "UTC" },
} as const;

/** Default drift score above which the retraining trigger starts the training job. */
export const DEFAULT_DRIFT_THRESHOLD = 0.2;

/** Defaults of the staging integration test: a small sample and few iterations. */
export const DEFAULT_INTEGRATION_TEST = { sampleFraction: 0.05, maxIterations: 2 } as const;

const ALLOWED = {
  name: PROJECT_NAME_ALLOWED,
  url: "an https URL of the Git repository, e.g. \"https://github.com/example-org/churn-ml\"",
  provider: `one of ${GIT_PROVIDERS.join(", ")}`,
  ref: "a Git branch or tag name: letters, digits, '.', '_', '-', '/', no '..', not starting or ending with '/'",
  identifier: "a Unity Catalog name: lower-case letters, digits and '_', starting with a letter, at most 255 characters",
  group: "a group name (letters, digits, spaces, '.', '_' or '-'), not an account-wide group such as \"users\" or \"account users\"",
  email: "an e-mail address",
  destinationId: "a notification destination id (UUID)",
  owner: "a group name or an e-mail address: who answers for the project's jobs",
  cron: "a Quartz cron expression, e.g. \"0 0 4 * * ?\"",
  timezone: "a time zone id such as \"UTC\" or \"Europe/Berlin\" (case matters)",
  boolean: "true or false",
  taskKey: "letters, digits, '_' and '-', at most 100 characters",
  parameter: "a map of parameter names to string values",
  clusterId: "the id of an existing cluster, e.g. \"0123-456789-abcdefgh\"",
  text: "a non-empty string",
  numWorkers: "a whole number from 0 to 1000",
  fraction: "a number greater than 0 and at most 1",
  iterations: "a whole number from 1 to 1000",
  threshold: "a number greater than 0",
} as const;

const GIT_REF = /^(?!\/)(?!.*\.\.)(?!.*\/$)[A-Za-z0-9._/-]{1,255}$/;
const UC_IDENTIFIER = /^[a-z][a-z0-9_]{0,254}$/;

const groupSchema = text(ALLOWED.group).refine(
  (value) => isGroupName(value) && !isBroadAudienceGroup(value),
  { error: ALLOWED.group },
);

const scheduleSchema = strictObject({
  cron: checked(ALLOWED.cron, (value) => {
    const problem = quartzCronProblem(value);
    return problem && `not a valid Quartz cron expression: ${problem}`;
  }).optional(),
  timezone: checked(ALLOWED.timezone, (value) =>
    isTimeZoneId(value) ? undefined : `not a time zone id the Jobs API accepts; expected ${ALLOWED.timezone}`,
  ).optional(),
  paused: z.boolean({ error: ALLOWED.boolean }).optional(),
});

const extraTaskSchema = strictObject({
  key: text(ALLOWED.taskKey, TASK_KEY_PATTERN),
  // The same rule as every task's notebook (code-layout.ts): the path the policy pack judges is the one the job runs.
  notebook: text(REPOSITORY_PATH_ALLOWED, REPOSITORY_PATH),
  dependsOn: z.array(z.string({ error: "task keys as strings" }), { error: "a list of task keys" }).optional(),
  parameters: z.record(z.string(), z.string({ error: "a string" }), { error: ALLOWED.parameter }).optional(),
  gatesDeploy: z.boolean({ error: ALLOWED.boolean }).optional(),
});

/** One ML project, as the stack file gives it. */
export const mlProjectSchema = strictObject({
  name: text(ALLOWED.name, SHORT_NAME_PATTERN),
  repository: strictObject({
    url: text(ALLOWED.url, /^https:\/\/[A-Za-z0-9.-]+(:[0-9]+)?\/[^\s]+$/),
    provider: z.enum(GIT_PROVIDERS, { error: ALLOWED.provider }).optional(),
    branch: text(ALLOWED.ref, GIT_REF).optional(),
    tag: text(ALLOWED.ref, GIT_REF).optional(),
  }),
  code: codeSchema.optional(),
  owner: text(ALLOWED.owner).refine((value) => isGroupName(value) || isUserName(value), { error: ALLOWED.owner }).optional(),
  model: strictObject({
    name: text(ALLOWED.identifier, UC_IDENTIFIER).optional(),
    // At least one: a model nobody may score serves no one, and an empty authoritative Grants only revokes.
    scoringGroups: z
      .array(groupSchema, { error: `a non-empty list of group names (${ALLOWED.group})` })
      .min(1, { error: `a non-empty list of group names (${ALLOWED.group})` })
      .optional(),
  }).default({}),
  featureTable: text(ALLOWED.identifier, UC_IDENTIFIER).optional(),
  predictionTable: text(ALLOWED.identifier, UC_IDENTIFIER).optional(),
  notifications: strictObject({
    emails: z.array(text(ALLOWED.email).refine(isUserName, { error: ALLOWED.email }), { error: "a list of e-mail addresses" }).optional(),
    destinationIds: z
      .array(text(ALLOWED.destinationId).refine(isApplicationId, { error: ALLOWED.destinationId }), { error: "a list of notification destination ids" })
      .optional(),
  }),
  schedules: strictObject({
    features: scheduleSchema.optional(),
    training: scheduleSchema.optional(),
    batchInference: scheduleSchema.optional(),
  }).default({}),
  retraining: strictObject({
    metricsTable: text(ALLOWED.identifier, UC_IDENTIFIER).optional(),
    driftThreshold: z.number({ error: ALLOWED.threshold }).positive({ error: ALLOWED.threshold }).optional(),
  }).default({}),
  compute: strictObject({
    existingClusterId: text(ALLOWED.clusterId, /^[A-Za-z0-9-]{1,100}$/).optional(),
    policyId: text(ALLOWED.text, /^\S+$/).optional(),
    sparkVersion: text(ALLOWED.text, /^\S+$/).optional(),
    nodeTypeId: text(ALLOWED.text, /^\S+$/).optional(),
    numWorkers: z.number({ error: ALLOWED.numWorkers }).int({ error: ALLOWED.numWorkers }).min(0, { error: ALLOWED.numWorkers }).max(1000, { error: ALLOWED.numWorkers }).optional(),
  }).default({}),
  training: strictObject({
    extraTasks: z.array(extraTaskSchema, { error: "a list of { key, notebook, dependsOn, parameters, gatesDeploy } objects" }).optional(),
  }).default({}),
  integrationTest: strictObject({
    sampleFraction: z.number({ error: ALLOWED.fraction }).gt(0, { error: ALLOWED.fraction }).max(1, { error: ALLOWED.fraction }).optional(),
    maxIterations: z.number({ error: ALLOWED.iterations }).int({ error: ALLOWED.iterations }).min(1, { error: ALLOWED.iterations }).max(1000, { error: ALLOWED.iterations }).optional(),
  }).default({}),
  serving: servingSchema.optional(),
  monitoring: monitoringSchema.optional(),
  alerts: alertsSchema.optional(),
  onlineStore: onlineStoreSchema.optional(),
});

/** The `mlProjects` key: a list of ML projects. Default: none (the stage then declares no pipelines). */
export const mlProjectsSchema = z
  .array(mlProjectSchema, { error: "a list of ML projects, each an object with keys name, repository, notifications, ..." })
  .default([]);

/** One ML project as the stack file gives it, after the schema. */
export type RawMlProject = z.infer<typeof mlProjectSchema>;

/** When a scheduled job runs. */
export interface ScheduleConfig {
  /** Quartz cron expression (seconds first). */
  cron: string;
  /** Time zone id of the cron expression. Default `UTC`. */
  timezone: string;
  /** Whether the schedule is paused. Default true on dev (people start runs by hand), false elsewhere. */
  paused: boolean;
}

/** An additional task of the training workflow, e.g. a fairness check between validation and deployment. */
export interface ExtraTaskConfig {
  /** Task key, unique in the job. */
  key: string;
  /** Notebook path relative to the repository root. */
  notebook: string;
  /** Keys of the tasks it waits for. Default none. */
  dependsOn: string[];
  /** Notebook parameters; values may read upstream task values (`{{tasks.train.values.model_uri}}`). Default none. */
  parameters: Record<string, string>;
  /** When true, `deploy` also waits for this task (so it must succeed before a model is promoted). Default false. */
  gatesDeploy: boolean;
}

/** Where job tasks run. */
export type ComputeConfig =
  | { kind: "serverless" }
  | { kind: "jobCluster"; policyId: string; sparkVersion: string; nodeTypeId: string; numWorkers: number }
  | { kind: "existingCluster"; clusterId: string };

/** A validated ML project with every default resolved. */
export interface MlProjectConfig {
  /** Short project name in every resource and job name: `<stage>-<name>-<purpose>`. */
  name: string;
  /** The ML code's repository and the ref this stage deploys. */
  repository: {
    url: string;
    provider: GitProvider;
    /** Exactly one of branch and tag. Default: branch `dev` on dev, `main` on staging, `release` on prod. */
    ref: { branch: string } | { tag: string };
  };
  /**
   * The notebook each task runs, relative to the repository root. Default: this library's layout
   * (`DEFAULT_NOTEBOOKS`); `code.layout: mlops-stacks` starts from the MLOps Stacks template's layout instead.
   */
  notebooks: NotebookPaths;
  /** Value of the jobs' `owner` tag. Default: the ML engineers group. */
  owner: string;
  /** The project's registered model in `<catalog>.ml_assets`. */
  model: {
    /** Default `<name>_model` (with `_` for `-`). */
    name: string;
    /** Groups granted EXECUTE on the model. Default: both project groups on dev, `devAccess.readerGroups` elsewhere. */
    scoringGroups: string[];
  };
  /** Feature table in the `features` schema. Default `<name>_features`. */
  featureTable: string;
  /** Predictions table in the `inference` schema. Default `<model>_predictions`. */
  predictionTable: string;
  /** Where failures are reported; at least one target. */
  notifications: { emails: string[]; destinationIds: string[] };
  /** Schedules of the feature, training and batch inference jobs. */
  schedules: { features: ScheduleConfig; training: ScheduleConfig; batchInference: ScheduleConfig };
  /** The table-update retraining trigger; without `metricsTable` retraining is scheduled only. */
  retraining: { metricsTable?: string; driftThreshold: number };
  /** Default serverless. */
  compute: ComputeConfig;
  /** Extra tasks of the training workflow. Default none. */
  extraTasks: ExtraTaskConfig[];
  /** The staging integration test's sample fraction and iteration count. */
  integrationTest: { sampleFraction: number; maxIterations: number };
  /** The model serving endpoint. Default none. */
  serving?: ServingConfig;
  /** Lakehouse monitors of the predictions (and served predictions) tables. Default none. */
  monitoring?: MonitoringConfig;
  /** SQL alerts on the monitors' metrics; only with `monitoring`. Default none. */
  alerts?: AlertsConfig;
  /** The DynamoDB table the batch inference job also publishes predictions to. Default none. */
  onlineStore?: OnlineStoreConfig;
}

/** What the defaults of a project depend on besides the project itself. */
export interface MlProjectContext {
  stage: Stage;
  groups: { dataScientists: string; mlEngineers: string };
  /** Read access from dev (staging and prod); its reader groups default to both groups. */
  devAccess?: { readerGroups?: readonly string[] };
}

/** The Git provider a repository host implies, when it is a well-known public host. */
export function inferGitProvider(url: string): GitProvider | undefined {
  const host = /^https:\/\/([^/:]+)/.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, GitProvider> = {
    "github.com": "gitHub",
    "gitlab.com": "gitLab",
    "bitbucket.org": "bitbucketCloud",
    "dev.azure.com": "azureDevOpsServices",
  };
  return host === undefined ? undefined : known[host];
}

function resolveSchedule(raw: z.infer<typeof scheduleSchema> | undefined, defaults: { cron: string; timezone: string }, stage: Stage): ScheduleConfig {
  return { cron: raw?.cron ?? defaults.cron, timezone: raw?.timezone ?? defaults.timezone, paused: raw?.paused ?? stage === "dev" };
}

function resolveCompute(raw: RawMlProject["compute"]): ComputeConfig {
  if (raw.existingClusterId !== undefined) return { kind: "existingCluster", clusterId: raw.existingClusterId };
  if (raw.policyId !== undefined && raw.sparkVersion !== undefined && raw.nodeTypeId !== undefined) {
    return { kind: "jobCluster", policyId: raw.policyId, sparkVersion: raw.sparkVersion, nodeTypeId: raw.nodeTypeId, numWorkers: raw.numWorkers ?? 1 };
  }
  return { kind: "serverless" };
}

/** Fills in every default of one project; the input has passed the schema and `checkMlProjects`. */
export function resolveMlProject(raw: RawMlProject, context: MlProjectContext): MlProjectConfig {
  const modelName = raw.model.name ?? defaultModelName(raw.name);
  const { stage, groups } = context;
  const ref = raw.repository.tag !== undefined ? { tag: raw.repository.tag } : { branch: raw.repository.branch ?? DEFAULT_BRANCH[stage] };
  const resolved: MlProjectConfig = {
    name: raw.name,
    repository: { url: raw.repository.url, provider: (raw.repository.provider ?? inferGitProvider(raw.repository.url)) as GitProvider, ref },
    notebooks: resolveNotebooks(raw.code, raw.name),
    owner: raw.owner ?? groups.mlEngineers,
    model: {
      name: modelName,
      scoringGroups: [...new Set(raw.model.scoringGroups ?? context.devAccess?.readerGroups ?? [groups.dataScientists, groups.mlEngineers])].sort(),
    },
    featureTable: raw.featureTable ?? defaultFeatureTable(raw.name),
    predictionTable: raw.predictionTable ?? defaultPredictionTable(modelName),
    notifications: { emails: raw.notifications.emails ?? [], destinationIds: raw.notifications.destinationIds ?? [] },
    schedules: {
      features: resolveSchedule(raw.schedules.features, DEFAULT_SCHEDULES.features, stage),
      training: resolveSchedule(raw.schedules.training, DEFAULT_SCHEDULES.training, stage),
      batchInference: resolveSchedule(raw.schedules.batchInference, DEFAULT_SCHEDULES.batchInference, stage),
    },
    retraining: { metricsTable: raw.retraining.metricsTable, driftThreshold: raw.retraining.driftThreshold ?? DEFAULT_DRIFT_THRESHOLD },
    compute: resolveCompute(raw.compute),
    extraTasks: (raw.training.extraTasks ?? []).map((task) => ({
      key: task.key,
      notebook: task.notebook,
      dependsOn: task.dependsOn ?? [],
      parameters: task.parameters ?? {},
      gatesDeploy: task.gatesDeploy ?? false,
    })),
    integrationTest: {
      sampleFraction: raw.integrationTest.sampleFraction ?? DEFAULT_INTEGRATION_TEST.sampleFraction,
      maxIterations: raw.integrationTest.maxIterations ?? DEFAULT_INTEGRATION_TEST.maxIterations,
    },
  };
  return { ...resolved, ...resolveOperations(raw, stage, resolved.model) };
}

/** The serving, monitoring, alerts and online store blocks of a project, defaults resolved; absent blocks stay absent. */
function resolveOperations(raw: RawMlProject, stage: Stage, model: MlProjectConfig["model"]): Pick<MlProjectConfig, "serving" | "monitoring" | "alerts" | "onlineStore"> {
  const { name: modelName, scoringGroups } = model;
  const notifications = { emails: raw.notifications.emails ?? [], destinationIds: raw.notifications.destinationIds ?? [] };
  return {
    ...(raw.serving === undefined ? {} : { serving: resolveServing(raw.serving, { stage, project: raw.name, modelName, scoringGroups }) }),
    ...(raw.monitoring === undefined ? {} : { monitoring: resolveMonitoring(raw.monitoring) }),
    ...(raw.alerts === undefined
      ? {}
      : { alerts: resolveAlerts(raw.alerts, { driftThreshold: raw.retraining.driftThreshold ?? DEFAULT_DRIFT_THRESHOLD, notifications }) }),
    ...(raw.onlineStore === undefined ? {} : { onlineStore: resolveOnlineStore(raw.onlineStore) }),
  };
}

/** Every project of the stage, defaults resolved. */
export function resolveMlProjects(raw: readonly RawMlProject[], context: MlProjectContext): MlProjectConfig[] {
  return raw.map((project) => resolveMlProject(project, context));
}
