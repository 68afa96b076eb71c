/**
 * aws-require-pinned-provider, the region half (issue 19: `workspace.aws.region`): the stage's AWS provider, an AWS
 * resource's own `region`, a DynamoDB table's replicas and the AWS regions of the Databricks account registrations
 * must all be the policy config's `region`.
 */
import { awsRequirePinnedProvider } from "../../policies/rules/aws-require-pinned-provider";
import { DATABRICKS_REGION_TYPES, regionOf } from "../../policies/lib/aws-regions";
import { invokeRule } from "./invoke-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const ACCOUNT = "123456789012";
const CONFIG = { accountId: ACCOUNT, region: "us-east-1" };
const PINNED = { region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]` };
const TABLE = "aws:dynamodb/table:Table";
const provider = (props: Record<string, unknown>) => ({ type: "pulumi:providers:aws", name: "prod-mlops-aws", props });
const judge = (type: string, props: Record<string, unknown>, providerProps: Record<string, unknown> | undefined = PINNED, config: object = CONFIG) =>
  invokeRule(awsRequirePinnedProvider, { type, name: "store", props, ...(providerProps ? { provider: provider(providerProps) } : {}) }, config).violations;
const STAGE = "the stage's region 'us-east-1' (region in this stage's policy config)";
const databricks = (module: string, className: string) => `databricks:index/${module}:${className}`;

describe("aws-require-pinned-provider: the stage's region", () => {
  test("a resource on the stage's provider, with its own region equal to the stage's in another case, passes", () => {
    expect(judge(TABLE, {})).toEqual([]);
    expect(judge(TABLE, { region: " US-East-1 ", replicas: [] }, { ...PINNED, region: "us-east-1" })).toEqual([]);
    expect(judge(TABLE, { replicas: [{ regionName: "us-east-1" }] })).toEqual([]);
  });

  test("a provider in another region, or with no region (the environment's AWS_REGION decides), is refused with the resource", () => {
    expect(judge(TABLE, {}, { ...PINNED, region: "eu-west-1" })).toEqual([
      `Table 'store' is created by provider 'prod-mlops-aws', which deploys into region 'eu-west-1'; only ${STAGE} may be used.`,
    ]);
    expect(judge(TABLE, {}, { allowedAccountIds: PINNED.allowedAccountIds })).toEqual([
      `Table 'store' is created by provider 'prod-mlops-aws', which does not pin region, so it deploys into whatever region its environment names; pin it to ${STAGE}.`,
    ]);
  });

  test("a resource that sets its own region, or replicates to another region, is refused on the stage's provider", () => {
    expect(judge("aws:s3/bucket:Bucket", { region: "eu-west-1" })).toEqual([
      `Bucket 'store' sets region 'eu-west-1', so it is managed outside ${STAGE}; remove region (the stage's provider gives the region).`,
    ]);
    expect(judge(TABLE, { replicas: [{ regionName: "us-east-1" }, { regionName: "eu-west-1" }, {}] })).toEqual([
      `Table 'store' replicates its items to region 'eu-west-1' (replicas[].regionName), outside ${STAGE}; remove the replica.`,
      `Table 'store' replicates its items to region (not given as text) (replicas[].regionName), outside ${STAGE}; remove the replica.`,
    ]);
  });

  test("the provider resource itself: another region or none is refused", () => {
    const own = (props: Record<string, unknown>) => invokeRule(awsRequirePinnedProvider, { type: "pulumi:providers:aws", name: "prod-mlops-aws", props }, CONFIG).violations;
    expect(own(PINNED)).toEqual([]);
    expect(own({ ...PINNED, region: "us-west-2" })).toEqual([`AWS provider 'prod-mlops-aws' deploys into region 'us-west-2'; only ${STAGE} may be used.`]);
    expect(own({ allowedAccountIds: PINNED.allowedAccountIds })).toEqual([
      `AWS provider 'prod-mlops-aws' does not pin region, so it deploys into whatever region its environment names; pin it to ${STAGE}.`,
    ]);
  });

  test.each([
    [databricks("mwsWorkspaces", "MwsWorkspaces"), "MwsWorkspaces", { awsRegion: "eu-west-1" }, "awsRegion"],
    [databricks("mwsPrivateAccessSettings", "MwsPrivateAccessSettings"), "MwsPrivateAccessSettings", { region: "eu-west-1" }, "region"],
    [databricks("mwsVpcEndpoint", "MwsVpcEndpoint"), "MwsVpcEndpoint", { region: "eu-west-1" }, "region"],
    [databricks("mwsCustomerManagedKeys", "MwsCustomerManagedKeys"), "MwsCustomerManagedKeys", { awsKeyInfo: { keyArn: "arn", keyRegion: "eu-west-1" } }, "awsKeyInfo.keyRegion"],
    [databricks("mwsNetworkConnectivityConfig", "MwsNetworkConnectivityConfig"), "MwsNetworkConnectivityConfig", { region: "eu-west-1" }, "region"],
    [databricks("metastore", "Metastore"), "Metastore", { region: "eu-west-1" }, "region"],
  ])("a Databricks registration %s naming another region is refused", (type, display, props, where) => {
    expect(invokeRule(awsRequirePinnedProvider, { type, name: "ws", props }, CONFIG).violations).toEqual([
      `${display} 'ws' places the stage's workspace in AWS region 'eu-west-1' (${where}), outside ${STAGE}; set it to the stage's region, from \`workspace.aws.region\` in the stack file.`,
    ]);
  });

  test("Databricks registrations in the stage's region (any case), or without a region input, pass; a region that is no text is refused", () => {
    const ws = databricks("mwsWorkspaces", "MwsWorkspaces");
    expect(invokeRule(awsRequirePinnedProvider, { type: ws, name: "ws", props: { awsRegion: "US-EAST-1" } }, CONFIG)).toEqual({ violations: [] });
    expect(invokeRule(awsRequirePinnedProvider, { type: databricks("mwsCustomerManagedKeys", "MwsCustomerManagedKeys"), name: "k", props: { awsKeyInfo: { keyArn: "a" } } }, CONFIG)).toEqual({ violations: [] });
    expect(invokeRule(awsRequirePinnedProvider, { type: ws, name: "ws", props: { awsRegion: 7 } }, CONFIG).violations).toEqual([
      `MwsWorkspaces 'ws' places the stage's workspace in AWS region (not given as text) (awsRegion), outside ${STAGE}; set it to the stage's region, from \`workspace.aws.region\` in the stack file.`,
    ]);
    expect(DATABRICKS_REGION_TYPES).toHaveLength(6);
    expect(invokeRule(awsRequirePinnedProvider, { type: databricks("catalog", "Catalog") }, CONFIG).notApplicable).toBeDefined();
  });

  test("with no region in the policy config, every AWS resource, provider and Databricks registration is refused", () => {
    const none = "is placed in an AWS region, and this stage's policy config names no region, so no AWS region is trusted on this stage; a security reviewer names the stage's region there.";
    expect(judge(TABLE, {}, PINNED, { accountId: ACCOUNT })).toEqual([`Table 'store' ${none}`]);
    expect(invokeRule(awsRequirePinnedProvider, { type: "pulumi:providers:aws", name: "p", props: PINNED }, { accountId: ACCOUNT }).violations).toEqual([`AWS provider 'p' ${none}`]);
    expect(invokeRule(awsRequirePinnedProvider, { type: databricks("mwsWorkspaces", "MwsWorkspaces"), name: "ws", props: { awsRegion: "us-east-1" } }, {}).violations).toEqual([`MwsWorkspaces 'ws' ${none}`]);
  });

  test("a region unknown during preview fails closed, on the resource and on the registration", () => {
    expect(judge(TABLE, asValidationInputs({ region: UNKNOWN_STRING }))[0]).toMatch(/^Table 'store' cannot be checked during preview: .*region.* This rule fails closed/);
    const ws = invokeRule(awsRequirePinnedProvider, { type: databricks("mwsWorkspaces", "MwsWorkspaces"), name: "ws", props: asValidationInputs({ awsRegion: UNKNOWN_STRING }) }, CONFIG);
    expect(ws.violations[0]).toMatch(/^MwsWorkspaces 'ws' cannot be checked during preview: .*awsRegion.* This rule fails closed/);
    expect(regionOf(" EU-West-1 ")).toBe("eu-west-1");
    expect(regionOf("")).toBeUndefined();
  });
});

