/**
 * alerts-restrict-destinations: notification destinations send alerts only where the policy config allows: e-mail to
 * addresses of the organisation's domains, and other kinds (Slack, Teams, PagerDuty, webhooks) only when a reviewer
 * admits the kind. An alert carries query results about the stage's data, so a destination is a way out for it; so is
 * every address a job, an alert, a monitor, an endpoint or a pipeline e-mails directly.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { describeJob, listOf, objectOf } from "../lib/jobs";
import { ALERT_V2, JOB, MODEL_SERVING, NOTIFICATION_DESTINATION, PIPELINE, QUALITY_MONITOR, typeDisplayName } from "../lib/resource-types";

/** The destination kinds of @pulumi/databricks 1.110 (NotificationDestinationConfig). */
export const DESTINATION_KINDS: readonly string[] = ["email", "genericWebhook", "microsoftTeams", "pagerduty", "slack"];

/** The config of this rule after the CLI merged the schema defaults in. */
export interface DestinationsConfig {
  /** Kinds a destination may be. */
  allowedKinds: string[];
  /** Domains e-mail may go to; unset: none. */
  allowedEmailDomains?: string[];
}

/** Returns one message per kind or address the config does not allow. */
export function findDestinationGaps(name: string, destination: unknown, config: DestinationsConfig): string[] {
  const subject = `NotificationDestination '${name}'`;
  const set = typeof destination === "object" && destination !== null ? Object.entries(destination as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null) : [];
  if (set.length === 0) return [`${subject} sets no config, so the pack cannot tell where its alerts go; declare the destination's kind and target.`];
  const messages: string[] = [];
  const domains = (config.allowedEmailDomains ?? []).map((d) => d.toLowerCase());
  for (const [kind, value] of set) {
    if (!config.allowedKinds.includes(kind)) {
      messages.push(`${subject} sends alerts through '${kind}', which this stage's policy config does not allow (allowedKinds: ${config.allowedKinds.map((k) => `'${k}'`).join(", ") || "none"}); alerts carry query results about the stage's data.`);
      continue;
    }
    if (kind !== "email") continue;
    const addresses = (value as { addresses?: unknown }).addresses;
    for (const address of Array.isArray(addresses) ? addresses : [addresses]) {
      const domain = typeof address === "string" ? address.trim().toLowerCase().split("@")[1] : undefined;
      if (domain === undefined || !domains.includes(domain)) {
        const allowed = domains.length === 0 ? "the policy config names no domain (allowedEmailDomains)" : `allowed domains: ${domains.map((d) => `'${d}'`).join(", ")} (allowedEmailDomains)`;
        messages.push(`${subject} e-mails ${JSON.stringify(address)}, outside the organisation's domains: ${allowed}.`);
      }
    }
  }
  return messages;
}

/** The e-mail addresses of one `emailNotifications` block, every event of it (onFailures, onSuccesses, onStarts, ...). */
function notifiedAddresses(block: unknown): unknown[] {
  return Object.values(objectOf(block)).flatMap((value) => listOf(value));
}

/**
 * Returns one message per address a job e-mails (its own `emailNotifications` and each task's, for-each tasks' inner
 * task included) outside the allowed domains: a job's notification names the run and its error, which can quote the
 * stage's data, so it is a path out like an alert's (the stack's `notifications.emails`).
 */
export function findJobEmailGaps(resourceName: string, props: Record<string, unknown>, config: DestinationsConfig): string[] {
  const domains = (config.allowedEmailDomains ?? []).map((d) => d.toLowerCase());
  const tasks = listOf(props.tasks).flatMap((task) => [objectOf(task), objectOf(objectOf(objectOf(task).forEachTask).task)]);
  const addresses = [props.emailNotifications, ...tasks.map((task) => task.emailNotifications)].flatMap(notifiedAddresses);
  const allowed = domains.length === 0 ? "the policy config names no domain (allowedEmailDomains)" : `allowed domains: ${domains.map((d) => `'${d}'`).join(", ")} (allowedEmailDomains)`;
  return [...new Set(addresses)]
    .filter((address) => {
      const domain = typeof address === "string" ? address.trim().toLowerCase().split("@")[1] : undefined;
      return domain === undefined || !domains.includes(domain);
    })
    .map((address) => `${describeJob(resourceName, props)} e-mails ${JSON.stringify(address)} about its runs, outside the organisation's domains: ${allowed}.`);
}

