/** The design-level picture of a stage: the story of "MLOps workflows on Databricks", read from the plan alone. */
import { designGraph, renderDesignMermaid } from "../../tools/plan/diagram/design-graph";
import { taskChain } from "../../tools/plan/diagram/design-tasks";
import { designPictures } from "../../tools/plan/diagram/design-pictures";
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
    // A node by its name (wrapped lines joined); a node that lists or summarises (schemas, readers, monitors) by its title.
    const titled = /^(Schemas|Reads|Writes|Monitors \(\d+\)|Alerts \(\d+\))$/;
    // A job's or an endpoint's further lines are its tasks or its traffic, not its name.
    const named = /^(Job|Serving endpoint|Online store)$/;
    for (const n of allNodes(graph.groups, graph.nodes)) {
      names.set(n.id, titled.test(n.label[0]) ? n.label[0] : named.test(n.label[0]) ? n.label[1] : n.label.slice(1).join(""));
    }
    const boxes = (gs: GraphGroup[]): GraphGroup[] => gs.flatMap((g) => [g, ...boxes(g.groups)]);
    for (const g of boxes(graph.groups)) names.set(g.id, g.label.split(" · ")[0]);
    return graph.edges.map((e) => `${names.get(e.from)} ${e.dotted ? "-." : "-"}${e.label ?? ""}-> ${names.get(e.to)}`);
  }

  test("train -> validate -> deploy, Champion/Challenger traffic, and the deploy task's endpoint", () => {
    const graph = designGraph(plan(steps));
    const labels = allNodes(graph.groups, graph.nodes).map((n) => n.label.join(" | "));
    expect(labels).toContain("Job | training | train → validate → deploy");
    expect(labels).toContain("Serving endpoint | prod-mlops | Champion 90% · Challenger 10%");
    expect(story()).toEqual(
      expect.arrayContaining([
        "training -deploys-> prod-mlops",
        "ml_assets.mlops_model -served by-> prod-mlops",
        "training -registers-> ml_assets.mlops_model",
      ]),
    );
  });

  test("features -> training and batch inference, predictions -> monitor -> alert -> retraining -> training", () => {
    expect(story()).toEqual(
      expect.arrayContaining([
        "features -writes-> features.mlops_features",
        "features.mlops_features -reads-> training",
        "features.mlops_features -reads-> batch-inference",
        "batch-inference -writes-> inference.mlops_model_predictions",
        "batch-inference -writes-> predictions",
        "inference.mlops_model_predictions --> Monitors (2)",
        "prod-mlops --> inference.mlops_model_endpoint_predictions",
        "inference.mlops_model_endpoint_predictions --> Monitors (2)",
        "Monitors (2) --> Alerts (4)",
        "Alerts (4) --> retraining-trigger",
        "retraining-trigger -triggers-> training",
      ]),
    );
  });

  test("who writes and who reads the catalog, and dev's read-only arrow", () => {
    expect(story()).toEqual(
      expect.arrayContaining([
        "Writes -writes-> Schemas",
        "Reads -reads-> Schemas",
        "Schemas -.read-only-> 1000000000000001",
      ]),
    );
    const labels = allNodes(designGraph(plan(steps)).groups, []).map((n) => n.label.join(" | "));
    expect(labels).toEqual(
      expect.arrayContaining([
        "Writes | 7c9d2e41-8f6a-4b5c-9d0e- | 1f2a3b4c5d6e",
        "Reads | mlops-data-scientists | mlops-ml-engineers",
        "Schemas | ml_assets | features | inference | monitoring",
      ]),
    );
  });

  test("the stage's picture shows each project as one node; each project's picture holds its pipeline", () => {
    const [stage, ...projects] = designPictures(plan(steps));
    expect(projects.map((p) => p.project)).toEqual(["prod-mlops"]);
    const stageLabels = allNodes(stage.graph.groups, stage.graph.nodes).map((n) => n.label.join(" | "));
    expect(stageLabels).toContain("ML project prod-mlops | Job ×5 | Online store | Model | Table ×2 | Serving endpoint | Monitors ×2 | Alerts ×4 | Table (written at run time)");
    expect(projects[0].graph.groups).toEqual([]);
    expect(projects[0].graph.edges.length).toBeGreaterThan(10);
    expect(stage.graph.edges.map((e) => e.label)).toEqual(["writes", "reads", "read-only"]);
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
    expect(lines.find((l) => l.includes("Job<br/>training<br/>"))).toContain("✎ changed");
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
