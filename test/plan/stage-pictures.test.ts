import { accessMatrix } from "../../tools/plan/diagram/access-matrix";
import { renderMermaid } from "../../tools/plan/diagram/mermaid";
import { renderAccessMatrix, stageDiagram } from "../../tools/plan/diagram/render-pictures";
import { renderDesignMermaid } from "../../tools/plan/diagram/design-graph";
import { designPictures } from "../../tools/plan/diagram/design-pictures";
import { stageGraph } from "../../tools/plan/diagram/stage-graph";
import { renderMarkdown, tableCell } from "../../tools/plan/render-markdown";
import type { PlanDocument, PlannedStep } from "../../tools/plan/types";
import { samplePlan } from "../fixtures/plan-result";
import { mermaidBlocks, parseMermaid } from "../support/mermaid";
import { plannedStep } from "../support/planned-steps";

const SP = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";

/** A prod stage with every kind of resource the pictures know, wired by dependencies only. */
function servingStage(): PlanDocument {
  const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
  const stage = plannedStep("databricks-mlops:index:MlopsStage", "prod-mlops", stack);
  const ws = plannedStep("pulumi:providers:databricks", "prod-ws", stage, { host: "https://dbc-prd.cloud.databricks.com" });
  const on = { provider: `${ws.urn}::prod-ws-id` };
  const step = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlannedStep> = {}) =>
    plannedStep(type, name, stage, inputs, { ...on, ...extra });
  const catalog = step("databricks:index/catalog:Catalog", "catalog", { name: "prod_ml", owner: SP }, { protect: true });
  const schema = step("databricks:index/schema:Schema", "schema", { catalogName: "prod_ml", name: "inference" }, { dependencies: [catalog.urn] });
  const endpoint = step("databricks:index/modelServing:ModelServing", "endpoint", { name: "prod-ml-endpoint" });
  const table = step("databricks:index/sqlTable:SqlTable", "payload", { catalogName: "prod_ml", schemaName: "inference", name: "payload" }, {
    dependencies: [endpoint.urn, schema.urn],
  });
  const monitor = step("databricks:index/qualityMonitor:QualityMonitor", "monitor", { tableName: "prod_ml.inference.payload" }, { dependencies: [table.urn] });
  const alert = step("databricks:index/alertV2:AlertV2", "drift-alert", { displayName: "drift \"high\"" }, { dependencies: [monitor.urn] });
  const training = step("databricks:index/job:Job", "training", {
    name: "prod-ml-training",
    tasks: [{ taskKey: "train" }, { taskKey: "validate", dependsOns: [{ taskKey: "train" }] }],
  });
  const retraining = step(
    "databricks:index/job:Job",
    "retraining",
    {
      name: "prod-ml-retraining",
      tasks: [
        { taskKey: "check" },
        { taskKey: "is_violated", dependsOns: [{ taskKey: "check" }] },
        { taskKey: "trigger", dependsOns: [{ taskKey: "is_violated", outcome: "true" }], runJobTask: { jobId: 111 } },
      ],
    },
    { dependencies: [alert.urn, training.urn], propertyDependencies: { tasks: [training.urn] } },
  );
  const acl = step("databricks:index/permissions:Permissions", "training-acl", {
    jobId: "111",
    accessControls: [{ groupName: "ds", permissionLevel: "CAN_VIEW" }, { servicePrincipalName: SP, permissionLevel: "IS_OWNER" }],
  }, { dependencies: [training.urn], propertyDependencies: { jobId: [training.urn] } });
  const grants = step("databricks:index/grants:Grants", "catalog-grants", {
    catalog: "prod_ml",
    grants: [{ principal: SP, privileges: ["USE_CATALOG", "MODIFY"] }, { principal: "ds", privileges: ["SELECT", "USE_CATALOG"] }],
  }, { dependencies: [catalog.urn] });
  const readOnly = step("databricks:index/workspaceBinding:WorkspaceBinding", "dev-read", {
    securableName: "prod_ml", securableType: "catalog", workspaceId: "1001", bindingType: "BINDING_TYPE_READ_ONLY",
  }, { dependencies: [catalog.urn] });
  const bucket = plannedStep("aws:s3/bucketV2:BucketV2", "root-bucket", stage, { bucket: "prod-root" });
  const steps = [stack, stage, ws, catalog, schema, endpoint, table, monitor, alert, training, retraining, acl, grants, readOnly, bucket];
  return { project: "databricks-mlops", stack: "prod", steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [] };
}

