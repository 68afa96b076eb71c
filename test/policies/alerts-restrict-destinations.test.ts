/**
 * alerts-restrict-destinations: e-mail to allowed domains passes; another domain, another kind or no config is refused.
 */
import { alertsRestrictDestinations } from "../../policies/rules/alerts-restrict-destinations";
import { invokeRule } from "./invoke-rule";

const CONFIG = { allowedKinds: ["email"], allowedEmailDomains: ["example.com"] };
const check = (config: unknown, policy: object = CONFIG) =>
  invokeRule(alertsRestrictDestinations, { type: "databricks:index/notificationDestination:NotificationDestination", name: "prod-mlops-alerts", props: config === undefined ? {} : { config } }, policy).violations;

describe("alerts-restrict-destinations", () => {
  test("e-mail to the organisation's domain passes; an admitted kind passes", () => {
    expect(check({ email: { addresses: ["mlops-ml-engineers@example.com", "Oncall@Example.com"] } })).toEqual([]);
    expect(check({ slack: { url: "https://hooks.slack.com/services/x" } }, { ...CONFIG, allowedKinds: ["email", "slack"] })).toEqual([]);
  });

  test("an address of another domain is refused", () => {
    expect(check({ email: { addresses: ["someone@gmail.com"] } })).toEqual([
      "NotificationDestination 'prod-mlops-alerts' e-mails \"someone@gmail.com\", outside the organisation's domains: allowed domains: 'example.com' (allowedEmailDomains).",
    ]);
    expect(check({ email: { addresses: ["a@example.com"] } }, { allowedKinds: ["email"] })).toEqual([
      "NotificationDestination 'prod-mlops-alerts' e-mails \"a@example.com\", outside the organisation's domains: the policy config names no domain (allowedEmailDomains).",
    ]);
  });

  test("a kind the config does not allow is refused", () => {
    expect(check({ genericWebhook: { url: "https://collector.example.net" } })).toEqual([
      "NotificationDestination 'prod-mlops-alerts' sends alerts through 'genericWebhook', which this stage's policy config does not allow (allowedKinds: 'email'); alerts carry query results about the stage's data.",
    ]);
  });

  test("a destination without config is refused", () => {
    expect(check(undefined)).toEqual(["NotificationDestination 'prod-mlops-alerts' sets no config, so the pack cannot tell where its alerts go; declare the destination's kind and target."]);
  });
});

describe("alerts-restrict-destinations: a job's e-mail notifications (issue 19, point 4: notifications.emails)", () => {
  const JOB = "databricks:index/job:Job";
  const job = (props: Record<string, unknown>) => invokeRule(alertsRestrictDestinations, { type: JOB, name: "prod-mlops-training", props: { name: "prod-mlops-training", ...props } }, CONFIG).violations;
  const refused = (address: string) =>
    `Job 'prod-mlops-training' e-mails "${address}" about its runs, outside the organisation's domains: allowed domains: 'example.com' (allowedEmailDomains).`;

  test("the program's notifications to the organisation pass; a job without notifications passes", () => {
    expect(job({ emailNotifications: { onFailures: ["mlops-ml-engineers@example.com"], onDurationWarningThresholdExceededs: ["mlops-ml-engineers@EXAMPLE.com"] } })).toEqual([]);
    expect(job({})).toEqual([]);
  });

  test("an address of another domain, on the job, on a task or inside a for-each task, is refused once each", () => {
    const props = {
      emailNotifications: { onFailures: ["ops@example.com", "leak@elsewhere.io"], onSuccesses: ["leak@elsewhere.io"] },
      tasks: [
        { taskKey: "t", emailNotifications: { onStarts: ["x@partner.org"] } },
        { taskKey: "each", forEachTask: { task: { taskKey: "inner", emailNotifications: { onFailures: ["not-an-address"] } } } },
      ],
    };
    expect(job(props)).toEqual([refused("leak@elsewhere.io"), refused("x@partner.org"), refused("not-an-address")]);
  });
});

describe("alerts-restrict-destinations: addresses alerts, monitors, endpoints and pipelines e-mail directly", () => {
  const judge = (type: string, props: Record<string, unknown>) => invokeRule(alertsRestrictDestinations, { type: `databricks:index/${type}`, name: "prod-x", props }, CONFIG).violations;
  const outside = "outside the organisation's domains: allowed domains: 'example.com' (allowedEmailDomains).";

  test("an alert's subscriber by e-mail is judged like a destination; a subscription by destination id is alerts-restrict-destination-ids'", () => {
    const alert = (subscriptions: unknown[]) => ({ displayName: "prod-drift", evaluation: { notification: { subscriptions } } });
    expect(judge("alertV2:AlertV2", alert([{ userEmail: "mlops-ml-engineers@example.com" }, { destinationId: "d-1" }]))).toEqual([]);
    expect(judge("alertV2:AlertV2", alert([{ userEmail: "eve@gmail.com" }]))).toEqual([`AlertV2 'prod-drift' e-mails "eve@gmail.com" about its alert (the query's result), ${outside}`]);
  });

  test("a monitor's addresses, on failure and on new classification tags, are judged", () => {
    const monitor = { tableName: "prod_mlops.inference.preds", notifications: { onFailure: { emailAddresses: ["ops@example.com"] }, onNewClassificationTagDetected: { emailAddresses: ["eve@example.com.evil.net"] } } };
    expect(judge("qualityMonitor:QualityMonitor", monitor)).toEqual([
      `QualityMonitor 'prod_mlops.inference.preds' e-mails "eve@example.com.evil.net" about its refreshes (the monitored table's name and errors), ${outside}`,
    ]);
  });

  test("an endpoint's and a pipeline's e-mail notifications are judged; none set passes", () => {
    expect(judge("modelServing:ModelServing", { name: "prod-churn", emailNotifications: { onUpdateFailures: ["eve@gmail.com"], onUpdateSuccesses: ["ops@example.com"] } })).toEqual([
      `ModelServing 'prod-churn' e-mails "eve@gmail.com" about its updates, ${outside}`,
    ]);
    expect(judge("pipeline:Pipeline", { name: "prod-etl", notifications: [{ alerts: ["on-update-failure"], emailRecipients: ["eve@gmail.com", "eve@gmail.com"] }] })).toEqual([
      `Pipeline 'prod-etl' e-mails "eve@gmail.com" about its updates and failures, ${outside}`,
    ]);
    expect(judge("modelServing:ModelServing", { name: "prod-churn" })).toEqual([]);
  });
});
