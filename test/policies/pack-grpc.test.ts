/**
 * The pack as the Pulumi CLI runs it: launched with run-policy-pack and driven over the Analyzer protocol.
 * One session for the whole file; each test configures it as it needs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_READ_ONLY_PRIVILEGES } from "../../policies/lib/principals";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlannedStep } from "../../tools/plan/types";
import { DATA_SCIENTIST_READ, PROD_SP, PROJECT, STACK, plannedStep, replaceStep, withInputs } from "./fixtures";
import { prodStage } from "./prod-stage";
import { recordStage } from "../support/record-stage";
import { rawCreated } from "../support/stage-configs";
import { policyConfigWithoutInventory } from "../support/policy-config";

const PACK_DIR = path.resolve(__dirname, "../../policies");
// The stacks here are built for each case, not the shipped prod stack its inventory describes.
const config = (stage: string) => policyConfigWithoutInventory(stage);

let session: PolicyPackSession;

beforeAll(async () => {
  session = await PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK });
});

afterAll(async () => {
  await session?.close();
});

/** Evaluates `steps` as one preview under the given stage config. */
async function evaluate(stage: string, steps: PlannedStep[]) {
  await session.configureFromFile(config(stage));
  return session.evaluate(steps);
}

const description = (policyName: string) => session.policies.find((p) => p.name === policyName)!.description;

