/** The read-back model's own consistency, the plan-wide report and the renderers' lines. */
import { TYPE_MODELS, modelOf } from "../../../tools/plan/read-back/registry";
import { convergenceFindings, secondUpLines, secondUpReport } from "../../../tools/plan/read-back/report";
import { modelPath, pathSegments } from "../../../tools/plan/read-back/paths";
import { plannedStep } from "../../support/planned-steps";
import { samplePlan } from "../../fixtures/plan-result";
import { renderText } from "../../../tools/plan/render-text";
import { renderMarkdown } from "../../../tools/plan/render-markdown";

test("every type is modelled once, every field once, and every entry names its source", () => {
  const types = TYPE_MODELS.map((m) => m.type);
  expect(new Set(types).size).toBe(types.length);
  for (const model of TYPE_MODELS) {
    expect(model.source).toMatch(/\S/);
    const paths = model.fields.map((f) => f.path);
    expect({ type: model.type, duplicates: paths.filter((p, i) => paths.indexOf(p) !== i) }).toEqual({ type: model.type, duplicates: [] });
    for (const field of model.fields) {
      expect(field.source).toMatch(/\.go |terraform-provider-aws |terraform-provider-time |Pulumi engine/);
      expect(field.behaviour).toMatch(/\S/);
    }
  }
});

test("the types being added beside the shipped ones are modelled too", () => {
  for (const type of [
    "databricks:index/directory:Directory",
    "databricks:index/defaultNamespaceSetting:DefaultNamespaceSetting",
    "time:index/sleep:Sleep",
    "databricks:index/storageCredential:StorageCredential",
    "databricks:index/externalLocation:ExternalLocation",
  ]) {
    expect(modelOf(type)?.type).toBe(type);
  }
});

test("every provider type is modelled (its state is its inputs), and only provider types match the prefix", () => {
  for (const type of ["pulumi:providers:databricks", "pulumi:providers:aws", "pulumi:providers:time"]) {
    expect(modelOf(type)).toEqual({ type, source: expect.stringContaining("DiffConfig"), fields: [] });
  }
  expect(modelOf("pulumi:providers:")).toBeUndefined();
  expect(modelOf("pulumi:pulumi:Stack")).toBeUndefined();
});

test("model paths split into segments and join back", () => {
  expect(pathSegments("config.servedEntities[].name")).toEqual(["config", "servedEntities", "[]", "name"]);
  expect(modelPath(pathSegments("tasks[].dependsOns"))).toBe("tasks[].dependsOns");
});

describe("the plan-wide report", () => {
  const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
  const catalog = plannedStep("databricks:index/catalog:Catalog", "prod-mlops-catalog", stack, { name: "prod_mlops" });
  const experiment = plannedStep("databricks:index/mlflowExperiment:MlflowExperiment", "prod-mlops-experiment", stack, {
    name: "/Shared/x",
    tags: [{ key: "stage", value: "prod" }],
  });
  const cluster = plannedStep("databricks:index/cluster:Cluster", "prod-mlops-cluster", stack, { clusterName: "c" });

  test("a plan that converges: one line, components not counted", () => {
    const report = secondUpReport([stack, catalog]);
    expect(report).toEqual({ checked: 1, findings: [] });
    expect(secondUpLines(report)).toEqual(["Second up: no changes (1 provider resources checked against the read-back model)"]);
  });

  test("a perpetual diff and an unmodelled type: one line each, naming the resource", () => {
    const report = secondUpReport([stack, catalog, experiment, cluster]);
    expect(report.findings.map((f) => [f.urn, f.status])).toEqual([
      [experiment.urn, "changes"],
      [cluster.urn, "unmodelled"],
    ]);
    expect(secondUpLines(report)).toEqual([
      "Second up: 2 changes would follow an unchanged `up`:",
      expect.stringMatching(/^ {4}- prod-mlops-experiment\.tags: update, perpetual \(Computed; .*Update sends only NewName\)$/),
      "    - prod-mlops-cluster: type databricks:index/cluster:Cluster has no read-back model",
    ]);
  });
});

describe("the renderers", () => {
  const withReport = () => {
    const plan = samplePlan();
    return { ...plan, document: { ...plan.document, secondUp: secondUpReport(plan.document.steps) } };
  };

  test("text and markdown print the one second-up line when the plan converges", () => {
    expect(renderText(withReport())).toContain("\nSecond up: no changes (2 provider resources checked against the read-back model)\n");
    expect(renderMarkdown(withReport())).toContain("### Second up\n\nSecond up: no changes (2 provider resources checked against the read-back model)\n");
  });

  test("a document without the section (an earlier plan) prints none", () => {
    expect(renderText(samplePlan())).not.toContain("Second up");
  });
});

test("every second-up change is a deployability finding (exit 4); an unmodelled type is listed but not refused", () => {
  const stack = plannedStep("pulumi:pulumi:Stack", "databricks-mlops-prod", undefined);
  const experiment = plannedStep("databricks:index/mlflowExperiment:MlflowExperiment", "prod-mlops-experiment", stack, {
    name: "/Shared/mlops/prod-mlops-experiment",
    tags: [{ key: "stage", value: "prod" }],
  });
  const unknown = plannedStep("example:index/widget:Widget", "w", stack, { size: 1 });
  const steps = [stack, experiment, unknown];
  const report = secondUpReport(steps);
  expect(report.findings.map((f) => f.status)).toEqual(["changes", "unmodelled"]);
  const findings = convergenceFindings(report, steps);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ precondition: "second-up-converges", urn: experiment.urn });
  expect(findings[0].message).toMatch(/^prod-mlops-experiment \(MlflowExperiment\) would change on an unchanged second up at tags, on every up: /);
  expect(convergenceFindings(secondUpReport([stack]), [stack])).toEqual([]);
});
