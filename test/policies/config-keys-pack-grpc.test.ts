/**
 * Every stack config key that names an identity or a place, changed in a prod stack file to a value the reviewers'
 * policy config does not trust, is refused on prod by a named rule of the launched pack (issue 19, point 4). The
 * keys without a row here are listed, with why, in docs/security-reviewer.md ("Stack config keys that name
 * identities or places").
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { REPOSITORY } from "../pipelines/fixtures";
import { policyConfigWithoutInventory } from "../support/policy-config";
import { recordStage } from "../support/record-stage";
import { rawCreated, rawProd } from "../support/stage-configs";
import { PROJECT, STACK } from "./fixtures";

const PACK_DIR = path.resolve(__dirname, "../../policies");
let session: PolicyPackSession;

beforeAll(async () => {
  session = await PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK });
  await session.configureFromFile(policyConfigWithoutInventory("prod"));
});

afterAll(async () => {
  await session?.close();
});

/** A prod project like the shipped one: serving, monitoring with alerts, and an online store with its publisher role. */
function project(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "mlops",
    repository: { url: REPOSITORY },
    notifications: { emails: ["mlops-ml-engineers@example.com"] },
    serving: { workloadSize: "Small", rateLimits: { callsPerMinute: 1000 } },
    monitoring: { problemType: "classification" },
    alerts: { quality: { metric: "accuracy_score", threshold: 0.8 } },
    onlineStore: { keyColumn: { name: "customer_id" }, publisherRoleName: "prod-mlops-batch-inference" },
    ...overrides,
  };
}

/** The prod stack file the rows change one key of. */
const base = (): Record<string, unknown> => ({ ...rawCreated("prod"), mlProjects: [project()] });

/** The distinct (rule, level) pairs of the mandatory violations of the recorded stage, and one message per rule. */
async function refusals(raw: Record<string, unknown>): Promise<Record<string, string>> {
  const outcome = await session.evaluate(await recordStage(raw, "prod"));
  const byRule: Record<string, string> = {};
  for (const v of outcome.violations) {
    expect(v.enforcementLevel).toBe("mandatory");
    byRule[v.policyName] ??= v.message.split("\n")[1];
  }
  return byRule;
}

const withProject = (overrides: Record<string, unknown>) => ({ ...base(), mlProjects: [project(overrides)] });

test("the baseline prod stack file passes every rule", async () => {
  expect(await refusals(base())).toEqual({});
}, 60000);