describe("the pack over the Analyzer protocol", () => {
  test("GetAnalyzerInfo describes the pack and its rules with their severities", () => {
    expect(session.packName).toBe("databricks-mlops");
    expect(session.packVersion).toBe("0.1.0");
    expect(session.policies.map((p) => [p.name, p.severity, p.policyType])).toEqual([
      ["resources-restrict-types", "critical", "resource"],
      ["access-restrict-principals", "critical", "resource"],
      ["bindings-restrict-workspaces", "critical", "resource"],
      ["identities-forbid-escalation", "critical", "resource"],
      ["identities-restrict-entitlements", "high", "resource"],
      ["identities-restrict-aws-roles", "critical", "stack"],
      ["grants-forbid-all-privileges", "high", "resource"],
      ["grants-forbid-mixed-kinds", "high", "stack"],
      ["data-require-deletion-protection", "high", "resource"],
      ["data-forbid-dropped-resources", "critical", "stack"],
      ["data-forbid-shadowed-paths", "high", "stack"],
      ["data-forbid-legacy-access", "critical", "resource"],
      ["data-restrict-egress", "critical", "resource"],
      ["catalog-require-isolation", "high", "resource"],
      ["storage-require-isolation", "high", "resource"],
      ["catalog-restrict-workspace-bindings", "high", "stack"],
      ["jobs-require-service-principal-run-as", "high", "resource"],
      ["jobs-require-git-source", "high", "resource"],
      ["sources-forbid-url-credentials", "critical", "resource"],
      ["jobs-require-validation-before-deploy", "high", "resource"],
      ["jobs-restrict-run-targets", "high", "stack"],
      ["jobs-require-failure-notifications", "medium", "resource"],
      ["jobs-forbid-all-purpose-clusters", "medium", "resource"],
      ["jobs-forbid-paused-retraining", "medium", "resource"],
      ["models-require-stage-catalog", "high", "stack"],
      ["workspace-require-shared-metastore", "high", "resource"],
      ["workspace-require-customer-managed-keys", "high", "resource"],
      ["workspace-require-customer-managed-network", "high", "resource"],
      ["workspace-require-own-foundation", "high", "stack"],
      ["workspace-restrict-private-access", "high", "resource"],
      ["workspace-require-legacy-disabled", "high", "stack"],
      ["workspace-restrict-conf", "high", "resource"],
      ["workspace-require-stage-namespace", "high", "resource"],
      ["workspace-restrict-assignments", "critical", "resource"],
      ["workspace-forbid-open-ip-access-lists", "high", "resource"],
      ["aws-require-bucket-encryption", "high", "stack"],
      ["aws-require-bucket-public-access-block", "critical", "stack"],
      ["aws-require-bucket-tls", "high", "stack"],
      ["aws-require-kms-rotation", "medium", "resource"],
      ["aws-restrict-policy-documents", "critical", "resource"],
      ["aws-require-credential-external-ids", "critical", "stack"],
      ["aws-forbid-duplicate-settings", "high", "stack"],
      ["aws-forbid-data-expiry", "high", "resource"],
      ["aws-require-pinned-provider", "high", "resource"],
      ["network-restrict-vpc", "high", "stack"],
      ["providers-forbid-credentials", "critical", "resource"],
      ["providers-restrict-databricks-hosts", "critical", "stack"],
      ["secrets-forbid-broad-access", "high", "resource"],
      ["secrets-require-secret-values", "high", "resource"],
      ["secrets-forbid-plain-aws-keys", "critical", "resource"],
      ["tokens-require-lifetime", "high", "resource"],
      ["time-require-bounded-sleeps", "medium", "resource"],
      ["clusters-require-uc-access-mode", "high", "resource"],
      ["clusters-require-auto-termination", "medium", "resource"],
      ["clusters-restrict-policies", "high", "stack"],
      ["permissions-require-explicit", "high", "stack"],
      ["serving-require-inference-tables", "high", "resource"],
      ["serving-require-rate-limits", "medium", "resource"],
      ["serving-forbid-scale-to-zero", "medium", "resource"],
      ["serving-require-long-timeouts", "medium", "resource"],
      ["serving-require-secret-credentials", "critical", "resource"],
      ["monitoring-require-monitors", "high", "stack"],
      ["alerts-require-monitor-alerts", "medium", "stack"],
      ["alerts-require-secret-destinations", "high", "resource"],
      ["alerts-restrict-destinations", "medium", "resource"],
      ["alerts-restrict-destination-ids", "medium", "stack"],
    ]);
  });

  test("the compliant prod stage has no violations; the root stack and components are not applicable", async () => {
    const stage = await prodStage();
    const outcome = await evaluate("prod", stage.all);
    expect(outcome.violations).toEqual([]);
    const forStack = outcome.notApplicable.filter((n) => n.urn === stage.stack.urn);
    expect(forStack).toContainEqual({
      urn: stage.stack.urn,
      policyName: "catalog-require-isolation",
      reason: "Policy only applies to resources of type 'databricks:index/catalog:Catalog'",
    });
    expect(forStack).toContainEqual({
      urn: stage.stack.urn,
      policyName: "data-require-deletion-protection",
      reason: expect.stringMatching(/^Policy only applies to resources of type 'databricks:index\/metastore:Metastore', /),
    });
  });

  test("a reader group's write grant arrives with policy name, level from the config file, severity, urn and message", async () => {
    const stage = await prodStage();
    const grants = withInputs(stage.grants, {
      grants: [
        { principal: PROD_SP, privileges: ["USE_CATALOG", "MODIFY"] },
        { principal: "mlops-data-scientists", privileges: [...DATA_SCIENTIST_READ, "MODIFY"] },
      ],
    });
    const expected = {
      policyPack: "databricks-mlops",
      policyName: "access-restrict-principals",
      severity: "critical",
      urn: stage.grants.urn,
      message:
        `${description("access-restrict-principals")}\n` +
        "Reader group 'mlops-data-scientists' is granted MODIFY on catalog 'prod_mlops'; " +
        "readers may hold only USE_CATALOG, USE_SCHEMA, SELECT, EXECUTE, READ_VOLUME, BROWSE, " +
        `and only '${PROD_SP}' may write (writerPrincipal in this stage's policy config).`,
    };
    const prod = await evaluate("prod", replaceStep(stage.all, grants));
    expect(prod.violations).toEqual([{ ...expected, enforcementLevel: "mandatory" }]);
    // Disabled in dev: the policy does not run at all.
    const dev = await evaluate("dev", replaceStep(stage.all, grants));
    expect(dev.violations.filter((v) => v.policyName === "access-restrict-principals")).toEqual([]);
  });

  test("the config's defaults come from the schema, and a config override changes the verdict", async () => {
    await session.configureFromFile(config("prod"));
    const policy = session.policies.find((p) => p.name === "access-restrict-principals")!;
    expect(policy.properties).toEqual({
      writerPrincipal: PROD_SP,
      readerGroups: ["mlops-data-scientists", "mlops-ml-engineers"],
      readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES],
      broadAudienceGroups: ["account users", "users"],
      adminPrincipals: [],
      shareRecipients: [],
      // Every rule that judges resources takes waivers (policies/lib/with-waivers.ts); none by default.
      waivers: [],
      // A rule that refuses waivers on production takes whether the stage is; prod's config leaves the default.
      production: true,
    });

    const stage = await prodStage();
    const grants = withInputs(stage.grants, { grants: [{ principal: "data-scientists", privileges: ["SELECT", "MODIFY"] }] });
    expect((await session.analyze(grants, stage.all)).violations).toHaveLength(1);

    await session.configureFromDocument({
      all: "mandatory",
      "access-restrict-principals": {
        writerPrincipal: PROD_SP,
        readerGroups: ["data-scientists"],
        readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES, "modify"],
      },
      "bindings-restrict-workspaces": { readWriteWorkspaceIds: ["1000000000000003"], readOnlyWorkspaceIds: ["1000000000000001"] },
      // A config without the stage's admitted types would refuse every resource (default deny).
      "resources-restrict-types": "disabled",
    });
    expect((await session.analyze(grants, stage.all)).violations).toEqual([]);
  });

  test("an advisory level reaches each verdict; deletion protection names each gap", async () => {
    const stage = await prodStage();
    const schema = { ...withInputs(stage.schemas[1], { forceDestroy: true }), protect: false };
    await session.configureFromDocument({ all: "advisory" });
    const outcome = await session.evaluate(replaceStep(stage.all, schema));
    expect(outcome.violations.filter((v) => v.policyName === "data-require-deletion-protection")).toEqual(
      [
        "Schema 'prod-mlops-schema-features' is not protected; set the resource option protect: true so Pulumi refuses to delete it.",
        "Schema 'prod-mlops-schema-features' sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.",
      ].map((message) => ({
        policyPack: "databricks-mlops",
        policyName: "data-require-deletion-protection",
        enforcementLevel: "advisory",
        severity: "high",
        urn: schema.urn,
        message: `${description("data-require-deletion-protection")}\n${message}`,
      })),
    );
  });

  test("an OPEN catalog and ALL_PRIVILEGES are reported on their resources", async () => {
    const stage = await prodStage();
    const catalog = withInputs(stage.catalog, { isolationMode: "OPEN" });
    const grants = withInputs(stage.grants, { grants: [{ principal: PROD_SP, privileges: ["ALL PRIVILEGES"] }] });
    const outcome = await evaluate("prod", replaceStep(replaceStep(stage.all, catalog), grants));
    expect(outcome.violations.map((v) => [v.policyName, v.urn, v.message.split("\n")[1]])).toEqual([
      [
        "catalog-require-isolation",
        catalog.urn,
        `Catalog 'prod_mlops' sets isolationMode "OPEN"; set isolationMode: "ISOLATED" so only the workspaces bound to it can reach it.`,
      ],
      [
        "grants-forbid-all-privileges",
        grants.urn,
        `Principal '${PROD_SP}' is granted ALL_PRIVILEGES on catalog 'prod_mlops'; grant the explicit privileges it needs instead.`,
      ],
    ]);
  });

  test("the stack rule matches a binding whose name is unknown to the catalog its securableName comes from", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    // As the engine sends `securableName: catalog.name` during a first preview: unknown, with the catalog as
    // that input's dependency.
    const second = plannedStep(
      "databricks:index/workspaceBinding:WorkspaceBinding",
      "prod-mlops-binding-second-writer",
      stage.stageCatalog,
      { securableName: "[unknown]", workspaceId: "3333333333333333" },
      { provider: stage.ownBinding.provider, dependencies: [stage.catalog.urn], propertyDependencies: { securableName: [stage.catalog.urn] } },
    );
    const outcome = await session.analyzeStack([...stage.all, second]);
    expect(outcome.violations).toEqual([
      {
        policyPack: "databricks-mlops",
        policyName: "catalog-restrict-workspace-bindings",
        enforcementLevel: "mandatory",
        severity: "high",
        urn: stage.catalog.urn,
        message:
          `${description("catalog-restrict-workspace-bindings")}\n` +
          "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1000000000000003', '3333333333333333'); " +
          "at most one workspace may write to it.",
      },
    ]);
  });

  test("a Grant beside the catalog's Grants is a stack violation on the Grant; without grants the rule is not applicable", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    const extra = plannedStep(
      "databricks:index/grant:Grant",
      "prod-mlops-extra-grant",
      stage.stageCatalog,
      { catalog: "prod_mlops", principal: "data-scientists", privileges: ["SELECT"] },
      { provider: stage.grants.provider },
    );
    const outcome = await session.analyzeStack([...stage.all, extra]);
    expect(outcome.violations.map((v) => [v.policyName, v.urn])).toEqual([["grants-forbid-mixed-kinds", extra.urn]]);

    const withoutGrants = await session.analyzeStack(stage.all.filter((s) => s.urn !== stage.grants.urn));
    expect(withoutGrants.notApplicable).toContainEqual({
      urn: "",
      policyName: "grants-forbid-mixed-kinds",
      reason: "Policy only applies to resources of type 'databricks:index/grants:Grants', 'databricks:index/grant:Grant'",
    });
  });

  test("a value unknown during preview fails closed at the rule's level, not the SDK's advisory", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    const grants = withInputs(stage.grants, { grants: [{ principal: "[unknown]", privileges: ["MODIFY"] }] });
    const outcome = await session.analyze(grants, stage.all);
    expect(outcome.violations.map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]])).toEqual([
      [
        "access-restrict-principals",
        "mandatory",
        "Grants 'prod-mlops-catalog-grants' cannot be checked during preview: string value at .grants.0.principal can't be known during preview. " +
          "This rule fails closed on unknown values: make the value known at preview time (a literal or an input of another resource, " +
          "not a provider-computed output), or preview again once the resource it comes from exists.",
      ],
      ["grants-forbid-all-privileges", "mandatory", expect.stringMatching(/^Grants 'prod-mlops-catalog-grants' cannot be checked during preview: /)],
    ]);
  });

  test("an unknown catalog name is harmless to the isolation check: it still decides", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    const catalog = withInputs(stage.catalog, { name: "[unknown]" });
    expect((await session.analyze(catalog, stage.all)).violations).toEqual([]);
  });
});

