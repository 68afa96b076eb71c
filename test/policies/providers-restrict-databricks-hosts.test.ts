/**
 * providers-restrict-databricks-hosts: the account provider talks to the accounts console of the stage's account;
 * a workspace provider to a workspace this stack creates (its URL, or during the first preview a host derived from
 * it alone) or to an adopted workspace the policy config names. One compliant case per shape, one failing case per
 * way to break it.
 */
import { providersRestrictDatabricksHosts } from "../../policies/rules/providers-restrict-databricks-hosts";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { PROJECT, STACK, replaceStep, withInputs } from "./fixtures";
import { prodStage } from "./prod-stage";
import { policyConfigWithoutInventory } from "../support/policy-config";

const ACCOUNT = "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const CONFIG = { accountsHost: "https://accounts.cloud.databricks.com", accountId: ACCOUNT, workspaceHosts: ["https://dbc-1234abcd-5678.cloud.databricks.com"] };
const PROVIDER = "pulumi:providers:databricks";
const account = (props: Record<string, unknown> = { host: "https://accounts.cloud.databricks.com", accountId: ACCOUNT }) => stackResource(PROVIDER, "prod-mlops-account", props);
const workspace = (props: Record<string, unknown> = { workspaceName: "prod-mlops" }) => stackResource("databricks:index/mwsWorkspaces:MwsWorkspaces", "prod-mlops-workspace", props);
const workspaceProvider = (host: unknown, from: ReturnType<typeof stackResource>[] = []) =>
  stackResource(PROVIDER, "prod-mlops-ws", host === undefined ? {} : { host }, { propertyDependsOn: { host: from } });
const messages = (resources: ReturnType<typeof stackResource>[], config: object = CONFIG) =>
  invokeStackRule(providersRestrictDatabricksHosts, resources, config).violations.map((v) => v.message);