describe("stage diagram", () => {
  const lines = stageDiagram(servingStage());

  test("workspace, catalog with schema, jobs with task graphs, the serving chain and the cross-stage reader", () => {
    expect(lines).toEqual([
      "flowchart TB",
      '  subgraph r2["workspace dbc-prd.cloud.databricks.com (provider prod-ws)"]',
      '    r5["ModelServing<br/>prod-ml-endpoint"]',
      '    r6[("SqlTable<br/>prod_ml.inference.payload")]',
      '    r7["QualityMonitor<br/>monitor"]',
      '    r8["AlertV2<br/>drift-alert"]',
      '    subgraph r3["Catalog prod_ml (protected)"]',
      '      r4[("Schema<br/>prod_ml.inference")]',
      "    end",
      '    subgraph r9["Job prod-ml-training"]',
      "      direction LR",
      '      r9_t0["task<br/>train"]',
      '      r9_t1["task<br/>validate"]',
      "    end",
      '    subgraph r10["Job prod-ml-retraining"]',
      "      direction LR",
      '      r10_t0["task<br/>check"]',
      '      r10_t1["task<br/>is_violated"]',
      '      r10_t2["task<br/>trigger"]',
      "    end",
      "  end",
      '  subgraph default_1["aws (default provider)"]',
      '    r14[("BucketV2<br/>root-bucket")]',
      "  end",
      '  r13>"other stage\'s workspace<br/>1001"]',
      "  r5 --> r6",
      "  r4 --> r6",
      "  r6 --> r7",
      "  r7 --> r8",
      "  r9_t0 --> r9_t1",
      "  r10_t0 --> r10_t1",
      '  r10_t1 -->|"true"| r10_t2',
      '  r10_t2 -->|"runs"| r9',
      "  r8 --> r10",
      '  r3 -.->|"read-only"| r13',
    ]);
  });

  test("grants, permissions and bindings stay out of the picture; protection shows as a lock", () => {
    const graph = stageGraph(servingStage());
    const ids = JSON.stringify(graph);
    for (const id of ["r11", "r12"]) expect(ids).not.toContain(`"${id}"`);
    const doc = servingStage();
    doc.steps[5] = { ...doc.steps[5], protect: true };
    expect(renderMermaid(stageGraph(doc))).toContain('    r5["ModelServing<br/>prod-ml-endpoint 🔒"]');
  });

  test("label text cannot break out of its quotes", () => {
    const doc = servingStage();
    doc.steps[8] = { ...doc.steps[8], inputs: { name: 'a"b<c>' } };
    expect(stageDiagram(doc)).toContain('    r8["AlertV2<br/>a#quot;b#lt;c#gt;"]');
  });

  test("Mermaid's parser accepts the diagram, the markdown's block and rejects a broken one", () => {
    const md = renderMarkdown({ ...samplePlan([]), document: servingStage() });
    const blocks = mermaidBlocks(md);
    expect(blocks).toEqual([...designPictures(servingStage()).map((p) => renderDesignMermaid(p.graph).join("\n")), lines.join("\n")]);
    expect(parseMermaid([...blocks, "flowchart LR\n  a --> [[\n"])).toEqual([
      { diagramType: "flowchart-v2" },
      { diagramType: "flowchart-v2" },
      { error: expect.stringMatching(/^Parse error on line 2/) },
    ]);
  });
});

describe("access matrix", () => {
  test("grants, ACLs, owners and bindings; one row per principal and securable; cross-stage reads marked", () => {
    expect(accessMatrix(servingStage()).map((r) => [r.principal, r.principalKind, r.securable, r.privileges.join(" "), r.crossStage.join(" ")])).toEqual([
      ["1001", "workspace", "catalog prod_ml", "READ_ONLY", "1001"],
      [SP, "service principal", "catalog prod_ml", "MODIFY OWNER USE_CATALOG", "1001"],
      [SP, "service principal", "job prod-ml-training", "IS_OWNER", ""],
      ["ds", "group", "catalog prod_ml", "SELECT USE_CATALOG", "1001"],
      ["ds", "group", "job prod-ml-training", "CAN_VIEW", ""],
    ]);
  });

  test("as a markdown table", () => {
    const table = renderAccessMatrix(servingStage(), tableCell);
    expect(table.slice(0, 3)).toEqual([
      "| Principal | Kind | Securable | Privileges | Cross-stage |",
      "|---|---|---|---|---|",
      "| 1001 | workspace | catalog prod_ml | READ_ONLY | :left_right_arrow: read-only from workspace 1001 |",
    ]);
    expect(table).toContain("| ds | group | job prod-ml-training | CAN_VIEW | - |");
    expect(renderAccessMatrix({ ...servingStage(), steps: [] }, tableCell)).toEqual(["No grants, permissions, owners or workspace bindings."]);
  });
});
