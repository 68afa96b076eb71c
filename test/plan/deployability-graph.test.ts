/** The wait graph, the critical path, the condensing of findings and how every format shows them. */
import * as fs from "fs";
import * as path from "path";
import { PRECONDITIONS } from "../../tools/plan/deployability/preconditions";
import { hostKind } from "../../tools/plan/deployability/provider-kind";
import { databricksLevel } from "../../tools/plan/deployability/resource-types";
import { buildWaitGraph, directWaits, providerUrn } from "../../tools/plan/deployability/wait-graph";
import { checkDeployability } from "../../tools/plan/deployability/check";
import { goDurationSeconds, typicalDuration } from "../../tools/plan/deployability/durations";
import { deployabilityFailureMessage, deployabilityMarkdown, deployabilityText, formatDuration } from "../../tools/plan/deployability/render";
import { renderText } from "../../tools/plan/render-text";
import { renderMarkdown, tableCell } from "../../tools/plan/render-markdown";
import { planExitCode } from "../../tools/plan/verdict";
import { ExitCode } from "../../tools/plan/errors";
import { HELP } from "../../tools/plan/args";
import { plannedStep, withInputs } from "../support/planned-steps";
import { deployableStage, providerRef, withoutEdge } from "../support/deployable-steps";
import { HUMAN_WRITE, samplePlan } from "../fixtures/plan-result";

describe("wait graph", () => {
  const { s, steps } = deployableStage();
  const graph = buildWaitGraph(steps);

  test("a resource waits for its dependencies, its inputs' sources and its provider", () => {
    expect(directWaits(s.credentials).sort()).toEqual([s.account.urn, s.iamPropagation.urn, s.rolePolicy.urn].sort());
    expect(providerUrn(s.credentials.provider)).toBe(s.account.urn);
    expect(providerUrn("")).toBe("");
    // A reference without an id (a provider unknown during preview) is the URN alone.
    expect(providerUrn(s.account.urn)).toBe(s.account.urn);
  });

  test("waits are transitive through providers and their own inputs, never reflexive", () => {
    expect(graph.waitsFor(s.catalog.urn, s.metastoreAssignment.urn)).toBe(true); // catalog -> ws provider -> Sleep -> assignment
    expect(graph.waitsFor(s.catalog.urn, s.rolePolicy.urn)).toBe(true);
    expect(graph.waitsFor(s.metastoreAssignment.urn, s.catalog.urn)).toBe(false);
    expect(graph.waitsFor(s.catalog.urn, s.catalog.urn)).toBe(false);
    expect(graph.waitsFor("urn:unknown", s.catalog.urn)).toBe(false);
  });

  test("a component orders nothing by parenthood: its children do not wait for what it waits for", () => {
    const component = plannedStep("databricks-mlops:serving:ServingEndpoint", "prod-mlops-serving", s.stage, {}, { dependencies: [s.model.urn] });
    const child = plannedStep("databricks:index/modelServing:ModelServing", "prod-mlops-endpoint-2", component, {}, { provider: providerRef(s.ws) });
    const g = buildWaitGraph([...steps, component, child]);
    expect(component.custom).toBe(false);
    expect(g.waitsFor(child.urn, s.model.urn)).toBe(false);
    expect(g.waitsFor(component.urn, s.model.urn)).toBe(true);
  });

  test("a cycle (never from a real program) ends", () => {
    const a = plannedStep("aws:s3/bucket:Bucket", "a", s.stage);
    const b = plannedStep("aws:s3/bucket:Bucket", "b", s.stage, {}, { dependencies: [a.urn] });
    const g = buildWaitGraph([{ ...a, dependencies: [b.urn] }, b]);
    expect(g.waitsFor(a.urn, b.urn) && g.waitsFor(b.urn, a.urn)).toBe(true);
  });
});

