import { NAME_COLUMN_MAX, renderText, renderTree, shortType, treeRows, TYPE_COLUMN_MAX } from "../../tools/plan/render-text";
import { recordShippedStage } from "../support/shipped-stage";
import { countsByType, renderMarkdown, tableCell } from "../../tools/plan/render-markdown";
import { failureMessage, mandatoryViolations, resourceLabel } from "../../tools/plan/verdict";
import { HUMAN_WRITE, samplePlan, URNS } from "../fixtures/plan-result";

describe("resource tree", () => {
  test("children sit under their parents, siblings in registration order", () => {
    expect(treeRows(samplePlan().document.steps).map((r) => r.prefix + r.step.name)).toEqual([
      "databricks-mlops-prod",
      "└─ prod-mlops",
      "   ├─ prod-mlops-catalog",
      "   └─ prod-mlops-catalog-grants",
    ]);
  });

  test("each line has the + marker, short type, name and protection flags, aligned", () => {
    const lines = renderTree(samplePlan().document.steps);
    expect(lines[0]).toMatch(/^ {4}Type +Name +Plan$/);
    expect(lines[3]).toBe(" +     ├─ databricks:Catalog        prod-mlops-catalog         create [protect] [retainOnDelete]");
    expect(lines[4]).toBe(" +     └─ databricks:Grants         prod-mlops-catalog-grants  create");
  });

  test("short types drop the module file and index of providers, the module of components; pulumi tokens stay", () => {
    expect(shortType("databricks:index/mwsWorkspaces:MwsWorkspaces")).toBe("databricks:MwsWorkspaces");
    expect(shortType("aws:s3/bucketV2:BucketV2")).toBe("aws:s3:BucketV2");
    expect(shortType("databricks-mlops:workspace:StageWorkspace")).toBe("databricks-mlops:StageWorkspace");
    expect(shortType("pulumi:providers:databricks")).toBe("pulumi:providers:databricks");
    expect(shortType("pulumi:pulumi:Stack")).toBe("pulumi:pulumi:Stack");
    expect(shortType("odd")).toBe("odd");
  });

  test("a type longer than its column ends in an ellipsis; a name longer than its column is kept whole", () => {
    const type = `databricks:index/x:${"T".repeat(60)}`;
    const name = "n".repeat(NAME_COLUMN_MAX + 5);
    const steps = [{ ...samplePlan().document.steps[0], type, name }, samplePlan().document.steps[1]];
    const lines = renderTree(steps);
    expect(lines[1]).toBe(` +  ${"databricks:" + "T".repeat(TYPE_COLUMN_MAX - 12) + "…"}  ${name}  create`);
  });

  test.each(["dev", "staging", "prod"] as const)("the tree of the shipped %s stack fits 120 columns", async (stage) => {
    const steps = await recordShippedStage(stage);
    const lines = renderTree(steps);
    expect(lines.length).toBe(steps.length + 1);
    expect(lines.filter((l) => [...l].length > 120)).toEqual([]);
  });
});

describe("text preview", () => {
  const text = renderText(samplePlan());
  const lines = text.split("\n");

  test("heading, summary and verdict lines", () => {
    expect(lines[0]).toBe("Offline plan of stack prod (project databricks-mlops, stage prod)");
    expect(lines).toContain("Resources: 4 to create");
    expect(lines).toContain("Result: FAILED, 1 mandatory policy violation");
  });

  test("policy results grouped by level, with rule, severity, resource and message", () => {
    const start = lines.indexOf("Policies: pack databricks-mlops-policies@0.1.0, 9 policies, stage prod, config policies/config/prod.json");
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 9)).toEqual([
      "  mandatory (1):",
      "    - access-restrict-principals (critical): databricks:index/grants:Grants prod-mlops-catalog-grants",
      "        Human groups must not write prod securables.",
      "        mlops-data-scientists has MODIFY | on prod_ml",
      "  advisory (1):",
      "    - catalog-require-comment (low): the stack as a whole",
      "        Add a comment.",
      "",
    ]);
  });

  test("diagnostics are listed; no colour codes unless asked", () => {
    expect(lines).toContain("  warning: an offline caveat");
    expect(text).not.toContain("\u001b[");
    expect(renderText(samplePlan(), { color: true })).toContain("\u001b[32m+\u001b[0m");
  });

  test("a clean plan says so", () => {
    const clean = renderText(samplePlan([])).split("\n");
    expect(clean).toContain("    no violations");
    expect(clean).toContain("Result: OK, no mandatory policy violations");
  });
});

describe("markdown comment", () => {
  const md = renderMarkdown(samplePlan()).split("\n");

  test("heading, summary and verdict", () => {
    expect(md[0]).toBe("## Offline plan: stack `prod`");
    expect(md).toContain("Project `databricks-mlops`, stage `prod`: **4 to create**.");
    expect(md).toContain("**Verdict: :x: blocked by 1 mandatory policy violation.**");
  });

  test("counts by type, then the tree folded in a details block", () => {
    expect(md).toContain("| `databricks:index/catalog:Catalog` | 1 |");
    const open = md.indexOf("<details><summary>Resources (4)</summary>");
    expect(md[open + 2]).toBe("```");
    expect(md.slice(open, md.indexOf("</details>")).join("\n")).toContain("prod-mlops-catalog         create [protect]");
  });

  test("a policy table, mandatory first, cells escaped", () => {
    const header = md.indexOf("| Level | Policy | Severity | Resource | Message |");
    expect(md[header + 2]).toBe(
      "| mandatory | `access-restrict-principals` | critical | databricks:index/grants:Grants prod-mlops-catalog-grants | Human groups must not write prod securables.<br>mlops-data-scientists has MODIFY \\| on prod_ml |",
    );
    expect(md[header + 3]).toMatch(/^\| advisory \| `catalog-require-comment` \| low \| the stack as a whole \|/);
  });

  test("a clean plan gets the green verdict and no table", () => {
    const clean = renderMarkdown(samplePlan([]));
    expect(clean).toContain("**Verdict: :white_check_mark: no mandatory policy violations.**");
    expect(clean).toContain("No violations.");
    expect(clean).not.toContain("| Level |");
  });

  test("helpers", () => {
    expect(tableCell(" a|b\nc ")).toBe("a\\|b<br>c");
    expect(countsByType(["b", "a", "b"])).toEqual([["b", 2], ["a", 1]]);
  });
});

describe("verdict", () => {
  test("only mandatory violations fail, and stderr names rule and resources", () => {
    const doc = samplePlan().document;
    expect(mandatoryViolations(doc)).toEqual([HUMAN_WRITE]);
    expect(failureMessage("prod", mandatoryViolations(doc))).toBe(
      "plan of stack prod failed: 1 mandatory policy violation\n" +
        "  access-restrict-principals: databricks:index/grants:Grants prod-mlops-catalog-grants",
    );
  });

  test("resource labels", () => {
    expect(resourceLabel(URNS.catalog)).toBe("databricks:index/catalog:Catalog prod-mlops-catalog");
    expect(resourceLabel("")).toBe("the stack as a whole");
  });
});
