/**
 * CatalogStorage under the mock runtime: what each stage declares for its catalog's storage, through which
 * provider, with which inputs, and in which order (the edges the engine schedules by).
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import * as time from "@pulumiverse/time";
import { CatalogStorage, externalIdOf } from "../../components/catalog-storage";
import { stageAwsProvider } from "../../components/providers";
import { installMockRuntime } from "../../tools/plan/mock-runtime";
import type { PlannedStep } from "../../tools/plan/types";
import { recordStage, stepNamed, stepsOfType } from "../support/record-stage";
import { AWS_ACCOUNT_ID, SP_PROD, SP_STAGING, rawCreated, rawDev } from "../support/stage-configs";

const DB = (module: string, cls: string) => `databricks:index/${module}:${cls}`;
const CREDENTIAL = DB("storageCredential", "StorageCredential");
const LOCATION = DB("externalLocation", "ExternalLocation");
const GRANTS = DB("grants", "Grants");
const CATALOG = DB("catalog", "Catalog");
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const SLEEP = "time:index/sleep:Sleep";
const COMPONENT = "databricks-mlops:catalog:CatalogStorage";

/** The registrations whose parent is a CatalogStorage. */
const inStorage = (steps: readonly PlannedStep[]) => steps.filter((step) => step.parent.includes(`${COMPONENT}::`));
const named = (steps: readonly PlannedStep[], type: string, name: string) => stepNamed(steps, type, name);
const urnOf = (steps: readonly PlannedStep[], type: string, name: string) => named(steps, type, name).urn;
const providerName = (step: PlannedStep) => step.provider.split("::").slice(-2, -1)[0];
const policyOf = (step: PlannedStep, key: string) => JSON.parse(String(step.inputs[key])) as { Statement: Record<string, unknown>[] };

/** The stage's workspace assignments (its identities), which what names a principal waits for. */
const assignments = (steps: PlannedStep[]) =>
  steps.filter((step) => step.type === "databricks:index/permissionAssignment:PermissionAssignment").map((step) => step.urn).sort();

