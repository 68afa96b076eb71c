/** The `workspace` and `identities` sections: both modes resolve their defaults; every bad input names its key. */
import { parseStageConfig } from "../../stack/config";
import { AWS_ACCOUNT_ID, DATABRICKS_ACCOUNT_ID, DEV_STACK, SHARED_METASTORE_ID, rawCreated, rawDev, rawProd, rawStaging } from "../support/stage-configs";
import { configProblems, problemsOf } from "../support/config-problems";
import { rawProject } from "../pipelines/fixtures";
import { STORE } from "../online-store/fixtures";

const created = (aws: Record<string, unknown> = {}) => ({
  mode: "create",
  databricksAccountId: DATABRICKS_ACCOUNT_ID,
  metastoreId: SHARED_METASTORE_ID,
  aws: { accountId: AWS_ACCOUNT_ID, region: "us-east-1", ...aws },
});

describe("workspace section: valid stacks", () => {
  it("create mode fills the AWS defaults; versioning is on for prod only", () => {
    const prod = parseStageConfig(rawCreated("prod"), "prod");
    expect(prod.workspace).toEqual({
      mode: "create",
      databricksAccountId: DATABRICKS_ACCOUNT_ID,
      metastoreId: SHARED_METASTORE_ID,
      aws: {
        accountId: AWS_ACCOUNT_ID,
        region: "us-east-1",
        vpcCidr: "10.4.0.0/16",
        availabilityZones: ["us-east-1a", "us-east-1b"],
        rootBucketVersioning: true,
        customerManagedKeys: true,
      },
    });
    expect(prod.devAccess).toEqual({ stack: DEV_STACK, readerGroups: ["mlops-data-scientists", "mlops-ml-engineers"] });
    const dev = parseStageConfig(rawCreated("dev"), "dev");
    expect(dev.workspace.mode === "create" && dev.workspace.aws.rootBucketVersioning).toBe(false);
  });

  it("adopt is the default mode; identities default to referenced groups and nothing else", () => {
    const config = parseStageConfig(rawDev(), "dev");
    expect(config.workspace.mode).toBe("adopt");
    expect(config.identities).toEqual({ createGroups: false });
    const withIdentities = parseStageConfig(
      { ...rawCreated("dev"), identities: { createGroups: true, servingConsumers: "mlops-consumers", breakGlassAdmins: "mlops-break-glass" } },
      "dev",
    );
    expect(withIdentities.identities).toEqual({ createGroups: true, servingConsumers: "mlops-consumers", breakGlassAdmins: "mlops-break-glass" });
  });
});