describe("aws-require-pinned-provider: region inputs in odd shapes", () => {
  const ws = databricks("mwsWorkspaces", "MwsWorkspaces");
  const keys = databricks("mwsCustomerManagedKeys", "MwsCustomerManagedKeys");
  const on = (type: string, props: Record<string, unknown>) => invokeRule(awsRequirePinnedProvider, { type, name: "r", props }, CONFIG).violations;

  test("a null region input or key info is no region; blank text is not a region", () => {
    expect(on(ws, { awsRegion: null })).toEqual([]);
    expect(on(keys, { awsKeyInfo: null })).toEqual([]);
    expect(on(keys, { awsKeyInfo: ["eu-west-1"] })).toEqual([]);
    expect(on(ws, { awsRegion: "  " })).toEqual([
      `MwsWorkspaces 'r' places the stage's workspace in AWS region (not given as text) (awsRegion), outside ${STAGE}; set it to the stage's region, from \`workspace.aws.region\` in the stack file.`,
    ]);
  });

  test("only a DynamoDB table's replicas are replicas; a replica entry that is no object names no region", () => {
    expect(judge("aws:s3/bucket:Bucket", { replicas: [{ regionName: "eu-west-1" }] })).toEqual([]);
    expect(judge(TABLE, { replicas: [null] })).toEqual([
      `Table 'store' replicates its items to region (not given as text) (replicas[].regionName), outside ${STAGE}; remove the replica.`,
    ]);
  });
});