describe("providers-restrict-databricks-hosts", () => {
  test("the stage's account provider, and a workspace provider built from the created workspace's URL, pass", () => {
    const ws = workspace({ workspaceName: "prod-mlops", workspaceUrl: "https://dbc-9f8e7d6c-1a2b.cloud.databricks.com" });
    expect(messages([account(), ws, workspaceProvider("https://dbc-9f8e7d6c-1a2b.cloud.databricks.com/", [ws])])).toEqual([]);
  });

  test("a created workspace whose URL the pack does not see: a host from it alone, shaped as an AWS workspace URL, passes; another shape is refused", () => {
    const ws = workspace();
    expect(messages([account(), ws, workspaceProvider("https://prod-mlops.cloud.databricks.com", [ws])])).toEqual([]);
    expect(messages([ws, workspaceProvider("https://prod-mlops.example.net", [ws])])).toEqual([
      "Databricks provider 'prod-mlops-ws' manages 'https://prod-mlops.example.net', derived from a workspace this stack creates but not a workspace host of Databricks on AWS " +
        "(https://<name>.cloud.databricks.com); use the workspace's workspaceUrl.",
    ]);
  });

  test("a host unknown during a first preview passes when it comes from the stack's workspace alone, and is refused otherwise", () => {
    const ws = workspace();
    const unknownHost = (from: ReturnType<typeof stackResource>[]) =>
      stackResource(PROVIDER, "prod-mlops-ws", asValidationInputs({ host: UNKNOWN_STRING }), { propertyDependsOn: { host: from } });
    expect(messages([ws, unknownHost([ws])])).toEqual([]);
    const other = stackResource("databricks:index/mwsNetworks:MwsNetworks", "net");
    for (const from of [[], [ws, other]]) {
      expect(messages([ws, unknownHost(from)])).toEqual([
        "Databricks provider 'prod-mlops-ws' has a host unknown during preview that does not come from a workspace this stack creates (MwsWorkspaces) alone, so the pack cannot tell " +
          "which workspace it manages; derive it from the stage's workspace, or name an adopted workspace's host literally.",
      ]);
    }
  });

  test("an adopted workspace the policy config names passes; another workspace's host is refused", () => {
    expect(messages([workspaceProvider("https://DBC-1234abcd-5678.cloud.databricks.com")])).toEqual([]);
    expect(messages([workspaceProvider("https://dev-mlops.cloud.databricks.com")])).toEqual([
      "Databricks provider 'prod-mlops-ws' manages the workspace at 'https://dev-mlops.cloud.databricks.com', which is neither the URL of a workspace this stack creates nor an adopted " +
        "workspace of this stage: the adopted workspaces are 'https://dbc-1234abcd-5678.cloud.databricks.com' (workspaceHosts).",
    ]);
    // Derived from the created workspace but not its URL (e.g. interpolated into another host): refused once the URL is known.
    const ws = workspace({ workspaceUrl: "https://dbc-9f8e7d6c-1a2b.cloud.databricks.com" });
    expect(messages([ws, workspaceProvider("https://dev-mlops.cloud.databricks.com", [ws])], { ...CONFIG, workspaceHosts: undefined })).toEqual([
      "Databricks provider 'prod-mlops-ws' manages the workspace at 'https://dev-mlops.cloud.databricks.com', which is neither the URL of a workspace this stack creates nor an adopted " +
        "workspace of this stage: the policy config names no adopted workspace (workspaceHosts).",
    ]);
  });

  test("a workspace provider without a host lets the environment choose, and is refused", () => {
    expect(messages([workspaceProvider(undefined)])).toEqual(["Databricks provider 'prod-mlops-ws' sets no host, so the deploying environment chooses the workspace; set the stage's workspace host."]);
  });

  test("an account provider of another account, another host, or with no account trusted, is refused", () => {
    expect(messages([account({ host: "https://accounts.cloud.databricks.com", accountId: "11111111-2222-4333-8444-555555555555" })])).toEqual([
      `Databricks provider 'prod-mlops-account' manages the Databricks account '11111111-2222-4333-8444-555555555555'; only the stage's account '${ACCOUNT}' (accountId in this stage's policy config) is trusted.`,
    ]);
    expect(messages([account({ host: "https://accounts.evil.example", accountId: ACCOUNT })])).toEqual([
      "Databricks provider 'prod-mlops-account' manages the account through host 'https://accounts.evil.example'; only the accounts console 'https://accounts.cloud.databricks.com' (accountsHost in this stage's policy config) is trusted.",
    ]);
    expect(messages([account({ accountId: ACCOUNT })])).toEqual([
      "Databricks provider 'prod-mlops-account' manages the account through host (none: the environment would choose); only the accounts console 'https://accounts.cloud.databricks.com' (accountsHost in this stage's policy config) is trusted.",
    ]);
    expect(messages([account()], { accountsHost: "https://accounts.cloud.databricks.com" })).toEqual([
      "Databricks provider 'prod-mlops-account' manages a Databricks account, and this stage's policy config names no accountId, so no account is trusted on this stage; a security reviewer names it there.",
    ]);
  });

  test("a stack without a Databricks provider is not the rule's", () => {
    expect(invokeStackRule(providersRestrictDatabricksHosts, [workspace()], CONFIG).notApplicable).toBe("Policy only applies to stacks with a 'pulumi:providers:databricks'");
  });
});

describe("the provider rules through the launched pack, on the recorded prod stage", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
  });
  afterAll(async () => {
    await session?.close();
  });

  test("a workspace provider moved to another workspace and given a token is refused by both provider rules, mandatory", async () => {
    const stage = await prodStage();
    await session.configureFromFile(policyConfigWithoutInventory("prod"));
    expect((await session.evaluate(stage.all)).violations).toEqual([]);
    const moved = withInputs(stage.provider, { host: "https://dbc-dev00001-0001.cloud.databricks.com", token: "dapi-hostile" });
    const outcome = await session.evaluate(replaceStep(stage.all, moved));
    expect(outcome.violations.map((v) => [v.policyName, v.enforcementLevel, v.urn, v.message.split("\n")[1]])).toEqual([
      [
        "providers-forbid-credentials",
        "mandatory",
        moved.urn,
        "Provider 'prod-mlops-workspace' (pulumi:providers:databricks) sets 'token': a credential among a provider's inputs is kept in the state and set by the program " +
          "or the stack file; take it from the deploying environment (environment variables, or a Pulumi ESC environment's environmentVariables) instead.",
      ],
      [
        "providers-restrict-databricks-hosts",
        "mandatory",
        moved.urn,
        "Databricks provider 'prod-mlops-workspace' manages the workspace at 'https://dbc-dev00001-0001.cloud.databricks.com', which is neither the URL of a workspace this " +
          "stack creates nor an adopted workspace of this stage: the adopted workspaces are 'https://dbc-prd00001-0003.cloud.databricks.com' (workspaceHosts).",
      ],
    ]);
    // The token never reaches a message.
    expect(JSON.stringify(outcome.violations)).not.toContain("dapi-hostile");
  });
});
