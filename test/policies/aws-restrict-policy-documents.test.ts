import * as fs from "fs";
import * as path from "path";
import { catalogKeyPolicy, catalogRolePolicy, catalogRoleTrustPolicy, catalogBucketPolicy, UNITY_CATALOG_MASTER_ROLE_ARN } from "../../components/catalog-storage/policies";
import { publisherPolicy } from "../../components/online-store/store";
import { crossAccountRolePolicy, crossAccountTrustPolicy } from "../../components/workspace/iam-policies";
import { managedServicesKeyPolicy, rootBucketPolicy, workspaceStorageKeyPolicy } from "../../components/workspace/storage-policies";
import { findResourceDocumentGaps, type PolicyDocumentsConfig } from "../../policies/rules/aws-restrict-policy-documents";
import prodConfig from "../../policies/config/prod.json";

const ACCOUNT = "123456789012";
const OTHER = "210987654321";
const DATABRICKS_ACCOUNT = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const CONTROL_PLANE = "arn:aws:iam::414351767826:root";
const CONFIG: PolicyDocumentsConfig = prodConfig["aws-restrict-policy-documents"];
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const KEY = "aws:kms/key:Key";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** The findings for one document on a resource `r` of `type` in `input`, under the prod config unless given. */
const gaps = (type: string, document: unknown, input = type === ROLE ? "assumeRolePolicy" : "policy", config: PolicyDocumentsConfig = CONFIG) =>
  findResourceDocumentGaps(type, "r", { [input]: document }, config);
const trustGaps = (...statements: object[]) => gaps(ROLE, doc(...statements));
const bucketGaps = (...statements: object[]) => gaps(BUCKET_POLICY, doc(...statements));
const identityGaps = (...statements: object[]) => gaps(ROLE_POLICY, doc(...statements));