describe("critical path", () => {
  test("the longest chain of slow resources, first to start first, with the total", () => {
    const { s, steps } = deployableStage();
    const served = withInputs(s.endpoint, { config: { servedEntities: [{ entityName: "shared.models.m", entityVersion: "1" }] } });
    const { criticalPath } = checkDeployability(steps.map((x) => (x.urn === served.urn ? served : x)));
    expect(criticalPath.entries.map((e) => [e.urn, e.seconds])).toEqual([
      [s.nat.urn, 120],
      [s.workspace.urn, 480],
      [s.workspaceReady.urn, 60],
      [s.endpoint.urn, 900],
    ]);
    expect(criticalPath.totalSeconds).toBe(1560);
  });

  test("an endpoint without config and a warehouse with no_wait are quick; a classic warehouse is not", () => {
    const { s } = deployableStage();
    expect(typicalDuration(s.endpoint)).toBeUndefined();
    expect(typicalDuration(withInputs(s.warehouse, { noWait: true }))).toBeUndefined();
    expect(typicalDuration(withInputs(s.warehouse, { enableServerlessCompute: false }))?.seconds).toBe(240);
    expect(typicalDuration(s.stage)).toBeUndefined();
  });

  test.each([
    ["60s", 60],
    ["1m30s", 90],
    ["2h", 7200],
    ["1.5m", 90],
    ["500ms", 0.5],
    ["60", undefined],
    ["1x", undefined],
    ["", undefined],
  ])("Go duration %j is %p seconds", (text, seconds) => {
    expect(goDurationSeconds(text)).toBe(seconds);
  });

  test("a plan without slow resources has an empty path", () => {
    expect(checkDeployability([plannedStep("aws:s3/bucket:Bucket", "b", undefined)]).criticalPath).toEqual({ entries: [], totalSeconds: 0 });
  });
});

describe("condensing", () => {
  test("a resource behind another that misses the same edge is not reported again; the front one counts it", () => {
    const { s, steps } = deployableStage();
    const broken = withoutEdge(s.workspaceReady, s.metastoreAssignment);
    const findings = checkDeployability(steps.map((x) => (x.urn === broken.urn ? broken : x))).findings;
    expect(findings.map((f) => f.urn)).toEqual([s.assignment.urn, s.storageCredential.urn]);
    expect(findings[1].message).toMatch(/ \(4 more resources behind it miss the same edge\)$/);
  });

  test("provider findings are not condensed: each resource on a provider without host is named", () => {
    const { s, steps } = deployableStage();
    const noHost = withInputs(s.account, { host: undefined });
    const findings = checkDeployability(steps.map((x) => (x.urn === noHost.urn ? noHost : x))).findings;
    expect(findings.map((f) => f.urn)).toEqual([s.credentials.urn, s.workspace.urn, s.metastoreAssignment.urn]);
  });
});

