/**
 * alerts-require-secret-destinations (a remediation): the credentials of a notification destination (a Slack
 * or webhook URL, which carries its token; a webhook password; a PagerDuty key; a Teams URL or secret) are
 * secrets, so the state, `pulumi stack output` and previews never hold them in plain text. A value the stack
 * gave in plain text is turned into a secret before the engine stores it.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { NOTIFICATION_DESTINATION } from "../lib/resource-types";
import { leafAt, withSecretPaths } from "../lib/secret-values";

/** The credential fields of a `NotificationDestination`'s `config` (@pulumi/databricks 1.110). */
export const DESTINATION_CREDENTIALS: readonly (readonly string[])[] = [
  ["config", "slack", "url"],
  ["config", "slack", "oauthToken"],
  ["config", "genericWebhook", "url"],
  ["config", "genericWebhook", "password"],
  ["config", "pagerduty", "integrationKey"],
  ["config", "microsoftTeams", "url"],
  ["config", "microsoftTeams", "authSecret"],
];

/** The credential paths set in plain text in raw (remediation) inputs, as `config.slack.url`. */
export function plainCredentialPaths(rawInputs: unknown): string[][] {
  return DESTINATION_CREDENTIALS.flatMap((path) => {
    const leaf = leafAt(rawInputs, path);
    return leaf !== undefined && !leaf.secret && leaf.value !== "" ? [[...path]] : [];
  });
}

/** The remediation: the same inputs with every plain credential made a secret; nothing when none is plain. */
export function secretDestinationInputs(args: Pick<ResourceValidationArgs, "type" | "props">): Record<string, unknown> | undefined {
  if (args.type !== NOTIFICATION_DESTINATION) return undefined;
  const plain = plainCredentialPaths(args.props);
  return plain.length === 0 ? undefined : withSecretPaths(args.props, plain);
}

/** The rule object registered in the pack. */
export const alertsRequireSecretDestinations: DocumentedResourcePolicy = {
  name: "alerts-require-secret-destinations",
  description: "Notification destinations keep their credentials (Slack and webhook URLs, passwords, keys) as secrets.",
  severity: "high",
  remediationSteps:
    "Give the URL or credential to the destination as a Pulumi secret: in this program, set it with " +
    "`pulumi config set --secret --path 'notificationSecrets.<name>' <url>` and name the entry in " +
    "`mlProjects[].alerts.destinations[].urlSecret`; elsewhere wrap it in `pulumi.secret(...)`. At the remediate " +
    "level this policy makes a plain value secret before the engine stores it.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "SQL alerts notify through destinations, and a Slack or webhook URL is a bearer credential: whoever reads it " +
      "can post as the integration. Plain inputs are stored unencrypted in the stack's state and shown by " +
      "`pulumi preview` and `pulumi stack output`. The policy SDK hides whether a value is a secret from " +
      "validations, so this rule is a remediation (enforcement level `remediate`): it sees the inputs as the " +
      "engine sends them and returns them with every plain credential wrapped as a secret.",
    controls: [],
  },
  remediateResource: (args) => secretDestinationInputs(args),
};
