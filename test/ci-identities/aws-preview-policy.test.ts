/**
 * The AWS preview role reads configuration and nothing else: evaluated action by action with IAM's order
 * (explicit deny, then allow, else deny), alone, with a broad policy attached beside it, and through its
 * permissions boundary. Its read list covers every AWS type the shipped stages declare.
 */
import { DENIED_DATA_READS, DRIFT_EXTRA_READS, PREVIEW_READ_ACTIONS, driftPolicy, previewPolicy, previewReadActions } from "../../ci-identities/aws-preview-policy";
import { actionMatches, evaluateAction, type IamPolicyDocument } from "../../ci-identities/iam-evaluate";
import { recordShippedStage } from "../support/shipped-stage";

/** Reads of data or secrets, one per way to get at them. */
const DATA_READS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:GetObjectAcl",
  "s3:GetObjectAttributes",
  "s3:ListBucket",
  "s3:ListBucketVersions",
  "s3:ListMultipartUploadParts",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PartiQLSelect",
  "dynamodb:GetRecords",
  "dynamodb:ExportTableToPointInTime",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParametersByPath",
  "ec2:DescribeInstanceAttribute",
  "ec2:GetPasswordData",
  "ec2:GetConsoleOutput",
  "ec2:GetLaunchTemplateData",
];

/** Changes, one per service the stages use and the ways to act as someone else. */
const WRITES = [
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:PutBucketPolicy",
  "s3:DeleteBucket",
  "dynamodb:PutItem",
  "dynamodb:DeleteTable",
  "kms:Encrypt",
  "kms:ScheduleKeyDeletion",
  "kms:PutKeyPolicy",
  "kms:CreateGrant",
  "iam:PassRole",
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:AttachRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteRolePermissionsBoundary",
  "sts:AssumeRole",
  "ec2:CreateVpc",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:ModifyVpcAttribute",
  "ec2:RunInstances",
  "ec2:DeleteNatGateway",
];

const policy = previewPolicy();
/** What an administrator might attach to the role by mistake. */
const ADMIN: IamPolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const READ_ONLY_ACCESS: IamPolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "dynamodb:*", "kms:*", "secretsmanager:*", "ssm:Get*", "ec2:Describe*", "ec2:Get*"], Resource: "*" }],
};
/** The permissions the role has: its policies, capped by its boundary (the same document). */
const effective = (attached: IamPolicyDocument[], action: string) =>
  evaluateAction(attached, action).decision === "allowed" && evaluateAction([policy], action).decision === "allowed";

describe("the evaluator", () => {
  test("wildcards match within the action, case-insensitively", () => {
    expect(actionMatches("s3:GetObject*", "s3:getobjectversion")).toBe(true);
    expect(actionMatches("s3:Get?bject", "s3:GetObject")).toBe(true);
    expect(actionMatches("s3:GetObject", "s3:GetObjectAcl")).toBe(false);
    expect(actionMatches("s3:*", "s3x:GetObject")).toBe(false);
  });

  test("an explicit deny wins; NotAction allows everything it leaves out; a conditional deny is not counted", () => {
    const doc: IamPolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "all-but-iam", Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        { Sid: "no-objects", Effect: "Deny", Action: "s3:GetObject", Resource: "*" },
        { Sid: "only-some", Effect: "Deny", Action: "kms:Decrypt", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "one-bucket", Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
      ],
    };
    expect(evaluateAction([doc], "s3:GetObject")).toEqual({ decision: "explicitly denied", statement: "no-objects" });
    expect(evaluateAction([doc], "kms:Decrypt")).toEqual({ decision: "allowed", statement: "all-but-iam" });
    expect(evaluateAction([doc], "s3:PutObject")).toEqual({ decision: "allowed", statement: "all-but-iam" });
    expect(evaluateAction([doc], "iam:PassRole")).toEqual({ decision: "implicitly denied" });
  });
});

describe("the preview policy", () => {
  test("allows only Describe, Get and List actions, each on a service the stages use", () => {
    for (const action of previewReadActions()) {
      expect(action).toMatch(/^(ec2|s3|kms|iam|dynamodb):(Describe|Get|List)[A-Za-z]+$/);
      expect(evaluateAction([policy], action).decision).toBe("allowed");
    }
  });

  test("no read action it allows is a data read", () => {
    for (const action of previewReadActions()) expect([action, DENIED_DATA_READS.filter((p) => actionMatches(p, action))]).toEqual([action, []]);
  });

  test.each(DATA_READS)("%s: explicitly denied, alone and beside AdministratorAccess or a broad read-only policy", (action) => {
    for (const attached of [[policy], [policy, ADMIN], [policy, READ_ONLY_ACCESS]]) {
      expect(evaluateAction(attached, action)).toEqual({ decision: "explicitly denied", statement: "DenyDataAndSecrets" });
    }
  });

  test.each(WRITES)("%s: not allowed, nor with AdministratorAccess attached (the boundary caps it)", (action) => {
    expect(evaluateAction([policy], action).decision).toBe("implicitly denied");
    expect(effective([policy, ADMIN], action)).toBe(false);
  });

  test("holds no wildcard Allow, and every statement applies to every resource without a condition", () => {
    for (const statement of policy.Statement) {
      expect([statement.Resource, statement.Condition, statement.NotAction, statement.NotResource]).toEqual(["*", undefined, undefined, undefined]);
      if (statement.Effect === "Allow") for (const action of [statement.Action].flat()) expect(action).not.toContain("*");
    }
  });

  test("covers every AWS resource type of every shipped stage, and lists no type they do not declare", async () => {
    const declared = new Set<string>();
    for (const stage of ["dev", "staging", "prod"] as const) {
      for (const step of await recordShippedStage(stage)) if (step.type.startsWith("aws:") && step.type !== "pulumi:providers:aws") declared.add(step.type);
    }
    expect([...declared].sort()).toEqual(Object.keys(PREVIEW_READ_ACTIONS).sort());
  });
});

describe("the drift policy (the daily refresh, on the protected branches' code only)", () => {
  const drift = driftPolicy();

  test("reads what the preview reads, and may list a bucket's keys for HeadBucket: nothing else", () => {
    expect(DRIFT_EXTRA_READS).toEqual(["s3:ListBucket"]);
    for (const action of [...previewReadActions(), "s3:ListBucket"]) expect([action, evaluateAction([drift], action).decision]).toEqual([action, "allowed"]);
  });

  test.each(DATA_READS.filter((a) => a !== "s3:ListBucket"))("%s: explicitly denied, as for the preview", (action) => {
    expect(evaluateAction([drift, ADMIN], action)).toEqual({ decision: "explicitly denied", statement: "DenyDataAndSecrets" });
  });

  test("writes are not allowed, nor with AdministratorAccess attached", () => {
    for (const action of WRITES) {
      expect(evaluateAction([drift], action).decision).toBe("implicitly denied");
      expect(evaluateAction([drift, ADMIN], action).decision === "allowed" && evaluateAction([drift], action).decision === "allowed").toBe(false);
    }
  });

  test("the pull request's preview still cannot list keys", () => {
    expect(evaluateAction([policy], "s3:ListBucket")).toEqual({ decision: "explicitly denied", statement: "DenyDataAndSecrets" });
  });
});
