/**
 * The online store of one ML project on one stage: the KMS key, the DynamoDB table and the inline
 * policy that lets the publishing role write to them. Data-holding on prod: protected and retained.
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import { PROJECT_NAME_ALLOWED, SHORT_NAME_PATTERN, checkStageArg, checkTextArg } from "../arg-checks";
import { assertValidArgs } from "../args-error";
import type { AddIssue } from "../config-fields";
import { projectResourceName } from "../pipelines/names";
import type { Stage } from "../stages";
import { type OnlineStoreConfig, checkOnlineStore, onlineStoreSchema } from "./online-store-config";
import { publisherPolicy, storeKeyArgs, storeTableArgs } from "./store";
import { dataProtection } from "../resource-options";

/** Inputs of an `OnlineStore`. */
export interface OnlineStoreArgs {
  /** The stage; the table is deletion-protected on prod. */
  stage: Stage;
  /** The ML project's name, in the physical names (table, key alias, publisher policy) and the tags. */
  project: string;
  /** The store's shape (see `resolveOnlineStore` for its defaults); checked like the stack file's `onlineStore` block. */
  store: OnlineStoreConfig;
  /** Protect the key and table (`protect` and `retainOnDelete`). Default false; true on prod. */
  protectData?: boolean;
}

/**
 * What an `OnlineStore` refuses before it registers anything: the stack file's `onlineStore` checks (schema and
 * rules, one wording either way) on `store`, and a stage or project name the stack file could not give.
 */
export function checkOnlineStoreArgs(args: OnlineStoreArgs, addIssue: AddIssue): void {
  checkStageArg(args.stage, addIssue);
  checkTextArg(args.project, SHORT_NAME_PATTERN, PROJECT_NAME_ALLOWED, ["project"], addIssue);
  const parsed = onlineStoreSchema.safeParse(args.store);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) addIssue(["store", ...issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)))], issue.message);
    return;
  }
  checkOnlineStore(parsed.data, args.stage, [], (path, message) => addIssue(["store", ...path.slice(1)], message));
}

/**
 * A project's online key-value store of batch predictions. Its children are named from its own name:
 * `<name>-key`, `<name>-key-alias`, `<name>-table` and `<name>-publisher`; the table, key alias and policy
 * names come from `stage` and `project`. Bad args throw a `ComponentArgsError` naming each argument before
 * anything is declared.
 */
export class OnlineStore extends pulumi.ComponentResource {
  /** The table's own encryption key. */
  readonly key: kms.Key;
  /** The DynamoDB table of published predictions. */
  readonly table: dynamodb.Table;

  constructor(name: string, args: OnlineStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("OnlineStore", name, (addIssue) => checkOnlineStoreArgs(args, addIssue));
    super("databricks-mlops:online-store:OnlineStore", name, {}, opts);
    const { stage, project, store } = args;
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    const physical = (...purpose: string[]) => projectResourceName(stage, project, "online-store", ...purpose);
    const protectData = args.protectData ?? false;
    // Deleting the key makes the table unreadable: it is protected like the table.
    this.key = new kms.Key(named("key"), storeKeyArgs(stage, project), { parent: this, ...dataProtection(protectData) });
    new kms.Alias(named("key-alias"), { name: `alias/${physical()}`, targetKeyId: this.key.keyId }, { parent: this });
    this.table = new dynamodb.Table(named("table"), storeTableArgs(stage, project, store, this.key.arn), {
      parent: this,
      ...dataProtection(protectData),
    });
    // The region is the table's, read from its ARN (arn:aws:dynamodb:<region>:<account>:table/<name>).
    const policy = pulumi.all([this.table.arn, this.key.arn]).apply(([tableArn, keyArn]) => publisherPolicy(tableArn, keyArn, tableArn.split(":")[3] ?? ""));
    new iam.RolePolicy(named("publisher"), { name: physical("publisher"), role: store.publisherRoleName, policy }, { parent: this });
    this.registerOutputs({ key: this.key, table: this.table });
  }
}