const controlPlaneTrust = { Sid: "T", Effect: "Allow", Principal: { AWS: CONTROL_PLANE }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": DATABRICKS_ACCOUNT } } };
const readObjects = { Sid: "R", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

describe("aws-restrict-policy-documents: what the program declares passes", () => {
  test("every document the workspace, catalog storage and online store build, with the shipped prod config", () => {
    const keyScope = { awsAccountId: ACCOUNT, region: "us-east-1", databricksAccountId: DATABRICKS_ACCOUNT };
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/prod-mlops-catalog-storage`;
    const shipped: [string, string, object | string][] = [
      [ROLE, "assumeRolePolicy", crossAccountTrustPolicy(DATABRICKS_ACCOUNT)],
      [ROLE_POLICY, "policy", crossAccountRolePolicy({ awsAccountId: ACCOUNT, region: "us-east-1", vpcId: "vpc-1", securityGroupId: "sg-1" })],
      [BUCKET_POLICY, "policy", rootBucketPolicy("prod-mlops-root-123456789012", DATABRICKS_ACCOUNT)],
      [KEY, "policy", managedServicesKeyPolicy(keyScope)],
      [KEY, "policy", workspaceStorageKeyPolicy({ ...keyScope, crossAccountRoleArn: `arn:aws:iam::${ACCOUNT}:role/prod-mlops-cross-account` })],
      [ROLE, "assumeRolePolicy", catalogRoleTrustPolicy({ awsAccountId: ACCOUNT, roleName: "prod-mlops-catalog-storage", externalId: "00000000-0000-4000-8000-124570114470" })],
      [ROLE_POLICY, "policy", catalogRolePolicy({ bucketName: "b", keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, roleArn })],
      [KEY, "policy", catalogKeyPolicy({ awsAccountId: ACCOUNT, roleArn })],
      [BUCKET_POLICY, "policy", catalogBucketPolicy("b")],
      [ROLE_POLICY, "policy", publisherPolicy(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, "us-east-1")],
    ];
    for (const [type, input, document] of shipped) expect([type, gaps(type, typeof document === "string" ? document : JSON.stringify(document), input)]).toEqual([type, []]);
    // As an object too (another program may send one).
    expect(gaps(ROLE, crossAccountTrustPolicy(DATABRICKS_ACCOUNT))).toEqual([]);
  });

  test("the shipped configs trust Unity Catalog's master role exactly as the program names it, and the same accounts as the pin rule", () => {
    for (const stage of ["dev", "staging", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, `../../policies/config/${stage}.json`), "utf8")) as Record<string, Record<string, unknown>>;
      const block = config["aws-restrict-policy-documents"];
      expect([stage, block.databricksPrincipals]).toEqual([stage, [CONTROL_PLANE, UNITY_CATALOG_MASTER_ROLE_ARN]]);
      expect([stage, block.accountId]).toEqual([stage, config["aws-require-pinned-provider"].accountId]);
      expect([stage, block.databricksAccountId]).toEqual([stage, config["providers-restrict-databricks-hosts"].accountId]);
      expect([stage, config["aws-require-credential-external-ids"].databricksAccountId]).toEqual([stage, block.databricksAccountId]);
    }
  });
});

describe("aws-restrict-policy-documents: principals", () => {
  test("a principal of another account, as root ARN, bare id, role or assumed role, is refused", () => {
    for (const principal of [`arn:aws:iam::${OTHER}:root`, OTHER, `arn:aws:iam::${OTHER}:role/x`, `arn:aws:sts::${OTHER}:assumed-role/x/s`]) {
      expect(bucketGaps({ ...readObjects, Principal: { AWS: principal } })).toEqual([
        `BucketPolicy 'r' policy: statement R allows the AWS principal '${principal}' of account '${OTHER}', outside the stage's AWS account '${ACCOUNT}' ` +
          "and not among the Databricks principals of this stage's policy config (databricksPrincipals).",
      ]);
    }
  });

  test("the stage's account passes as root ARN or bare id; a wildcard account names none and is refused", () => {
    expect(bucketGaps({ ...readObjects, Principal: { AWS: ACCOUNT } })).toEqual([]);
    expect(bucketGaps({ ...readObjects, Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] } })).toEqual([]);
    expect(bucketGaps({ ...readObjects, Principal: { AWS: "arn:aws:iam::*:root" } })).toEqual([
      "BucketPolicy 'r' policy: statement R allows the AWS principal 'arn:aws:iam::*:root', which names no single account; name principals of the stage's account or a Databricks principal of this stage's policy config.",
    ]);
  });

  test("without an accountId in the config, even the stage's account is not trusted", () => {
    expect(gaps(BUCKET_POLICY, doc(readObjects), "policy", { ...CONFIG, accountId: undefined })).toEqual([
      `BucketPolicy 'r' policy: statement R allows the AWS principal 'arn:aws:iam::${ACCOUNT}:role/reader' of account '${ACCOUNT}', outside the stage's AWS account (this stage's policy config names no accountId) and not among the Databricks principals of this stage's policy config (databricksPrincipals).`,
    ]);
  });

  test("another role of Databricks' account is not a Databricks principal the config names", () => {
    expect(trustGaps({ ...controlPlaneTrust, Principal: { AWS: "arn:aws:iam::414351767826:role/other" } })).toHaveLength(1);
  });

  test("everyone is refused unless pinned to the stage's account by aws:PrincipalAccount or aws:PrincipalArn", () => {
    const everyone = { ...readObjects, Principal: "*" };
    const refused = [
      "BucketPolicy 'r' policy: statement R allows every principal (\"*\") without a condition that pins the stage's AWS account; name the principals, or add StringEquals aws:PrincipalAccount = the stage's account (accountId in this stage's policy config).",
    ];
    expect(bucketGaps(everyone)).toEqual(refused);
    expect(bucketGaps({ ...everyone, Principal: { AWS: "*" } })).toEqual(refused);
    expect(bucketGaps({ ...everyone, Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } })).toEqual([]);
    expect(bucketGaps({ ...everyone, Condition: { StringEquals: { "AWS:principalaccount": [ACCOUNT] } } })).toEqual([]);
    expect(bucketGaps({ ...everyone, Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } } })).toEqual([]);
    // Conditions that let other accounts through, or let a request without the key through.
    for (const condition of [
      { StringEquals: { "aws:PrincipalAccount": [ACCOUNT, OTHER] } },
      { StringEqualsIfExists: { "aws:PrincipalAccount": ACCOUNT } },
      { "ForAllValues:StringEquals": { "aws:PrincipalAccount": ACCOUNT } },
      { "ForAnyValue:StringEquals": { "aws:PrincipalAccount": ACCOUNT } },
      { StringLike: { "aws:PrincipalAccount": "*" } },
      { StringNotEquals: { "aws:PrincipalAccount": OTHER } },
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/x" } },
      { StringEquals: { "aws:PrincipalOrgID": "o-123" } },
      { StringEquals: { "aws:SourceVpce": "vpce-1" } },
      { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    ]) {
      expect([condition, bucketGaps({ ...everyone, Condition: condition })]).toEqual([condition, refused]);
    }
    // Deny statements for everyone only narrow access.
    expect(bucketGaps({ ...everyone, Effect: "Deny" })).toEqual([]);
  });

  test("service principals pass only when the config names them; federated and canonical users never", () => {
    const service = { Sid: "S", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Encrypt", Resource: "*" };
    expect(gaps(KEY, doc(service))).toEqual([
      "Key 'r' policy: statement S allows the service principal 'logs.amazonaws.com', which this stage's policy config does not name (servicePrincipals).",
    ]);
    expect(gaps(KEY, doc(service), "policy", { ...CONFIG, servicePrincipals: ["Logs.amazonaws.com"] })).toEqual([]);
    expect(trustGaps({ Sid: "F", Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/x" }, Action: "sts:AssumeRoleWithWebIdentity" })).toEqual([
      "Role 'r' assumeRolePolicy: statement F allows a Federated principal; identities outside the stage's AWS account are not trusted (only AWS principals the policy config names are).",
    ]);
    expect(bucketGaps({ ...readObjects, Principal: { CanonicalUser: "abc" } })).toHaveLength(1);
  });

  test("NotPrincipal, NotAction and NotResource on Allow are too broad to judge; on Deny they pass", () => {
    const { Principal: _p, ...noPrincipal } = readObjects;
    expect(bucketGaps({ ...noPrincipal, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })).toEqual([
      "BucketPolicy 'r' policy: statement R allows with NotPrincipal (everyone but the principals named), too broad to judge; name the principals instead.",
    ]);
    const { Action: _a, ...noAction } = readObjects;
    expect(bucketGaps({ ...noAction, NotAction: "s3:DeleteObject" })).toEqual([
      "BucketPolicy 'r' policy: statement R allows with NotAction (every action but those named), too broad to judge; list the actions instead.",
    ]);
    const { Resource: _r, ...noResource } = readObjects;
    expect(bucketGaps({ ...noResource, NotResource: "arn:aws:s3:::b/secret/*" })).toHaveLength(1);
    expect(bucketGaps({ ...noPrincipal, Effect: "Deny", NotPrincipal: { AWS: ACCOUNT } })).toEqual([]);
  });

  test("a resource policy or trust without a Principal, and an identity policy with one, are refused", () => {
    const { Principal: _p, ...noPrincipal } = readObjects;
    expect(bucketGaps(noPrincipal)).toEqual(["BucketPolicy 'r' policy: statement R allows without naming a Principal; name the principals it is for."]);
    expect(identityGaps(readObjects)).toEqual(["RolePolicy 'r' policy: statement R names a Principal, which an identity policy cannot carry (AWS rejects it); remove it."]);
  });
});

