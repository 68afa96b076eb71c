/**
 * The notification destination ids a resource sends to: a `Job`'s webhook notifications (job level, each task, each
 * for-each inner task), its SQL tasks' alert and dashboard subscriptions, alert tasks' subscribers and dashboard
 * tasks' subscription subscribers; an `AlertV2`'s notification subscriptions. Each id keeps the top-level input it
 * sits in, whose property dependencies say whether it comes from a NotificationDestination of the stack.
 */
import { readIfKnown } from "./applicability";
import { idOf, type IdSite } from "./declared-references";
import { ALERT_V2, JOB } from "./resource-types";

/** The types that send to notification destinations by id. */
export const DESTINATION_NAMING_TYPES: readonly string[] = [JOB, ALERT_V2];

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? [...(value as unknown[])] : []);

/** One place under a top-level input that holds destination ids: the entries and the field of each entry. */
interface Holder {
  where: string;
  entries: unknown[];
  field: string;
}

/** `webhookNotifications`: every event's list (onFailures, onSuccesses, ...), each entry's `id`. */
function webhookHolders(block: unknown, where: string): Holder[] {
  return Object.entries(record(block)).map(([event, entries]) => ({ where: `${where} (webhookNotifications.${event})`, entries: list(entries), field: "id" }));
}

/** The holders of one task's inputs (the outer task of a for-each task adds its inner task's). */
function taskHolders(raw: unknown, job: string): Holder[] {
  const task = record(raw);
  const where = `task '${String(task.taskKey)}' of ${job}`;
  const sql = record(task.sqlTask);
  const holders = [
    ...webhookHolders(task.webhookNotifications, where),
    { where: `${where} (sqlTask.alert.subscriptions)`, entries: list(record(sql.alert).subscriptions), field: "destinationId" },
    { where: `${where} (sqlTask.dashboard.subscriptions)`, entries: list(record(sql.dashboard).subscriptions), field: "destinationId" },
    { where: `${where} (alertTask.subscribers)`, entries: list(record(task.alertTask).subscribers), field: "destinationId" },
    {
      where: `${where} (dashboardTask.subscription.subscribers)`,
      entries: list(record(record(task.dashboardTask).subscription).subscribers),
      field: "destinationId",
    },
  ];
  const inner = record(task.forEachTask).task;
  return inner === undefined || inner === null ? holders : [...holders, ...taskHolders(inner, job)];
}

/** The holders under one top-level input of a resource. */
function holdersOf(type: string, name: string, input: string, props: Record<string, unknown>): Holder[] {
  if (type === ALERT_V2) {
    const where = `AlertV2 '${name}' (evaluation.notification.subscriptions)`;
    return [{ where, entries: list(record(record(props.evaluation).notification).subscriptions), field: "destinationId" }];
  }
  const job = `Job '${name}'`;
  if (input === "webhookNotifications") return webhookHolders(props.webhookNotifications, job);
  return list(props.tasks).flatMap((task) => taskHolders(task, job));
}

/** The top-level inputs that hold destination ids, per type. */
const INPUTS: Readonly<Record<string, readonly string[]>> = { [JOB]: ["webhookNotifications", "tasks"], [ALERT_V2]: ["evaluation"] };

/** Every destination id a resource sends to, known or unknown; none for other types. */
export function destinationSites(type: string, name: string, props: Record<string, unknown>): IdSite[] {
  const sites: IdSite[] = [];
  for (const input of INPUTS[type] ?? []) {
    // Reading the structure may meet an unknown (a whole task, a list); then the input's ids are unknown.
    const holders = readIfKnown(() => holdersOf(type, name, input, props));
    if (!holders.known) {
      sites.push({ where: `${type === JOB ? "Job" : "AlertV2"} '${name}' (${input})`, input, id: { known: false } });
      continue;
    }
    for (const holder of holders.value) {
      for (const entry of holder.entries) {
        const id = idOf(() => record(entry)[holder.field]);
        if (!id.known || (id.value !== undefined && id.value !== null)) sites.push({ where: holder.where, input, id });
      }
    }
  }
  return sites;
}
