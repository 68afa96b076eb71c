/**
 * The CI identities program, run under Pulumi's mock runtime with its example stack: per stage, roles that
 * trust exactly their job's OIDC subject, the preview role capped by its read-only boundary, a preview
 * service principal that is a workspace user with no grant, ACL or role, and deploy identities on the
 * deployed stages only. Its config is validated with errors that name the key.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { driftPolicy, previewPolicy } from "../../ci-identities/aws-preview-policy";
import { parseCiIdentitiesConfig } from "../../ci-identities/config";
import { PREVIEW_DATABRICKS_RIGHTS } from "../../ci-identities/databricks-preview-rights";
import { githubSubject } from "../../ci-identities/github-oidc";
import { installMockRuntime } from "../../tools/plan/mock-runtime";
import { readProjectFile, readStackFile, toRuntimeConfig } from "../../tools/plan/stack-config";
import type { PlannedStep } from "../../tools/plan/types";

const DIR = path.resolve(__dirname, "..", "..", "ci-identities");
const REPO = "acme/databricks-mlops";
let steps: PlannedStep[];

beforeAll(async () => {
  const project = readProjectFile(DIR);
  const runtime = toRuntimeConfig(project.name, "example", project.config, readStackFile(path.join(DIR, "Pulumi.example.yaml")));
  const recording = installMockRuntime({ project: project.name, stack: "example", config: runtime.config, secretKeys: [] });
  await pulumi.runtime.runInPulumiStack(async () => {
    require("../../ci-identities/index");
    return {};
  });
  await pulumi.runtime.disconnect();
  steps = recording.steps;
}, 60000);

const named = (type: string, name: string) => {
  const found = steps.filter((s) => s.type === type && s.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const ofType = (type: string) => steps.filter((s) => s.type === type).map((s) => s.name).sort();
interface Trust {
  Statement: { Effect: string; Principal: unknown; Action: unknown; Condition: Record<string, Record<string, string>> }[];
}
/** The role's trust policy, held to its one shape: GitHub's provider of the account, web identity only, exact claims. */
function trustOf(step: PlannedStep, awsAccountId: string): Trust {
  const trust = JSON.parse(String(step.inputs.assumeRolePolicy)) as Trust;
  expect(trust.Statement).toHaveLength(1);
  const [statement] = trust.Statement;
  expect([statement.Effect, statement.Principal, statement.Action, Object.keys(statement.Condition)]).toEqual([
    "Allow",
    { Federated: `arn:aws:iam::${awsAccountId}:oidc-provider/token.actions.githubusercontent.com` },
    "sts:AssumeRoleWithWebIdentity",
    ["StringEquals"],
  ]);
  return trust;
}
const ACCOUNTS = { dev: "111111111111", staging: "222222222222", prod: "333333333333" } as const;

test("declares only identities: no resource of a stage stack", () => {
  expect([...new Set(steps.filter((s) => s.custom).map((s) => s.type))].sort()).toEqual([
    "aws:iam/policy:Policy",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "databricks:index/mwsPermissionAssignment:MwsPermissionAssignment",
    "databricks:index/servicePrincipal:ServicePrincipal",
    "databricks:index/servicePrincipalFederationPolicy:ServicePrincipalFederationPolicy",
    "pulumi:providers:aws",
    "pulumi:providers:databricks",
  ]);
});

test("a preview role per stage, and a drift and a deploy role for staging and prod only", () => {
  expect(ofType("aws:iam/role:Role")).toEqual(["ci-dev-preview", "ci-prod-deploy", "ci-prod-drift", "ci-prod-preview", "ci-staging-deploy", "ci-staging-drift", "ci-staging-preview"]);
});

