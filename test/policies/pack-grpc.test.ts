/**
 * The pack as the Pulumi CLI runs it: launched with run-policy-pack and driven over the Analyzer protocol.
 * One session for the whole file; each test configures it as it needs.
 */
import * as path from "path";
import { DEFAULT_READ_ONLY_PRIVILEGES } from "../../policies/lib/principals";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlannedStep } from "../../tools/plan/types";
import { DATA_SCIENTIST_READ, PROD_SP, PROJECT, STACK, plannedStep, prodStage, replaceStep, withInputs } from "./fixtures";

const PACK_DIR = path.resolve(__dirname, "../../policies");
const config = (stage: string) => path.join(PACK_DIR, "config", `${stage}.json`);

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
      ["grants-forbid-human-write", "critical", "resource"],
      ["grants-forbid-all-privileges", "high", "resource"],
      ["grants-forbid-mixed-kinds", "high", "stack"],
      ["data-require-deletion-protection", "high", "resource"],
      ["catalog-require-isolation", "high", "resource"],
      ["catalog-restrict-workspace-bindings", "high", "stack"],
      ["jobs-require-service-principal-run-as", "high", "resource"],
      ["jobs-require-git-source", "high", "resource"],
      ["jobs-require-validation-before-deploy", "high", "resource"],
      ["jobs-require-failure-notifications", "medium", "resource"],
      ["jobs-forbid-all-purpose-clusters", "medium", "resource"],
      ["jobs-forbid-paused-retraining", "medium", "resource"],
      ["models-require-stage-catalog", "high", "stack"],
      ["serving-require-inference-tables", "high", "resource"],
      ["serving-require-rate-limits", "medium", "resource"],
      ["serving-forbid-scale-to-zero", "medium", "resource"],
      ["serving-require-long-timeouts", "medium", "resource"],
      ["monitoring-require-monitors", "high", "stack"],
      ["alerts-require-monitor-alerts", "medium", "stack"],
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
      policyName: "grants-forbid-human-write",
      reason: "Policy only applies to resources of type 'databricks:index/grants:Grants', 'databricks:index/grant:Grant'",
    });
  });

  test("a human write grant arrives with policy name, level from the config file, severity, urn and message", async () => {
    const stage = await prodStage();
    const grants = withInputs(stage.grants, {
      grants: [
        { principal: PROD_SP, privileges: ["USE_CATALOG", "MODIFY"] },
        { principal: "data-scientists", privileges: [...DATA_SCIENTIST_READ, "MODIFY"] },
      ],
    });
    const expected = {
      policyPack: "databricks-mlops",
      policyName: "grants-forbid-human-write",
      severity: "critical",
      urn: stage.grants.urn,
      message:
        `${description("grants-forbid-human-write")}\n` +
        "Human principal 'data-scientists' holds MODIFY on catalog 'prod_mlops'; " +
        "humans may hold only USE_CATALOG, USE_SCHEMA, SELECT, EXECUTE, READ_VOLUME, BROWSE.",
    };
    const prod = await evaluate("prod", replaceStep(stage.all, grants));
    expect(prod.violations).toEqual([{ ...expected, enforcementLevel: "mandatory" }]);
    // Disabled in dev: the policy does not run at all.
    const dev = await evaluate("dev", replaceStep(stage.all, grants));
    expect(dev.violations).toEqual([]);
  });

  test("the readOnlyPrivileges default comes from the schema, and a config override changes the verdict", async () => {
    await session.configureFromFile(config("prod"));
    const policy = session.policies.find((p) => p.name === "grants-forbid-human-write")!;
    expect(policy.properties).toEqual({ readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES] });

    const stage = await prodStage();
    const grants = withInputs(stage.grants, { grants: [{ principal: "data-scientists", privileges: ["SELECT", "MODIFY"] }] });
    expect((await session.analyze(grants, stage.all)).violations).toHaveLength(1);

    await session.configureFromDocument({
      all: "mandatory",
      "grants-forbid-human-write": { readOnlyPrivileges: [...DEFAULT_READ_ONLY_PRIVILEGES, "modify"] },
    });
    expect((await session.analyze(grants, stage.all)).violations).toEqual([]);
  });

  test("an advisory level reaches each verdict; deletion protection names each gap", async () => {
    const stage = await prodStage();
    const schema = { ...withInputs(stage.schemas[1], { forceDestroy: true }), protect: false };
    await session.configureFromDocument({ all: "advisory" });
    const outcome = await session.evaluate(replaceStep(stage.all, schema));
    expect(outcome.violations).toEqual(
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

  test("the stack rule matches a binding whose name is unknown to its catalog through its dependencies", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    const second = plannedStep(
      "databricks:index/workspaceBinding:WorkspaceBinding",
      "prod-mlops-binding-second-writer",
      stage.stageCatalog,
      { securableName: "[unknown]", workspaceId: "3333333333333333" },
      { provider: stage.ownBinding.provider, dependencies: [stage.catalog.urn] },
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

  test("a value unknown during preview yields the SDK's advisory can't-run verdict", async () => {
    await session.configureFromFile(config("prod"));
    const stage = await prodStage();
    const grants = withInputs(stage.grants, { grants: [{ principal: "[unknown]", privileges: ["SELECT"] }] });
    const outcome = await session.analyze(grants, stage.all);
    const humanWrite = outcome.violations.find((v) => v.policyName === "grants-forbid-human-write");
    expect(humanWrite).toMatchObject({ enforcementLevel: "advisory", urn: grants.urn });
    expect(humanWrite?.message).toMatch(/^can't run policy 'grants-forbid-human-write' from policy pack 'databricks-mlops@v0.1.0' during preview/);
  });
});
