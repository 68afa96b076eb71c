/**
 * The online store of one ML project on one stage: the KMS key, the DynamoDB table and the inline
 * policy that lets the publishing role write to them. Data-holding on prod: protected and retained.
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import { projectResourceName } from "../pipelines/names";
import type { Stage } from "../stages";
import type { OnlineStoreConfig } from "./online-store-config";
import { publisherPolicy, storeKeyArgs, storeTableArgs } from "./store";

/** Inputs of an `OnlineStore`. */
export interface OnlineStoreArgs {
  /** The stage; the table is deletion-protected on prod. */
  stage: Stage;
  /** The ML project's name, in every resource name. */
  project: string;
  /** The validated `onlineStore` block. */
  store: OnlineStoreConfig;
  /** Protect the key and table (`protect` and `retainOnDelete`). Default false; true on prod. */
  protectData?: boolean;
}

/** A project's online key-value store of batch predictions. */
export class OnlineStore extends pulumi.ComponentResource {
  /** The table's own encryption key. */
  readonly key: kms.Key;
  /** The DynamoDB table of published predictions. */
  readonly table: dynamodb.Table;

  constructor(name: string, args: OnlineStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:online-store:OnlineStore", name, {}, opts);
    const { stage, project, store } = args;
    const named = (...purpose: string[]) => projectResourceName(stage, project, ...purpose);
    const protectData = args.protectData ?? false;
    // Deleting the key makes the table unreadable: it is protected like the table.
    this.key = new kms.Key(named("online-store", "key"), storeKeyArgs(stage, project), { parent: this, protect: protectData, retainOnDelete: protectData });
    new kms.Alias(named("online-store", "key-alias"), { name: `alias/${named("online-store")}`, targetKeyId: this.key.keyId }, { parent: this });
    this.table = new dynamodb.Table(named("online-store", "table"), storeTableArgs(stage, project, store, this.key.arn), {
      parent: this,
      protect: protectData,
      retainOnDelete: protectData,
    });
    // The region is the table's, read from its ARN (arn:aws:dynamodb:<region>:<account>:table/<name>).
    const policy = pulumi.all([this.table.arn, this.key.arn]).apply(([tableArn, keyArn]) => publisherPolicy(tableArn, keyArn, tableArn.split(":")[3] ?? ""));
    new iam.RolePolicy(named("online-store", "publisher"), { name: named("online-store", "publisher"), role: store.publisherRoleName, policy }, { parent: this });
    this.registerOutputs({ key: this.key, table: this.table });
  }
}