describe("workspace.aws in adopt mode: the account and region of the stage's online stores", () => {
  const adopted = (stage: "dev" | "staging" | "prod", aws?: Record<string, unknown>, withStore = true) => {
    const base = stage === "dev" ? rawDev() : stage === "staging" ? rawStaging() : rawProd();
    return {
      ...base,
      workspace: { ...(base.workspace as Record<string, unknown>), ...(aws ? { aws } : {}) },
      mlProjects: [rawProject(withStore ? { onlineStore: STORE } : {}), rawProject({ name: "fraud", onlineStore: { ...STORE, publisherRoleName: "fraud-publisher" } })],
    };
  };
  const account = { accountId: AWS_ACCOUNT_ID, region: "eu-west-1" };

  it("accountId and region resolve into the adopted workspace; without them the workspace has no aws", () => {
    expect(parseStageConfig(adopted("prod", account), "prod").workspace).toEqual({
      mode: "adopt",
      host: "https://dbc-prd00001-0003.cloud.databricks.com",
      id: "1000000000000003",
      aws: { accountId: AWS_ACCOUNT_ID, region: "eu-west-1" },
    });
    expect(parseStageConfig(rawProd(), "prod").workspace).not.toHaveProperty("aws");
    expect(parseStageConfig(adopted("dev", account), "dev").workspace).toMatchObject({ aws: { accountId: AWS_ACCOUNT_ID, region: "eu-west-1" } });
  });

  it.each(["dev", "staging", "prod"] as const)("required on %s when a project declares an online store, naming the projects", (stage) => {
    expect(problemsOf(adopted(stage), stage)).toEqual([
      "  - databricks-mlops:workspace.aws: missing; required in adopt mode when a project declares an onlineStore (churn, fraud): " +
        "an object with keys accountId, region (the AWS account and region of the stage's online stores); the store's AWS resources are created " +
        "by an AWS provider pinned to that account (the default provider would take whatever account and region the environment names, " +
        "and the policy pack refuses it on staging and prod)",
    ]);
    const onlyFraud = adopted(stage, undefined, false);
    expect(problemsOf(onlyFraud, stage)[0]).toContain("when a project declares an onlineStore (fraud): ");
    expect(parseStageConfig({ ...onlyFraud, mlProjects: [rawProject()] }, stage).workspace).not.toHaveProperty("aws");
  });

  it("every other aws key stays create-only, named one by one", () => {
    const why = "not allowed in adopt mode: it only applies when the stack creates the workspace (workspace.mode: create); an adopted stage's aws holds accountId and region only";
    expect(problemsOf(adopted("prod", { ...account, vpcCidr: "10.6.0.0/16", customerManagedKeys: true, rootBucketVersioning: false }))).toEqual([
      `  - databricks-mlops:workspace.aws.customerManagedKeys: got true; ${why}`,
      `  - databricks-mlops:workspace.aws.rootBucketVersioning: got false; ${why}`,
      `  - databricks-mlops:workspace.aws.vpcCidr: got "10.6.0.0/16"; ${why}`,
    ]);
    // Beside the databricksAccountId and metastoreId of create mode, refused as before.
    const dev = adopted("dev", { ...account, availabilityZones: ["eu-west-1a", "eu-west-1b"] });
    expect(problemsOf({ ...dev, workspace: { ...dev.workspace, metastoreId: SHARED_METASTORE_ID } }, "dev")).toEqual([
      `  - databricks-mlops:workspace.aws.availabilityZones: got ["eu-west-1a","eu-west-1b"]; ${why}`,
      `  - databricks-mlops:workspace.metastoreId: got "${SHARED_METASTORE_ID}"; not allowed in adopt mode: it only applies when the stack creates the workspace (workspace.mode: create)`,
    ]);
  });

  it("accountId and region are checked as in create mode, and both are needed", () => {
    expect(problemsOf(adopted("prod", { region: "eu-west" }))).toEqual([
      '  - databricks-mlops:workspace.aws.accountId: missing; expected the 12-digit AWS account id as a quoted string, e.g. "123456789012"',
      '  - databricks-mlops:workspace.aws.region: got "eu-west"; expected an AWS region, e.g. "us-east-1"',
    ]);
  });
});