describe("output", () => {
  const { s, steps } = deployableStage();
  const broken = steps.map((x) => (x.urn === s.experiment.urn ? withoutEdge(x, s.folder) : x));
  const report = checkDeployability(broken);
  const message =
    "prod-mlops-experiment (MlflowExperiment) does not wait for prod-mlops-experiments-folder (Directory): MLflow does not create the parent folder /Shared/mlops (RESOURCE_DOES_NOT_EXIST)";

  test("durations read as minutes and seconds", () => {
    expect([formatDuration(10), formatDuration(60), formatDuration(90), formatDuration(1560)]).toEqual(["10 s", "1 min", "1 min 30 s", "26 min"]);
  });

  test("text: findings by precondition, then the critical path, wrapped within 80 columns under their bullets", () => {
    expect(deployabilityText(report, broken)).toEqual([
      "Deployability: 1 broken precondition",
      "  folder-before-contents: MLflow does not create the parent folder of an",
      "    experiment (1):",
      "    - prod-mlops-experiment (MlflowExperiment) does not wait for",
      "      prod-mlops-experiments-folder (Directory): MLflow does not create the",
      "      parent folder /Shared/mlops (RESOURCE_DOES_NOT_EXIST)",
      "  first-deploy critical path: at least 11 min 10 s",
      "         2 min  prod-mlops-nat (NatGateway)",
      "         8 min  prod-mlops-workspace (MwsWorkspaces)",
      "         1 min  prod-mlops-workspace-ready (Sleep)",
      "          10 s  prod-mlops-monitoring-warehouse (SqlEndpoint)",
    ]);
    expect(deployabilityText(checkDeployability(steps), steps)[0]).toBe("Deployability: every precondition of a first pulumi up holds");
  });

  test("markdown: a table of findings and the critical path with each duration's basis", () => {
    const md = deployabilityMarkdown(report, broken, tableCell);
    expect(md.slice(0, 5)).toEqual([
      "### Deployability",
      "",
      "| Precondition | Resource | Problem |",
      "|---|---|---|",
      "| `folder-before-contents` | prod-mlops-experiment (MlflowExperiment) | does not wait for prod-mlops-experiments-folder (Directory): MLflow does not create the parent folder /Shared/mlops (RESOURCE_DOES_NOT_EXIST) |",
    ]);
    expect(md).toContain("**First-deploy critical path:** at least 11 min 10 s, the longest chain of slow resources through the wait graph.");
    expect(md).toContain("| 3 | prod-mlops-workspace-ready (Sleep) | 1 min | sleeps its createDuration 60s |");
  });

  test("stderr names every finding under its precondition", () => {
    expect(deployabilityFailureMessage("prod", report.findings)).toBe(
      `plan of stack prod is not deployable: 1 broken precondition of a first pulumi up\n  folder-before-contents: MLflow does not create the parent folder of an experiment:\n    ${message}`,
    );
  });

  test("verdict lines and exit codes: 4 alone, 1 wins over 4, 0 when clean", () => {
    const plan = (violations = samplePlan().document.policyViolations, deployability = report) => {
      const p = samplePlan(violations);
      p.document.deployability = deployability;
      return p;
    };
    const notDeployable = plan([]);
    expect(planExitCode(notDeployable.document)).toBe(ExitCode.notDeployable);
    expect(renderText(notDeployable)).toContain("\nResult: FAILED, not deployable, 1 broken precondition\n");
    expect(renderMarkdown(notDeployable)).toContain("**Verdict: :x: not deployable: 1 broken precondition of a first `pulumi up`.**");
    const both = plan([HUMAN_WRITE]);
    expect(planExitCode(both.document)).toBe(ExitCode.mandatoryViolation);
    // Wider than 80 columns: the text plan wraps it.
    expect(renderText(both)).toContain("\nResult: FAILED, 1 mandatory policy violation; not deployable, 1 broken\n  precondition\n");
    const clean = plan([], checkDeployability(steps));
    expect(planExitCode(clean.document)).toBe(ExitCode.ok);
    expect(renderText(clean)).toContain("\nResult: OK, no mandatory policy violations\n");
    expect(HELP).toContain("  4  the plan is not deployable: a precondition of the first pulumi up is\n     broken, or an unchanged second up would change something");
  });
});

describe("the precondition table", () => {
  test("ids are unique kebab case, and docs/ci.md lists every one", () => {
    const ids = PRECONDITIONS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "ci.md"), "utf8");
    expect(ids.filter((id) => !doc.includes(`| \`${id}\` |`))).toEqual([]);
  });

  test("an account host is recognised as the Databricks SDK does, with or without its scheme", () => {
    const provider = (host: unknown) => plannedStep("pulumi:providers:databricks", "p", undefined, host === undefined ? {} : { host });
    expect(
      ["https://accounts.cloud.databricks.com", "accounts.cloud.databricks.com", "https://accounts-dod.cloud.databricks.mil", "https://dbc-1.cloud.databricks.com", "[unknown]", undefined, ""].map(
        (h) => hostKind(provider(h)),
      ),
    ).toEqual(["account", "account", "account", "workspace", "unknown", "none", "none"]);
    expect(databricksLevel("databricks:index/mwsNetworks:MwsNetworks")).toBe("account");
    expect(databricksLevel("databricks:index/metastoreAssignment:MetastoreAssignment")).toBe("dual");
    expect(databricksLevel("databricks:index/catalog:Catalog")).toBe("workspace");
  });
});
