/**
 * monitoring-require-monitors (stack rule): every endpoint's inference table and every predictions
 * table a batch inference job writes has a Lakehouse monitor in the same stack.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import { describeJob, listOf, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { JOB, MODEL_SERVING, QUALITY_MONITOR, SQL_TABLE } from "../lib/resource-types";
import { describeEndpoint, inferenceTableOf } from "../lib/serving";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface MonitorCoverageConfig {
  /** The tag that says what a job is for. */
  purposeTag: string;
  /** Values of that tag that mark batch inference jobs. */
  batchInferencePurposes: string[];
  /** The notebook parameter naming the table a batch inference task writes. */
  outputTableParameter: string;
}

/** The defaults of the config schema: the tags and parameters this program sets. */
export const DEFAULT_MONITOR_COVERAGE_CONFIG: MonitorCoverageConfig = {
  purposeTag: "purpose",
  batchInferencePurposes: ["batch-inference"],
  outputTableParameter: "output_table",
};

/** What must be monitored: an endpoint's inference tables (by name prefix) or a predictions table. */
export interface MonitoredTarget {
  urn: string;
  label: string;
  /** `<catalog>.<schema>.<prefix>` of an endpoint, or the full name of a predictions table; "" when undecided. */
  tableName: string;
  /** True when any table whose name starts with `tableName` counts (an endpoint's tables). */
  prefix: boolean;
  /** An endpoint without a table name prefix: any table of its schema would match, so none may count. */
  prefixUnset?: boolean;
  /** Why the resource may hold a target nobody can name during preview (a value it needs is unknown). */
  undecided?: string;
}

type StackResourceView = { urn: string; type: string; name: string; props: Record<string, unknown> };

/**
 * Endpoints with an inference table, and the tables batch inference jobs write. A value unknown during
 * preview that decides whether a resource holds a target, or which table it is, makes an undecided target:
 * the rule fails closed on it instead of skipping the resource.
 */
export function monitoringTargets(resources: StackResourceView[], config: MonitorCoverageConfig): MonitoredTarget[] {
  return resources.flatMap((r) => (r.type === MODEL_SERVING ? endpointTargets(r) : r.type === JOB ? jobTargets(r, config) : []));
}

/** A resource's label, by a name that may be unknown during preview (then by its resource name). */
function labelOf(r: StackResourceView, describe: (name: string, props: Record<string, unknown>) => string): string {
  const label = readIfKnown(() => describe(r.name, r.props));
  return label.known ? label.value : describe(r.name, {});
}

function undecided(r: StackResourceView, label: string, cause: string): MonitoredTarget {
  return { urn: r.urn, label, tableName: "", prefix: false, undecided: cause };
}

function endpointTargets(r: StackResourceView): MonitoredTarget[] {
  const label = labelOf(r, describeEndpoint);
  const read = readIfKnown(() => inferenceTableOf(r.props));
  if (!read.known) return [undecided(r, label, "its inference table config is unknown")];
  const table = read.value;
  if (!(table.enabled && table.catalogName && table.schemaName)) return [];
  const prefix = table.tableNamePrefix;
  return [
    {
      urn: r.urn,
      label: `${label}'s inference table`,
      tableName: `${table.catalogName}.${table.schemaName}.${prefix ?? ""}`,
      prefix: true,
      ...(prefix ? {} : { prefixUnset: true }),
    },
  ];
}

function jobTargets(r: StackResourceView, config: MonitorCoverageConfig): MonitoredTarget[] {
  const label = labelOf(r, describeJob);
  // Only the purpose tag is read: another tag unknown during preview decides nothing here.
  const purpose = readIfKnown(() => stringOf(objectOf(r.props.tags)[config.purposeTag]));
  if (!purpose.known) return [undecided(r, label, `its '${config.purposeTag}' tag is unknown, so whether it is a batch inference job cannot be told`)];
  if (purpose.value === undefined || !config.batchInferencePurposes.includes(purpose.value)) return [];
  const tasks = readIfKnown(() => listOf(r.props.tasks));
  if (!tasks.known) return [undecided(r, label, "its tasks are unknown, so the tables it writes cannot be named")];
  return tasks.value.flatMap((task): MonitoredTarget[] => {
    const output = readIfKnown(() => stringOf(objectOf(objectOf(objectOf(task).notebookTask).baseParameters)[config.outputTableParameter]));
    if (!output.known) {
      const key = readIfKnown(() => stringOf(objectOf(task).taskKey));
      return [undecided(r, label, `the ${config.outputTableParameter} parameter of task '${(key.known && key.value) || "?"}' is unknown`)];
    }
    if (output.value === undefined) return [];
    return [{ urn: r.urn, label: `Predictions table '${output.value}' of ${label}`, tableName: output.value, prefix: false }];
  });
}

