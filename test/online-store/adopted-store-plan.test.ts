/**
 * The offline plan of a prod stage that adopts its workspace and publishes to an online store: with its AWS
 * account named in the stack file (workspace.aws), the store's AWS resources come through the stage's pinned
 * provider and pass aws-require-pinned-provider, which the pack makes mandatory on prod. The same stack against
 * a policy config naming another account fails on exactly those resources, so the pass is the rule's verdict.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument } from "../../tools/plan/types";
import { type CliRun, runPlanCli } from "../plan/run-cli";
import { policyConfigWithoutInventory } from "../support/policy-config";
import { AWS_ACCOUNT_ID } from "../support/stage-configs";

const STACK_FILE = "test/fixtures/Pulumi.adopted-store-prod.yaml";
const OTHER_ACCOUNT = "210987654321";
const STORE = ["prod-mlops-online-store-key", "prod-mlops-online-store-key-alias", "prod-mlops-online-store-table", "prod-mlops-online-store-publisher"];

let pinned: CliRun;
let otherAccount: CliRun;
let scratch: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "adopted-store-"));
  const config = JSON.parse(fs.readFileSync(policyConfigWithoutInventory("prod"), "utf8")) as Record<string, Record<string, unknown>>;
  expect(config["aws-require-pinned-provider"].accountId).toBe(AWS_ACCOUNT_ID);
  const other = path.join(scratch, "prod.json");
  fs.writeFileSync(other, JSON.stringify({ ...config, "aws-require-pinned-provider": { ...config["aws-require-pinned-provider"], accountId: OTHER_ACCOUNT } }));
  const plan = (policyConfig: string) => runPlanCli(["--stack", "prod", "--config-file", STACK_FILE, "--policy-pack-config", policyConfig, "--json"]);
  [pinned, otherAccount] = await Promise.all([plan(policyConfigWithoutInventory("prod")), plan(other)]);
}, 120000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("an adopted prod stage naming its AWS account plans its online store on the pinned provider with no finding at any level", () => {
  expect([pinned.code, pinned.stderr]).toEqual([0, ""]);
  const d = JSON.parse(pinned.stdout) as PlanDocument;
  expect(d.policyViolations).toEqual([]);
  const providers = d.steps.filter((s) => s.type === "pulumi:providers:aws");
  expect(providers.map((s) => [s.name, s.inputs.region, s.inputs.allowedAccountIds])).toEqual([["prod-mlops-aws", "us-east-1", `["${AWS_ACCOUNT_ID}"]`]]);
  const aws = d.steps.filter((s) => s.type.startsWith("aws:"));
  expect(aws.map((s) => s.name).sort()).toEqual([...STORE].sort());
  for (const step of aws) expect(step.provider.startsWith(`${providers[0].urn}::`)).toBe(true);
});

test("against a policy config naming another AWS account, exactly the store's provider and resources are refused, mandatory", () => {
  expect(otherAccount.code).toBe(1);
  const violations = (JSON.parse(otherAccount.stdout) as PlanDocument).policyViolations;
  // The store's provider itself is judged too, then each resource it creates.
  expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.urn.split("::").pop()])).toEqual(
    ["prod-mlops-aws", ...STORE].map((name) => ["aws-require-pinned-provider", "mandatory", name]),
  );
  expect(violations[0].message.split("\n")[1]).toBe(
    `AWS provider 'prod-mlops-aws' allows the AWS account(s) '${AWS_ACCOUNT_ID}'; only the stage's account '${OTHER_ACCOUNT}' (accountId in this stage's policy config) may be allowed.`,
  );
  expect(violations[1].message.split("\n")[1]).toBe(
    `Key 'prod-mlops-online-store-key' is created by provider 'prod-mlops-aws', which allows the AWS account(s) '${AWS_ACCOUNT_ID}'; ` +
      `only the stage's account '${OTHER_ACCOUNT}' (accountId in this stage's policy config) may be allowed.`,
  );
});
