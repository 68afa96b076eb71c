/**
 * The policy driver: config reconciliation as the CLI does it, the Analyzer messages it builds, and the
 * session lifecycle against the real pack (one session for the file) and against a crashing pack.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeRequestFor, durationSeconds, stackResourceFor, toWireValue } from "../../tools/plan/analyzer-messages";
import { checkAgainstSchema } from "../../tools/plan/json-schema-subset";
import {
  type PolicyConfigTarget,
  PolicyConfigError,
  loadPolicyPackConfigFile,
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
} from "../../tools/plan/policy-config";
import { PolicyPackSession, evaluatePolicyPack } from "../../tools/plan/policy-runner";
import { StepFeed } from "../../tools/plan/step-feed";
import { PROJECT, STACK } from "../policies/fixtures";
import { type ProdStage, prodStage } from "../policies/prod-stage";
import { allRules } from "../../policies/rules";
import { policyConfigWithoutInventory } from "../support/policy-config";

/** The levels policies/config/prod.json sets: every rule mandatory, the one remediation at its own level. */
/** Prod's levels that are not mandatory, as policies/config/prod.json sets them. */
const PROD_EXCEPTIONS: Record<string, string> = {
  "alerts-require-secret-destinations": "remediate",
  "secrets-require-secret-values": "remediate",
  "secrets-forbid-broad-access": "disabled",
};
const PROD_LEVELS = allRules.map((rule) => PROD_EXCEPTIONS[rule.name] ?? "mandatory");

const PACK_DIR = path.resolve(__dirname, "../../policies");

const targets: PolicyConfigTarget[] = [
  {
    name: "grants-forbid-human-write",
    enforcementLevel: "advisory",
    configSchema: { properties: { readOnlyPrivileges: { type: "array", items: { type: "string" }, default: ["SELECT"] } }, required: [] },
  },
  {
    name: "catalog-restrict-workspace-bindings",
    enforcementLevel: "advisory",
    configSchema: { properties: { readOnlyWorkspaceIds: { type: "array", items: { type: "string", pattern: "^[0-9]+$" } } }, required: [] },
  },
  { name: "catalog-require-isolation", enforcementLevel: "mandatory" },
];
const reconcile = (document: unknown) => reconcilePolicyPackConfig(targets, new Map(), parsePolicyPackConfig(document, "test.json"), "test.json");
const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof PolicyConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a PolicyConfigError");
};

