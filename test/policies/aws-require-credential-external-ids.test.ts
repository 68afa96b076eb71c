import { catalogRoleTrustPolicy } from "../../components/catalog-storage/policies";
import { crossAccountTrustPolicy } from "../../components/workspace/iam-policies";
import { awsRequireCredentialExternalIds, externalIdsOf } from "../../policies/rules/aws-require-credential-external-ids";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const ACCOUNT = "123456789012";
const DATABRICKS_ACCOUNT = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const CONFIG = { databricksAccountId: DATABRICKS_ACCOUNT };
const ROLE = "aws:iam/role:Role";
const CREDENTIAL = "databricks:index/storageCredential:StorageCredential";
const ROLE_NAME = "prod-mlops-catalog-storage";
const trust = JSON.stringify(catalogRoleTrustPolicy({ awsAccountId: ACCOUNT, roleName: ROLE_NAME, externalId: "credential-id" }));
const credential = (roleName = ROLE_NAME) => res(CREDENTIAL, "credential", { awsIamRole: { roleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` } });
const role = (from: ReturnType<typeof res>[] = [], assumeRolePolicy: unknown = trust) =>
  res(ROLE, "catalog-role", { name: ROLE_NAME, assumeRolePolicy }, { propertyDependsOn: { assumeRolePolicy: from } });
const REFUSED =
  `Role '${ROLE_NAME}' trusts an external id other than the stage's Databricks account id (databricksAccountId in this stage's policy config), ` +
  "and its assumeRolePolicy is not derived from a Databricks credential of this stack that names the role; build the trust from the " +
  "credential's awsIamRole.externalId, so only that credential can make Unity Catalog assume the role.";

describe("aws-require-credential-external-ids", () => {
  test("the catalog role's trust, derived from the credential that names it, passes; the control plane's external id needs no credential", () => {
    const c = credential();
    expect(invokeStackRule(awsRequireCredentialExternalIds, [c, role([c])], CONFIG)).toEqual({ violations: [] });
    const crossAccount = res(ROLE, "cross-account", { name: "x", assumeRolePolicy: JSON.stringify(crossAccountTrustPolicy(DATABRICKS_ACCOUNT)) });
    expect(invokeStackRule(awsRequireCredentialExternalIds, [crossAccount], CONFIG)).toEqual({ violations: [] });
  });

  test("a literal external id, one derived from something else, or from a credential of another role is refused", () => {
    const c = credential();
    const r = role();
    expect(invokeStackRule(awsRequireCredentialExternalIds, [c, r], CONFIG)).toEqual({ violations: [{ message: REFUSED, urn: r.urn }] });
    const other = res("aws:s3/bucket:Bucket", "b");
    expect(invokeStackRule(awsRequireCredentialExternalIds, [c, other, role([other])], CONFIG).violations).toHaveLength(1);
    const elsewhere = credential("another-role");
    expect(invokeStackRule(awsRequireCredentialExternalIds, [elsewhere, role([elsewhere])], CONFIG).violations).toHaveLength(1);
  });

  test("without a databricksAccountId, even the control plane's external id needs a credential", () => {
    const crossAccount = res(ROLE, "cross-account", { name: "x", assumeRolePolicy: JSON.stringify(crossAccountTrustPolicy(DATABRICKS_ACCOUNT)) });
    expect(invokeStackRule(awsRequireCredentialExternalIds, [crossAccount], {}).violations).toHaveLength(1);
  });

  test("the external ids of a trust: exact StringEquals on Allow statements only", () => {
    expect(externalIdsOf(trust)).toEqual(["credential-id", "credential-id"]);
    const statement = (Condition: object, Effect = "Allow") => JSON.stringify({ Statement: { Effect, Principal: "*", Action: "sts:AssumeRole", Condition } });
    expect(externalIdsOf(statement({ StringLike: { "sts:ExternalId": "x" } }))).toEqual([]);
    expect(externalIdsOf(statement({ StringEquals: { "STS:externalid": ["x", "y"] } }))).toEqual(["x", "y"]);
    expect(externalIdsOf(statement({ StringEquals: { "sts:ExternalId": "x" } }, "Deny"))).toEqual([]);
    expect(externalIdsOf("{")).toEqual([]);
  });

  test("a stack without roles is not applicable", () => {
    expect(invokeStackRule(awsRequireCredentialExternalIds, [credential()], CONFIG)).toEqual({ violations: [], notApplicable: "Policy only applies to stacks that declare IAM roles" });
  });
});
