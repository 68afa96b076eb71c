/**
 * alerts-restrict-destination-ids (issue 19: `mlProjects[].notifications.destinationIds`): a job's or alert's
 * notification destination id names a NotificationDestination the stack declares (by property dependency) or one
 * listed in the policy config; every place a destination id sits is walked.
 */
import type { PolicyResource } from "@pulumi/policy";
import { destinationSites } from "../../policies/lib/destination-refs";
import { alertsRestrictDestinationIds } from "../../policies/rules/alerts-restrict-destination-ids";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const JOB = "databricks:index/job:Job";
const ALERT = "databricks:index/alertV2:AlertV2";
const DESTINATION = "databricks:index/notificationDestination:NotificationDestination";
const FOREIGN = "3f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const LISTED = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
const CONFIG = { externalDestinationIds: [LISTED] };
const destination = stackResource(DESTINATION, "prod-mlops-alerts", { displayName: "prod-mlops-alerts" });
const run = (resources: PolicyResource[], config: object = CONFIG) => invokeStackRule(alertsRestrictDestinationIds, [destination, ...resources], config);
const refused = (where: string, id: string, listed = `'${LISTED}'`) =>
  `${where} notifies destination '${id}', which does not come from a NotificationDestination this stack declares and is not listed in this stage's ` +
  `policy config (externalDestinationIds: ${listed}); a notification names the run or the alert and can quote the stage's data, and the pack ` +
  "cannot see where a destination outside the stack sends. Declare the destination in the stack (a databricks.NotificationDestination, judged by " +
  "alerts-restrict-destinations) and name its id, or have a security reviewer add the id to externalDestinationIds.";
const alert = (ids: unknown[]) => ({ evaluation: { notification: { notifyOnOk: true, subscriptions: ids.map((destinationId) => ({ destinationId })) } } });