describe("policy config, reconciled as the CLI does", () => {
  test("without a file every policy keeps its level and gets its schema defaults", () => {
    expect(Object.fromEntries(reconcile({}))).toEqual({
      "grants-forbid-human-write": { enforcementLevel: "advisory", properties: { readOnlyPrivileges: ["SELECT"] } },
      "catalog-restrict-workspace-bindings": { enforcementLevel: "advisory", properties: {} },
      "catalog-require-isolation": { enforcementLevel: "mandatory", properties: {} },
    });
  });

  test("`all` sets every level, per-policy entries override it and merge their properties over the defaults", () => {
    const result = reconcile({
      all: "mandatory",
      "catalog-require-isolation": "disabled",
      "catalog-restrict-workspace-bindings": { readOnlyWorkspaceIds: ["2222"] },
      "grants-forbid-human-write": { enforcementLevel: "advisory", readOnlyPrivileges: ["SELECT", "BROWSE"] },
    });
    expect(result.get("catalog-require-isolation")).toEqual({ enforcementLevel: "disabled", properties: {} });
    expect(result.get("catalog-restrict-workspace-bindings")).toEqual({ enforcementLevel: "mandatory", properties: { readOnlyWorkspaceIds: ["2222"] } });
    expect(result.get("grants-forbid-human-write")).toEqual({ enforcementLevel: "advisory", properties: { readOnlyPrivileges: ["SELECT", "BROWSE"] } });
    // Like the CLI, the `all` entry itself is configured too (the pack ignores it).
    expect(result.get("all")).toEqual({ enforcementLevel: "mandatory", properties: {} });
  });

  test("a value that breaks a config schema names the policy, the property, the value and what is allowed", () => {
    expect(problemsOf(() => reconcile({ "catalog-restrict-workspace-bindings": { readOnlyWorkspaceIds: ["dev", 42] } }))).toEqual([
      `catalog-restrict-workspace-bindings: property 'readOnlyWorkspaceIds[0]' is "dev"; allowed: a string matching ^[0-9]+$`,
      "catalog-restrict-workspace-bindings: property 'readOnlyWorkspaceIds[1]' is 42; allowed: a string matching ^[0-9]+$",
    ]);
    expect(problemsOf(() => reconcile({ "grants-forbid-human-write": { readOnlyPrivileges: "SELECT" } }))).toEqual([
      `grants-forbid-human-write: property 'readOnlyPrivileges' is "SELECT"; allowed: an array of strings`,
    ]);
  });

  test("invalid levels, unknown policies and undeclared properties are errors", () => {
    expect(problemsOf(() => parsePolicyPackConfig({ all: "blocking", x: 3 }, "test.json"))).toEqual([
      `all: enforcement level "blocking" is not valid; allowed: "advisory", "mandatory", "remediate", "disabled"`,
      `x: 3 is not valid; must be an enforcement level ("advisory", "mandatory", "remediate", "disabled") or an object`,
    ]);
    expect(problemsOf(() => reconcile({ "grants-forbid-human-writes": "mandatory", "catalog-require-isolation": { strict: true } }))).toEqual([
      "grants-forbid-human-writes: the pack has no policy of that name; its policies are catalog-require-isolation, catalog-restrict-workspace-bindings, grants-forbid-human-write (or \"all\")",
      "catalog-require-isolation: unknown property 'strict'; it takes no config properties",
    ]);
  });

  test("the error message names the file; an empty file is no config; bad JSON is an error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    expect(loadPolicyPackConfigFile(file("empty.json", "  \n")).size).toBe(0);
    expect(() => loadPolicyPackConfigFile(file("bad.json", "{"))).toThrow(`invalid policy pack config ${path.join(dir, "bad.json")}:\n  - not valid JSON`);
    expect(() => loadPolicyPackConfigFile(path.join(dir, "missing.json"))).toThrow("cannot read the file");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the schema checker covers the keywords config schemas use", () => {
    const schema = { type: "object", properties: { n: { type: "integer", minimum: 1 }, e: { enum: ["a", "b"] } }, required: ["n"] };
    expect(checkAgainstSchema({ n: 2, e: "a" }, schema)).toEqual([]);
    expect(checkAgainstSchema({ e: "c" }, schema)).toEqual([
      { path: "n", given: undefined, expected: "a value (required): an integer >= 1" },
      { path: "e", given: "c", expected: `one of "a", "b"` },
    ]);
  });
});

describe("Analyzer messages built from planned steps", () => {
  let stage: ProdStage;
  beforeAll(async () => {
    stage = await prodStage();
  });

  test("Analyze gets inputs, options with protect, parent and timeouts in seconds, and the provider's inputs", () => {
    const request = analyzeRequestFor(stage.catalog, new Map(stage.all.map((s) => [s.urn, s]))).toObject();
    expect(request).toMatchObject({ type: stage.catalog.type, urn: stage.catalog.urn, name: "prod-mlops-catalog" });
    expect(request.options).toMatchObject({ protect: true, parent: stage.stageCatalog.urn, customtimeouts: { create: 0, update: 0, pb_delete: 0 } });
    expect(request.provider).toMatchObject({ type: "pulumi:providers:databricks", urn: stage.provider.urn, name: "prod-mlops-workspace" });
    const withTimeouts = { ...stage.grants, customTimeouts: { create: "45m", delete: "1h30m" } };
    expect(analyzeRequestFor(withTimeouts, new Map()).getOptions()?.getCustomtimeouts()?.toObject()).toMatchObject({ create: 2700, update: 0, pb_delete: 5400 });
  });

  test("AnalyzeStack gets parent, dependencies and non-empty property dependencies beside the options", () => {
    const binding = { ...stage.devBinding, propertyDependencies: { securableName: [stage.catalog.urn], workspaceId: [] } };
    const resource = stackResourceFor(binding, new Map(stage.all.map((s) => [s.urn, s])));
    expect(resource.getParent()).toBe(stage.stageCatalog.urn);
    expect(resource.getDependenciesList()).toEqual([stage.catalog.urn]);
    expect([...resource.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()])).toEqual([["securableName", [stage.catalog.urn]]]);
    expect(resource.getOptions()?.getParent()).toBe("");
    expect(resource.getProvider()?.getUrn()).toBe(stage.provider.urn);
  });

  test("the plan's [unknown] marker becomes the runtime's unknown sentinel; durations parse like Go's", () => {
    expect(toWireValue({ a: ["[unknown]", 1], b: { c: "[unknown]" }, d: undefined })).toEqual({
      a: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", 1],
      b: { c: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
    });
    expect([durationSeconds("20m"), durationSeconds("1h30m"), durationSeconds("90s"), durationSeconds(undefined)]).toEqual([1200, 5400, 90, 0]);
  });
});

