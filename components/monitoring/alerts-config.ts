/**
 * The `alerts` block of an ML project (`mlProjects[].alerts`): SQL alerts on its monitors' drift
 * and profile metrics, where they notify, and how often they run. The drift threshold is the
 * project's `retraining.driftThreshold`, so the alert and the retraining trigger agree on what drift is.
 * Slack and webhook destinations take their URL from the secret `notificationSecrets` config key.
 */
import { z } from "zod";
import { isUserName } from "../principals";
import { type AddIssue, numberIn, strictObject, text } from "../config-fields";
import type { ProblemType } from "./monitoring-config";
import { quartzScheduleSchema } from "./schedule-schema";

/**
 * Model quality metrics an alert can watch, by problem type: the profile metrics column (a struct
 * field for averaged metrics) and whether a value below the threshold (quality) or above it (error) is bad.
 */
export const QUALITY_METRICS = {
  accuracy_score: { problemType: "classification", column: "accuracy_score", bad: "below" },
  f1_score: { problemType: "classification", column: "f1_score.macro", bad: "below" },
  precision: { problemType: "classification", column: "precision.macro", bad: "below" },
  recall: { problemType: "classification", column: "recall.macro", bad: "below" },
  root_mean_squared_error: { problemType: "regression", column: "root_mean_squared_error", bad: "above" },
  mean_absolute_error: { problemType: "regression", column: "mean_absolute_error", bad: "above" },
  r2_score: { problemType: "regression", column: "r2_score", bad: "below" },
} as const satisfies Record<string, { problemType: ProblemType; column: string; bad: "below" | "above" }>;

/** A quality metric name. */
export type QualityMetric = keyof typeof QUALITY_METRICS;

/** Kinds of notification destination the stack can declare. */
export const DESTINATION_TYPES = ["email", "slack", "webhook"] as const;

/** How often alerts evaluate when the stack gives no schedule: daily at 08:00 UTC, after the 07:00 monitor refresh. */
export const DEFAULT_ALERT_SCHEDULE = { cron: "0 0 8 * * ?", timezone: "UTC" } as const;

/** The config key holding the secret values destinations refer to. */
export const NOTIFICATION_SECRETS_KEY = "notificationSecrets";

const METRIC_NAMES = Object.keys(QUALITY_METRICS) as QualityMetric[];

const ALLOWED = {
  metric: `one of ${METRIC_NAMES.join(", ")}`,
  threshold: "a number (not a string), e.g. 0.8",
  name: "lower-case letters, digits and '-', starting with a letter, at most 40 characters",
  type: `one of ${DESTINATION_TYPES.join(", ")}`,
  email: "an e-mail address",
  secret: `the name of an entry of the secret ${NOTIFICATION_SECRETS_KEY} config key`,
  cron: "a Quartz cron expression, e.g. \"0 0 8 * * ?\"",
  timezone: "a time zone id such as \"UTC\" or \"Europe/Berlin\" (case matters)",
} as const;

const destinationSchema = strictObject({
  name: text(ALLOWED.name, /^[a-z][a-z0-9-]{0,39}$/),
  type: z.enum(DESTINATION_TYPES, { error: ALLOWED.type }),
  addresses: z.array(text(ALLOWED.email).refine(isUserName, { error: ALLOWED.email }), { error: "a list of e-mail addresses" }).min(1, { error: "a non-empty list of e-mail addresses" }).optional(),
  urlSecret: text(ALLOWED.secret, /^[A-Za-z0-9_-]{1,100}$/).optional(),
});

/** The `alerts` block as the stack file gives it. */
export const alertsSchema = strictObject({
  quality: strictObject({
    metric: z.enum(METRIC_NAMES as [QualityMetric, ...QualityMetric[]], { error: ALLOWED.metric }),
    threshold: numberIn(ALLOWED.threshold, {}),
  }).optional(),
  schedule: quartzScheduleSchema(ALLOWED).optional(),
  destinations: z.array(destinationSchema, { error: "a list of { name, type, addresses, urlSecret } objects" }).optional(),
});

/** The `alerts` block after the schema. */
export type RawAlerts = z.infer<typeof alertsSchema>;

/** A notification destination the stack declares. */
export type DestinationConfig =
  | { name: string; type: "email"; addresses: string[] }
  | { name: string; type: "slack" | "webhook"; /** Entry of `notificationSecrets` holding the URL. */ urlSecret: string };

/** A validated `alerts` block with every default resolved. */
export interface AlertsConfig {
  /** Drift above this (Jensen-Shannon distance of the latest window) fires the drift alert: `retraining.driftThreshold`. */
  driftThreshold: number;
  /** A model quality alert; needs a label column. Default none. */
  quality?: { metric: QualityMetric; threshold: number };
  /** Evaluation schedule. Default daily at 08:00 UTC. */
  schedule: { cron: string; timezone: string };
  /** Declared destinations. Default: one e-mail destination `alerts` to the project's notification e-mails. */
  destinations: DestinationConfig[];
  /** Existing destinations (`notifications.destinationIds`) the alerts notify as well. */
  existingDestinationIds: string[];
}

