/** The design-level picture of a stage: the story of "MLOps workflows on Databricks", read from the plan alone. */
import { designGraph, renderDesignMermaid, taskChain } from "../../tools/plan/diagram/design-graph";
import type { GraphGroup, GraphNode } from "../../tools/plan/diagram/stage-graph";
import type { PlanDocument, PlannedStep } from "../../tools/plan/types";
import { parseMermaid } from "../support/mermaid";
import { recordShippedStage, shippedConfigWithProjects } from "../support/shipped-stage";
import { recordStage } from "../support/record-stage";

function plan(steps: PlannedStep[], stack = "prod"): PlanDocument {
  return { project: "databricks-mlops", stack, steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [] };
}

function allNodes(groups: GraphGroup[], outside: GraphNode[]): GraphNode[] {
  return [...outside, ...groups.flatMap((g) => [...g.nodes, ...allNodes(g.groups, [])])];
}

describe("the prod stage's picture", () => {
  let steps: PlannedStep[];
  beforeAll(async () => {
    steps = await recordShippedStage("prod");
  });

  /** The arrows of the picture as `from-label -label-> to-label`, naming nodes by their second label line. */
  function story(): string[] {
    const graph = designGraph(plan(steps));
    const names = new Map<string, string>();
    for (const n of allNodes(graph.groups, graph.nodes)) names.set(n.id, n.label[1] ?? n.label[0]);
    const boxes = (gs: GraphGroup[]): GraphGroup[] => gs.flatMap((g) => [g, ...boxes(g.groups)]);
    for (const g of boxes(graph.groups)) names.set(g.id, g.label.split(" · ")[0]);
    return graph.edges.map((e) => `${names.get(e.from)} ${e.dotted ? "-." : "-"}${e.label ?? ""}-> ${names.get(e.to)}`);
  }

  test("train -> validate -> deploy, Champion/Challenger traffic, and the deploy task's endpoint", () => {
    const graph = designGraph(plan(steps));
    const labels = allNodes(graph.groups, graph.nodes).map((n) => n.label.join(" | "));
    expect(labels).toContain("Job | prod-mlops-training | train → validate → deploy");
    expect(labels).toContain("Serving endpoint | prod-mlops | Champion 90% · Challenger 10%");
    expect(story()).toEqual(
      expect.arrayContaining([
        "prod-mlops-training -deploys-> prod-mlops",
        "prod_mlops.ml_assets.mlops_model -served by-> prod-mlops",
        "prod-mlops-training -registers-> prod_mlops.ml_assets.mlops_model",
      ]),
    );
  });

  test("features -> training and batch inference, predictions -> monitor -> alert -> retraining -> training", () => {
    expect(story()).toEqual(
      expect.arrayContaining([
        "prod-mlops-features -writes-> prod_mlops.features.mlops_features",
        "prod_mlops.features.mlops_features -reads-> prod-mlops-training",
        "prod_mlops.features.mlops_features -reads-> prod-mlops-batch-inference",
        "prod-mlops-batch-inference -writes-> prod_mlops.inference.mlops_model_predictions",
        "prod-mlops-batch-inference -writes-> prod-mlops-predictions",
        "prod_mlops.inference.mlops_model_predictions --> on prod_mlops.inference.mlops_model_predictions",
        "on prod_mlops.inference.mlops_model_predictions --> prod-mlops-predictions-drift-alert",
        "prod-mlops-predictions-drift-alert --> prod-mlops-retraining-trigger",
        "prod-mlops-retraining-trigger -triggers-> prod-mlops-training",
        "prod-mlops -logs requests-> prod_mlops.inference.mlops_model_endpoint_payload",
        "on prod_mlops.inference.mlops_model_predictions -writes-> prod_mlops.monitoring.mlops_model_predictions_drift_metrics",
      ]),
    );
  });

  test("who writes and who reads the catalog, and dev's read-only arrow", () => {
    expect(story()).toEqual(
      expect.arrayContaining([
        "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e -writes-> Catalog prod_mlops 🔒",
        "mlops-data-scientists -reads-> Catalog prod_mlops 🔒",
        "Catalog prod_mlops 🔒 -.read-only-> 1000000000000001",
      ]),
    );
  });

  test("access resources, IAM, networking and settings stay out; the resource-level graph has them", () => {
    const text = renderDesignMermaid(designGraph(plan(steps))).join("\n");
    for (const word of ["Permissions", "Grants", "Vpc", "Subnet", "RolePolicy", "WorkspaceConf", "Sleep", "SQL warehouse"]) expect(text).not.toContain(word);
    expect(parseMermaid([text])).toEqual([{ diagramType: "flowchart-v2" }]);
  });

  test("a change's resources are marked in the label and styled by a class per kind of change", () => {
    const training = steps.find((s) => s.name === "prod-mlops-training")!;
    const endpoint = steps.find((s) => s.type === "databricks:index/modelServing:ModelServing")!;
    const lines = renderDesignMermaid(designGraph(plan(steps), new Map([[training.urn, "update"], [endpoint.urn, "create"]])));
    expect(lines.find((l) => l.includes("prod-mlops-training"))).toContain("✎ changed");
    expect(lines.find((l) => l.includes("Champion 90%"))).toContain("✚ new");
    expect(lines.filter((l) => /^ {2}class(Def)? /.test(l))).toEqual([
      "  classDef update stroke:#9a6700,stroke-width:3px",
      expect.stringMatching(/^ {2}class d\d+ update$/),
      "  classDef create stroke:#1a7f37,stroke-width:3px",
      expect.stringMatching(/^ {2}class d\d+ create$/),
    ]);
  });
});

describe("readable as the stage grows", () => {
  test.each([1, 5, 10])("%i projects: one box each, a bounded number of nodes per project, short labels, and Mermaid accepts it", async (n) => {
    const steps = await recordStage(shippedConfigWithProjects("staging", n), "staging");
    const graph = designGraph(plan(steps, "staging"));
    const projects = graph.groups.flatMap((g) => g.groups).filter((g) => g.label.startsWith("ML project "));
    expect(projects).toHaveLength(n);
    const nodes = allNodes(graph.groups, graph.nodes);
    expect(nodes.length).toBeLessThanOrEqual(8 + 20 * n);
    expect(graph.edges.length).toBeLessThanOrEqual(500);
    for (const line of nodes.flatMap((node) => node.label)) expect(line.length).toBeLessThanOrEqual(72);
    expect(parseMermaid([renderDesignMermaid(graph).join("\n")])).toEqual([{ diagramType: "flowchart-v2" }]);
  });
});

test("a job's tasks in the order they run, whatever order they are declared in", () => {
  expect(taskChain([{ taskKey: "deploy", dependsOns: [{ taskKey: "validate" }] }, { taskKey: "train" }, { taskKey: "validate", dependsOns: [{ taskKey: "train" }] }])).toBe(
    "train → validate → deploy",
  );
  expect(taskChain([{ taskKey: "a", dependsOns: [{ taskKey: "b" }] }, { taskKey: "b", dependsOns: [{ taskKey: "a" }] }])).toBe("a → b");
});
