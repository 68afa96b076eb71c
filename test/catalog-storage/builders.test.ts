/** The pure builders of catalog storage: names that fit their services' limits, and the IAM and KMS documents. */
import * as fs from "fs";
import * as path from "path";
import {
  UNITY_CATALOG_MASTER_ROLE_ARN,
  catalogBucketName,
  catalogBucketPolicy,
  catalogKeyPolicy,
  catalogRoleName,
  catalogRolePolicy,
  catalogRoleTrustPolicy,
  catalogStorageRoot,
  externalLocationName,
  externalLocationUrl,
  roleArnOf,
  storageCredentialName,
} from "../../components/catalog-storage";

const LONGEST_PROJECT = "a".repeat(30);

describe("names", () => {
  it("follow <stage>-<mlProject>-<purpose>, with the AWS account in the global bucket name and _ in Unity Catalog names", () => {
    expect(catalogBucketName("prod", "mlops", "123456789012")).toBe("prod-mlops-catalog-123456789012");
    expect(catalogRoleName("prod", "mlops")).toBe("prod-mlops-catalog-storage");
    expect(roleArnOf("123456789012", "prod-mlops-catalog-storage")).toBe("arn:aws:iam::123456789012:role/prod-mlops-catalog-storage");
    expect(storageCredentialName("staging", "churn-model")).toBe("staging_churn_model_catalog_credential");
    expect(externalLocationName("staging", "churn-model")).toBe("staging_churn_model_catalog_location");
    expect(externalLocationUrl("prod-mlops-catalog-123456789012")).toBe("s3://prod-mlops-catalog-123456789012/");
    expect(catalogStorageRoot("prod-mlops-catalog-123456789012")).toBe("s3://prod-mlops-catalog-123456789012/managed");
  });

  it("fit S3's 63 and IAM's 64 characters for the longest stage and project", () => {
    const bucket = catalogBucketName("staging", LONGEST_PROJECT, "123456789012");
    expect(bucket.length).toBe(59);
    expect(bucket).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    expect(catalogRoleName("staging", LONGEST_PROJECT).length).toBeLessThanOrEqual(64);
  });
});

describe("documents", () => {
  it("the master role is the provider's default for AWS commercial", () => {
    // Pinned against the provider's own source (aws/constants.go), kept here as the literal it states.
    expect(UNITY_CATALOG_MASTER_ROLE_ARN).toBe("arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL");
  });

  it("the trust admits the master role and the role itself, each only with the credential's external id", () => {
    const trust = catalogRoleTrustPolicy({ awsAccountId: "123456789012", roleName: "prod-mlops-catalog-storage", externalId: "ext-1" });
    expect(trust.Statement.map((s) => [s.Sid, s.Effect, s.Principal, s.Action, s.Condition])).toEqual([
      ["UnityCatalogAssumeRole", "Allow", { AWS: UNITY_CATALOG_MASTER_ROLE_ARN }, "sts:AssumeRole", { StringEquals: { "sts:ExternalId": "ext-1" } }],
      [
        "ExplicitSelfRoleAssumption",
        "Allow",
        { AWS: "arn:aws:iam::123456789012:root" },
        "sts:AssumeRole",
        { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/prod-mlops-catalog-storage" }, StringEquals: { "sts:ExternalId": "ext-1" } },
      ],
    ]);
  });

  it("the role reaches one bucket, one key and itself; nothing is a wildcard", () => {
    const policy = catalogRolePolicy({ bucketName: "b", keyArn: "arn:aws:kms:us-east-1:1:key/k", roleArn: "arn:aws:iam::1:role/r" });
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["CatalogBucketReadWrite", ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]],
      ["CatalogKeyUse", "arn:aws:kms:us-east-1:1:key/k"],
      ["AssumeSelf", "arn:aws:iam::1:role/r"],
    ]);
    const actions = policy.Statement.flatMap((s) => [s.Action].flat());
    expect(actions.filter((action) => action.includes("*") && action !== "kms:GenerateDataKey*")).toEqual([]);
    expect(actions.filter((action) => /^(sns|sqs):/.test(action))).toEqual([]);
    expect(policy.Statement.every((s) => s.Effect === "Allow" && s.Principal === undefined)).toBe(true);
  });

  it("the key is administered by the account and used by the role alone; the bucket refuses requests without TLS", () => {
    const key = catalogKeyPolicy({ awsAccountId: "123456789012", roleArn: "arn:aws:iam::123456789012:role/r" });
    expect(key.Statement.map((s) => [s.Principal, s.Action])).toEqual([
      [{ AWS: "arn:aws:iam::123456789012:root" }, "kms:*"],
      [{ AWS: "arn:aws:iam::123456789012:role/r" }, ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"]],
    ]);
    expect(catalogBucketPolicy("b").Statement).toEqual([
      {
        Sid: "AllowSSLRequestsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });
});

test("@pulumiverse/time is pinned exactly, as the shared dependency line", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(pkg.dependencies["@pulumiverse/time"]).toBe("0.1.1");
});
