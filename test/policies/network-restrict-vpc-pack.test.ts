/**
 * network-restrict-vpc through the launched pack, as the Pulumi CLI runs it: the shipped prod stack passes, and
 * each pull request of issue 19 (appended to the prod program with an AWS provider pinned to the stage's account,
 * which every one passed before this rule) is refused as mandatory.
 */
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { PROJECT, STACK, plannedStep } from "./fixtures";
import { recordShippedStage } from "../support/shipped-stage";

const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RT = "aws:ec2/routeTable:RouteTable";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ALIAS = "aws:kms/alias:Alias";

describe("network-restrict-vpc through the launched pack", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
    await session.configureFromDocument({ all: "disabled", "network-restrict-vpc": "mandatory" });
  });
  afterAll(async () => {
    await session?.close();
  });

  test("the shipped prod stack passes; each pull request of issue 19, on a provider pinned to the stage's account, is refused as mandatory", async () => {
    const shipped = await recordShippedStage("prod");
    expect((await session.analyzeStack(shipped)).violations).toEqual([]);
    const provider = plannedStep("pulumi:providers:aws", "evil", undefined, { region: "us-east-1", allowedAccountIds: '["123456789012"]' });
    const on = { provider: `${provider.urn}::evil-id` };
    const requests = [
      plannedStep(SG, "x", undefined, { vpcId: "vpc-1", ingress: [{ fromPort: 0, toPort: 65535, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] }, on),
      plannedStep(RT, "x", undefined, { vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-evil" }] }, on),
      plannedStep(SUBNET, "x", undefined, { vpcId: "vpc-1", cidrBlock: "10.6.9.0/24", mapPublicIpOnLaunch: true }, on),
      plannedStep(ENDPOINT, "x", undefined, { vpcId: "vpc-1", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-evil", vpcEndpointType: "Interface" }, on),
      plannedStep(ALIAS, "x", undefined, { name: "alias/prod-mlops-catalog-storage", targetKeyId: "evil-key" }, on),
    ];
    for (const request of requests) {
      const outcome = await session.analyzeStack([...shipped, provider, request]);
      expect([request.type, [...new Set(outcome.violations.map((v) => `${v.policyName} ${v.enforcementLevel} ${v.urn}`))]]).toEqual([
        request.type,
        [`network-restrict-vpc mandatory ${request.urn}`],
      ]);
    }
  });
});
