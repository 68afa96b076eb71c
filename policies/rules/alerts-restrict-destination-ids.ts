/**
 * alerts-restrict-destination-ids (stack rule): a job or alert that notifies a notification destination by id names
 * one the stack declares, whose kind and target alerts-restrict-destinations judges, or one the policy config lists.
 * A destination outside the stack sends wherever it was set up to (a webhook, a Slack channel of another workspace)
 * and the pack cannot see where: a stack file's `mlProjects[].notifications.destinationIds` alone would choose it.
 * alerts-restrict-destinations is a resource rule and cannot see where an id comes from, hence this stack rule.
 */
import { failingClosed } from "../lib/applicability";
import { foreignIds, foreignWhy, shownId, type ForeignId, type IdSite } from "../lib/declared-references";
import { destinationSites, DESTINATION_NAMING_TYPES } from "../lib/destination-refs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { NOTIFICATION_DESTINATION } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface DestinationIdsConfig {
  /** Ids of notification destinations outside the stack that jobs and alerts may notify. Default none. */
  externalDestinationIds: string[];
}

/** One resource that notifies destinations by id: its sites, and per top-level input how many stack destinations it depends on. */
export interface DestinationNamingResource {
  urn: string;
  sites: IdSite[];
  derivedInputs: Record<string, number>;
}

/** The message for one refused destination id. */
export function foreignDestinationMessage(found: ForeignId, config: DestinationIdsConfig): string {
  const listed = config.externalDestinationIds.length > 0 ? config.externalDestinationIds.map((id) => `'${id}'`).join(", ") : "none";
  const why = foreignWhy(found, "NotificationDestination", `externalDestinationIds: ${listed}`);
  return (
    `${found.site.where.charAt(0).toUpperCase()}${found.site.where.slice(1)} notifies destination ${shownId(found.site)}, ${why}; ` +
    "a notification names the run or the alert and can quote the stage's data, and the pack cannot see where a destination outside the stack sends. " +
    "Declare the destination in the stack (a databricks.NotificationDestination, judged by alerts-restrict-destinations) and name its id, " +
    "or have a security reviewer add the id to externalDestinationIds."
  );
}

/** Returns one finding per destination id that is neither the stack's nor listed. */
export function findForeignDestinations(resources: readonly DestinationNamingResource[], config: DestinationIdsConfig): { urn: string; message: string }[] {
  return resources.flatMap((r) =>
    foreignIds(r.sites, r.derivedInputs, config.externalDestinationIds).map((found) => ({ urn: r.urn, message: foreignDestinationMessage(found, config) })),
  );
}

/** The rule object registered in the pack. */
export const alertsRestrictDestinationIds: DocumentedStackPolicy = {
  name: "alerts-restrict-destination-ids",
  description: "Jobs and alerts notify only NotificationDestinations the stack declares or the policy config lists, by id.",
  severity: "medium",
  remediationSteps:
    "Declare the destination in the stack (`databricks.NotificationDestination`, e.g. through the stack file's `alerts.destinations`, judged by " +
    "alerts-restrict-destinations) and notify it by its id; or, for a destination managed outside the stack, have a security reviewer check where it " +
    "sends and add its id to `externalDestinationIds` of this rule in policies/config/<stage>.json (the stack file's " +
    "`mlProjects[].notifications.destinationIds` names it).",
  configSchema: {
    properties: {
      externalDestinationIds: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        default: [],
        description: "Ids of notification destinations outside the stack (reviewed by a security reviewer) that jobs and alerts may notify, compared exactly. Default: none.",
      },
    },
  },
  documentation: {
    judgedTypes: [...DESTINATION_NAMING_TYPES],
    waivers: "allowed",
    rationale:
      "Data leaves only through declared paths: a job's failure notification and an alert's notification carry the run's error or the " +
      "query's values. alerts-restrict-destinations judges the kind and target of every destination the stack declares; a destination " +
      "that exists outside the stack (named by id in the stack file's `notifications.destinationIds`) may be a webhook to anywhere, and the " +
      "pack cannot read it. Only the policy config, which security reviewers own, may vouch for such a destination. Whether an id comes " +
      "from the stack is read from property dependencies (one dependency vouches for one distinct id per input), so it holds while the id " +
      "is unknown during preview.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const naming = args.resources.filter((r) => DESTINATION_NAMING_TYPES.includes(r.type));
    if (naming.length === 0) args.notApplicable("Policy only applies to stacks that declare jobs or alerts");
    const config: DestinationIdsConfig = { externalDestinationIds: [], ...args.getConfig<Partial<DestinationIdsConfig>>() };
    const destinations = new Set(args.resources.filter((r) => r.type === NOTIFICATION_DESTINATION).map((r) => r.urn));
    const resources = naming.map((r) => ({
      urn: r.urn,
      sites: destinationSites(r.type, r.name, r.props),
      derivedInputs: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([input, deps]) => [input, new Set(deps.filter((d) => destinations.has(d.urn)).map((d) => d.urn)).size]),
      ),
    }));
    for (const { urn, message } of findForeignDestinations(resources, config)) reportViolation(message, urn);
  }),
};