describe("every way to widen access on prod, through the launched pack", () => {
  const OTHER_SP = "2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b";

  /** The (policy name, message) pairs of a prod preview in which `changed` replaces or joins the recorded steps. */
  async function verdicts(...changed: PlannedStep[]): Promise<[string, string][]> {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    let steps = stage.all;
    for (const step of changed) steps = steps.some((s) => s.urn === step.urn) ? replaceStep(steps, step) : [...steps, step];
    const outcome = await session.evaluate(steps);
    return outcome.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => [v.policyName, v.message.split("\n")[1]]);
  }

  test("a hand-written Grant (not through the program's config) giving a user MODIFY on a schema", async () => {
    const stage = await prodStage();
    const grant = plannedStep("databricks:index/grant:Grant", "sneaky", stage.stageCatalog, {
      schema: "prod_mlops.features",
      principal: "ana@example.com",
      privileges: ["MODIFY"],
    });
    expect(await verdicts(grant)).toEqual([
      // Prod admits Grants, never Grant: the default deny refuses the type before any rule judges what it grants.
      ["resources-restrict-types", expect.stringContaining("Grant 'sneaky' has type 'databricks:index/grant:Grant', which this stage's policy config does not admit")],
      ["access-restrict-principals", expect.stringContaining("Principal 'ana@example.com' is granted write privileges MODIFY on schema 'prod_mlops.features'")],
    ]);
  });

  test("ownership of the catalog handed to a group, and a schema whose owner is left to whoever deploys", async () => {
    const stage = await prodStage();
    const catalog = withInputs(stage.catalog, { owner: "mlops-ml-engineers" });
    const schema = withInputs(stage.schemas[0], { owner: undefined });
    expect(await verdicts(catalog, schema)).toEqual([
      ["access-restrict-principals", expect.stringContaining("Catalog 'prod-mlops-catalog' is owned by 'mlops-ml-engineers'")],
      ["access-restrict-principals", expect.stringContaining("Schema 'prod-mlops-schema-ml-assets' sets no owner")],
    ]);
  });

  test("the staging service principal granted write on prod", async () => {
    const stage = await prodStage();
    const grants = withInputs(stage.grants, { grants: [{ principal: OTHER_SP, privileges: ["MODIFY"] }, ...(stage.grants.inputs.grants as object[])] });
    expect(await verdicts(grants)).toEqual([
      ["access-restrict-principals", expect.stringContaining(`Principal '${OTHER_SP}' is granted write privileges MODIFY on catalog 'prod_mlops'`)],
    ]);
  });

  test("account users granted read on a registered model", async () => {
    const stage = await prodStage();
    const grants = plannedStep("databricks:index/grants:Grants", "model-grants", stage.stageCatalog, {
      model: "prod_mlops.ml_assets.churn",
      grants: [{ principal: "account users", privileges: ["EXECUTE"] }],
    });
    expect(await verdicts(grants)).toEqual([
      ["access-restrict-principals", expect.stringContaining("Account-wide group 'account users' is granted EXECUTE on model 'prod_mlops.ml_assets.churn'")],
    ]);
  });

  test("read levels in an ACL for a user carrying a reader group's name, a share granted to a recipient named like one, a group manager role", async () => {
    const stage = await prodStage();
    const acl = plannedStep("databricks:index/permissions:Permissions", "endpoint-acl", stage.stageCatalog, {
      servingEndpointId: "endpoint-1",
      accessControls: [
        { servicePrincipalName: PROD_SP, permissionLevel: "CAN_MANAGE" },
        { groupName: "mlops-data-scientists", permissionLevel: "CAN_QUERY" },
        { userName: "mlops-ml-engineers", permissionLevel: "CAN_QUERY" },
      ],
    });
    const share = plannedStep("databricks:index/grants:Grants", "share-grants", stage.stageCatalog, {
      share: "prod-features",
      grants: [{ principal: "mlops-data-scientists", privileges: ["SELECT"] }],
    });
    const ruleSet = plannedStep("databricks:index/accessControlRuleSet:AccessControlRuleSet", "readers-managers", stage.stageCatalog, {
      name: "accounts/acc-1/groups/42/ruleSets/default",
      grantRules: [{ role: "roles/group.manager", principals: ["users/ana@example.com"] }],
    });
    expect(await verdicts(acl, share, ruleSet)).toEqual([
      ["access-restrict-principals", expect.stringContaining("Permissions 'endpoint-acl' gives user 'mlops-ml-engineers' CAN_QUERY, but it is neither this stage's writer")],
      ["access-restrict-principals", expect.stringContaining("Recipient 'mlops-data-scientists' is granted SELECT on share 'prod-features'")],
      ["resources-restrict-types", expect.stringContaining("AccessControlRuleSet 'readers-managers' has type 'databricks:index/accessControlRuleSet:AccessControlRuleSet', which this stage's policy config does not admit")],
      ["access-restrict-principals", expect.stringContaining("AccessControlRuleSet 'readers-managers' gives 'users/ana@example.com' roles/group.manager")],
      // The share is no securable of this stack, so its grants are this stack's to declare neither.
      ["grants-forbid-mixed-kinds", expect.stringContaining("Grants 'share-grants' grants on share 'prod-features', which this stack does not declare")],
    ]);
  });

  test("the prod catalog bound READ_WRITE to the dev workspace instead of its own", async () => {
    const stage = await prodStage();
    const own = withInputs(stage.ownBinding, { workspaceId: "1000000000000001" });
    const dev = withInputs(stage.devBinding, { workspaceId: "1000000000000002" });
    expect(await verdicts(own, dev)).toEqual([
      ["bindings-restrict-workspaces", expect.stringContaining("gives workspace '1000000000000001' read-write access")],
      ["bindings-restrict-workspaces", expect.stringContaining("gives workspace '1000000000000002' read-only access")],
    ]);
  });
});

