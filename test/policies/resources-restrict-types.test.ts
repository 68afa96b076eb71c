/**
 * resources-restrict-types: default deny. A resource passes only when its exact type is admitted by the stage's
 * policy config, or it is the root stack, or a component of an admitted component package (no provider). First
 * the rule object, one case per way to break it; then through the launched pack with the shipped prod config.
 */
import * as path from "path";
import { DYNAMIC_TYPES, findTypeAdmissionGap, packageOf, resourcesRestrictTypes } from "../../policies/rules/resources-restrict-types";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { PROJECT, STACK, plannedStep } from "./fixtures";
import { invokeRule } from "./invoke-rule";
import { policyConfigWithoutInventory } from "../support/policy-config";

const CATALOG = "databricks:index/catalog:Catalog";
const CONFIG = { allowedTypes: [CATALOG, "pulumi:providers:databricks"], componentPackages: ["databricks-mlops"] };
const HOW =
  "A security reviewer admits a type by adding it to `allowedTypes` of this rule in the stage's policy config " +
  "(policies/config/<stage>.json) together with the rules that judge it (docs/security-reviewer.md); a stack change alone cannot.";
const check = (type: string, providerType?: string, config: object = CONFIG) =>
  invokeRule(resourcesRestrictTypes, { type, name: "x", ...(providerType ? { provider: { type: providerType, name: "p", props: {} } } : {}) }, config);

describe("resources-restrict-types", () => {
  test("an admitted type, the root stack and a component of the program's own package pass; the rule applies to every type", () => {
    expect(check(CATALOG, "pulumi:providers:databricks")).toEqual({ violations: [] });
    expect(check("pulumi:providers:databricks")).toEqual({ violations: [] });
    expect(check("pulumi:pulumi:Stack")).toEqual({ violations: [] });
    expect(check("databricks-mlops:catalog:StageCatalog")).toEqual({ violations: [] });
  });

  test("a type the config does not list is refused, naming the type and how a reviewer admits it", () => {
    expect(check("databricks:index/share:Share", "pulumi:providers:databricks").violations).toEqual([
      `Share 'x' has type 'databricks:index/share:Share', which this stage's policy config does not admit (allowedTypes of resources-restrict-types). ${HOW}`,
    ]);
  });

  test("with no allowedTypes nothing but the root stack and own components passes", () => {
    expect(check(CATALOG, undefined, { componentPackages: ["databricks-mlops"] }).violations).toHaveLength(1);
    expect(check("databricks-mlops:catalog:StageCatalog", undefined, { componentPackages: ["databricks-mlops"] }).violations).toEqual([]);
  });

  test.each(DYNAMIC_TYPES.map((t) => [t]))("a dynamic resource (%s) is refused even when listed", (type) => {
    expect(check(type, undefined, { ...CONFIG, allowedTypes: [type] }).violations).toEqual([
      `Resource 'x' is a dynamic resource ('${type}'): it runs code of the program with the deployer's credentials, and one type token ` +
        "covers every dynamic provider, so no rule can judge it and no stage admits it; declare the resource through a provider package instead.",
    ]);
  });

  test("a provider of a package the config does not list is refused", () => {
    expect(check("pulumi:providers:random").violations).toEqual([
      `Provider 'x' is a provider of package 'random', which this stage's policy config does not admit (allowedTypes of resources-restrict-types). ${HOW}`,
    ]);
  });

  test("a component of a foreign package is refused, as is a resource of the own package that comes with a provider", () => {
    expect(check("awsx:ec2:Vpc").violations).toEqual([
      `Vpc 'x' has type 'awsx:ec2:Vpc', which this stage's policy config does not admit (allowedTypes of resources-restrict-types). ${HOW}`,
    ]);
    expect(check("databricks-mlops:catalog:StageCatalog", "pulumi:providers:databricks-mlops").violations).toEqual([
      "StageCatalog 'x' has type 'databricks-mlops:catalog:StageCatalog' of the component package 'databricks-mlops' but comes with provider type " +
        "'pulumi:providers:databricks-mlops', so it is a custom resource of a plugin, not a component of this program, and this stage's policy config " +
        `does not admit it. ${HOW}`,
    ]);
    // The component package list is the reviewers': without it even the program's own components must be listed.
    expect(check("databricks-mlops:catalog:StageCatalog", undefined, { allowedTypes: [] }).violations).toHaveLength(1);
    expect(findTypeAdmissionGap({ type: "pulumi:providers:databricks-mlops", name: "p" }, CONFIG)[0]).toMatch(/^Provider 'p' is a provider of package 'databricks-mlops', which/);
  });

  test("the package of a type token", () => {
    expect(packageOf("databricks:index/job:Job")).toBe("databricks");
    expect(packageOf("pulumi:providers:aws")).toBe("aws");
    expect(packageOf("awsx:ec2:Vpc")).toBe("awsx");
  });
});

describe("resources-restrict-types through the launched pack", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
  });
  afterAll(async () => {
    await session?.close();
  });

  const deny = async (stage: string, steps: ReturnType<typeof plannedStep>[]) => {
    await session.configureFromFile(policyConfigWithoutInventory(stage));
    const outcome = await session.evaluate(steps);
    return outcome.violations.filter((v) => v.policyName === "resources-restrict-types").map((v) => [v.enforcementLevel, v.urn, v.message.split("\n")[1]]);
  };

  test("prod refuses a dynamic resource, a foreign provider and an unlisted type as mandatory; dev advises; admitted types pass", async () => {
    const stack = plannedStep("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, undefined);
    const component = plannedStep("databricks-mlops:index:MlopsStage", "prod-mlops", stack);
    const dynamic = plannedStep("pulumi-nodejs:dynamic:Resource", "sync", component);
    const random = plannedStep("pulumi:providers:random", "rnd", component);
    const share = plannedStep("databricks:index/share:Share", "prod-share", component);
    const steps = [stack, component, dynamic, random, share];
    const prod = await deny("prod", steps);
    expect(prod.map(([level, urn]) => [level, urn])).toEqual([
      ["mandatory", dynamic.urn],
      ["mandatory", random.urn],
      ["mandatory", share.urn],
    ]);
    expect(prod[2]?.[2]).toBe(`Share 'prod-share' has type 'databricks:index/share:Share', which this stage's policy config does not admit (allowedTypes of resources-restrict-types). ${HOW}`);
    expect((await deny("dev", steps)).map(([level]) => level)).toEqual(["advisory", "advisory", "advisory"]);
    expect(await deny("prod", [stack, component])).toEqual([]);
  });
});