/** Returns one finding per target no monitor watches, per endpoint whose tables cannot be told apart, and per undecided target. */
export function findUnmonitored(targets: MonitoredTarget[], monitoredTables: string[]): StackFinding[] {
  return targets
    .filter((t) => t.undecided !== undefined || t.prefixUnset || !monitoredTables.some((table) => (t.prefix ? table.startsWith(t.tableName) : table === t.tableName)))
    .map((t) => ({
      urn: t.urn,
      message:
        t.undecided !== undefined
          ? undecidedMessage(t.label, t.undecided)
          : t.prefixUnset
            ? `${t.label} sets no tableNamePrefix, so a monitor on any table of ${t.tableName.slice(0, -1)} would pass for its monitor; ` +
              "set aiGateway.inferenceTableConfig.tableNamePrefix and declare a QualityMonitor on a table with that prefix."
            : `${t.label} has no Lakehouse monitor in this stack; declare a QualityMonitor on ${t.prefix ? `a table named ${t.tableName}*` : `'${t.tableName}'`}.`,
    }));
}

/** The tables the stack's monitors watch; a name unknown during preview is read from the table the monitor depends on. */
function monitoredTables(resources: PolicyResource[]): string[] {
  const tableNames = new Map<string, string>();
  for (const r of resources.filter((r) => r.type === SQL_TABLE)) {
    // Each read inside readIfKnown: reading an unknown value is what throws during preview.
    const parts = [() => r.props.catalogName, () => r.props.schemaName, () => r.props.name].map((read) => readIfKnown(read));
    if (parts.every((p) => p.known && typeof p.value === "string")) tableNames.set(r.urn, parts.map((p) => (p as { value: string }).value).join("."));
  }
  return resources
    .filter((r) => r.type === QUALITY_MONITOR)
    .flatMap((r) => {
      const name = readIfKnown(() => r.props.tableName);
      if (name.known && typeof name.value === "string") return [name.value];
      const deps = [...r.dependencies.map((d) => d.urn), ...Object.values(r.propertyDependencies).flatMap((ds) => ds.map((d) => d.urn))];
      return deps.map((urn) => tableNames.get(urn)).filter((table): table is string => table !== undefined);
    });
}

/** The rule object registered in the pack. */
export const monitoringRequireMonitors: DocumentedStackPolicy = {
  name: "monitoring-require-monitors",
  description: "Every endpoint's inference table and every batch predictions table has a Lakehouse monitor.",
  severity: "high",
  remediationSteps:
    "Declare a QualityMonitor on each predictions table and on a table of each endpoint's inference tables (e.g. " +
    "the unpacked `<prefix>_predictions`); in this program set `mlProjects[].monitoring`. Batch inference jobs are " +
    "recognised by their purpose tag and the table by a notebook parameter (this policy's config).",
  configSchema: {
    properties: {
      purposeTag: { type: "string", minLength: 1, default: DEFAULT_MONITOR_COVERAGE_CONFIG.purposeTag, description: "Tag that names a job's purpose." },
      batchInferencePurposes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_MONITOR_COVERAGE_CONFIG.batchInferencePurposes],
        description: "Values of the purpose tag that mark batch inference jobs.",
      },
      outputTableParameter: {
        type: "string",
        minLength: 1,
        default: DEFAULT_MONITOR_COVERAGE_CONFIG.outputTableParameter,
        description: "Notebook parameter naming the table a batch inference task writes.",
      },
    },
  },
  documentation: {
    judgedTypes: [MODEL_SERVING, JOB, SQL_TABLE, QUALITY_MONITOR],
    waivers: "allowed",
    rationale:
      "Lakehouse Monitoring and alerts: the statistical properties of inputs and predictions, from batch and online " +
      "inference, are watched so that drift and quality loss are seen and retraining starts. An unmonitored " +
      "predictions or inference table degrades unseen.",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const config = { ...DEFAULT_MONITOR_COVERAGE_CONFIG, ...args.getConfig<Partial<MonitorCoverageConfig>>() };
    const targets = monitoringTargets(
      args.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.props })),
      config,
    );
    if (targets.length === 0) args.notApplicable("No endpoint with an inference table and no batch inference job in this stack");
    for (const finding of findUnmonitored(targets, monitoredTables(args.resources))) reportViolation(finding.message, finding.urn);
  }),
};
