/**
 * The checks of the multi-language `ServingEndpoint` facade's args, in process: one failing case per way to break
 * each field, each reported under its path and never with its value. test/package/component-provider.test.ts
 * runs the same checks through the launched plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import { type ServingEndpointArgs, checkServingEndpointArgs } from "../../provider/serving-endpoint";

const VALID: ServingEndpointArgs = {
  stage: "prod",
  project: "churn",
  catalogName: "prod_mlops",
  modelFullName: "prod_mlops.ml_assets.churn_model",
  dataScientistsGroup: "data-scientists",
  mlEngineersGroup: "ml-engineers",
  servicePrincipal: "6f2d8a4e-1c3b-4d5e-9f60-7a8b9c0d1e2f",
  serving: { challenger: { workloadSize: "Medium" }, traffic: { champion: 80, challenger: 20 }, scaleToZero: false, rateLimits: { callsPerMinute: 500 } },
};

/** The problems of `args`, as `path: reason` lines. */
function problems(args: ServingEndpointArgs): string[] {
  const found: string[] = [];
  checkServingEndpointArgs(args, (path, reason) => found.push(`${path.join(".")}: ${reason}`));
  return found;
}

describe("the ServingEndpoint facade's args", () => {
  it("accepts a complete block and the bare minimum", () => {
    expect(problems(VALID)).toEqual([]);
    const { servicePrincipal: _sp, serving: _serving, ...minimum } = VALID;
    expect(problems({ ...minimum, stage: "dev" })).toEqual([]);
  });

  it.each(["stage", "project", "catalogName", "modelFullName", "dataScientistsGroup", "mlEngineersGroup"] as const)("requires %s as a non-empty string", (field) => {
    expect(problems({ ...VALID, [field]: "" })).toContain(`${field}: a non-empty string is required`);
    const { [field]: _dropped, ...without } = VALID;
    expect(problems(without as ServingEndpointArgs)).toContain(`${field}: a non-empty string is required`);
    expect(problems({ ...VALID, [field]: 7 } as unknown as ServingEndpointArgs)).toContain(`${field}: a non-empty string is required`);
  });

  it("refuses an empty optional string", () => {
    expect(problems({ ...VALID, servicePrincipal: "", inferenceSchema: "" })).toEqual(["inferenceSchema: a non-empty string when given", "servicePrincipal: a non-empty string when given"]);
  });

  it("requires the deployment service principal on staging and prod, as an application id", () => {
    const { servicePrincipal: _sp, ...withoutPrincipal } = VALID;
    expect(problems(withoutPrincipal)).toEqual(["servicePrincipal: required on prod: the stage's deployment service principal manages the endpoint there"]);
    expect(problems({ ...withoutPrincipal, stage: "staging" })).toEqual(["servicePrincipal: required on staging: the stage's deployment service principal manages the endpoint there"]);
    expect(problems({ ...VALID, servicePrincipal: "deployer@example.com" })).toEqual(["servicePrincipal: the service principal's application id (a UUID)"]);
  });

  it("refuses a stage outside dev, staging and prod, and a model name that is not <catalog>.<schema>.<model>", () => {
    expect(problems({ ...VALID, stage: "production", modelFullName: "churn_model" })).toEqual(["stage: one of dev, staging, prod", "modelFullName: <catalog>.<schema>.<model>"]);
  });

  it("refuses a value another resource has not produced yet: names are built from it", () => {
    expect(problems({ ...VALID, catalogName: pulumi.output("prod_mlops") as unknown as string })).toEqual([
      "catalogName: must be known when the program runs: a plain value, not another resource's output",
    ]);
    expect(problems({ ...VALID, serving: pulumi.output({}) as unknown as ServingEndpointArgs["serving"] })).toEqual([
      "serving: must be known when the program runs: a plain value, not another resource's output",
    ]);
  });

  it("refuses account-wide groups and UUIDs as the stage's groups, as the stack file does", () => {
    const found = problems({ ...VALID, dataScientistsGroup: "account users", mlEngineersGroup: "6f2d8a4e-1c3b-4d5e-9f60-7a8b9c0d1e2f" });
    expect(found.map((line) => line.split(":")[0])).toEqual(["dataScientistsGroup", "mlEngineersGroup"]);
    expect(found[0]).toMatch(/not an account-wide group/);
    expect(found[1]).toMatch(/not a UUID/);
  });

  it("checks the serving block with the stack file's schema: unknown keys, bad sizes, bad limits", () => {
    const serving = { workloadSize: "Huge", rateLimits: { callsPerMinute: 0 }, version: "3", colour: "blue" } as unknown as ServingEndpointArgs["serving"];
    expect(problems({ ...VALID, serving })).toEqual(
      expect.arrayContaining(["serving.workloadSize: one of Small, Medium, Large", "serving.rateLimits.callsPerMinute: a whole number of calls per minute, at least 1", expect.stringMatching(/^serving: unknown key; allowed keys: endpointName, /)]),
    );
  });

  it("checks the serving block with the stack file's rules: the split, scale-to-zero on prod", () => {
    expect(problems({ ...VALID, serving: { challenger: {}, traffic: { champion: 80, canary: 30 }, scaleToZero: true } })).toEqual([
      "serving.scaleToZero: must be false on prod: a scaled-to-zero endpoint answers its first request after minutes of cold start",
      "serving.traffic.canary: names no served entity of the endpoint; served entities: champion, challenger",
      "serving.traffic: percentages sum to 110; the routes of an endpoint must sum to 100",
    ]);
  });

  it("never echoes a value", () => {
    const secretish = "dapi0123456789abcdef";
    const found = problems({ ...VALID, stage: secretish, dataScientistsGroup: `${secretish}!`, serving: { endpointName: `${secretish}/x`, consumerGroups: [`${secretish}?`] } });
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.join("\n")).not.toContain(secretish);
  });
});