describe("a session with the real pack", () => {
  let session: PolicyPackSession;

  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK });
  });

  afterAll(async () => {
    await session?.close();
  });

  test("configure applies each stage's file: levels per stage as documented", async () => {
    const levels = async (stage: string) => {
      await session.configureFromFile(path.join(PACK_DIR, "config", `${stage}.json`));
      return Object.fromEntries(session.policies.map((p) => [p.name, p.enforcementLevel]));
    };
    expect(await levels("dev")).toMatchObject({ "access-restrict-principals": "disabled", "data-require-deletion-protection": "disabled", "catalog-require-isolation": "advisory" });
    expect(await levels("staging")).toMatchObject({ "access-restrict-principals": "mandatory", "data-require-deletion-protection": "disabled" });
    expect(Object.values(await levels("prod"))).toEqual(PROD_LEVELS);
  });

  test("a bad config file is a clear PolicyConfigError and leaves the previous config in place", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "prod.json");
    fs.writeFileSync(file, JSON.stringify({ all: "mandatory", "bindings-restrict-workspaces": { readOnlyWorkspaceIds: "2222" } }));
    await expect(session.configureFromFile(file)).rejects.toThrow(
      `invalid policy pack config ${file}:\n  - bindings-restrict-workspaces: property 'readOnlyWorkspaceIds' is "2222"; allowed: an array of strings matching ^[0-9]+$`,
    );
    await expect(session.configureFromFile(file)).rejects.toBeInstanceOf(PolicyConfigError);
    expect(session.policies.map((p) => p.enforcementLevel)).toEqual(PROD_LEVELS);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test("analyze attributes its verdicts to the resource sent", async () => {
    await session.configureFromFile(policyConfigWithoutInventory("prod"));
    const stage = await prodStage();
    const open = { ...stage.catalog, inputs: { ...stage.catalog.inputs, isolationMode: "OPEN" } };
    const outcome = await session.analyze(open, stage.all);
    expect(outcome.violations.map((v) => [v.policyName, v.urn, v.enforcementLevel])).toEqual([["catalog-require-isolation", open.urn, "mandatory"]]);
  });

  test("steps fed while the program still registers get the verdicts of the same steps as a list", async () => {
    await session.configureFromFile(policyConfigWithoutInventory("prod"));
    const stage = await prodStage();
    const steps = stage.all.map((s) => (s.urn === stage.catalog.urn ? { ...s, inputs: { ...s.inputs, isolationMode: "OPEN" } } : s));
    const feed = new StepFeed<(typeof steps)[number]>();
    const fed = session.evaluate(feed);
    for (const step of steps) {
      await new Promise((resolve) => setImmediate(resolve)); // registrations arrive over time
      feed.push(step);
    }
    feed.end();
    const fromFeed = await fed;
    expect(fromFeed.violations.map((v) => [v.policyName, v.urn])).toEqual([["catalog-require-isolation", stage.catalog.urn]]);
    expect(fromFeed).toEqual(await session.evaluate(steps));
  });

  test("a feed that fails (the program crashed) ends the run with that error and sends no AnalyzeStack", async () => {
    const stage = await prodStage();
    const feed = new StepFeed<(typeof stage.all)[number]>();
    feed.push(stage.all[0]);
    feed.fail(new Error("the program failed"));
    await expect(session.evaluate(feed)).rejects.toThrow("the program failed");
  });
});

describe("evaluatePolicyPack", () => {
  test("runs a whole stage and stops the pack", async () => {
    const stage = await prodStage();
    const result = await evaluatePolicyPack({
      packDir: PACK_DIR,
      // A hand-built prod stage, not the shipped one the inventory describes.
      policyConfigFile: policyConfigWithoutInventory("prod"),
      project: PROJECT,
      stack: STACK,
      steps: stage.all,
    });
    expect(result).toMatchObject({ packName: "databricks-mlops", packVersion: "0.1.0", violations: [], diagnostics: [] });
    expect(result.policies.map((p) => p.enforcementLevel)).toEqual(PROD_LEVELS);
  });

  test("a pack that crashes while loading is reported with its stderr", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crashing-pack-"));
    fs.symlinkSync(path.resolve(__dirname, "../../node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "crashing", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("boom while loading the pack");\n');
    try {
      await expect(evaluatePolicyPack({ packDir: dir, project: PROJECT, stack: STACK, steps: [] })).rejects.toThrow(
        /policy pack .*crashing-pack-.* exited with exit code \d+ before it printed its port:[\s\S]*boom while loading the pack/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