describe("alerts-restrict-destination-ids", () => {
  test("notifications to the stack's destination, to a listed one, by e-mail only, or to none pass", () => {
    const job = stackResource(JOB, "own", { webhookNotifications: { onFailures: [{ id: "prod-mlops-alerts-id" }], onDurationWarningThresholdExceededs: [{ id: "prod-mlops-alerts-id" }] } }, { propertyDependsOn: { webhookNotifications: [destination] } });
    const listed = stackResource(JOB, "listed", { webhookNotifications: { onFailures: [{ id: ` ${LISTED} ` }] } });
    const byMail = stackResource(ALERT, "mail", { evaluation: { notification: { subscriptions: [{ userEmail: "team@example.com" }] } } });
    const none = stackResource(JOB, "none", { tasks: [{ taskKey: "train" }] });
    expect(run([job, listed, byMail, none])).toEqual({ violations: [] });
  });

  test.each([
    ["the job's webhook notifications", { webhookNotifications: { onSuccesses: [{ id: FOREIGN }] } }, "Job 'j' (webhookNotifications.onSuccesses)"],
    ["a task's webhook notifications", { tasks: [{ taskKey: "train", webhookNotifications: { onFailures: [{ id: FOREIGN }] } }] }, "Task 'train' of Job 'j' (webhookNotifications.onFailures)"],
    ["a for-each inner task's webhook notifications", { tasks: [{ taskKey: "loop", forEachTask: { task: { taskKey: "each", webhookNotifications: { onStarts: [{ id: FOREIGN }] } } } }] }, "Task 'each' of Job 'j' (webhookNotifications.onStarts)"],
    ["a SQL task's alert subscriptions", { tasks: [{ taskKey: "q", sqlTask: { alert: { alertId: "a", subscriptions: [{ destinationId: FOREIGN }] } } }] }, "Task 'q' of Job 'j' (sqlTask.alert.subscriptions)"],
    ["a SQL task's dashboard subscriptions", { tasks: [{ taskKey: "q", sqlTask: { dashboard: { dashboardId: "d", subscriptions: [{ destinationId: FOREIGN }] } } }] }, "Task 'q' of Job 'j' (sqlTask.dashboard.subscriptions)"],
    ["an alert task's subscribers", { tasks: [{ taskKey: "a", alertTask: { subscribers: [{ destinationId: FOREIGN }] } }] }, "Task 'a' of Job 'j' (alertTask.subscribers)"],
    ["a dashboard task's subscribers", { tasks: [{ taskKey: "d", dashboardTask: { subscription: { subscribers: [{ destinationId: FOREIGN }] } } }] }, "Task 'd' of Job 'j' (dashboardTask.subscription.subscribers)"],
  ])("a job notifying a destination outside the stack through %s is refused, on the job", (_label, props, where) => {
    const job = stackResource(JOB, "j", props);
    expect(run([job]).violations).toEqual([{ message: refused(where, FOREIGN), urn: job.urn }]);
  });

  test("an alert notifying a foreign destination beside the stack's is refused: one dependency vouches for one distinct id", () => {
    const mixed = stackResource(ALERT, "quality", alert(["prod-mlops-alerts-id", FOREIGN]), { propertyDependsOn: { evaluation: [destination] } });
    expect(run([mixed]).violations.map((v) => v.message)).toEqual(
      ["prod-mlops-alerts-id", FOREIGN].map((id) =>
        refused("AlertV2 'quality' (evaluation.notification.subscriptions)", id).replace(
          "which does not come from a NotificationDestination this stack declares and is not listed",
          "which the pack cannot trace to a NotificationDestination this stack declares: its input holds more distinct ids (2) than dependencies on the stack's NotificationDestination resources left to account for them (1), so at least one comes from outside the stack, and it is not listed",
        ),
      ),
    );
    const alone = stackResource(ALERT, "alone", alert([FOREIGN]));
    expect(run([alone], { externalDestinationIds: [] }).violations.map((v) => v.message)).toEqual([refused("AlertV2 'alone' (evaluation.notification.subscriptions)", FOREIGN, "none")]);
    // A listed destination beside the stack's passes.
    expect(run([stackResource(ALERT, "both", alert(["prod-mlops-alerts-id", LISTED]), { propertyDependsOn: { evaluation: [destination] } })])).toEqual({ violations: [] });
  });

  test("a dependency on another resource than a stack NotificationDestination vouches for nothing", () => {
    const warehouse = stackResource("databricks:index/sqlEndpoint:SqlEndpoint", "wh");
    const job = stackResource(JOB, "j", { webhookNotifications: { onFailures: [{ id: FOREIGN }] } }, { propertyDependsOn: { webhookNotifications: [warehouse] } });
    expect(run([warehouse, job]).violations.map((v) => v.message)).toEqual([refused("Job 'j' (webhookNotifications.onFailures)", FOREIGN)]);
  });

  test("an id in another case, and an id that is no text, are refused", () => {
    expect(run([stackResource(ALERT, "a", alert([LISTED.toUpperCase()]))]).violations.map((v) => v.message)).toEqual([refused("AlertV2 'a' (evaluation.notification.subscriptions)", LISTED.toUpperCase())]);
    expect(run([stackResource(JOB, "j", { webhookNotifications: { onFailures: [{ id: 5 }] } })]).violations[0].message).toMatch(/^Job 'j' \(webhookNotifications.onFailures\) notifies destination a value that is not text \(5\), which/);
  });

  test("an id unknown during preview passes when its input depends on a stack destination, and is refused otherwise", () => {
    const props = asValidationInputs(alert([UNKNOWN_STRING]));
    expect(run([stackResource(ALERT, "own", props, { propertyDependsOn: { evaluation: [destination] } })])).toEqual({ violations: [] });
    expect(run([stackResource(ALERT, "a", props)]).violations[0].message).toMatch(
      /^AlertV2 'a' \(evaluation.notification.subscriptions\) notifies destination an id unknown during preview, which does not come from a NotificationDestination this stack declares, so the pack cannot tell which one it is;/,
    );
    const whole = asValidationInputs({ tasks: UNKNOWN_STRING });
    expect(destinationSites(JOB, "w", whole)).toEqual([{ where: "Job 'w' (tasks)", input: "tasks", id: { known: false } }]);
  });

  test("odd shapes: null ids and inner tasks are none, a non-list is no list, an unknown alert input names the alert, the listing is named in full", () => {
    expect(destinationSites(JOB, "j", { webhookNotifications: { onFailures: [{ id: null }], onStarts: "x" }, tasks: [{ taskKey: "t", forEachTask: { task: null } }] })).toEqual([]);
    expect(destinationSites(ALERT, "a", asValidationInputs({ evaluation: UNKNOWN_STRING }))).toEqual([{ where: "AlertV2 'a' (evaluation)", input: "evaluation", id: { known: false } }]);
    expect(destinationSites("databricks:index/catalog:Catalog", "c", { tasks: [{ webhookNotifications: { onFailures: [{ id: FOREIGN }] } }] })).toEqual([]);
    const job = stackResource(JOB, "j", { webhookNotifications: { onFailures: [{ id: FOREIGN }] } });
    expect(run([job], { externalDestinationIds: ["a", "b"] }).violations[0].message).toContain("(externalDestinationIds: 'a', 'b')");
    expect(run([job], {}).violations[0].message).toContain("(externalDestinationIds: none)");
    const second = stackResource(DESTINATION, "pager", { displayName: "pager" });
    const two = stackResource(ALERT, "two", alert(["prod-mlops-alerts-id", "pager-id"]), { propertyDependsOn: { evaluation: [destination, second] } });
    expect(run([second, two])).toEqual({ violations: [] });
  });

  test("other types have no site; the rule is not applicable to stacks without jobs or alerts", () => {
    expect(destinationSites(DESTINATION, "d", { config: {} })).toEqual([]);
    expect(destinationSites(JOB, "j", { webhookNotifications: { onFailures: [{}] } })).toEqual([]);
    expect(run([]).notApplicable).toBe("Policy only applies to stacks that declare jobs or alerts");
  });
});