describe("workspace section: each bad input names the key", () => {
  it("create mode without its keys, and with the adopted workspace's keys", () => {
    expect(problemsOf({ ...rawProd(), workspace: { mode: "create", host: "https://x.cloud.databricks.com", id: "1" }, devAccess: { stack: DEV_STACK } })).toEqual([
      "  - databricks-mlops:workspace.aws: missing; required in create mode: an object with keys accountId, region (required), vpcCidr, availabilityZones, rootBucketVersioning, customerManagedKeys, privateLink",
      '  - databricks-mlops:workspace.databricksAccountId: missing; required in create mode: the Databricks account id, a UUID, e.g. "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"',
      '  - databricks-mlops:workspace.host: got "https://x.cloud.databricks.com"; not allowed in create mode: the stack creates the workspace, so its URL and id are outputs, not config',
      '  - databricks-mlops:workspace.id: got "1"; not allowed in create mode: the stack creates the workspace, so its URL and id are outputs, not config',
      '  - databricks-mlops:workspace.metastoreId: missing; required in create mode: the id of the Unity Catalog metastore every stage is assigned to, a UUID, e.g. "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"',
    ]);
  });

  it("adopt mode with create mode's keys", () => {
    const raw = { ...rawDev(), workspace: { host: "https://x.cloud.databricks.com", id: "1", metastoreId: SHARED_METASTORE_ID } };
    expect(problemsOf(raw, "dev")).toEqual([
      `  - databricks-mlops:workspace.metastoreId: got "${SHARED_METASTORE_ID}"; not allowed in adopt mode: it only applies when the stack creates the workspace (workspace.mode: create)`,
    ]);
  });

  it("an unknown mode and malformed AWS values", () => {
    expect(problemsOf({ ...rawDev(), workspace: { ...created({ accountId: 123456789012, region: "us-east", vpcCidr: "10.0.0.0/8" }), mode: "import" } }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.accountId: got 123456789012; expected the 12-digit AWS account id as a quoted string, e.g. "123456789012"',
      '  - databricks-mlops:workspace.aws.region: got "us-east"; expected an AWS region, e.g. "us-east-1"',
      '  - databricks-mlops:workspace.aws.vpcCidr: got "10.0.0.0/8"; expected an IPv4 CIDR block with a prefix from /16 to /23, e.g. "10.4.0.0/16"',
      '  - databricks-mlops:workspace.mode: got "import"; expected one of "adopt", "create"',
    ]);
  });

  it("zones outside the region, or too few", () => {
    expect(problemsOf({ ...rawDev(), workspace: created({ availabilityZones: ["us-east-1a", "eu-west-1b"] }) }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.availabilityZones[1]: got "eu-west-1b"; must be a zone of us-east-1, e.g. "us-east-1a"',
    ]);
    expect(problemsOf({ ...rawDev(), workspace: created({ availabilityZones: ["us-east-1a"] }) }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.availabilityZones: got ["us-east-1a"]; expected a list of at least two availability zones of the region, e.g. ["us-east-1a", "us-east-1b"]',
    ]);
  });

  it("PrivateLink services of another region, or not service names at all", () => {
    const privateLink = { workspaceServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b", relayServiceName: "vpce-svc-0c2d" };
    expect(problemsOf({ ...rawCreated("dev"), workspace: created({ privateLink }) }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.privateLink.relayServiceName: got "vpce-svc-0c2d"; expected a VPC endpoint service name, e.g. "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"',
      '  - databricks-mlops:workspace.aws.privateLink.workspaceServiceName: got "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b"; must be an endpoint service of us-east-1 (com.amazonaws.vpce.us-east-1.vpce-svc-...)',
    ]);
    expect(problemsOf({ ...rawCreated("dev"), workspace: created({ privateLink: { ...privateLink, relayServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0c2d" } }) }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.privateLink.workspaceServiceName: got "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b"; must be an endpoint service of us-east-1 (com.amazonaws.vpce.us-east-1.vpce-svc-...)',
    ]);
  });

  it("prod without customer-managed keys", () => {
    expect(problemsOf({ ...rawCreated("prod"), workspace: created({ customerManagedKeys: false }) })).toEqual([
      "  - databricks-mlops:workspace.aws.customerManagedKeys: got false; must be true on prod: prod storage and managed services are encrypted with the stage's own KMS keys",
    ]);
    expect(parseStageConfig({ ...rawCreated("dev"), workspace: created({ customerManagedKeys: false }) }, "dev").workspace).toMatchObject({
      aws: { customerManagedKeys: false },
    });
  });

  it("dev access needs exactly one of workspaceId and stack", () => {
    const message =
      "  - databricks-mlops:devAccess: got {DETAIL}; needs exactly one of workspaceId (the dev workspace is adopted) or stack " +
      "(the dev stack creates its workspace; its workspaceId output is read through a StackReference)";
    expect(problemsOf({ ...rawProd(), devAccess: {} })).toEqual([message.replace("{DETAIL}", "{}")]);
    expect(problemsOf({ ...rawProd(), devAccess: { workspaceId: "1000000000000001", stack: DEV_STACK } })).toEqual([
      message.replace("{DETAIL}", `{"workspaceId":"1000000000000001","stack":"${DEV_STACK}"}`),
    ]);
    expect(problemsOf({ ...rawProd(), devAccess: { stack: "acme/dev" } })).toEqual([
      '  - databricks-mlops:devAccess.stack: got "acme/dev"; expected a stack of this project, e.g. "dev" (in the organization of the stack being deployed), or a fully qualified <organization>/<project>/<stack>',
    ]);
    expect(configProblems({ ...rawProd(), devAccess: { stack: "dev" } }, "prod")).toEqual([]);
  });

  it("groups created in adopt mode, and an account-wide group as break-glass admins", () => {
    expect(problemsOf({ ...rawDev(), identities: { createGroups: true, breakGlassAdmins: "users" } }, "dev")).toEqual([
      '  - databricks-mlops:identities.breakGlassAdmins: got "users"; expected a group name: letters, digits, spaces, \'.\', \'_\' or \'-\', starting with a letter or digit, at most 255 characters, not a UUID (UUIDs name service principals); not an account-wide group (account users, users)',
      "  - databricks-mlops:identities.createGroups: got true; not allowed in adopt mode: an adopted stage declares no account-level resources; create the groups in the account",
    ]);
  });
});
