/**
 * `ServingEndpoint` as a library user builds it by hand: its children are named from its own name, so two
 * instances never collide, and bad args fail before anything is declared, naming the argument.
 */
import * as pulumi from "@pulumi/pulumi";
import { ComponentArgsError, ServingEndpoint, type ServingEndpointArgs, resolveServing } from "../../components";
import { recordProgram } from "../support/record-stage";

const groups = { dataScientists: "ds", mlEngineers: "mle" };
const placement = (project: string) => ({ stage: "prod" as const, project, catalogName: "prod_mlops", inferenceSchema: "inference", modelFullName: `prod_mlops.ml_assets.${project}_model` });
const argsOf = (project: string, raw: Parameters<typeof resolveServing>[0] = {}): ServingEndpointArgs => ({
  serving: resolveServing(raw, { stage: "prod", project, modelName: `${project}_model`, scoringGroups: ["ds"] }),
  placement: placement(project),
  groups,
});

/** What `declare` registers in a consumer's prod stack. */
const record = (declare: () => void) => recordProgram("consumer", "prod", declare);

describe("ServingEndpoint", () => {
  it("names its children from its own name: two instances, no shared URN", async () => {
    const steps = await record(() => {
      new ServingEndpoint("churn", argsOf("churn"));
      new ServingEndpoint("fraud", argsOf("fraud"));
    });
    const urns = steps.map((step) => step.urn);
    expect(new Set(urns).size).toBe(urns.length);
    expect(steps.filter((step) => step.type !== "pulumi:pulumi:Stack").map((step) => [step.type, step.name]).sort()).toEqual([
      ["databricks-mlops:serving:ServingEndpoint", "churn"],
      ["databricks-mlops:serving:ServingEndpoint", "fraud"],
      ["databricks:index/modelServing:ModelServing", "churn-endpoint"],
      ["databricks:index/modelServing:ModelServing", "fraud-endpoint"],
      ["databricks:index/permissions:Permissions", "churn-endpoint-permissions"],
      ["databricks:index/permissions:Permissions", "fraud-endpoint-permissions"],
    ]);
  });

  it("passes its options to its children: the provider through the parent, protect as given", async () => {
    let provider: pulumi.ProviderResource | undefined;
    const steps = await record(() => {
      const databricks = require("@pulumi/databricks") as typeof import("@pulumi/databricks"); // eslint-disable-line @typescript-eslint/no-require-imports
      provider = new databricks.Provider("ws", { host: "https://dbc-1.cloud.databricks.com" });
      new ServingEndpoint("churn", argsOf("churn"), { providers: [provider], protect: true });
    });
    const endpoint = steps.find((step) => step.name === "churn-endpoint")!;
    expect(endpoint.provider).toMatch(/::ws::/);
    expect(endpoint.protect).toBe(true);
  });

  it.each([
    ["a split that does not sum to 100", { challenger: {}, traffic: { champion: 50, challenger: 60 } }, "serving.traffic: percentages sum to 110; the routes of an endpoint must sum to 100"],
    ["a split naming no served entity", { traffic: { champion: 90, shadow: 10 } }, "serving.traffic.shadow: names no served entity of the endpoint; served entities: champion"],
    ["scale-to-zero on prod", { scaleToZero: true }, "serving.scaleToZero: must be false on prod"],
  ])("refuses %s, naming the argument, before declaring anything", async (_what, raw, reason) => {
    let thrown: unknown;
    const steps = await record(() => {
      try {
        new ServingEndpoint("churn", argsOf("churn", raw));
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toBeInstanceOf(ComponentArgsError);
    expect((thrown as Error).message).toContain('invalid args of ServingEndpoint "churn":\n  - ');
    expect((thrown as Error).message).toContain(reason);
    expect(steps.filter((step) => step.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("refuses a hand-built block the stack file could not give: a bad endpoint name and rate limit", () => {
    const args = argsOf("churn");
    args.serving = { ...args.serving, endpointName: "bad name!", rateLimits: { callsPerMinute: 0 } };
    expect(() => new ServingEndpoint("churn", args)).toThrow(
      'invalid args of ServingEndpoint "churn":\n' +
        "  - serving.endpointName: letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters\n" +
        "  - serving.rateLimits.callsPerMinute: a whole number of calls per minute, at least 1",
    );
  });
});