describe("a prod stage that creates its workspace, through the launched pack", () => {
  let created: Promise<PlannedStep[]> | undefined;
  const createdProd = async () => structuredClone(await (created ??= recordStage(rawCreated("prod"), "prod")));
  const one = (steps: PlannedStep[], type: string, name?: string) => {
    const found = steps.filter((s) => s.type === type && (name === undefined || s.name === name));
    if (found.length !== 1) throw new Error(`expected one ${type}${name === undefined ? "" : ` named ${name}`}, found ${found.length}`);
    return found[0];
  };

  /** The (policy name, message) pairs of the mandatory verdicts on `steps`. */
  async function verdicts(steps: PlannedStep[]): Promise<[string, string][]> {
    await session.configureFromFile(config("prod"));
    const outcome = await session.evaluate(steps);
    return outcome.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => [v.policyName, v.message.split("\n")[1]]);
  }
  const verdictsOf = verdicts;

  test("the baseline as the program declares it passes every rule", async () => {
    expect(await verdicts(await createdProd())).toEqual([]);
  });

  test("the stack rules pair each bucket setting with its bucket by its property dependency", async () => {
    const steps = await createdProd();
    // The root bucket's settings (the catalog bucket has its own, named prod-mlops-catalog-bucket).
    const policy = one(steps, "aws:s3/bucketPolicy:BucketPolicy", "prod-mlops-root");
    const block = one(steps, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "prod-mlops-root");
    const sse = one(steps, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "prod-mlops-root");
    const changed = replaceStep(
      replaceStep(
        steps.filter((s) => s.urn !== policy.urn),
        withInputs(block, { restrictPublicBuckets: false }),
      ),
      withInputs(sse, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
    );
    const bucket = "Bucket 'prod-mlops-root-123456789012'";
    expect(await verdicts(changed)).toEqual([
      ["aws-require-bucket-encryption", expect.stringContaining(`${bucket} encrypts with "AES256"`)],
      ["aws-require-bucket-public-access-block", `${bucket}: public-access block 'prod-mlops-root' leaves restrictPublicBuckets off; set all four to true.`],
      ["aws-require-bucket-tls", expect.stringContaining(`${bucket} has no bucket policy`)],
    ]);
  });

  test("the catalog's storage: an open location, an unprotected credential, a bucket without TLS and a reader's file access each fail", async () => {
    const steps = await createdProd();
    const location = one(steps, "databricks:index/externalLocation:ExternalLocation");
    const credential = one(steps, "databricks:index/storageCredential:StorageCredential");
    const grants = one(steps, "databricks:index/grants:Grants", "prod-mlops-catalog-location-grants");
    const catalogBucketPolicy = one(steps, "aws:s3/bucketPolicy:BucketPolicy", "prod-mlops-catalog-bucket");
    const changed = [
      withInputs(location, { isolationMode: "ISOLATION_MODE_OPEN" }),
      { ...credential, protect: false },
      withInputs(grants, { grants: [...(grants.inputs.grants as object[]), { principal: "mlops-data-scientists", privileges: ["READ_FILES"] }] }),
    ].reduce(replaceStep, steps.filter((s) => s.urn !== catalogBucketPolicy.urn));
    // This suite's prod config has no inventory (test/support/policy-config.ts); data-safety.test.ts covers it.
    expect((await verdicts(changed)).sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ["access-restrict-principals", expect.stringContaining("Reader group 'mlops-data-scientists' is granted READ_FILES on external location 'prod_mlops_catalog_location'")],
      ["aws-require-bucket-tls", expect.stringContaining("Bucket 'prod-mlops-catalog-123456789012' has no bucket policy")],
      ["data-require-deletion-protection", "StorageCredential 'prod-mlops-catalog-credential' is not protected; set the resource option protect: true so Pulumi refuses to delete it."],
      [
        "storage-require-isolation",
        "ExternalLocation 'prod-mlops-catalog-location' sets isolationMode \"ISOLATION_MODE_OPEN\", so every workspace on the shared metastore, other stages' included, may use it; set isolationMode: \"ISOLATION_MODE_ISOLATED\".",
      ],
    ]);
  });

  test("AWS policy documents are judged for what they allow: a second, open bucket policy, a trust without its external id, a key policy unknown at preview", async () => {
    const steps = await createdProd();
    const rootPolicy = one(steps, "aws:s3/bucketPolicy:BucketPolicy", "prod-mlops-root");
    const role = one(steps, "aws:iam/role:Role", "prod-mlops-cross-account");
    const key = one(steps, "aws:kms/key:Key", "prod-mlops-workspace-storage");
    const bucketArn = "arn:aws:s3:::prod-mlops-root-123456789012";
    // Applied after the compliant policy, this one would be the bucket's policy in force.
    const open = {
      ...rootPolicy,
      urn: rootPolicy.urn.replace(/::prod-mlops-root$/, "::prod-mlops-root-open"),
      name: "prod-mlops-root-open",
      inputs: {
        bucket: rootPolicy.inputs.bucket,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucketArn}/*` }] }),
      },
    };
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string) as { Statement: Record<string, unknown>[] };
    delete trust.Statement[0].Condition;
    // The key's policy is computed from the role's ARN, which a first real preview does not know.
    const changed = [withInputs(role, { assumeRolePolicy: JSON.stringify(trust) }), withInputs(key, { policy: "[unknown]" })].reduce(replaceStep, [...steps, open]);
    expect((await verdicts(changed)).sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y))).toEqual([
      ["aws-forbid-duplicate-settings", expect.stringMatching(/^Bucket 'prod-mlops-root-123456789012' has 2 declarations of its bucket policy \(BucketPolicy 'prod-mlops-root', BucketPolicy 'prod-mlops-root-open'\); /)],
      ["aws-restrict-policy-documents", expect.stringMatching(/^BucketPolicy 'prod-mlops-root-open' policy: statement Open allows every principal \("\*"\) without a condition that pins the stage's AWS account/)],
      ["aws-restrict-policy-documents", expect.stringMatching(/^Key 'prod-mlops-workspace-storage' cannot be checked during preview: .*policy.* This rule fails closed on unknown values/)],
      [
        "aws-restrict-policy-documents",
        "Role 'prod-mlops-cross-account' assumeRolePolicy: statement DatabricksControlPlaneAssumesRole lets Databricks' control plane (arn:aws:iam::414351767826:root) " +
          "assume the role without Condition StringEquals sts:ExternalId = the stage's Databricks account id (databricksAccountId in this stage's policy config), " +
          "so another Databricks customer could make Databricks use it.",
      ],
    ]);
  });

  test("the catalog role's trust with an external id written in, not taken from the stack's storage credential", async () => {
    const steps = await createdProd();
    const role = one(steps, "aws:iam/role:Role", "prod-mlops-catalog-storage");
    const literal = { ...role, propertyDependencies: { ...role.propertyDependencies, assumeRolePolicy: [] } };
    expect(await verdicts(replaceStep(steps, literal))).toEqual([
      ["aws-require-credential-external-ids", expect.stringMatching(/^Role 'prod-mlops-catalog-storage' trusts an external id other than the stage's Databricks account id/)],
    ]);
  });

  test("data expiry on prod: a lifecycle rule that expires the root bucket's objects, and a table's time-to-live the config does not name", async () => {
    const steps = await createdProd();
    const rootPolicy = one(steps, "aws:s3/bucketPolicy:BucketPolicy", "prod-mlops-root");
    const lifecycleType = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    const lifecycle = {
      ...rootPolicy,
      type: lifecycleType,
      urn: rootPolicy.urn.replace("aws:s3/bucketPolicy:BucketPolicy", lifecycleType),
      inputs: { bucket: rootPolicy.inputs.bucket, rules: [{ id: "tidy", status: "Enabled", expiration: { days: 30 } }] },
    };
    const table = plannedStep(
      "aws:dynamodb/table:Table",
      "prod-mlops-cache",
      undefined,
      { name: "prod-mlops-cache", ttl: { enabled: true, attributeName: "expires_at" } },
      { provider: rootPolicy.provider },
    );
    expect((await verdicts([...steps, lifecycle, table])).filter(([name]) => name !== "data-require-deletion-protection")).toEqual([
      // Prod does not admit lifecycle types; the expiry rule judges them all the same.
      ["resources-restrict-types", expect.stringContaining(`has type '${lifecycleType}', which this stage's policy config does not admit`)],
      ["aws-forbid-data-expiry", expect.stringMatching(/^BucketLifecycleConfigurationV2 'prod-mlops-root': lifecycle rule #1 'tidy' sets expiration, so S3 deletes/)],
      ["aws-forbid-data-expiry", expect.stringMatching(/^Table 'prod-mlops-cache' turns on time-to-live, .* its table 'prod-mlops-cache' is not among expiringTables/)],
    ]);
  });

  test("a dev stack whose outputs name another workspace cannot open the prod catalog to it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recorded-outputs-"));
    try {
      fs.writeFileSync(path.join(dir, "dev.json"), JSON.stringify({ workspaceId: "1000000000000009" }));
      const steps = await recordStage(rawCreated("prod"), "prod", dir);
      expect(await verdicts(steps)).toEqual([
        [
          "bindings-restrict-workspaces",
          "Workspace binding 'prod-mlops-catalog-binding-dev-read' of catalog 'prod_mlops' gives workspace '1000000000000009' read-only access, " +
            "but only '1000000000000001' may read it (readOnlyWorkspaceIds in this stage's policy config).",
        ],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a stack file that names a break-glass admin group, or a serving consumers group, the reviewer did not trust", async () => {
    const raw = { ...rawCreated("prod"), identities: { breakGlassAdmins: "contractors", servingConsumers: "partners" } };
    expect(await verdicts(await recordStage(raw, "prod"))).toEqual([
      ["workspace-restrict-assignments", expect.stringContaining("assigns 'partners' to the workspace, but only ")],
      ["workspace-restrict-assignments", expect.stringContaining("makes 'contractors' workspace admin (ADMIN)")],
    ]);
  });

  test("groups the stack creates: their entitlements pass on prod, and cluster creation for one of them is refused; dev's authors may create clusters", async () => {
    const raw = { ...rawCreated("prod"), identities: { createGroups: true } };
    const steps = await recordStage(raw, "prod");
    // The shipped prod config does not admit Group and Entitlements (the shipped stack declares neither): a stage
    // that creates its groups admits them in the same reviewed change. Here only the entitlement rule is under test.
    const admittedByReview = ["databricks:index/group:Group", "databricks:index/entitlements:Entitlements"];
    expect((await verdictsOf(steps)).filter(([name]) => name === "resources-restrict-types").map(([, m]) => m.split("'")[3])).toEqual(
      steps.filter((s) => admittedByReview.includes(s.type)).map((s) => s.type),
    );
    const verdicts = async (changed: PlannedStep[]) => (await verdictsOf(changed)).filter(([name]) => name !== "resources-restrict-types");
    const entitlements = steps.filter((s) => s.type === "databricks:index/entitlements:Entitlements");
    expect(entitlements.map((e) => [e.name, e.inputs.allowClusterCreate])).toEqual([
      ["prod-mlops-entitlements-data-scientists", false],
      ["prod-mlops-entitlements-ml-engineers", false],
    ]);
    expect(await verdicts(steps)).toEqual([]);
    expect(await verdicts(replaceStep(steps, withInputs(entitlements[0], { allowClusterCreate: true })))).toEqual([
      [
        "identities-restrict-entitlements",
        "Entitlements 'prod-mlops-entitlements-data-scientists' lets groupId 'prod-mlops-group-data-scientists-id' create compute (allowClusterCreate); " +
          "a cluster's creator picks its access mode, instance profile and init scripts, so it runs unreviewed code outside the stage's grants. " +
          "On this stage jobs run on the job clusters their definitions declare and people only read, so nobody holds this entitlement " +
          "(allowComputeCreation in this stage's policy config is not set).",
      ],
    ]);

    const dev = await recordStage({ ...rawCreated("dev"), identities: { createGroups: true } }, "dev");
    expect(dev.filter((s) => s.type === "databricks:index/entitlements:Entitlements").map((e) => e.inputs.allowClusterCreate)).toEqual([true, true]);
    await session.configureFromFile(config("dev"));
    expect((await session.evaluate(dev)).violations.filter((v) => v.policyName === "identities-restrict-entitlements")).toEqual([]);
  });

  test("a created workspace is never trusted through a binding: its id, unknown in a first preview or any id the reviewer did not list, is refused", async () => {
    const steps = await recordStage(rawCreated("prod"), "prod");
    const devRead = steps.find((s) => s.name === "prod-mlops-catalog-binding-dev-read")!;
    const ownUnknown = plannedStep("databricks:index/workspaceBinding:WorkspaceBinding", "own-unknown", steps[1], {
      securableName: "prod_mlops",
      securableType: "catalog",
      bindingType: "BINDING_TYPE_READ_WRITE",
      workspaceId: "[unknown]",
    });
    const ownFake = withInputs({ ...ownUnknown, urn: ownUnknown.urn.replace("own-unknown", "own-fake"), name: "own-fake" }, { workspaceId: "4587263512950917" });
    const devUnknown = withInputs(devRead, { workspaceId: "[unknown]" });
    const found = await verdicts([...replaceStep(steps, devUnknown), ownUnknown, ownFake]);
    expect(found.map(([name, message]) => [name, message.split(":")[0]])).toEqual([
      ["bindings-restrict-workspaces", "WorkspaceBinding 'prod-mlops-catalog-binding-dev-read' cannot be checked during preview"],
      ["bindings-restrict-workspaces", "WorkspaceBinding 'own-unknown' cannot be checked during preview"],
      ["bindings-restrict-workspaces", "Workspace binding 'own-fake' of catalog 'prod_mlops' gives workspace '4587263512950917' read-write access; only the stage's own workspace may write (readWriteWorkspaceIds in this stage's policy config"],
      ["catalog-restrict-workspace-bindings", "The stack cannot be checked during preview"],
    ]);
  });

  test("a workspace without its keys and network, a wide private access setting, another metastore, no DBFS setting", async () => {
    const steps = await createdProd();
    const workspace = one(steps, "databricks:index/mwsWorkspaces:MwsWorkspaces");
    const access = one(steps, "databricks:index/mwsPrivateAccessSettings:MwsPrivateAccessSettings");
    const assignment = one(steps, "databricks:index/metastoreAssignment:MetastoreAssignment");
    const dbfs = one(steps, "databricks:index/disableLegacyDbfsSetting:DisableLegacyDbfsSetting");
    let changed = steps.filter((s) => s.urn !== dbfs.urn);
    changed = replaceStep(changed, withInputs(workspace, { networkId: undefined, storageCustomerManagedKeyId: undefined }));
    changed = replaceStep(changed, withInputs(access, { privateAccessLevel: undefined }));
    changed = replaceStep(changed, withInputs(assignment, { metastoreId: "11111111-2222-4333-8444-555555555555" }));
    // Resource verdicts in registration order (the private access settings register before the workspace), then the stack's.
    expect((await verdicts(changed)).map(([name]) => name)).toEqual([
      "workspace-restrict-private-access",
      "workspace-require-customer-managed-keys",
      "workspace-require-customer-managed-network",
      "workspace-require-shared-metastore",
      "workspace-require-legacy-disabled",
    ]);
  });
});
