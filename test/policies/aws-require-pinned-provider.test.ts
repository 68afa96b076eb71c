/**
 * aws-require-pinned-provider: an AWS resource passes only with an AWS provider whose allowedAccountIds is the
 * stage's account. First the rule object with each provider shape, then through the launched pack with the
 * provider resource the plan sends beside the resource, as the engine does.
 */
import * as path from "path";
import { allowedAccountIdsOf, awsRequirePinnedProvider } from "../../policies/rules/aws-require-pinned-provider";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { PROJECT, STACK, plannedStep } from "./fixtures";
import { invokeRule } from "./invoke-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const ACCOUNT = "123456789012";
const CONFIG = { accountId: ACCOUNT, region: "us-east-1" };
const BUCKET = "aws:s3/bucket:Bucket";
const provider = (props: Record<string, unknown>, type = "pulumi:providers:aws") => ({ type, name: "prod-mlops-aws", props });
const check = (props: Record<string, unknown> | undefined, config: object = CONFIG, type = BUCKET) =>
  invokeRule(awsRequirePinnedProvider, { type, name: "store", props: {}, ...(props ? { provider: provider(props) } : {}) }, config).violations;

describe("aws-require-pinned-provider", () => {
  test("a provider pinned to the stage's account passes, as the SDK sends it (JSON text) or as a list", () => {
    expect(check({ region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]`, skipRequestingAccountId: "false" })).toEqual([]);
    expect(check({ region: "us-east-1", allowedAccountIds: [` ${ACCOUNT} `] })).toEqual([]);
    expect(check({ region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]` }, CONFIG, "aws:dynamodb/table:Table")).toEqual([]);
  });

  test("a resource without a provider, or with a provider of another package, is refused", () => {
    expect(check(undefined)).toEqual([
      `Bucket 'store' reaches the pack without a provider, so nothing pins it to the stage's AWS account '${ACCOUNT}' (accountId in this stage's policy config); ` +
        "create it with the stage's AWS provider (`allowedAccountIds` set to the stage's account), as the program's own AWS resources are.",
    ]);
    const native = invokeRule(awsRequirePinnedProvider, { type: "aws-native:s3:Bucket", name: "store", provider: provider({ allowedAccountIds: [ACCOUNT] }, "pulumi:providers:aws-native") }, CONFIG);
    expect(native.violations).toEqual([
      `Bucket 'store' is created by provider 'prod-mlops-aws' of type 'pulumi:providers:aws-native', whose account guard the pack does not know, so nothing pins it to the stage's AWS account '${ACCOUNT}'; ` +
        "create it with the stage's AWS provider (`allowedAccountIds` set to the stage's account), as the program's own AWS resources are.",
    ]);
  });

  test.each([
    ["no allowedAccountIds", {}],
    ["an empty list", { allowedAccountIds: "[]" }],
    ["JSON null (the SDK's text for an unset list)", { allowedAccountIds: "null" }],
    ["text that is no list", { allowedAccountIds: ACCOUNT }],
  ])("a provider with %s is refused", (_, props) => {
    expect(check({ region: "us-east-1", ...props })).toEqual([
      `Bucket 'store' is created by provider 'prod-mlops-aws', which does not pin allowedAccountIds, so it deploys into whatever account its credentials reach; ` +
        `pin it to '${ACCOUNT}' (accountId in this stage's policy config).`,
    ]);
  });

  test("a provider that allows another account beside the stage's, or skips asking for its account, is refused", () => {
    expect(check({ region: "us-east-1", allowedAccountIds: `["${ACCOUNT}","210987654321"]` })).toEqual([
      "Bucket 'store' is created by provider 'prod-mlops-aws', which allows the AWS account(s) '210987654321'; only the stage's account " +
        `'${ACCOUNT}' (accountId in this stage's policy config) may be allowed.`,
    ]);
    expect(check({ region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]`, skipRequestingAccountId: "true" })).toEqual([
      "Bucket 'store' is created by provider 'prod-mlops-aws', which sets skipRequestingAccountId, so it never learns which account its credentials " +
        "belong to and the account pin cannot hold; remove it.",
    ]);
  });

  test("with no account in the policy config every AWS resource is refused; other packages' resources are not the rule's", () => {
    expect(check({ region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]` }, { region: "us-east-1" })).toEqual([
      "Bucket 'store' is an AWS resource, and this stage's policy config names no accountId, so no AWS account is trusted on this stage; a security reviewer names the stage's account there.",
    ]);
    expect(invokeRule(awsRequirePinnedProvider, { type: "databricks:index/catalog:Catalog" }, CONFIG)).toEqual({
      violations: [],
      notApplicable: "Policy only applies to resources whose type starts with 'aws:', 'aws-native:'",
    });
    expect(invokeRule(awsRequirePinnedProvider, { type: "awsx:ec2:Vpc" }, CONFIG).notApplicable).toBeDefined();
  });

  test("an allowedAccountIds unknown during preview fails closed", () => {
    // The provider's inputs reach a rule through the SDK's unknown-checking proxy, as a resource's do.
    const props = asValidationInputs({ region: "us-east-1", allowedAccountIds: UNKNOWN_STRING });
    expect(check(props)[0]).toMatch(/^Bucket 'store' cannot be checked during preview: string value at \.allowedAccountIds can't be known during preview\. This rule fails closed/);
    expect(allowedAccountIdsOf("{")).toBeUndefined();
    expect(allowedAccountIdsOf([1])).toEqual(["1"]);
  });
});

