import { parseStageConfig } from "../../stack/config";
import { problemsOf, rawProject, rawStageWith, stageWith } from "../pipelines/fixtures";

const key = (rest: string) => `  - databricks-mlops:mlProjects[0].serving${rest}`;

describe("serving config", () => {
  test("defaults: endpoint per stage and project, all traffic to the Champion, scale-to-zero off on prod only", () => {
    const prod = stageWith("prod", rawProject({ serving: {} })).mlProjects[0].serving;
    expect(prod).toEqual({
      endpointName: "prod-churn",
      served: [{ name: "champion", alias: "Champion", workloadSize: "Small" }],
      traffic: { champion: 100 },
      scaleToZero: false,
      rateLimits: { callsPerMinute: 1000 },
      consumerGroups: ["mlops-data-scientists", "mlops-ml-engineers"],
      inferenceTablePrefix: "churn_model_endpoint",
    });
    expect(stageWith("dev", rawProject({ serving: { champion: {} } })).mlProjects[0].serving?.scaleToZero).toBe(true);
  });

  test("a Challenger follows its alias and gets 10% unless the split is given", () => {
    const serving = stageWith("staging", rawProject({ serving: { challenger: { workloadSize: "Medium" } } })).mlProjects[0].serving;
    expect(serving?.traffic).toEqual({ champion: 90, challenger: 10 });
    expect(serving?.served).toEqual([
      { name: "champion", alias: "Champion", workloadSize: "Small" },
      { name: "challenger", alias: "Challenger", workloadSize: "Medium" },
    ]);
  });

  test("a served version in the stack file is refused with the reason", () => {
    const raw = rawStageWith("prod", rawProject({ serving: { champion: { version: 3 }, challenger: { version: "4", workloadSize: "Large" } } }));
    const reason =
      "is no longer set in the stack: a model the same `up` creates has no version yet, so the endpoint follows the model's aliases instead; " +
      "the deployment task serves the versions `Champion` (and `Challenger`) point to. Remove the key (docs/data-scientist.md, \"How a new version reaches the endpoint\")";
    const problems = problemsOf(raw, "prod");
    expect(problems).toEqual([key(`.challenger.version: got "4"; ${reason}`), key(`.champion.version: got 3; ${reason}`)]);
  });

  test("an unknown key of a served entity lists workloadSize only", () => {
    const raw = rawStageWith("dev", rawProject({ serving: { champion: { alias: "Best" } } }));
    expect(problemsOf(raw, "dev")).toEqual([key('.champion.alias: got a string (not shown: values of unknown keys are never echoed); unknown key; allowed keys: workloadSize')]);
  });

  test("traffic that does not sum to 100 or names an unknown served entity", () => {
    const raw = rawStageWith("prod", rawProject({ serving: { traffic: { champion: 80, shadow: 10 } } }));
    expect(problemsOf(raw, "prod")).toEqual([
      key('.traffic: got {"champion":80,"shadow":10}; percentages sum to 90; the routes of an endpoint must sum to 100'),
      key(".traffic.shadow: got 10; names no served entity of the endpoint; served entities: champion"),
    ]);
  });

  test("traffic for a Challenger the block does not serve", () => {
    const raw = rawStageWith("prod", rawProject({ serving: { traffic: { champion: 90, challenger: 10 } } }));
    expect(problemsOf(raw, "prod")).toEqual([key(".traffic.challenger: got 10; names no served entity of the endpoint; served entities: champion")]);
  });

  test("endpoint names the Serving API rejects, scale-to-zero on prod", () => {
    const raw = rawStageWith("prod", rawProject({ serving: { endpointName: "churn endpoint!", scaleToZero: true } }));
    expect(problemsOf(raw, "prod")).toEqual([
      key(`.endpointName: got "churn endpoint!"; expected letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters`),
      key(".scaleToZero: got true; must be false on prod: a scaled-to-zero endpoint answers its first request after minutes of cold start"),
    ]);
  });

  test("workload sizes, percentages and groups of the wrong kind", () => {
    const raw = rawStageWith("dev", rawProject({ serving: { champion: { workloadSize: "Huge" }, traffic: { champion: 100.5 }, consumerGroups: ["users"] } }));
    expect(problemsOf(raw, "dev")).toEqual([
      key('.champion.workloadSize: got "Huge"; expected one of Small, Medium, Large'),
      key('.consumerGroups[0]: got "users"; expected a group name (letters, digits, spaces, \'.\', \'_\' or \'-\'), not an account-wide group such as "users" or "account users"'),
      key(".traffic.champion: got 100.5; expected a whole number from 0 to 100"),
    ]);
  });

  test("two projects may not share an endpoint name", () => {
    const raw = rawStageWith("dev", rawProject({ serving: { endpointName: "scoring" } }), rawProject({ name: "upsell", serving: { endpointName: "scoring" } }));
    expect(problemsOf(raw, "dev")).toEqual([
      '  - databricks-mlops:mlProjects[1].serving.endpointName: got "scoring"; endpoint "scoring" is also the endpoint of mlProjects[0]; endpoint names are unique in a workspace',
    ]);
  });

  test("parseStageConfig keeps the blocks absent when the stack has none", () => {
    const project = parseStageConfig(rawStageWith("dev", rawProject()), "dev").mlProjects[0];
    expect(project.serving).toBeUndefined();
    expect(project.monitoring).toBeUndefined();
    expect(project.alerts).toBeUndefined();
  });
});
