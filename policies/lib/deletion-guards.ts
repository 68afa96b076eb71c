/**
 * The cloud's own guards against losing data, read from the inputs that turn them off: a DynamoDB table's deletion
 * protection and point-in-time recovery, a KMS key's deletion window and an S3 bucket's versioning (lifecycle rules that expire objects are
 * aws-forbid-data-expiry's). Pulumi's `protect` stops only Pulumi; these stop a delete from anywhere else (a console,
 * a script, the provider on replace) or let it be undone.
 */
import { objectOf } from "./jobs";
import * as types from "./resource-types";

/** The longest deletion window AWS KMS allows, and its default: the most time to notice and cancel a scheduled deletion. */
export const KMS_MAX_DELETION_WINDOW_DAYS = 30;

/** Types whose inputs can turn a deletion guard off (besides `forceDestroy`, which any type may carry). */
export const GUARD_TYPES: readonly string[] = [
  types.AWS_DYNAMODB_TABLE,
  types.AWS_KMS_KEY,
  types.AWS_S3_BUCKET,
  types.AWS_S3_BUCKET_V2,
  types.AWS_S3_BUCKET_VERSIONING,
  types.AWS_S3_BUCKET_VERSIONING_V2,
];

/** Returns one message per guard the resource turns off. */
export function findDisabledGuards(type: string, name: string, props: Record<string, unknown>): string[] {
  const resource = `${types.typeDisplayName(type)} '${name}'`;
  const messages: string[] = [];
  if (type === types.AWS_DYNAMODB_TABLE && props.deletionProtectionEnabled !== true) {
    messages.push(`${resource} does not set deletionProtectionEnabled: true (AWS defaults to off), so the table can be deleted outside Pulumi; set it.`);
  }
  if (type === types.AWS_DYNAMODB_TABLE && objectOf(props.pointInTimeRecovery).enabled !== true) {
    // Deletion protection stops a delete of the table, not a delete or overwrite of its items: recovery undoes those.
    messages.push(`${resource} does not set pointInTimeRecovery.enabled: true (AWS defaults to off), so deleted or overwritten items cannot be restored; set it.`);
  }
  if (type === types.AWS_KMS_KEY && props.deletionWindowInDays !== undefined && props.deletionWindowInDays !== KMS_MAX_DELETION_WINDOW_DAYS) {
    messages.push(
      `${resource} sets deletionWindowInDays ${JSON.stringify(props.deletionWindowInDays)}; a scheduled deletion of a key makes everything it ` +
        `encrypts unreadable, so keep the longest window, ${KMS_MAX_DELETION_WINDOW_DAYS} days (the default), to notice and cancel it.`,
    );
  }
  const versioning = type === types.AWS_S3_BUCKET || type === types.AWS_S3_BUCKET_V2 ? objectOf(props.versioning) : objectOf(props.versioningConfiguration);
  const suspended =
    versioning.enabled === false || (typeof versioning.status === "string" && versioning.status.trim().toLowerCase() !== "enabled");
  if (suspended) {
    messages.push(`${resource} turns bucket versioning off, so a deleted or overwritten object cannot be recovered; keep versioning Enabled.`);
  }
  return messages;
}