test.each(["staging", "prod"] as const)("%s: the drift role trusts only the drift environment's job, reads as the preview does plus bucket listing, capped by the same document", (stage) => {
  const role = named("aws:iam/role:Role", `ci-${stage}-drift`);
  expect(trustOf(role, ACCOUNTS[stage]).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe(`repo:${REPO}:environment:drift-${stage}`);
  expect(role.propertyDependencies.permissionsBoundary).toEqual([named("aws:iam/policy:Policy", `ci-${stage}-drift-boundary`).urn]);
  expect(JSON.parse(String(named("aws:iam/policy:Policy", `ci-${stage}-drift-boundary`).inputs.policy))).toEqual(driftPolicy());
  expect(JSON.parse(String(named("aws:iam/rolePolicy:RolePolicy", `ci-${stage}-drift-read`).inputs.policy))).toEqual(driftPolicy());
  // The drift check signs in to Databricks as the read-only preview principal, federated for its own subject.
  const federation = named("databricks:index/servicePrincipalFederationPolicy:ServicePrincipalFederationPolicy", `ci-${stage}-drift-github`);
  expect(federation.inputs.oidcPolicy).toEqual({ issuer: "https://token.actions.githubusercontent.com", subject: githubSubject(REPO, "drift", stage) });
  expect(federation.propertyDependencies.servicePrincipalId).toEqual([named("databricks:index/servicePrincipal:ServicePrincipal", `ci-${stage}-preview`).urn]);
});

test.each(["dev", "staging", "prod"] as const)("%s: the preview role trusts only its preview environment's job, read-only and capped by the same document", (stage) => {
  const role = named("aws:iam/role:Role", `ci-${stage}-preview`);
  expect(trustOf(role, ACCOUNTS[stage]).Statement[0].Condition.StringEquals).toEqual({
    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
    "token.actions.githubusercontent.com:sub": `repo:${REPO}:environment:preview-${stage}`,
  });
  expect(role.inputs.maxSessionDuration).toBe(3600);
  expect(role.propertyDependencies.permissionsBoundary).toEqual([named("aws:iam/policy:Policy", `ci-${stage}-preview-boundary`).urn]);
  expect(JSON.parse(String(named("aws:iam/policy:Policy", `ci-${stage}-preview-boundary`).inputs.policy))).toEqual(previewPolicy());
  expect(JSON.parse(String(named("aws:iam/rolePolicy:RolePolicy", `ci-${stage}-preview-read`).inputs.policy))).toEqual(previewPolicy());
  // The preview role gets no attached policy: only the deploy roles do.
  expect(ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((n) => n.includes("preview"))).toEqual([]);
});

test.each(["staging", "prod"] as const)("%s: the deploy role trusts only the deploy job's environment and holds the stage's deploy policies", (stage) => {
  expect(trustOf(named("aws:iam/role:Role", `ci-${stage}-deploy`), ACCOUNTS[stage]).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe(
    `repo:${REPO}:environment:${stage}`,
  );
  expect(named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `ci-${stage}-deploy-0`).inputs.policyArn).toBe(`arn:aws:iam::${ACCOUNTS[stage]}:policy/mlops-${stage}-deploy`);
});

test("the Databricks preview principals: workspace users of their stage, federated to the preview job, with no grant, ACL, role or entitlement", () => {
  expect(PREVIEW_DATABRICKS_RIGHTS).toEqual({ workspacePermissions: ["USER"], accountRoles: [], unityCatalogGrants: [], objectPermissions: [], entitlements: [] });
  for (const stage of ["dev", "staging", "prod"] as const) {
    const sp = named("databricks:index/servicePrincipal:ServicePrincipal", `ci-${stage}-preview`);
    expect(Object.keys(sp.inputs).filter((k) => k.startsWith("allow") || k.endsWith("Access") || k === "workspaceConsume")).toEqual([]);
    const assignment = named("databricks:index/mwsPermissionAssignment:MwsPermissionAssignment", `ci-${stage}-preview-workspace`);
    expect(assignment.inputs.permissions).toEqual(["USER"]);
    expect(assignment.propertyDependencies.principalId).toEqual([sp.urn]);
    const federation = named("databricks:index/servicePrincipalFederationPolicy:ServicePrincipalFederationPolicy", `ci-${stage}-preview-github`);
    expect(federation.inputs.oidcPolicy).toEqual({ issuer: "https://token.actions.githubusercontent.com", subject: githubSubject(REPO, "preview", stage) });
  }
  for (const type of ["Grants", "Grant", "Permissions", "ServicePrincipalRole", "Entitlements", "PermissionAssignment"]) {
    expect(steps.filter((s) => s.type === `databricks:index/${type[0].toLowerCase()}${type.slice(1)}:${type}`)).toEqual([]);
  }
});

test("the deploy service principals get a federation policy for their stage's deploy environment only", () => {
  const federation = named("databricks:index/servicePrincipalFederationPolicy:ServicePrincipalFederationPolicy", "ci-prod-deploy-github");
  expect(federation.inputs).toMatchObject({ servicePrincipalId: 3000000000000001, oidcPolicy: { subject: `repo:${REPO}:environment:prod` } });
  expect(steps.filter((s) => ["ci-dev-deploy-github", "ci-dev-drift-github", "ci-dev-drift"].includes(s.name))).toEqual([]);
});

describe("the config", () => {
  const valid = { repository: REPO, databricksAccountId: "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b", stages: {} };
  const stage = { awsAccountId: "222222222222", awsRegion: "us-east-1", workspaceId: "2222" };

  test("a deployed stage without its deploy identities: both keys named", () => {
    expect(() => parseCiIdentitiesConfig({ ...valid, stages: { staging: stage } }, "ci")).toThrow(
      "  - databricks-mlops-ci-identities:stages.staging.deployPolicyArns: missing; required for staging, which deploy.yml deploys",
    );
    expect(() => parseCiIdentitiesConfig({ ...valid, stages: { staging: stage } }, "ci")).toThrow("stages.staging.deployServicePrincipalId: missing");
    expect(parseCiIdentitiesConfig({ ...valid, stages: { dev: stage } }, "ci").stages.dev).toEqual(stage);
  });

  test.each([
    ["repository", { ...valid, repository: "databricks-mlops" }, 'databricks-mlops-ci-identities:repository: got "databricks-mlops"; expected the GitHub repository as <owner>/<name>'],
    ["a stage that does not exist", { ...valid, stages: { qa: stage } }, "databricks-mlops-ci-identities:stages.qa: got"],
    ["an unquoted AWS account", { ...valid, stages: { dev: { ...stage, awsAccountId: 222222222222 } } }, "stages.dev.awsAccountId: got 222222222222; expected the 12-digit AWS account id"],
    ["a policy that is not an ARN", { ...valid, stages: { staging: { ...stage, deployPolicyArns: ["AdministratorAccess"], deployServicePrincipalId: "1" } } }, "stages.staging.deployPolicyArns[0]"],
  ])("%s: refused, naming the key", (_, raw, message) => {
    expect(() => parseCiIdentitiesConfig(raw, "ci")).toThrow(message);
  });
});
