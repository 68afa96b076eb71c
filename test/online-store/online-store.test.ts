import { resolveOnlineStore } from "../../components/online-store/online-store-config";
import { onlineTableName, publisherPolicy, storeKeyArgs, storeTableArgs } from "../../components/online-store/store";
import { parseStageConfig } from "../../stack/config";
import { jobContext, problemsOf, rawProject, rawStageWith, stageWith } from "../pipelines/fixtures";
import { recordStage, stepNamed } from "../support/record-stage";
import { AWS_ACCOUNT_ID, rawCreated } from "../support/stage-configs";
import { STORE as store, rawAdoptedWithAws } from "./fixtures";

const key = (rest: string) => `  - databricks-mlops:mlProjects[0].onlineStore${rest}`;

describe("online store config", () => {
  test("defaults: string key, point-in-time recovery on", () => {
    expect(parseStageConfig(rawAdoptedWithAws("prod", rawProject({ onlineStore: store })), "prod").mlProjects[0].onlineStore).toEqual({
      keyColumn: { name: "customer_id", type: "S" },
      ttlAttribute: "expires_at",
      publisherRoleName: "prod-churn-batch-inference",
      pointInTimeRecovery: true,
    });
  });

  test("no backups on prod, a TTL on the key, a key type DynamoDB has no key for, an access key instead of a role", () => {
    const raw = rawAdoptedWithAws("prod", rawProject({ onlineStore: { keyColumn: { name: "id", type: "BOOL" }, ttlAttribute: "id", publisherRoleName: "AKIA/EXAMPLE", pointInTimeRecovery: false } }));
    expect(problemsOf(raw, "prod")).toEqual([
      key('.keyColumn.type: got "BOOL"; expected one of S, N (string or number)'),
      key('.publisherRoleName: got "AKIA/EXAMPLE"; expected the name of an existing IAM role: letters, digits and +=,.@_-, at most 64 characters'),
    ]);
    const valid = rawAdoptedWithAws("prod", rawProject({ onlineStore: { keyColumn: { name: "id" }, ttlAttribute: "id", publisherRoleName: "r", pointInTimeRecovery: false } }));
    expect(problemsOf(valid, "prod")).toEqual([
      key(".pointInTimeRecovery: got false; must be true on prod: published predictions are restored from backups, not recomputed under load"),
      key('.ttlAttribute: got "id"; must differ from keyColumn.name ("id"): the key never expires'),
    ]);
  });

  test("the batch inference job is told where to publish", () => {
    const context = jobContext(parseStageConfig(rawAdoptedWithAws("prod", rawProject({ onlineStore: store })), "prod"));
    expect(context.tasks.onlineTable).toBe("prod-churn-predictions");
    expect(jobContext(stageWith("prod")).tasks.onlineTable).toBeUndefined();
  });
});

describe("online store builders", () => {
  test("an on-demand table keyed by the entity, encrypted with its own key, deletion-protected on prod only", () => {
    const resolved = resolveOnlineStore(store);
    expect(storeTableArgs("prod", "churn", resolved, "arn:key")).toMatchObject({
      name: onlineTableName("prod", "churn"),
      billingMode: "PAY_PER_REQUEST",
      hashKey: "customer_id",
      attributes: [{ name: "customer_id", type: "S" }],
      serverSideEncryption: { enabled: true, kmsKeyArn: "arn:key" },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      ttl: { enabled: true, attributeName: "expires_at" },
    });
    expect(storeTableArgs("dev", "churn", resolved, "arn:key").deletionProtectionEnabled).toBe(false);
    expect(storeKeyArgs("prod", "churn")).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
  });

  test("the publisher writes this table and uses this key through DynamoDB only: no read, scan or delete", () => {
    const policy = JSON.parse(publisherPolicy("arn:aws:dynamodb:eu-west-1:1:table/t", "arn:aws:kms:eu-west-1:1:key/k", "eu-west-1"));
    expect(policy.Statement).toEqual([
      { Sid: "WritePredictions", Effect: "Allow", Action: ["dynamodb:BatchWriteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"], Resource: "arn:aws:dynamodb:eu-west-1:1:table/t" },
      {
        Sid: "EncryptThroughDynamoDB",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: "arn:aws:kms:eu-west-1:1:key/k",
        Condition: { StringEquals: { "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com" } },
      },
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/"(dynamodb|kms):\*"|"\*"|dynamodb:(Scan|Query|GetItem|DeleteItem|DeleteTable)/);
  });

  test("on prod the key and table are protected and retained; the policy goes to the publishing role", async () => {
    const steps = await recordStage(rawAdoptedWithAws("prod", rawProject({ onlineStore: store })), "prod");
    for (const [type, name] of [["aws:kms/key:Key", "prod-churn-online-store-key"], ["aws:dynamodb/table:Table", "prod-churn-online-store-table"]]) {
      expect(stepNamed(steps, type, name)).toMatchObject({ protect: true, retainOnDelete: true });
    }
    const policy = stepNamed(steps, "aws:iam/rolePolicy:RolePolicy", "prod-churn-online-store-publisher");
    expect(policy.inputs.role).toBe("prod-churn-batch-inference");
    expect(String(policy.inputs.policy)).toContain("arn:aws:dynamodb:us-east-1:123456789012:table/prod-churn-predictions");
  });

  const storeSteps = (steps: Awaited<ReturnType<typeof recordStage>>) => steps.filter((s) => s.type.startsWith("aws:") && s.name.includes("-online-store-"));
  const STORE_TYPES = ["aws:dynamodb/table:Table", "aws:iam/rolePolicy:RolePolicy", "aws:kms/alias:Alias", "aws:kms/key:Key"];

  test("a stage that creates its workspace puts the store in its own AWS account and region", async () => {
    const created = await recordStage({ ...rawCreated("prod"), mlProjects: [rawProject({ onlineStore: store })] }, "prod");
    const stageAws = stepNamed(created, "pulumi:providers:aws", "prod-mlops-aws");
    expect(storeSteps(created).map((s) => s.type).sort()).toEqual(STORE_TYPES);
    for (const step of storeSteps(created)) expect(step.provider.startsWith(`${stageAws.urn}::`)).toBe(true);
  });

  test("an adopted stage that names its AWS account gets one provider pinned to it, and every store resource uses it", async () => {
    const adopted = await recordStage(rawAdoptedWithAws("prod", rawProject({ onlineStore: store })), "prod");
    const providers = adopted.filter((s) => s.type === "pulumi:providers:aws");
    expect(providers.map((s) => [s.name, s.parent.endsWith("$databricks-mlops:workspace:StageWorkspace::prod-mlops-stage-workspace"), s.inputs.region, s.inputs.allowedAccountIds])).toEqual([
      ["prod-mlops-aws", true, "us-east-1", `["${AWS_ACCOUNT_ID}"]`],
    ]);
    expect(storeSteps(adopted).map((s) => s.type).sort()).toEqual(STORE_TYPES);
    for (const step of storeSteps(adopted)) expect(step.provider.startsWith(`${providers[0].urn}::`)).toBe(true);
    // No AWS resource of the stage is left on the default provider.
    expect(adopted.filter((s) => s.type.startsWith("aws:") && s.provider === "").map((s) => s.name)).toEqual([]);
  });

  test("an adopted dev stage names its AWS account too: its store never falls back to the default provider", () => {
    expect(problemsOf(rawStageWith("dev", rawProject({ onlineStore: store })), "dev")).toEqual([
      expect.stringContaining("databricks-mlops:workspace.aws: missing; required in adopt mode when a project declares an onlineStore (churn)"),
    ]);
  });
});
