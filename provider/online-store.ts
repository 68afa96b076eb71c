/**
 * `OnlineStore` for programs in any Pulumi language. The library's component takes a resolved `OnlineStoreConfig`
 * (a literal union for the key type), which the schema the component host infers cannot express; this facade takes
 * the stack file's `onlineStore` block as plain values, checks it as the stack's parser does, resolves the defaults
 * and builds the library's component as its child.
 */
import * as pulumi from "@pulumi/pulumi";
import { type AddIssue, OnlineStore as LibraryOnlineStore, STAGES, type Stage, assertValidArgs, checkOnlineStore, onlineStoreSchema, resolveOnlineStore } from "../components";

/** The package's type token of the component. */
export const ONLINE_STORE_TYPE = "databricks-mlops:index:OnlineStore";

/** The table's partition key. */
export interface KeyColumn {
  /** The prediction's entity key column: letters, digits, '_', '-' and '.', at most 255 characters. */
  name: string;
  /** Its DynamoDB type: `S` (string) or `N` (number). Default `S`. */
  type?: string;
}

/** The store's shape: the keys of a stack file's `onlineStore` block. */
export interface OnlineStoreShape {
  /** The table's partition key. */
  keyColumn: KeyColumn;
  /** Attribute holding each item's expiry (epoch seconds); not the key column. Default none: items never expire. */
  ttlAttribute?: string;
  /** The existing IAM role the batch inference job runs with; it gets write access to this table and key only. */
  publisherRoleName: string;
  /** Continuous backups. Default true (and required true on prod). */
  pointInTimeRecovery?: boolean;
}

/** Inputs of an `OnlineStore`; every value must be known when the program runs. */
export interface OnlineStoreArgs {
  /** The stage: `dev`, `staging` or `prod`. */
  stage: string;
  /** The ML project's name, in every resource name (`<stage>-<project>-online-store-...`). */
  project: string;
  /** The store's shape, as a stack file's `onlineStore` block gives it. */
  store: OnlineStoreShape;
  /** Protect the key and the table against deletion (`protect` and `retainOnDelete`). Default true on prod, false elsewhere. */
  protectData?: boolean;
}

/** Every problem of the args, each under its path, the `store` block through the stack file's own schema and checks. */
export function checkOnlineStoreArgs(args: OnlineStoreArgs, addIssue: AddIssue): void {
  const unknown = Object.keys(args).filter((field) => pulumi.Output.isInstance(args[field as keyof OnlineStoreArgs]));
  for (const field of unknown) addIssue([field], "must be known when the program runs: a plain value, not another resource's output");
  if (!unknown.includes("stage") && !(STAGES as readonly unknown[]).includes(args.stage)) addIssue(["stage"], `one of ${STAGES.join(", ")}`);
  if (!unknown.includes("project") && (typeof args.project !== "string" || args.project === "")) addIssue(["project"], "a non-empty string is required");
  if (args.protectData !== undefined && typeof args.protectData !== "boolean") addIssue(["protectData"], "true or false");
  if (unknown.includes("store")) return;
  const parsed = onlineStoreSchema.safeParse(args.store);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) addIssue(["store", ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))], issue.message);
  } else {
    // checkOnlineStore reports under `onlineStore`, the stack file's key; here the block is `store`.
    checkOnlineStore(parsed.data, args.stage, [], (path, reason) => addIssue(["store", ...path.slice(1)], reason));
  }
}

/**
 * A project's online key-value store of batch predictions: a DynamoDB table with its own KMS key, and the inline
 * policy that lets the publishing role write to them. Its child is the library's `OnlineStore` of the same name.
 */
export class OnlineStore extends pulumi.ComponentResource {
  /** The DynamoDB table's name, `<stage>-<project>-predictions`. */
  readonly tableName: pulumi.Output<string>;
  /** The DynamoDB table's ARN. */
  readonly tableArn: pulumi.Output<string>;
  /** The ARN of the table's encryption key. */
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: OnlineStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("OnlineStore", name, (addIssue) => checkOnlineStoreArgs(args, addIssue));
    super(ONLINE_STORE_TYPE, name, {}, opts);
    const stage = args.stage as Stage;
    const store = new LibraryOnlineStore(
      name,
      { stage, project: args.project, store: resolveOnlineStore(onlineStoreSchema.parse(args.store)), protectData: args.protectData ?? stage === "prod" },
      { parent: this },
    );
    this.tableName = store.table.name;
    this.tableArn = store.table.arn;
    this.keyArn = store.key.arn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn, keyArn: this.keyArn });
  }
}