/** Where each other type names addresses it e-mails directly, and what it sends them. */
const DIRECT_ADDRESSES: Readonly<Record<string, { read: (props: Record<string, unknown>) => unknown[]; about: string }>> = {
  [ALERT_V2]: {
    read: (props) => listOf(objectOf(objectOf(props.evaluation).notification).subscriptions).map((subscription) => objectOf(subscription).userEmail),
    about: "its alert (the query's result)",
  },
  [QUALITY_MONITOR]: {
    read: (props) => Object.values(objectOf(props.notifications)).flatMap((event) => listOf(objectOf(event).emailAddresses)),
    about: "its refreshes (the monitored table's name and errors)",
  },
  [MODEL_SERVING]: { read: (props) => notifiedAddresses(props.emailNotifications), about: "its updates" },
  [PIPELINE]: { read: (props) => listOf(props.notifications).flatMap((notification) => listOf(objectOf(notification).emailRecipients)), about: "its updates and failures" },
};

/** Returns one message per address an alert, monitor, endpoint or pipeline e-mails outside the allowed domains. */
export function findDirectEmailGaps(type: string, resourceName: string, props: Record<string, unknown>, config: DestinationsConfig): string[] {
  const reader = DIRECT_ADDRESSES[type];
  if (reader === undefined) return [];
  const domains = (config.allowedEmailDomains ?? []).map((d) => d.toLowerCase());
  const allowed = domains.length === 0 ? "the policy config names no domain (allowedEmailDomains)" : `allowed domains: ${domains.map((d) => `'${d}'`).join(", ")} (allowedEmailDomains)`;
  const name = typeof props.displayName === "string" ? props.displayName : typeof props.name === "string" ? props.name : typeof props.tableName === "string" ? props.tableName : resourceName;
  return [...new Set(reader.read(props).filter((address) => address !== undefined && address !== null))]
    .filter((address) => {
      const domain = typeof address === "string" ? address.trim().toLowerCase().split("@")[1] : undefined;
      return domain === undefined || !domains.includes(domain);
    })
    .map((address) => `${typeDisplayName(type)} '${name}' e-mails ${JSON.stringify(address)} about ${reader.about}, outside the organisation's domains: ${allowed}.`);
}

/** The rule object registered in the pack. */
export const alertsRestrictDestinations: DocumentedResourcePolicy = {
  name: "alerts-restrict-destinations",
  description:
    "Alerts and the notifications of jobs, monitors, endpoints and pipelines go only to destinations the policy config allows: e-mail to the organisation's domains, other kinds once admitted.",
  severity: "medium",
  remediationSteps:
    "Send alerts, and jobs' e-mail notifications, to a group address of the organisation. A security reviewer names the domains (`allowedEmailDomains`) and " +
    "admits other kinds (`allowedKinds`, e.g. `slack` for the team's channel) in policies/config/<stage>.json.",
  configSchema: {
    properties: {
      allowedKinds: {
        type: "array",
        items: { type: "string", enum: [...DESTINATION_KINDS] },
        uniqueItems: true,
        default: ["email"],
        description: "The kinds a destination may be. Default: e-mail only.",
      },
      allowedEmailDomains: {
        type: "array",
        items: { type: "string", pattern: "^[a-z0-9.-]+\\.[a-z]+$" },
        uniqueItems: true,
        description: "Domains alert e-mail may go to. Unset: none, so every e-mail destination is refused.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Data leaves only through declared paths: an alert's notification carries the values of the query behind it (drift metrics, " +
      "prediction statistics), so a destination is an egress path for the stage's data. E-mail stays within the organisation's " +
      "domains; a webhook, Slack, Teams or PagerDuty destination sends to a third party and needs a reviewer to admit the kind.",
    controls: [],
  },
  validateResource: forResourceTypes([NOTIFICATION_DESTINATION, JOB, ...Object.keys(DIRECT_ADDRESSES)], (args, reportViolation) => {
    const config = args.getConfig<DestinationsConfig>();
    const messages =
      args.type === JOB
        ? findJobEmailGaps(args.name, args.props, config)
        : args.type === NOTIFICATION_DESTINATION
          ? findDestinationGaps(args.name, args.props.config, config)
          : findDirectEmailGaps(args.type, args.name, args.props, config);
    for (const message of messages) reportViolation(message);
  }),
};
