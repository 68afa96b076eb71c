/**
 * The `onlineStore` block of an ML project (`mlProjects[].onlineStore`): where predictions are needed
 * at low latency but can be computed in batch, the batch inference job also publishes them to a
 * DynamoDB table, read by key. The job reaches AWS through an existing IAM role (the role of its
 * compute or of a Unity Catalog service credential): no access key is ever configured.
 */
import { z } from "zod";
import { type AddIssue, booleanField, strictObject, text } from "../config-fields";

/** DynamoDB key attribute types: string or number. */
export const KEY_TYPES = ["S", "N"] as const;

const ALLOWED = {
  attribute: "an attribute name: letters, digits, '_', '-' and '.', at most 255 characters",
  keyType: `one of ${KEY_TYPES.join(", ")} (string or number)`,
  role: "the name of an existing IAM role: letters, digits and +=,.@_-, at most 64 characters",
} as const;

const attribute = () => text(ALLOWED.attribute, /^[A-Za-z0-9_.-]{1,255}$/);

/** The `onlineStore` block as the stack file gives it. */
export const onlineStoreSchema = strictObject({
  keyColumn: strictObject({ name: attribute(), type: z.enum(KEY_TYPES, { error: ALLOWED.keyType }).optional() }),
  ttlAttribute: attribute().optional(),
  publisherRoleName: text(ALLOWED.role, /^[A-Za-z0-9+=,.@_-]{1,64}$/),
  pointInTimeRecovery: booleanField().optional(),
});

/** The `onlineStore` block after the schema. */
export type RawOnlineStore = z.infer<typeof onlineStoreSchema>;

/** A validated `onlineStore` block with every default resolved. */
export interface OnlineStoreConfig {
  /** The table's partition key: the prediction's entity key column. Type default `S`. */
  keyColumn: { name: string; type: (typeof KEY_TYPES)[number] };
  /** Attribute holding each item's expiry (epoch seconds); unset: items never expire. */
  ttlAttribute?: string;
  /** The IAM role the batch inference job runs with; it gets write access to this table and key only. */
  publisherRoleName: string;
  /** Continuous backups. Default true (and required on prod). */
  pointInTimeRecovery: boolean;
}

/** Fills in every default of an `onlineStore` block that passed the schema. */
export function resolveOnlineStore(raw: RawOnlineStore): OnlineStoreConfig {
  return {
    keyColumn: { name: raw.keyColumn.name, type: raw.keyColumn.type ?? "S" },
    ...(raw.ttlAttribute === undefined ? {} : { ttlAttribute: raw.ttlAttribute }),
    publisherRoleName: raw.publisherRoleName,
    pointInTimeRecovery: raw.pointInTimeRecovery ?? true,
  };
}

/** Prod keeps point-in-time recovery; the key and TTL attributes differ. */
export function checkOnlineStore(raw: RawOnlineStore, stage: string, at: (string | number)[], addIssue: AddIssue): void {
  const path = [...at, "onlineStore"];
  if (stage === "prod" && raw.pointInTimeRecovery === false) {
    addIssue([...path, "pointInTimeRecovery"], "must be true on prod: published predictions are restored from backups, not recomputed under load");
  }
  if (raw.ttlAttribute !== undefined && raw.ttlAttribute === raw.keyColumn.name) {
    addIssue([...path, "ttlAttribute"], `must differ from keyColumn.name ("${raw.keyColumn.name}"): the key never expires`);
  }
}
