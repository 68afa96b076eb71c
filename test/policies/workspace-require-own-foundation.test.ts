/**
 * workspace-require-own-foundation: each account-level registration of a created workspace takes its AWS resource
 * from a resource of the right kind in this stack. One compliant foundation, one failing case per registration.
 */
import { findForeignFoundations, workspaceRequireOwnFoundation } from "../../policies/rules/workspace-require-own-foundation";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const role = stackResource("aws:iam/role:Role", "prod-mlops-cross-account");
const bucket = stackResource("aws:s3/bucket:Bucket", "prod-mlops-root");
const key = stackResource("aws:kms/key:Key", "prod-mlops-workspace-storage");
const vpc = stackResource("aws:ec2/vpc:Vpc", "prod-mlops-vpc");
const subnet = stackResource("aws:ec2/subnet:Subnet", "prod-mlops-private-a");
const group = stackResource("aws:ec2/securityGroup:SecurityGroup", "prod-mlops-workspace");
const credentials = (from = [role]) => stackResource("databricks:index/mwsCredentials:MwsCredentials", "creds", { roleArn: "arn:aws:iam::123456789012:role/prod-mlops-cross-account" }, { propertyDependsOn: { roleArn: from } });
const storage = (from = [bucket]) => stackResource("databricks:index/mwsStorageConfigurations:MwsStorageConfigurations", "storage", { bucketName: "prod-mlops-root" }, { propertyDependsOn: { bucketName: from } });
const keys = (from = [key]) => stackResource("databricks:index/mwsCustomerManagedKeys:MwsCustomerManagedKeys", "cmk", { awsKeyInfo: { keyArn: "arn" } }, { propertyDependsOn: { awsKeyInfo: from } });
const network = (subnets = [subnet]) =>
  stackResource("databricks:index/mwsNetworks:MwsNetworks", "net", { vpcId: "vpc", subnetIds: ["a"], securityGroupIds: ["g"] }, { propertyDependsOn: { vpcId: [vpc], subnetIds: subnets, securityGroupIds: [group] } });
const messages = (...resources: ReturnType<typeof stackResource>[]) => invokeStackRule(workspaceRequireOwnFoundation, resources).violations.map((v) => [v.urn, v.message]);

describe("workspace-require-own-foundation", () => {
  test("registrations built from the stack's own role, bucket, key and network pass", () => {
    expect(messages(role, bucket, key, vpc, subnet, group, credentials(), storage(), keys(), network())).toEqual([]);
  });

  test("a cross-account role named by a literal is refused", () => {
    const literal = credentials([]);
    expect(messages(literal)).toEqual([
      [
        literal.urn,
        "MwsCredentials 'creds' takes roleArn from a literal or nothing the stack declares, not from an AWS Role this stack declares, so the workspace would stand on a " +
          "foundation the AWS rules never judged; derive roleArn from the stack's own Role.",
      ],
    ]);
  });

  test("a root bucket taken from another kind of resource is refused", () => {
    expect(messages(storage([bucket, role]))[0]?.[1]).toBe(
      "MwsStorageConfigurations 'storage' takes bucketName from 'aws:s3/bucket:Bucket', 'aws:iam/role:Role', not from an AWS Bucket or BucketV2 this stack declares, so the " +
        "workspace would stand on a foundation the AWS rules never judged; derive bucketName from the stack's own Bucket or BucketV2.",
    );
  });

  test("a key or a subnet that is not the stack's is refused", () => {
    expect(messages(keys([])).map(([, m]) => m?.split(" takes ")[0])).toEqual(["MwsCustomerManagedKeys 'cmk'"]);
    expect(messages(network([])).map(([, m]) => m?.split(",")[0])).toEqual(["MwsNetworks 'net' takes subnetIds from a literal or nothing the stack declares"]);
  });

  test("a stack without registrations (an adopted workspace) is not the rule's", () => {
    expect(invokeStackRule(workspaceRequireOwnFoundation, [bucket]).notApplicable).toMatch(/^Policy only applies to stacks that register/);
    expect(findForeignFoundations([{ urn: "u", type: "databricks:index/catalog:Catalog", name: "c", sources: {} }])).toEqual([]);
  });
});