describe("create mode (prod)", () => {
  let steps: PlannedStep[];
  beforeAll(async () => {
    steps = await recordStage(rawCreated("prod"), "prod");
  });

  it("declares one bucket, key, role, credential, location and propagation wait, under one component, on the created workspace's time provider", () => {
    const storage = inStorage(steps);
    const count = (type: string) => storage.filter((step) => step.type === type).length;
    expect({
      buckets: count(BUCKET),
      keys: count(KEY),
      roles: count(ROLE),
      rolePolicies: count(ROLE_POLICY),
      credentials: count(CREDENTIAL),
      locations: count(LOCATION),
      grants: count(GRANTS),
      sleeps: count(SLEEP),
      timeProviders: count("pulumi:providers:time"),
      versioning: count("aws:s3/bucketVersioning:BucketVersioning"),
    }).toEqual({ buckets: 1, keys: 1, roles: 1, rolePolicies: 1, credentials: 1, locations: 1, grants: 2, sleeps: 1, timeProviders: 0, versioning: 1 });
    // One time provider per stage: the created workspace's, which the stage passes on.
    expect(stepsOfType(steps, "pulumi:providers:time").map((step) => step.name)).toEqual(["prod-mlops-time"]);
    // Nothing of the kind anywhere else in the stage.
    expect(stepsOfType(steps, CREDENTIAL)).toHaveLength(1);
    expect(stepsOfType(steps, LOCATION)).toHaveLength(1);
  });

  it("the bucket has the root bucket's protections: SSE-KMS under its own rotating key, every public-access block, owner-enforced, TLS only, versioned and protected on prod", () => {
    const bucket = named(steps, BUCKET, "prod-mlops-catalog-bucket");
    expect(bucket.inputs).toMatchObject({ bucket: `prod-mlops-catalog-${AWS_ACCOUNT_ID}`, forceDestroy: false });
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    const key = named(steps, KEY, "prod-mlops-catalog-storage");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect([key.protect, key.retainOnDelete]).toEqual([true, true]);
    const setting = (type: string) => named(steps, type, "prod-mlops-catalog-bucket");
    for (const type of [
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]) {
      expect([type, setting(type).propertyDependencies.bucket]).toEqual([type, [bucket.urn]]);
    }
    expect(setting("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(setting("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    const sse = setting("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    expect(sse.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: expect.stringMatching(/^arn:aws:kms:/) }, bucketKeyEnabled: true }]);
    expect(sse.propertyDependencies.rules).toEqual([key.urn]);
    expect(policyOf(setting("aws:s3/bucketPolicy:BucketPolicy"), "policy").Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
    expect(setting("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
  });

  it("the credential names the role by its known ARN, isolated, owned by the service principal, protected on prod", () => {
    const credential = named(steps, CREDENTIAL, "prod-mlops-catalog-credential");
    expect(credential.inputs).toEqual({
      name: "prod_mlops_catalog_credential",
      comment: "Storage of the prod catalog of the mlops ML project. Managed by Pulumi.",
      awsIamRole: { roleArn: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/prod-mlops-catalog-storage` },
      owner: SP_PROD,
      isolationMode: "ISOLATION_MODE_ISOLATED",
      readOnly: false,
      forceDestroy: false,
    });
    // Only on the stage's identities: the owner it names is resolved when the call is made.
    expect(credential.dependencies.sort()).toEqual(assignments(steps));
    expect([credential.protect, credential.retainOnDelete]).toEqual([true, true]);
  });

  it("the role trusts Unity Catalog's master role and itself, both only with the credential's external id", () => {
    const role = named(steps, ROLE, "prod-mlops-catalog-storage");
    const credentialUrn = urnOf(steps, CREDENTIAL, "prod-mlops-catalog-credential");
    expect(role.inputs.name).toBe("prod-mlops-catalog-storage");
    expect(role.propertyDependencies.assumeRolePolicy).toEqual([credentialUrn]);
    const trust = policyOf(role, "assumeRolePolicy").Statement;
    // The mock's external id of the credential (tools/plan/mock-outputs.ts).
    const externalId = { "sts:ExternalId": expect.stringMatching(/^00000000-0000-4000-8000-[0-9]{12}$/) };
    expect(trust).toEqual([
      {
        Sid: "UnityCatalogAssumeRole",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: externalId },
      },
      {
        Sid: "ExplicitSelfRoleAssumption",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${AWS_ACCOUNT_ID}:root` },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${AWS_ACCOUNT_ID}:role/prod-mlops-catalog-storage` }, StringEquals: externalId },
      },
    ]);
  });

  it("the key waits for the role it names; the role's policy for both, reaching only this bucket, key and role", () => {
    const role = named(steps, ROLE, "prod-mlops-catalog-storage");
    const key = named(steps, KEY, "prod-mlops-catalog-storage");
    expect(key.propertyDependencies.policy).toEqual([role.urn]);
    expect(policyOf(key, "policy").Statement[1]).toMatchObject({ Principal: { AWS: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/prod-mlops-catalog-storage` } });
    const rolePolicy = named(steps, ROLE_POLICY, "prod-mlops-catalog-storage");
    expect(rolePolicy.propertyDependencies.role).toEqual([role.urn]);
    expect([...rolePolicy.propertyDependencies.policy].sort()).toEqual([key.urn, role.urn].sort());
    const resources = policyOf(rolePolicy, "policy").Statement.flatMap((statement) => [statement.Resource].flat());
    expect(resources).toEqual([
      `arn:aws:s3:::prod-mlops-catalog-${AWS_ACCOUNT_ID}/*`,
      `arn:aws:s3:::prod-mlops-catalog-${AWS_ACCOUNT_ID}`,
      expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//),
      `arn:aws:iam::${AWS_ACCOUNT_ID}:role/prod-mlops-catalog-storage`,
    ]);
  });

  it("the location waits for IAM to propagate after the role's trust and policy, the key and every bucket setting", () => {
    const sleep = named(steps, SLEEP, "prod-mlops-catalog-iam-propagation");
    expect(sleep.inputs).toEqual({ createDuration: "60s" });
    expect(providerName(sleep)).toBe("prod-mlops-time");
    const bucketSettings = inStorage(steps).filter((step) => step.type.startsWith("aws:s3/bucket") && step.type !== BUCKET).map((step) => step.urn);
    expect(bucketSettings).toHaveLength(5);
    expect([...new Set(sleep.dependencies)].sort()).toEqual(
      [urnOf(steps, ROLE, "prod-mlops-catalog-storage"), urnOf(steps, ROLE_POLICY, "prod-mlops-catalog-storage"), urnOf(steps, KEY, "prod-mlops-catalog-storage"), ...bucketSettings].sort(),
    );
    const location = named(steps, LOCATION, "prod-mlops-catalog-location");
    expect([...location.dependencies].sort()).toEqual([sleep.urn, urnOf(steps, CREDENTIAL, "prod-mlops-catalog-credential"), ...assignments(steps)].sort());
    expect(location.propertyDependencies.credentialName).toEqual([urnOf(steps, CREDENTIAL, "prod-mlops-catalog-credential")]);
  });

  it("the location covers the whole bucket, isolated, validated, without file events or fallback, protected on prod", () => {
    const location = named(steps, LOCATION, "prod-mlops-catalog-location");
    expect(location.inputs).toEqual({
      name: "prod_mlops_catalog_location",
      url: `s3://prod-mlops-catalog-${AWS_ACCOUNT_ID}/`,
      credentialName: "prod_mlops_catalog_credential",
      comment: "Managed storage of the prod catalog of the mlops ML project. Managed by Pulumi.",
      owner: SP_PROD,
      isolationMode: "ISOLATION_MODE_ISOLATED",
      readOnly: false,
      fallback: false,
      enableFileEvents: false,
      forceDestroy: false,
    });
    expect(location.inputs).not.toHaveProperty("skipValidation");
    expect([location.protect, location.retainOnDelete]).toEqual([true, true]);
  });

  it("the catalog's storage root is a folder under the location and the catalog waits for it", () => {
    const catalog = named(steps, CATALOG, "prod-mlops-catalog");
    expect(catalog.inputs.storageRoot).toBe(`s3://prod-mlops-catalog-${AWS_ACCOUNT_ID}/managed`);
    expect(catalog.propertyDependencies.storageRoot).toEqual([urnOf(steps, LOCATION, "prod-mlops-catalog-location")]);
  });

  it("only the service principal is granted anything on the credential and the location, authoritatively", () => {
    expect(named(steps, GRANTS, "prod-mlops-catalog-credential-grants").inputs).toEqual({
      storageCredential: "prod_mlops_catalog_credential",
      grants: [{ principal: SP_PROD, privileges: ["CREATE_EXTERNAL_LOCATION"] }],
    });
    expect(named(steps, GRANTS, "prod-mlops-catalog-location-grants").inputs).toEqual({
      externalLocation: "prod_mlops_catalog_location",
      grants: [{ principal: SP_PROD, privileges: ["CREATE_MANAGED_STORAGE"] }],
    });
    expect(stepsOfType(steps, DB("grant", "Grant"))).toEqual([]);
    expect(stepsOfType(steps, DB("workspaceBinding", "WorkspaceBinding")).map((step) => step.inputs.securableType)).toEqual(["catalog"]);
  });

  it("AWS resources go through the stage's pinned AWS provider, Databricks ones through the workspace provider", () => {
    for (const step of inStorage(steps).filter((s) => s.custom && !s.type.startsWith("pulumi:providers:"))) {
      const expected = step.type.startsWith("aws:") ? "prod-mlops-aws" : step.type.startsWith("databricks:") ? "prod-mlops-workspace" : "prod-mlops-time";
      expect([step.name, step.type, providerName(step)]).toEqual([step.name, step.type, expected]);
    }
  });
});

describe("other stages and modes", () => {
  it("staging: owned by and granted to its own service principal; neither versioned nor protected", async () => {
    const steps = await recordStage(rawCreated("staging"), "staging");
    expect(named(steps, LOCATION, "staging-mlops-catalog-location").inputs.owner).toBe(SP_STAGING);
    expect(named(steps, GRANTS, "staging-mlops-catalog-location-grants").inputs.grants).toEqual([{ principal: SP_STAGING, privileges: ["CREATE_MANAGED_STORAGE"] }]);
    expect(stepsOfType(inStorage(steps), "aws:s3/bucketVersioning:BucketVersioning")).toEqual([]);
    for (const step of inStorage(steps)) expect([step.name, step.protect, step.retainOnDelete]).toEqual([step.name, false, false]);
  });

  it("dev without a service principal: the deployer owns both and no Grants is declared (an empty one would never converge)", async () => {
    const steps = await recordStage(rawCreated("dev"), "dev");
    expect(named(steps, CREDENTIAL, "dev-mlops-catalog-credential").inputs).not.toHaveProperty("owner");
    expect(named(steps, LOCATION, "dev-mlops-catalog-location").inputs).not.toHaveProperty("owner");
    expect(stepsOfType(inStorage(steps), GRANTS)).toEqual([]);
    expect(named(steps, CATALOG, "dev-mlops-catalog").inputs.storageRoot).toBe(`s3://dev-mlops-catalog-${AWS_ACCOUNT_ID}/managed`);
  });

  it("create mode with unityCatalog.storageRoot uses that location and declares no storage", async () => {
    const raw = rawCreated("prod");
    const steps = await recordStage({ ...raw, unityCatalog: { storageRoot: "s3://existing-bucket/prod" } }, "prod");
    expect(inStorage(steps)).toEqual([]);
    expect(stepsOfType(steps, COMPONENT)).toEqual([]);
    const catalog = named(steps, CATALOG, "prod-mlops-catalog");
    expect(catalog.inputs.storageRoot).toBe("s3://existing-bucket/prod");
    expect(catalog.propertyDependencies.storageRoot ?? []).toEqual([]);
  });

  it("create mode with createStorage false leaves the catalog on the metastore's root storage", async () => {
    const steps = await recordStage({ ...rawCreated("dev"), unityCatalog: { createStorage: false } }, "dev");
    expect(stepsOfType(steps, COMPONENT)).toEqual([]);
    expect(named(steps, CATALOG, "dev-mlops-catalog").inputs).not.toHaveProperty("storageRoot");
  });

  it("adopt mode declares no storage, as before", async () => {
    const steps = await recordStage(rawDev(), "dev");
    expect(stepsOfType(steps, COMPONENT)).toEqual([]);
    expect(named(steps, CATALOG, "dev-mlops-catalog").inputs).not.toHaveProperty("storageRoot");
  });
});

describe("the component on its own", () => {
  /** Builds one CatalogStorage under the mock runtime with the given extra args; returns every registration. */
  async function recordStorage(extra: (providers: { workspace: databricks.Provider }) => Partial<ConstructorParameters<typeof CatalogStorage>[1]>): Promise<PlannedStep[]> {
    const recording = installMockRuntime({ project: "databricks-mlops", stack: "staging", config: {}, secretKeys: [] });
    await pulumi.runtime.runInPulumiStack(async () => {
      const aws = { accountId: AWS_ACCOUNT_ID, region: "us-east-1" };
      const workspace = new databricks.Provider("workspace", { host: "https://staging.cloud.databricks.com" });
      new CatalogStorage("staging-mlops", {
        stage: "staging",
        mlProject: "mlops",
        aws,
        awsProvider: stageAwsProvider("aws", aws),
        workspaceProvider: workspace,
        ...extra({ workspace }),
      });
      return {};
    });
    await pulumi.runtime.disconnect();
    return recording.steps;
  }

  it("creates its own time provider when it is given none", async () => {
    const steps = await recordStorage(() => ({}));
    expect(stepsOfType(steps, "pulumi:providers:time").map((step) => step.name)).toEqual(["staging-mlops-catalog-time"]);
    const sleep = named(steps, SLEEP, "staging-mlops-catalog-iam-propagation");
    expect([providerName(sleep), sleep.inputs.createDuration]).toEqual(["staging-mlops-catalog-time", "60s"]);
  });

  it("uses a time provider it is given instead of creating one, and the given delay", async () => {
    const steps = await recordStorage(() => ({ timeProvider: new time.Provider("shared-time"), propagationDelay: "90s" }));
    expect(stepsOfType(steps, "pulumi:providers:time").map((step) => step.name)).toEqual(["shared-time"]);
    const sleep = named(steps, SLEEP, "staging-mlops-catalog-iam-propagation");
    expect([providerName(sleep), sleep.inputs.createDuration]).toEqual(["shared-time", "90s"]);
  });

  it("the storage credential waits for what it is given to wait for (the metastore assignment)", async () => {
    const steps = await recordStorage(({ workspace }) => ({
      dependsOn: [new databricks.MetastoreAssignment("assignment", { metastoreId: "m", workspaceId: "1" }, { provider: workspace })],
    }));
    const assignment = named(steps, DB("metastoreAssignment", "MetastoreAssignment"), "assignment");
    expect(named(steps, CREDENTIAL, "staging-mlops-catalog-credential").dependencies).toEqual([assignment.urn]);
    expect((await recordStorage(() => ({}))).find((step) => step.type === CREDENTIAL)?.dependencies).toEqual([]);
  });

  it("versioning and protection follow their args", async () => {
    const steps = await recordStorage(() => ({ versioning: true, protectData: false, writer: SP_STAGING }));
    expect(stepsOfType(steps, "aws:s3/bucketVersioning:BucketVersioning")).toHaveLength(1);
    expect(named(steps, BUCKET, "staging-mlops-catalog-bucket").protect).toBe(false);
    const protectedSteps = await recordStorage(() => ({ versioning: false, protectData: true }));
    expect(stepsOfType(protectedSteps, "aws:s3/bucketVersioning:BucketVersioning")).toEqual([]);
    for (const [type, name] of [
      [BUCKET, "staging-mlops-catalog-bucket"],
      [KEY, "staging-mlops-catalog-storage"],
      [CREDENTIAL, "staging-mlops-catalog-credential"],
      [LOCATION, "staging-mlops-catalog-location"],
    ]) {
      const step = named(protectedSteps, type, name);
      expect([name, step.protect, step.retainOnDelete]).toEqual([name, true, true]);
    }
  });

  it("a credential without an external id cannot be trusted: the role's trust is refused, naming the credential", () => {
    expect(externalIdOf("prod_mlops_catalog_credential", { externalId: "abc" })).toBe("abc");
    for (const role of [undefined, {}, { externalId: "" }]) {
      expect(() => externalIdOf("prod_mlops_catalog_credential", role)).toThrow(
        "CatalogStorage: storage credential prod_mlops_catalog_credential has no awsIamRole.externalId to put into its role's trust",
      );
    }
  });
});
