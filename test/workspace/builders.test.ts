/** The pure builders behind a created workspace: names, address plan, security group, IAM, bucket and key policies. */
import { crossAccountRolePolicy, crossAccountTrustPolicy } from "../../components/workspace/iam-policies";
import { awsName, rootBucketName, workspaceName } from "../../components/workspace/names";
import { subnetCidrs, workspaceSecurityGroupRules } from "../../components/workspace/network";
import { managedServicesKeyPolicy, rootBucketPolicy, workspaceStorageKeyPolicy } from "../../components/workspace/storage-policies";

const DATABRICKS_ACCOUNT = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const scope = { awsAccountId: "123456789012", region: "us-east-1", vpcId: "vpc-0abc", securityGroupId: "sg-0def" };
const accountTag = { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [DATABRICKS_ACCOUNT] } };

describe("names", () => {
  it("follow <stage>-<project>-<purpose>; the bucket carries the AWS account and fits S3's 63 characters", () => {
    expect(workspaceName("prod", "mlops")).toBe("prod-mlops");
    expect(awsName("staging", "churn", "cross-account")).toBe("staging-churn-cross-account");
    expect(rootBucketName("prod", "mlops", "123456789012")).toBe("prod-mlops-root-123456789012");
    expect(rootBucketName("staging", "a".repeat(30), "123456789012").length).toBeLessThanOrEqual(63);
  });
});

describe("network", () => {
  it("splits the VPC into eight equal blocks and takes the first ones", () => {
    expect(subnetCidrs("10.4.0.0/16", 3)).toEqual(["10.4.0.0/19", "10.4.32.0/19", "10.4.64.0/19"]);
    expect(subnetCidrs("10.4.7.9/23", 2)).toEqual(["10.4.6.0/26", "10.4.6.64/26"]);
    expect(subnetCidrs("172.31.255.0/23", 8).at(-1)).toBe("172.31.255.192/26");
  });

  it("refuses a plan Databricks would reject", () => {
    expect(() => subnetCidrs("10.4.0.0/24", 2)).toThrow("subnetCidrs: cannot fit 2 subnets of /27 (at most /26) into 10.4.0.0/24");
    expect(() => subnetCidrs("10.4.0.0/16", 9)).toThrow("cannot fit 9 subnets");
  });

  it("the security group admits only itself and reaches out only on the Databricks ports", () => {
    const { ingress, egress } = workspaceSecurityGroupRules();
    expect(ingress.every((rule) => rule.self === true && rule.cidrBlocks === undefined)).toBe(true);
    expect(egress.filter((rule) => rule.cidrBlocks).map((rule) => [rule.protocol, rule.fromPort, rule.toPort])).toEqual([
      ["tcp", 443, 443],
      ["tcp", 3306, 3306],
      ["tcp", 6666, 6666],
      ["tcp", 2443, 2443],
      ["tcp", 8443, 8451],
    ]);
  });
});

describe("cross-account role", () => {
  it("trusts only the Databricks control plane, on behalf of this Databricks account", () => {
    expect(crossAccountTrustPolicy(DATABRICKS_ACCOUNT)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DatabricksControlPlaneAssumesRole",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::414351767826:root" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": DATABRICKS_ACCOUNT } },
        },
      ],
    });
  });

  it("launches instances only in the workspace VPC, from Databricks images, tagged Vendor=Databricks", () => {
    const statements = Object.fromEntries(crossAccountRolePolicy(scope).Statement.map((s) => [s.Sid, s]));
    expect(statements.RunInstancesInTheWorkspaceVpcOnly.Condition).toEqual({
      StringEquals: { "ec2:Vpc": "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc" },
    });
    expect(statements.RunInstancesFromDatabricksImagesOnly).toMatchObject({
      Resource: "arn:aws:ec2:us-east-1::image/*",
      Condition: { StringEquals: { "ec2:Owner": "601306020600" } },
    });
    expect(statements.CreateOnlyDatabricksTaggedResources.Condition).toEqual({ StringEquals: { "aws:RequestTag/Vendor": "Databricks" } });
    expect(statements.ManageOnlyDatabricksTaggedResources.Condition).toEqual({ StringEquals: { "ec2:ResourceTag/Vendor": "Databricks" } });
    expect(statements.ChangeOnlyTheWorkspaceSecurityGroup.Resource).toBe("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0def");
  });

  it("every write is pinned to the account and region; only Describe calls use Resource *", () => {
    for (const statement of crossAccountRolePolicy(scope).Statement) {
      const resources = ([] as string[]).concat(statement.Resource ?? []);
      if (statement.Sid === "DescribeOnly") {
        expect((statement.Action as string[]).every((action) => /^ec2:(Describe|Get)/.test(action))).toBe(true);
        continue;
      }
      for (const resource of resources) expect(resource).toMatch(/^arn:aws:(ec2:us-east-1:(123456789012)?:|iam::123456789012:)/);
    }
  });
});

describe("root bucket and key policies", () => {
  it("the bucket admits Databricks for this account only and denies every request without TLS", () => {
    const bucket = "prod-mlops-root-123456789012";
    expect(rootBucketPolicy(bucket, DATABRICKS_ACCOUNT).Statement).toEqual([
      {
        Sid: "DatabricksWorkspaceStorage",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::414351767826:root" },
        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: accountTag,
      },
      {
        Sid: "AllowSSLRequestsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("keys stay administered by the account; Databricks uses them for this account; EBS only through EC2 in the region", () => {
    const keyScope = { awsAccountId: "123456789012", region: "us-east-1", databricksAccountId: DATABRICKS_ACCOUNT };
    const managed = managedServicesKeyPolicy(keyScope).Statement;
    expect(managed.map((s) => [s.Sid, s.Principal, s.Action])).toEqual([
      ["AccountAdministersKey", { AWS: "arn:aws:iam::123456789012:root" }, "kms:*"],
      ["DatabricksEncryptsManagedServices", { AWS: "arn:aws:iam::414351767826:root" }, ["kms:Encrypt", "kms:Decrypt"]],
    ]);
    expect(managed[1].Condition).toEqual(accountTag);
    const storage = workspaceStorageKeyPolicy({ ...keyScope, crossAccountRoleArn: "arn:aws:iam::123456789012:role/prod-mlops-cross-account" }).Statement;
    expect(storage.map((s) => s.Sid)).toEqual(["AccountAdministersKey", "DatabricksEncryptsWorkspaceStorage", "ClusterVolumesThroughEc2Only"]);
    expect(storage[2]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::123456789012:role/prod-mlops-cross-account" },
      Condition: { StringEquals: { "kms:ViaService": "ec2.us-east-1.amazonaws.com" } },
    });
  });
});