describe("aws-require-pinned-provider through the launched pack", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
    await session.configureFromDocument({ all: "disabled", "aws-require-pinned-provider": { enforcementLevel: "mandatory", ...CONFIG } });
  });
  afterAll(async () => {
    await session?.close();
  });

  test("the provider the plan sends with a resource decides: pinned passes, another account and no provider are refused", async () => {
    const pinned = plannedStep("pulumi:providers:aws", "stage-aws", undefined, { region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]` });
    const other = plannedStep("pulumi:providers:aws", "other-aws", undefined, { region: "us-east-1", allowedAccountIds: '["210987654321"]' });
    const on = (p: typeof pinned, name: string) => plannedStep(BUCKET, name, undefined, { bucket: name }, { provider: `${p.urn}::${name}-provider-id` });
    const steps = [pinned, other];
    expect((await session.analyze(on(pinned, "kept"), [...steps, on(pinned, "kept")])).violations).toEqual([]);
    const wrong = await session.analyze(on(other, "moved"), [...steps, on(other, "moved")]);
    expect(wrong.violations.map((v) => [v.policyName, v.enforcementLevel])).toEqual([["aws-require-pinned-provider", "mandatory"]]);
    expect(wrong.violations[0].message).toContain("which allows the AWS account(s) '210987654321'");
    const bare = await session.analyze(plannedStep(BUCKET, "bare", undefined, { bucket: "bare" }));
    expect(bare.violations[0].message).toContain("Bucket 'bare' reaches the pack without a provider");
  });

  describe("the AWS provider resource itself", () => {
    const PINNED = { region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]`, skipCredentialsValidation: "false", skipRegionValidation: "true" };
    const judge = (props: Record<string, unknown>, config: object = CONFIG) =>
      invokeRule(awsRequirePinnedProvider, { type: "pulumi:providers:aws", name: "prod-mlops-aws", props }, config);

    test("the stage's provider as the program declares it passes (skipRegionValidation only skips the region-name list)", () => {
      expect(judge(PINNED)).toEqual({ violations: [] });
      expect(judge({ ...PINNED, endpoints: "null", insecure: "false", skipMetadataApiCheck: "true" })).toEqual({ violations: [] });
    });

    test.each([
      ["custom endpoints", { endpoints: '[{"s3":"https://s3.example.net"}]' }, "AWS provider 'prod-mlops-aws' sets custom endpoints, so the stage's AWS calls, signed with its credentials, go to hosts the pack does not know; remove endpoints."],
      ["TLS verification off", { insecure: "true" }, "AWS provider 'prod-mlops-aws' sets insecure, so it accepts any TLS certificate and anyone on the path can read or change its calls; remove it."],
      ["skipped credentials validation", { skipCredentialsValidation: "true" }, "AWS provider 'prod-mlops-aws' sets skipCredentialsValidation, so it never checks whose credentials it holds before it acts; remove it."],
      ["a skipped account lookup", { skipRequestingAccountId: "true" }, "AWS provider 'prod-mlops-aws' sets skipRequestingAccountId, so it never learns which account its credentials belong to and the account pin cannot hold; remove it."],
      ["another CA bundle", { customCaBundle: "-----BEGIN CERTIFICATE-----" }, "AWS provider 'prod-mlops-aws' sets customCaBundle, so it trusts certificates of another authority for AWS's hosts; remove it."],
      ["another metadata endpoint", { ec2MetadataServiceEndpoint: "http://169.254.1.1" }, "AWS provider 'prod-mlops-aws' sets ec2MetadataServiceEndpoint, so it may take its credentials from another host than the instance's metadata service; remove it."],
      ["another account beside the stage's", { allowedAccountIds: `["${ACCOUNT}","210987654321"]` }, `AWS provider 'prod-mlops-aws' allows the AWS account(s) '210987654321'; only the stage's account '${ACCOUNT}' (accountId in this stage's policy config) may be allowed.`],
      ["no pin", { allowedAccountIds: undefined }, `AWS provider 'prod-mlops-aws' does not pin allowedAccountIds, so it deploys into whatever account its credentials reach; pin it to '${ACCOUNT}' (accountId in this stage's policy config).`],
    ])("a provider with %s is refused", (_label, change, message) => {
      expect(judge({ ...PINNED, ...change }).violations).toEqual([message]);
    });

    test("with no account in the policy config the provider is refused too", () => {
      expect(judge(PINNED, { region: "us-east-1" }).violations).toEqual([
        "AWS provider 'prod-mlops-aws' is an AWS provider, and this stage's policy config names no accountId, so no AWS account is trusted on this stage; a security reviewer names the stage's account there.",
      ]);
    });
  });
});