describe("aws-restrict-policy-documents: Databricks must act for this stage's Databricks account", () => {
  test("the control plane's trust needs StringEquals sts:ExternalId = the stage's Databricks account id", () => {
    const refused = [
      `Role 'r' assumeRolePolicy: statement T lets Databricks' control plane (${CONTROL_PLANE}) assume the role without Condition StringEquals sts:ExternalId = ` +
        "the stage's Databricks account id (databricksAccountId in this stage's policy config), so another Databricks customer could make Databricks use it.",
    ];
    expect(trustGaps(controlPlaneTrust)).toEqual([]);
    expect(trustGaps({ ...controlPlaneTrust, Principal: { AWS: "414351767826" } })).toEqual([]);
    expect(trustGaps({ ...controlPlaneTrust, Condition: undefined })).toEqual(refused);
    expect(trustGaps({ ...controlPlaneTrust, Condition: { StringEquals: { "sts:ExternalId": "another-databricks-account" } } })).toEqual(refused);
    expect(trustGaps({ ...controlPlaneTrust, Condition: { StringEquals: { "sts:ExternalId": [DATABRICKS_ACCOUNT, "another"] } } })).toEqual(refused);
    expect(trustGaps({ ...controlPlaneTrust, Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": DATABRICKS_ACCOUNT } } })).toEqual(refused);
    expect(trustGaps({ ...controlPlaneTrust, Action: "sts:Assume*" })).toEqual([]);
    expect(gaps(ROLE, doc(controlPlaneTrust), "assumeRolePolicy", { ...CONFIG, databricksAccountId: undefined })).toEqual(refused);
  });

  test("an external id tested any way but StringEquals is refused", () => {
    const operators = ["StringLike", "StringEqualsIfExists", "ForAnyValue:StringEquals", "StringNotEquals"];
    for (const operator of operators) {
      const found = trustGaps({ ...controlPlaneTrust, Condition: { [operator]: { "sts:ExternalId": DATABRICKS_ACCOUNT } } });
      expect(found).toContain(
        `Role 'r' assumeRolePolicy: statement T tests sts:ExternalId with ${operator}; only StringEquals with non-empty values (no IfExists, no set qualifier) pins it.`,
      );
    }
    expect(trustGaps({ ...controlPlaneTrust, Condition: { StringEquals: { "sts:ExternalId": [DATABRICKS_ACCOUNT, " "] } } })).toHaveLength(2);
  });

  test("Unity Catalog's master role needs an exact external id (the storage credential's)", () => {
    const uc = { Sid: "UC", Effect: "Allow", Principal: { AWS: UNITY_CATALOG_MASTER_ROLE_ARN }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "credential-id" } } };
    expect(trustGaps(uc)).toEqual([]);
    expect(trustGaps({ ...uc, Condition: undefined })).toEqual([
      `Role 'r' assumeRolePolicy: statement UC lets the Databricks principal '${UNITY_CATALOG_MASTER_ROLE_ARN}' assume the role without Condition StringEquals ` +
        "sts:ExternalId (the storage credential's external id), so any Databricks customer's credential could use it.",
    ]);
  });

  test("Unity Catalog's master role is trusted to assume a role, never granted data directly", () => {
    const direct = { Sid: "UC", Effect: "Allow", Principal: { AWS: UNITY_CATALOG_MASTER_ROLE_ARN }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    expect(bucketGaps(direct)).toEqual([
      `BucketPolicy 'r' policy: statement UC allows the Databricks principal '${UNITY_CATALOG_MASTER_ROLE_ARN}' directly; it may only assume the stage's ` +
        "storage role (named in that role's trust), which holds the access.",
    ]);
  });

  test("in a bucket or key policy, the control plane needs StringEquals aws:PrincipalTag/DatabricksAccountId = the stage's Databricks account id", () => {
    const grant = { Sid: "D", Effect: "Allow", Principal: { AWS: CONTROL_PLANE }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    const refused = [
      `BucketPolicy 'r' policy: statement D allows Databricks' control plane (${CONTROL_PLANE}) without Condition StringEquals aws:PrincipalTag/DatabricksAccountId = ` +
        "the stage's Databricks account id (databricksAccountId in this stage's policy config), so it would act for any Databricks customer.",
    ];
    expect(bucketGaps({ ...grant, Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [DATABRICKS_ACCOUNT] } } })).toEqual([]);
    expect(bucketGaps(grant)).toEqual(refused);
    expect(bucketGaps({ ...grant, Condition: { StringLike: { "aws:PrincipalTag/DatabricksAccountId": "*" } } })).toEqual(refused);
  });
});

describe("aws-restrict-policy-documents: actions", () => {
  test("every action of every service is refused on Allow, however written", () => {
    for (const action of ["*", "*:*", "S3*:*"]) {
      expect(identityGaps({ Sid: "A", Effect: "Allow", Action: action, Resource: "arn:aws:s3:::b/*" })).toEqual([
        `RolePolicy 'r' policy: statement A allows '${action}', actions of every service; list the actions it needs.`,
      ]);
    }
  });

  test("a whole data service (or IAM) is refused; other services' wildcards are not this rule's concern", () => {
    for (const action of ["s3:*", "KMS:*", "dynamodb:*", "iam:*"]) {
      expect(identityGaps({ Sid: "A", Effect: "Allow", Action: action, Resource: "arn:aws:s3:::b" })).toEqual([
        `RolePolicy 'r' policy: statement A allows '${action}', every action of ${action.split(":")[0].toLowerCase()}; list the actions it needs.`,
      ]);
    }
    expect(identityGaps({ Sid: "A", Effect: "Allow", Action: "ec2:*", Resource: "*" })).toEqual([]);
  });

  test("kms:* passes only in a key policy, and only for the stage account's root (the key's administration)", () => {
    const admin = { Sid: "K", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
    expect(gaps(KEY, doc(admin))).toEqual([]);
    expect(gaps(KEY, doc({ ...admin, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` } }))).toEqual(["Key 'r' policy: statement K allows 'kms:*', every action of kms; list the actions it needs."]);
    expect(gaps(KEY, doc({ ...admin, Action: "s3:*" }))).toHaveLength(1);
    expect(bucketGaps({ ...admin, Action: "kms:*" })).toHaveLength(1);
  });

  test("an action family of a data service is refused on every resource of an identity policy; bounded or in a resource policy it passes", () => {
    const family = { Sid: "F", Effect: "Allow", Action: "s3:Get*", Resource: "*" };
    expect(identityGaps(family)).toEqual(["RolePolicy 'r' policy: statement F allows 's3:Get*' on every s3 resource; name the resources, or list the actions it needs."]);
    expect(identityGaps({ ...family, Resource: "arn:aws:s3:::*" })).toHaveLength(1);
    expect(identityGaps({ ...family, Resource: ["arn:aws:s3:::b/*", "*"] })).toHaveLength(1);
    expect(identityGaps({ ...family, Action: "dynamodb:*Item", Resource: "arn:aws:dynamodb:us-east-1:123456789012:*" })).toHaveLength(1);
    expect(identityGaps({ ...family, Resource: "arn:aws:s3:::b/*" })).toEqual([]);
    expect(identityGaps({ ...family, Action: "ec2:Describe*" })).toEqual([]);
    expect(bucketGaps({ ...readObjects, Action: "s3:Get*" })).toEqual([]);
  });
});

describe("aws-restrict-policy-documents: documents it cannot read", () => {
  test("unparsable text, a lower-case effect or a statement AWS rejects is refused with the reason", () => {
    expect(gaps(BUCKET_POLICY, "{")).toEqual([
      "BucketPolicy 'r' policy cannot be read as an IAM policy document: it is not valid JSON. A document the pack cannot read is refused.",
    ]);
    expect(gaps(BUCKET_POLICY, doc({ ...readObjects, Effect: "allow" }))).toEqual([
      'BucketPolicy \'r\' policy cannot be read as an IAM policy document: statement R has no Effect "Allow" or "Deny" (case-sensitive). A document the pack cannot read is refused.',
    ]);
  });

  test("every document of a resource is read: a role's inline policies too", () => {
    const props = { assumeRolePolicy: doc(controlPlaneTrust), inlinePolicies: [{ name: "i", policy: doc({ Sid: "A", Effect: "Allow", Action: "*", Resource: "*" }) }] };
    expect(findResourceDocumentGaps(ROLE, "r", props, CONFIG)).toEqual(["Role 'r' inlinePolicies[0].policy: statement A allows '*', actions of every service; list the actions it needs."]);
  });
});

describe("aws-restrict-policy-documents: managed policies attached by ARN", () => {
  test("an AWS-managed or another account's policy is refused, on a role's managedPolicyArns and on every attachment type", () => {
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    expect(findResourceDocumentGaps(ROLE, "r", { managedPolicyArns: [admin] }, CONFIG)).toEqual([
      `Role 'r' managedPolicyArns attaches '${admin}', which is not a customer-managed policy of the stage's AWS account '${ACCOUNT}': its document is ` +
        "not in the stack, so what it allows cannot be judged; declare an aws.iam.Policy (or an inline policy) with the actions it needs.",
    ]);
    for (const type of ["RolePolicyAttachment", "UserPolicyAttachment", "GroupPolicyAttachment", "PolicyAttachment"]) {
      const token = `aws:iam/${type[0].toLowerCase()}${type.slice(1)}:${type}`;
      expect([type, findResourceDocumentGaps(token, "a", { policyArn: `arn:aws:iam::${OTHER}:policy/p` }, CONFIG)]).toEqual([type, [expect.stringContaining(`attaches 'arn:aws:iam::${OTHER}:policy/p'`)]]);
    }
    const exclusive = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
    expect(findResourceDocumentGaps(exclusive, "x", { policyArns: [`arn:aws:iam::${ACCOUNT}:policy/p`, admin] }, CONFIG)).toHaveLength(1);
  });

  test("a customer-managed policy of the stage's account passes; without an accountId none does", () => {
    const own = { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/publisher`] };
    expect(findResourceDocumentGaps(ROLE, "r", own, CONFIG)).toEqual([]);
    expect(findResourceDocumentGaps(ROLE, "r", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/*`] }, CONFIG)).toHaveLength(1);
    expect(findResourceDocumentGaps(ROLE, "r", own, { ...CONFIG, accountId: undefined })[0]).toContain("(this stage's policy config names no accountId)");
  });
});
