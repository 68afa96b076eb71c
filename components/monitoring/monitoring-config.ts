/**
 * The `monitoring` block of an ML project (`mlProjects[].monitoring`): a Lakehouse monitor with an
 * inference-log profile on the batch predictions table and, when the project has an endpoint, on the
 * table its served predictions are unpacked to. Both tables are declared by the stack with the
 * columns given here, so a monitor never waits for a table that does not exist yet.
 */
import { z } from "zod";
import { PREDICTION_COLUMNS } from "../pipelines/names";
import { type AddIssue, booleanField, strictObject, text } from "../config-fields";
import { quartzScheduleSchema } from "./schedule-schema";

/** Problem types of an inference-log profile, as the stack names them. */
export const PROBLEM_TYPES = ["classification", "regression"] as const;

/** A problem type. */
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** Granularities a monitor aggregates by (Lakehouse Monitoring's accepted values). */
export const GRANULARITIES = ["5 minutes", "30 minutes", "1 hour", "1 day", "1 week", "2 weeks", "3 weeks", "4 weeks", "1 month", "1 year"] as const;

/** Custom metric kinds, as the stack names them. */
export const CUSTOM_METRIC_TYPES = ["aggregate", "derived", "drift"] as const;

/** Column types a declared table column may have (Spark SQL). */
export const COLUMN_TYPES = ["STRING", "DOUBLE", "FLOAT", "BIGINT", "INT", "BOOLEAN", "TIMESTAMP", "DATE"] as const;

/** Monitor refresh when the stack gives none: daily at 07:00 UTC, after the 06:00 batch inference. */
export const DEFAULT_MONITOR_SCHEDULE = { cron: "0 0 7 * * ?", timezone: "UTC" } as const;

/** The label column of the default columns: ground truth joined in later by the ML code. */
export const DEFAULT_LABEL_COLUMN = "label";

/** The prediction column of the default columns. */
export const DEFAULT_PREDICTION_COLUMN = "prediction";

const ALLOWED = {
  problemType: `one of ${PROBLEM_TYPES.join(", ")}`,
  column: "a column name: letters, digits and '_', starting with a letter or '_', at most 255 characters",
  columnType: `one of ${COLUMN_TYPES.join(", ")}`,
  granularity: `one of ${GRANULARITIES.map((g) => `"${g}"`).join(", ")}`,
  table: "a table of the stage catalog as <schema>.<table>, lower-case letters, digits and '_'",
  metricType: `one of ${CUSTOM_METRIC_TYPES.join(", ")}`,
  text: "a non-empty string",
  cron: "a Quartz cron expression, e.g. \"0 0 7 * * ?\"",
  timezone: "a time zone id such as \"UTC\" or \"Europe/Berlin\" (case matters)",
} as const;

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const columnName = () => text(ALLOWED.column, COLUMN_NAME);

const columnSchema = strictObject({
  name: columnName(),
  type: z.enum(COLUMN_TYPES, { error: ALLOWED.columnType }),
  comment: text(ALLOWED.text, /\S/).optional(),
});

const scheduleSchema = quartzScheduleSchema(ALLOWED);

/** The `monitoring` block as the stack file gives it. */
export const monitoringSchema = strictObject({
  problemType: z.enum(PROBLEM_TYPES, { error: ALLOWED.problemType }),
  columns: z.array(columnSchema, { error: "a list of { name, type, comment } objects" }).min(1, { error: "a non-empty list of { name, type, comment } objects" }).optional(),
  timestampColumn: columnName().optional(),
  modelIdColumn: columnName().optional(),
  predictionColumn: columnName().optional(),
  labelColumn: columnName().optional(),
  granularities: z.array(z.enum(GRANULARITIES, { error: ALLOWED.granularity }), { error: `a list of granularities (${ALLOWED.granularity})` }).min(1, { error: "a non-empty list of granularities" }).optional(),
  slicingExprs: z.array(text(ALLOWED.text, /\S/), { error: "a list of SQL expressions" }).optional(),
  baselineTable: text(ALLOWED.table, /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/).optional(),
  customMetrics: z
    .array(
      strictObject({
        name: columnName(),
        type: z.enum(CUSTOM_METRIC_TYPES, { error: ALLOWED.metricType }),
        definition: text(ALLOWED.text, /\S/),
        inputColumns: z.array(z.string({ error: "column names as strings" }), { error: "a list of column names (\":table\" for the whole table)" }).min(1, { error: "a non-empty list of column names" }),
        outputType: z.enum(["double", "long", "string", "boolean"], { error: "one of double, long, string, boolean" }).optional(),
      }),
      { error: "a list of { name, type, definition, inputColumns, outputType } objects" },
    )
    .optional(),
  schedule: scheduleSchema.optional(),
  dashboard: booleanField().optional(),
});

/** The `monitoring` block after the schema. */
export type RawMonitoring = z.infer<typeof monitoringSchema>;

/** A declared column of a monitored table. */
export interface ColumnConfig {
  name: string;
  /** Spark SQL type. */
  type: (typeof COLUMN_TYPES)[number];
  comment?: string;
}

/** A custom metric of the monitor. */
export interface CustomMetricConfig {
  name: string;
  type: (typeof CUSTOM_METRIC_TYPES)[number];
  /** SQL (Jinja) definition, e.g. `avg({{input_column}})`. */
  definition: string;
  /** Columns it is computed on; `:table` for the whole table. */
  inputColumns: string[];
  /** Type of its result. Default `double`. */
  outputType: "double" | "long" | "string" | "boolean";
}

/** A validated `monitoring` block with every default resolved. */
export interface MonitoringConfig {
  problemType: ProblemType;
  /**
   * Columns of the predictions table (and of the unpacked inference table). Default: the scoring
   * timestamp, model version, prediction (DOUBLE for regression, STRING for classification) and label.
   */
  columns: ColumnConfig[];
  /** Default `scored_at`, the column the batch inference job writes. */
  timestampColumn: string;
  /** Default `model_version`, the column the batch inference job writes. */
  modelIdColumn: string;
  /** Default `prediction`. */
  predictionColumn: string;
  /** Ground-truth column; needed for quality metrics. Default `label` when the columns have it, else none. */
  labelColumn?: string;
  /** Default `["1 day"]`. */
  granularities: string[];
  /** Default none. */
  slicingExprs: string[];
  /** Baseline as `<schema>.<table>` of the stage catalog. Default none. */
  baselineTable?: string;
  /** Default none. */
  customMetrics: CustomMetricConfig[];
  /** Refresh schedule. Default daily at 07:00 UTC. */
  schedule: { cron: string; timezone: string };
  /** Whether the monitor builds its dashboard. Default true. */
  dashboard: boolean;
}

/** The columns a table has when the stack declares none. */
export function defaultColumns(problemType: ProblemType): ColumnConfig[] {
  return [
    { name: PREDICTION_COLUMNS.timestamp, type: "TIMESTAMP", comment: "When the prediction was made." },
    { name: PREDICTION_COLUMNS.modelVersion, type: "STRING", comment: "Version of the model that made it." },
    { name: DEFAULT_PREDICTION_COLUMN, type: problemType === "regression" ? "DOUBLE" : "STRING", comment: "The prediction." },
    { name: DEFAULT_LABEL_COLUMN, type: problemType === "regression" ? "DOUBLE" : "STRING", comment: "Ground truth, joined in when known." },
  ];
}

/** Fills in every default of a `monitoring` block that passed the schema and `checkMonitoring`. */
export function resolveMonitoring(raw: RawMonitoring): MonitoringConfig {
  const columns: ColumnConfig[] = raw.columns?.map((c) => ({ ...c })) ?? defaultColumns(raw.problemType);
  const hasDefaultLabel = columns.some((c) => c.name === DEFAULT_LABEL_COLUMN);
  const labelColumn = raw.labelColumn ?? (hasDefaultLabel ? DEFAULT_LABEL_COLUMN : undefined);
  return {
    problemType: raw.problemType,
    columns,
    timestampColumn: raw.timestampColumn ?? PREDICTION_COLUMNS.timestamp,
    modelIdColumn: raw.modelIdColumn ?? PREDICTION_COLUMNS.modelVersion,
    predictionColumn: raw.predictionColumn ?? DEFAULT_PREDICTION_COLUMN,
    ...(labelColumn === undefined ? {} : { labelColumn }),
    granularities: [...(raw.granularities ?? ["1 day"])],
    slicingExprs: [...(raw.slicingExprs ?? [])],
    ...(raw.baselineTable === undefined ? {} : { baselineTable: raw.baselineTable }),
    customMetrics: (raw.customMetrics ?? []).map((m) => ({ ...m, inputColumns: [...m.inputColumns], outputType: m.outputType ?? "double" })),
    schedule: { cron: raw.schedule?.cron ?? DEFAULT_MONITOR_SCHEDULE.cron, timezone: raw.schedule?.timezone ?? DEFAULT_MONITOR_SCHEDULE.timezone },
    dashboard: raw.dashboard ?? true,
  };
}

/**
 * What Lakehouse Monitoring would reject at apply time: a timestamp, model id, prediction or label
 * column missing from the table's declared columns, a timestamp column that is not a TIMESTAMP, a
 * custom metric on an unknown column, duplicate columns or metrics.
 */
export function checkMonitoring(raw: RawMonitoring, at: (string | number)[], addIssue: AddIssue): void {
  const path = [...at, "monitoring"];
  const resolved = resolveMonitoring(raw);
  const names = resolved.columns.map((c) => c.name);
  const declared = raw.columns === undefined ? `the default columns (${names.join(", ")})` : `monitoring.columns (${names.join(", ")})`;
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) addIssue([...path, "columns", index, "name"], `column "${name}" is declared twice`);
  });
  const roles = [
    ["timestampColumn", resolved.timestampColumn],
    ["modelIdColumn", resolved.modelIdColumn],
    ["predictionColumn", resolved.predictionColumn],
    ...(resolved.labelColumn === undefined ? [] : [["labelColumn", resolved.labelColumn]]),
  ] as const;
  for (const [key, column] of roles) {
    if (!names.includes(column)) addIssue([...path, key], `column "${column}" is not among ${declared}; the monitor would fail to start`);
  }
  const timestamp = resolved.columns.find((c) => c.name === resolved.timestampColumn);
  if (timestamp !== undefined && timestamp.type !== "TIMESTAMP") {
    addIssue([...path, "timestampColumn"], `column "${timestamp.name}" is ${timestamp.type}; an inference-log monitor needs a TIMESTAMP column`);
  }
  const metricNames = resolved.customMetrics.map((m) => m.name);
  resolved.customMetrics.forEach((metric, index) => {
    if (metricNames.indexOf(metric.name) !== index) addIssue([...path, "customMetrics", index, "name"], `custom metric "${metric.name}" is declared twice`);
    metric.inputColumns.forEach((column, columnIndex) => {
      if (column !== ":table" && !names.includes(column)) {
        addIssue([...path, "customMetrics", index, "inputColumns", columnIndex], `column "${column}" is not among ${declared} (use ":table" for the whole table)`);
      }
    });
  });
}
