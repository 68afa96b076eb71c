import { crossAccountTrustPolicy } from "../../components/workspace/iam-policies";
import { findTrustGaps } from "../../policies/rules/aws-restrict-cross-account-trust";

const ACCOUNT = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const trust = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const databricks = { Sid: "Databricks", Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:root" }, Action: "sts:AssumeRole" };
const NO_EXTERNAL_ID =
  "Role 'r' lets Databricks' control plane assume it without an external id (statement Databricks); add Condition StringEquals " +
  "sts:ExternalId = your Databricks account id, so no other Databricks customer can make Databricks use it.";

describe("aws-restrict-cross-account-trust", () => {
  test("the program's trust policy passes; roles for other principals are not this rule's business", () => {
    expect(findTrustGaps("r", JSON.stringify(crossAccountTrustPolicy(ACCOUNT)))).toEqual([]);
    expect(findTrustGaps("r", trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }))).toEqual([]);
  });

  test("Databricks without an external id, or with an empty one, is reported", () => {
    expect(findTrustGaps("r", trust(databricks))).toEqual([NO_EXTERNAL_ID]);
    expect(findTrustGaps("r", trust({ ...databricks, Condition: { StringEquals: { "sts:ExternalId": "" } } }))).toEqual([NO_EXTERNAL_ID]);
    expect(findTrustGaps("r", trust({ ...databricks, Condition: { StringLike: { "sts:ExternalId": "*" } } }))).toEqual([NO_EXTERNAL_ID]);
  });

  test("any role in Databricks' account, or the account id alone, counts as Databricks", () => {
    expect(findTrustGaps("r", trust({ ...databricks, Principal: { AWS: ["arn:aws:iam::414351767826:role/x"] } }))).toEqual([NO_EXTERNAL_ID]);
    expect(findTrustGaps("r", trust({ ...databricks, Principal: { AWS: "414351767826" } }))).toEqual([NO_EXTERNAL_ID]);
  });

  test("a role everyone may assume is reported, as text or as an object", () => {
    const everyone = { Sid: "Open", Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" };
    expect(findTrustGaps("r", trust(everyone))).toEqual(["Role 'r' can be assumed by any AWS principal (statement Open); name the account that needs it."]);
    expect(findTrustGaps("r", { Statement: [{ ...everyone, Principal: { AWS: "*" } }] })).toHaveLength(1);
    expect(findTrustGaps("r", trust({ ...everyone, Effect: "Deny" }))).toEqual([]);
  });
});

describe("aws-restrict-cross-account-trust, principals and conditions", () => {
  test("another AWS account, a service or no principal at all is not Databricks", () => {
    expect(findTrustGaps("r", trust({ ...databricks, Principal: { AWS: "arn:aws:iam::123456789012:root" } }))).toEqual([]);
    expect(findTrustGaps("r", trust({ ...databricks, Principal: { AWS: "4143517678260" } }))).toEqual([]);
    expect(findTrustGaps("r", trust({ ...databricks, Principal: undefined }))).toEqual([]);
  });

  test("a statement without a string Sid is reported without one", () => {
    const message = NO_EXTERNAL_ID.replace(" (statement Databricks)", "");
    expect(findTrustGaps("r", trust({ ...databricks, Sid: undefined }))).toEqual([message]);
    expect(findTrustGaps("r", trust({ ...databricks, Sid: 7 }))).toEqual([message]);
  });

  test("a blank external id is none, and one non-blank id among several is enough", () => {
    expect(findTrustGaps("r", trust({ ...databricks, Condition: { StringEquals: { "sts:ExternalId": "  " } } }))).toEqual([NO_EXTERNAL_ID]);
    expect(findTrustGaps("r", trust({ ...databricks, Condition: { StringEquals: { "sts:ExternalId": ["", ACCOUNT] } } }))).toEqual([]);
  });
});