/** What the alert defaults depend on besides the block itself. */
export interface AlertsContext {
  driftThreshold: number;
  notifications: { emails: readonly string[]; destinationIds: readonly string[] };
}

/** Fills in every default of an `alerts` block that passed the schema and `checkAlerts`. */
export function resolveAlerts(raw: RawAlerts, context: AlertsContext): AlertsConfig {
  const declared = (raw.destinations ?? []).map((d): DestinationConfig =>
    d.type === "email" ? { name: d.name, type: "email", addresses: [...(d.addresses ?? [])] } : { name: d.name, type: d.type, urlSecret: d.urlSecret ?? "" },
  );
  const destinations =
    raw.destinations !== undefined || context.notifications.emails.length === 0
      ? declared
      : [{ name: "alerts", type: "email" as const, addresses: [...context.notifications.emails] }];
  return {
    driftThreshold: context.driftThreshold,
    ...(raw.quality === undefined ? {} : { quality: { ...raw.quality } }),
    schedule: { cron: raw.schedule?.cron ?? DEFAULT_ALERT_SCHEDULE.cron, timezone: raw.schedule?.timezone ?? DEFAULT_ALERT_SCHEDULE.timezone },
    destinations,
    existingDestinationIds: [...context.notifications.destinationIds],
  };
}

/** What `checkAlerts` needs besides the block. */
export interface AlertsCheckContext {
  /** The project's problem type, when it has a monitoring block. */
  problemType?: ProblemType;
  /** Whether the monitored tables have a label column. */
  hasLabel: boolean;
  /** Entry names of the `notificationSecrets` config key. */
  secretNames: readonly string[];
  /** Whether the project has any notification target besides the declared destinations. */
  hasExistingTargets: boolean;
}

/**
 * What the API or the monitors would reject or never fire on: alerts without a monitor, a quality
 * metric of the other problem type or without a label column, a threshold out of range, a
 * destination without its addresses or secret URL, a URL secret that is not set, duplicate names,
 * and alerts that notify nobody.
 */
export function checkAlerts(raw: RawAlerts, context: AlertsCheckContext, at: (string | number)[], addIssue: AddIssue): void {
  const path = [...at, "alerts"];
  if (context.problemType === undefined) {
    addIssue(path, "alerts watch the monitor's metrics: set monitoring (at least monitoring.problemType) too");
  }
  if (raw.quality !== undefined) {
    const metric = QUALITY_METRICS[raw.quality.metric];
    if (context.problemType !== undefined && metric.problemType !== context.problemType) {
      addIssue([...path, "quality", "metric"], `${raw.quality.metric} is a ${metric.problemType} metric, but monitoring.problemType is ${context.problemType}`);
    }
    if (!context.hasLabel) {
      addIssue([...path, "quality"], "a quality metric needs ground truth: set monitoring.labelColumn (or declare a \"label\" column)");
    }
    if (raw.quality.metric !== "root_mean_squared_error" && raw.quality.metric !== "mean_absolute_error" && (raw.quality.threshold < 0 || raw.quality.threshold > 1)) {
      addIssue([...path, "quality", "threshold"], `${raw.quality.metric} lies between 0 and 1; a threshold of ${raw.quality.threshold} never or always fires`);
    }
  }
  const destinations = raw.destinations ?? [];
  const names = destinations.map((d) => d.name);
  destinations.forEach((destination, index) => {
    const at = [...path, "destinations", index];
    if (names.indexOf(destination.name) !== index) addIssue([...at, "name"], `destination "${destination.name}" is declared twice`);
    if (destination.type === "email") {
      if (destination.addresses === undefined) addIssue([...at, "addresses"], "required for an email destination");
      if (destination.urlSecret !== undefined) addIssue([...at, "urlSecret"], "not used by an email destination; remove it");
    } else {
      if (destination.addresses !== undefined) addIssue([...at, "addresses"], `not used by a ${destination.type} destination; remove it`);
      if (destination.urlSecret === undefined) {
        addIssue([...at, "urlSecret"], `required for a ${destination.type} destination: its URL is a credential, kept in the secret ${NOTIFICATION_SECRETS_KEY} config key`);
      } else if (!context.secretNames.includes(destination.urlSecret)) {
        addIssue([...at, "urlSecret"], `${NOTIFICATION_SECRETS_KEY} has no entry "${destination.urlSecret}"; set it with \`pulumi config set --secret --path '${NOTIFICATION_SECRETS_KEY}.${destination.urlSecret}' <url>\``);
      }
    }
  });
  if (raw.destinations !== undefined && destinations.length === 0 && !context.hasExistingTargets) {
    addIssue([...path, "destinations"], "the alerts would notify nobody: declare a destination or set notifications.destinationIds");
  }
}