const rows: [string, () => Record<string, unknown>, Record<string, string>][] = [
  [
    "groups.dataScientists",
    () => ({ ...base(), groups: { dataScientists: "contractors", mlEngineers: "mlops-ml-engineers" } }),
    { "workspace-restrict-assignments": "assigns 'contractors' to the workspace", "access-restrict-principals": "'contractors'" },
  ],
  [
    "servicePrincipal.applicationId",
    () => ({ ...base(), servicePrincipal: { applicationId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" } }),
    { "access-restrict-principals": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "workspace-restrict-assignments": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  ],
  [
    "unityCatalog.extraGrants",
    () => ({ ...base(), unityCatalog: { extraGrants: [{ principal: "partners", privileges: ["SELECT"] }] } }),
    { "access-restrict-principals": "Principal 'partners' is granted SELECT on catalog 'prod_mlops'" },
  ],
  [
    "unityCatalog.storageRoot",
    () => ({ ...base(), unityCatalog: { storageRoot: "s3://someone-elses-bucket/prod" } }),
    { "data-restrict-egress": "keeps data at \"s3://someone-elses-bucket/prod\" (storageRoot)" },
  ],
  [
    "mlProjects[].model.scoringGroups",
    () => withProject({ model: { scoringGroups: ["partners"] } }),
    { "access-restrict-principals": "'partners'" },
  ],
  [
    "mlProjects[].serving.consumerGroups",
    () => withProject({ serving: { workloadSize: "Small", rateLimits: { callsPerMinute: 1000 }, consumerGroups: ["partners"] } }),
    { "access-restrict-principals": "gives group 'partners' CAN_QUERY, but it is neither this stage's writer" },
  ],
  [
    "mlProjects[].onlineStore.publisherRoleName",
    () => withProject({ onlineStore: { keyColumn: { name: "customer_id" }, publisherRoleName: "admin-humans" } }),
    { "identities-restrict-aws-roles": "gives a policy to the role 'admin-humans'" },
  ],
  [
    "mlProjects[].notifications.emails",
    () => withProject({ notifications: { emails: ["leak@elsewhere.io"] } }),
    { "alerts-restrict-destinations": "\"leak@elsewhere.io\"" },
  ],
  [
    "mlProjects[].repository.url",
    () => withProject({ repository: { url: "https://github.com/someone/fork" } }),
    { "jobs-require-git-source": "https://github.com/someone/fork" },
  ],
  [
    "workspace.databricksAccountId",
    () => ({ ...base(), workspace: { ...(base().workspace as object), databricksAccountId: "9d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b" } }),
    { "providers-restrict-databricks-hosts": "9d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b" },
  ],
  [
    "workspace.metastoreId",
    () => ({ ...base(), workspace: { ...(base().workspace as object), metastoreId: "9e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b" } }),
    { "workspace-require-shared-metastore": "9e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b" },
  ],
  [
    "workspace.aws.accountId",
    () => ({ ...base(), workspace: { ...(base().workspace as object), aws: { accountId: "999999999999", region: "us-east-1" } } }),
    { "aws-require-pinned-provider": "999999999999" },
  ],
  [
    "workspace.aws.region",
    () => ({ ...base(), workspace: { ...(base().workspace as object), aws: { accountId: "123456789012", region: "eu-west-1", vpcCidr: "10.6.0.0/16" } } }),
    { "aws-require-pinned-provider": "'eu-west-1'" },
  ],
  [
    "mlProjects[].compute.policyId",
    () => withProject({ compute: { policyId: "E0123456789ABCDE", sparkVersion: "15.4.x-scala2.12", nodeTypeId: "i3.xlarge" } }),
    { "clusters-restrict-policies": "runs under cluster policy 'E0123456789ABCDE' (policyId)" },
  ],
  [
    "mlProjects[].notifications.destinationIds",
    () => withProject({ notifications: { emails: ["mlops-ml-engineers@example.com"], destinationIds: ["3f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"] } }),
    { "alerts-restrict-destination-ids": "notifies destination '3f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'" },
  ],
  [
    // The test config trusts the fixture's adopted host (test/support/policy-config.ts); any other host is refused.
    "workspace.host (adopt mode)",
    () => ({ ...rawProd(), workspace: { host: "https://dbc-other-0009.cloud.databricks.com", id: "1000000000000003" }, mlProjects: [project({ onlineStore: undefined })] }),
    { "providers-restrict-databricks-hosts": "dbc-other-0009.cloud.databricks.com" },
  ],
  [
    "workspace.id (adopt mode)",
    () => ({ ...rawProd(), workspace: { host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1000000000000009" }, mlProjects: [project({ onlineStore: undefined })] }),
    { "bindings-restrict-workspaces": "1000000000000009" },
  ],
  [
    "devAccess.workspaceId",
    () => ({ ...rawProd(), devAccess: { workspaceId: "1000000000000008" }, mlProjects: [project({ onlineStore: undefined })] }),
    { "bindings-restrict-workspaces": "1000000000000008" },
  ],
];

test.each(rows)("%s: a value the policy config does not trust is refused on prod", async (_key, raw, expected) => {
  const found = await refusals(raw());
  expect(Object.keys(found).sort()).toEqual(expect.arrayContaining(Object.keys(expected).sort()));
  for (const [rule, fragment] of Object.entries(expected)) expect(found[rule]).toContain(fragment);
}, 60000);

// Last in the file: it configures the shared session with the reviewers' entries for the place keys closed last.
test("the same three values pass once the reviewers' policy config names them", async () => {
  const config = JSON.parse(fs.readFileSync(policyConfigWithoutInventory("prod"), "utf8")) as Record<string, Record<string, unknown>>;
  await session.configureFromDocument({
    ...config,
    "aws-require-pinned-provider": { ...config["aws-require-pinned-provider"], region: "eu-west-1" },
    "clusters-restrict-policies": { externalPolicyIds: ["E0123456789ABCDE"] },
    "alerts-restrict-destination-ids": { externalDestinationIds: ["3f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"] },
  });
  const stack = withProject({
    compute: { policyId: "E0123456789ABCDE", sparkVersion: "15.4.x-scala2.12", nodeTypeId: "i3.xlarge" },
    notifications: { emails: ["mlops-ml-engineers@example.com"], destinationIds: ["3f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"] },
  });
  const found = await refusals({ ...stack, workspace: { ...(base().workspace as object), aws: { accountId: "123456789012", region: "eu-west-1", vpcCidr: "10.6.0.0/16" } } });
  expect(found).toEqual({});
}, 60000);
