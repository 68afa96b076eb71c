/**
 * The online store of an ML project as plain args: a DynamoDB table encrypted with its own KMS key,
 * point-in-time recovery and deletion protection on prod, and the least-privilege policy of the role
 * that publishes to it.
 */
import type * as dynamodb from "@pulumi/aws/dynamodb";
import type * as kms from "@pulumi/aws/kms";
import type * as pulumi from "@pulumi/pulumi";
import type { OnlineStoreConfig } from "./online-store-config";

/** The table's name: `<stage>-<project>-predictions`, unique in the account and region. */
export function onlineTableName(stage: string, project: string): string {
  return `${stage}-${project}-predictions`;
}

/** Tags of every AWS resource of the store. */
export function storeTags(stage: string, project: string): Record<string, string> {
  return { stage, project, purpose: "online-predictions", "managed-by": "pulumi" };
}

/** A symmetric key for the table alone, rotated yearly, with the longest deletion window. */
export function storeKeyArgs(stage: string, project: string): kms.KeyArgs {
  return {
    description: `Encrypts the online predictions of ${project} on ${stage}.`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    tags: storeTags(stage, project),
  };
}

/** On-demand table keyed by the prediction's entity key, encrypted with `kmsKeyArn`. */
export function storeTableArgs<T extends pulumi.Input<string>>(stage: string, project: string, store: OnlineStoreConfig, kmsKeyArn: T) {
  return {
    name: onlineTableName(stage, project),
    billingMode: "PAY_PER_REQUEST",
    hashKey: store.keyColumn.name,
    attributes: [{ name: store.keyColumn.name, type: store.keyColumn.type }],
    serverSideEncryption: { enabled: true, kmsKeyArn },
    pointInTimeRecovery: { enabled: store.pointInTimeRecovery },
    deletionProtectionEnabled: stage === "prod",
    ...(store.ttlAttribute === undefined ? {} : { ttl: { enabled: true, attributeName: store.ttlAttribute } }),
    tags: storeTags(stage, project),
  } satisfies dynamodb.TableArgs;
}

/** Actions the publisher needs on the table: write items in batches and read the table's description. */
export const PUBLISHER_TABLE_ACTIONS = ["dynamodb:BatchWriteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"] as const;

/** Actions the publisher needs on the key, through DynamoDB only. */
export const PUBLISHER_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"] as const;

/**
 * The publisher's policy: write this table, and use this key only when DynamoDB calls it for this
 * table (`kms:ViaService`). No read, delete or scan; nothing else.
 */
export function publisherPolicy(tableArn: string, keyArn: string, region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "WritePredictions", Effect: "Allow", Action: [...PUBLISHER_TABLE_ACTIONS], Resource: tableArn },
      {
        Sid: "EncryptThroughDynamoDB",
        Effect: "Allow",
        Action: [...PUBLISHER_KEY_ACTIONS],
        Resource: keyArn,
        Condition: { StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com` } },
      },
    ],
  });
}
