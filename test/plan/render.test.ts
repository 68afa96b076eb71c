import { renderText, shortType, treeRows } from "../../tools/plan/render-text";
import { NAME_COLUMN_MAX, renderTree, TYPE_COLUMN_MAX } from "../../tools/plan/markdown-tree";
import { renderTextTree, TEXT_TYPE_COLUMN_MAX } from "../../tools/plan/text-tree";
import { columns } from "../../tools/plan/wrap";
import { recordShippedStage } from "../support/shipped-stage";
import { countsByType, renderMarkdown, tableCell } from "../../tools/plan/render-markdown";
import { failureMessage, mandatoryViolations, resourceLabel } from "../../tools/plan/verdict";
import { HUMAN_WRITE, samplePlan, URNS } from "../fixtures/plan-result";
import type { PlanResult } from "../../tools/plan/plan";
import type { PlannedStep } from "../../tools/plan/types";

describe("resource tree", () => {
  test("children sit under their parents, siblings in registration order", () => {
    expect(treeRows(samplePlan().document.steps).map((r) => r.prefix + r.step.name)).toEqual([
      "databricks-mlops-prod",
      "└─ prod-mlops",
      "   ├─ prod-mlops-catalog",
      "   └─ prod-mlops-catalog-grants",
    ]);
  });

  test("a continuation line's guides continue the open branches, and reach down to the row's own children", () => {
    expect(treeRows(samplePlan().document.steps).map((r) => r.guide)).toEqual(["│", "   │", "   │", ""]);
  });

  test("the Markdown comment's tree: each line has the + marker, short type, name and protection flags, aligned", () => {
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

  test("the Markdown comment's tree: a type longer than its column ends in an ellipsis; a name longer than its column is kept whole", () => {
    const type = `databricks:index/x:${"T".repeat(60)}`;
    const name = "n".repeat(NAME_COLUMN_MAX + 5);
    const steps = [{ ...samplePlan().document.steps[0], type, name }, samplePlan().document.steps[1]];
    const lines = renderTree(steps);
    expect(lines[1]).toBe(` +  ${"databricks:" + "T".repeat(TYPE_COLUMN_MAX - 12) + "…"}  ${name}  create`);
  });

});

/** Each shipped stage recorded once for the tests below (a recording takes most of a second). */
const recorded = new Map<"dev" | "staging" | "prod", Promise<PlannedStep[]>>();
const shipped = (stage: "dev" | "staging" | "prod") => recorded.get(stage) ?? recorded.set(stage, recordShippedStage(stage)).get(stage)!;

/** Lines wider than the text plan's 80 columns. */
const over80 = (lines: readonly string[]) => lines.filter((l) => columns(l) > 80);

describe("the text plan's tree, within 80 columns", () => {
  test("a row that fits is one line: marker, short type, name and plan in aligned columns", () => {
    const lines = renderTextTree(samplePlan().document.steps);
    expect(lines.slice(0, 3)).toEqual([
      "    Type                            Name                       Plan",
      " +  pulumi:pulumi:Stack             databricks-mlops-prod      create",
      " +  └─ databricks-mlops:MlopsStage  prod-mlops                 create",
    ]);
  });

  test("flags that do not fit after the plan go on a continuation line under the name, the tree's guides drawn on", () => {
    expect(renderTextTree(samplePlan().document.steps).slice(3)).toEqual([
      " +     ├─ databricks:Catalog        prod-mlops-catalog         create",
      "       │                            [protect] [retainOnDelete]",
      " +     └─ databricks:Grants         prod-mlops-catalog-grants  create",
    ]);
  });

  test("a name that does not fit moves under the name column, whole; the plan stays on the type's line", () => {
    const [stack, stage, catalog, grants] = samplePlan().document.steps;
    const longCatalog = { ...catalog, name: "prod-mlops-catalog-with-a-name-long-enough-to-move" };
    const longType = { ...grants, type: "databricks:index/mwsPrivateAccessSettings:MwsPrivateAccessSettings" };
    const lines = renderTextTree([stack, stage, longCatalog, longType]);
    expect(lines).toEqual([
      `    ${"Type".padEnd(TEXT_TYPE_COLUMN_MAX)}  Name                           Plan`,
      " +  pulumi:pulumi:Stack                   databricks-mlops-prod          create",
      " +  └─ databricks-mlops:MlopsStage        prod-mlops                     create",
      " +     ├─ databricks:Catalog                                             create",
      "       │     prod-mlops-catalog-with-a-name-long-enough-to-move",
      "       │                                  [protect] [retainOnDelete]",
      " +     └─ databricks:MwsPrivateAccessSettings                            create",
      "                                          prod-mlops-catalog-grants",
    ]);
    expect(over80(lines)).toEqual([]);
  });

  test("a type that reaches past the plan column is whole; its plan and flags go under the plan column", () => {
    const [stack, stage, catalog] = samplePlan().document.steps;
    const wide = { ...catalog, type: `databricks:index/x:${"T".repeat(60)}` };
    const lines = renderTextTree([stack, stage, wide]);
    expect(lines.slice(3)).toEqual([
      ` +     └─ databricks:${"T".repeat(60)}`,
      "                                                  prod-mlops-catalog",
      "                                                                         create",
      "                                                  [protect] [retainOnDelete]",
    ]);
  });

  test("a component's continuation line draws the guide down to its children", () => {
    const [stack, stage, catalog] = samplePlan().document.steps;
    const component = { ...stage, name: "prod-mlops-stage-component-with-a-name-longer-than-the-name-column" };
    const child = { ...catalog, parent: component.urn };
    expect(renderTextTree([stack, component, child]).slice(2)).toEqual([
      " +  └─ databricks-mlops:MlopsStage                                       create",
      "       │  prod-mlops-stage-component-with-a-name-longer-than-the-name-column",
      " +     └─ databricks:Catalog        prod-mlops-catalog                   create",
      "                                    [protect] [retainOnDelete]",
    ]);
  });

  test("a diff marks each row's step; markers are coloured only when asked, after the layout", () => {
    const steps = samplePlan().document.steps;
    const ops = new Map([[steps[2].urn, "replace" as const], [steps[3].urn, "delete" as const]]);
    const lines = renderTextTree(steps, { ops });
    expect(lines.slice(1).map((l) => l.slice(0, 4) + "|" + l.trimEnd().split(" ").pop())).toEqual([
      "    |same",
      "    |same",
      " +- |replace",
      "    |[retainOnDelete]",
      " -  |delete",
    ]);
    const painted = renderTextTree(steps, { ops, paint: (_op, marker) => `<${marker}>` });
    expect(painted[3]).toBe(` <+->${lines[3].slice(3)}`);
  });

  test.each(["dev", "staging", "prod"] as const)("the tree of the shipped %s stack fits 80 columns and keeps every type and name whole", async (stage) => {
    const steps = await shipped(stage);
    const lines = renderTextTree(steps);
    expect(over80(lines)).toEqual([]);
    expect(lines.filter((l) => /^ \+ {2}/.test(l))).toHaveLength(steps.length);
    const text = lines.join("\n");
    for (const s of steps) {
      expect(text).toMatch(new RegExp(`[─ ]${shortType(s.type)}( |$)`, "m"));
      expect(text).toMatch(new RegExp(` ${s.name}( |$)`, "m"));
    }
  });

  test("under growth (a project with a longer name) the prod tree still fits, every name whole", async () => {
    const steps = (await shipped("prod")).map((s) => ({ ...s, name: s.name.replace("prod-mlops", "prod-churn-model") }));
    const lines = renderTextTree(steps);
    expect(Math.max(...steps.map((s) => s.name.length))).toBe(61);
    expect(over80(lines)).toEqual([]);
    for (const s of steps) expect(lines.some((l) => l.endsWith(` ${s.name}`) || l.includes(` ${s.name} `))).toBe(true);
  });

  test("a name wider than the room its branch leaves stays whole, alone after the guides: the only lines over 80", () => {
    const [stack, stage, catalog] = samplePlan().document.steps;
    const deep = [stack, stage];
    for (let i = 0; i < 12; i++) deep.push({ ...stage, urn: `${stage.urn}-${i}`, parent: deep[deep.length - 1].urn, name: `c${i}` });
    const leaf = { ...catalog, parent: deep[deep.length - 1].urn, name: `prod-mlops-catalog-${"x".repeat(40)}` };
    const lines = renderTextTree([...deep, leaf]);
    // Depth 14: 4 columns of markers, 42 of tree drawing, then where a child's type would start.
    expect(over80(lines)).toEqual([`${" ".repeat(4 + 42 + 3)}${leaf.name}`]);
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
    const start = lines.indexOf("Policies: pack databricks-mlops-policies@0.1.0, 9 policies, stage prod, config");
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 11)).toEqual([
      "  policies/config/prod.json",
      "  mandatory (1):",
      "    - access-restrict-principals (critical): databricks:index/grants:Grants",
      "        prod-mlops-catalog-grants",
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

describe("text preview within 80 columns, whatever it holds", () => {
  const URL = "https://docs.databricks.com/aws/en/security/network/classic/private-link-standard.html#step-3-create-a-private-access-settings";
  const LONG = "prod-churn-model-served-predictions-quality-alert-permissions";
  const busy = (): PlanResult => {
    const plan = samplePlan([
      { ...HUMAN_WRITE, message: `${HUMAN_WRITE.message}\nGrant the group USE_CATALOG and SELECT only, and let the service principal that deploys the stack hold the write privileges; see ${URL}` },
      { ...HUMAN_WRITE, policyName: "catalog-require-comment", enforcementLevel: "advisory", severity: "low", urn: "", message: "Add a comment that says what the catalog holds and who owns it, so that a reviewer can judge its grants." },
    ]);
    const [stack, stage, catalog, grants] = plan.document.steps;
    const long = { ...grants, urn: grants.urn.replace("prod-mlops-catalog-grants", LONG), name: LONG };
    const doc = plan.document;
    doc.steps = [stack, stage, catalog, grants, long];
    doc.diagnostics = [
      { severity: "warning", urn: long.urn, message: `the provider cannot check this offline: the Databricks account API answers only from inside the account's network\nsee ${URL}` },
    ];
    doc.waivers = [
      { rule: "access-restrict-principals", urn: long.urn, reason: "The churn team writes its own features until the feature service takes over (MLOPS-123).", expires: "2026-12-31", outcome: "refused on prod" },
    ];
    doc.deployability = {
      findings: [{ precondition: "folder-before-contents", urn: long.urn, message: `${LONG} (Permissions) does not wait for prod-churn-model-experiments-folder (Directory)` }],
      criticalPath: { entries: [{ urn: long.urn, seconds: 90, basis: "a guess" }], totalSeconds: 90 },
    };
    doc.secondUp = { checked: 5, findings: [{ urn: long.urn, type: long.type, status: "changes", changes: [{ path: "accessControls[0].servicePrincipalName", action: "update", perpetual: true, why: "the provider reads back the application id in another form than the one declared", declared: "a", readBack: "b" }] }] };
    return plan;
  };

  test("every line fits but a lone word wider than the room (the URL), and none ends in a space", () => {
    const lines = renderText(busy()).split("\n");
    const over = lines.filter((l) => columns(l) > 80);
    expect(over).toEqual([`        ${URL}`, `          ${URL}`, `    - ${LONG}.accessControls[0].servicePrincipalName:`]);
    // A bullet counts as indent: its item's first word is the lone word.
    expect(over.filter((l) => l.trim().replace(/^- /, "").includes(" "))).toEqual([]);
    expect(lines.filter((l) => l !== l.trimEnd())).toEqual([]);
  });

  test("prose wraps with hanging indents that keep bullets and messages apart", () => {
    const lines = renderText(busy()).split("\n");
    const at = (first: string, n: number) => lines.slice(lines.indexOf(first), lines.indexOf(first) + n);
    expect(at("    - access-restrict-principals (critical): databricks:index/grants:Grants", 7)).toEqual([
      "    - access-restrict-principals (critical): databricks:index/grants:Grants",
      "        prod-mlops-catalog-grants",
      "        Human groups must not write prod securables.",
      "        mlops-data-scientists has MODIFY | on prod_ml",
      "        Grant the group USE_CATALOG and SELECT only, and let the service",
      "          principal that deploys the stack hold the write privileges; see",
      `          ${URL}`,
    ]);
    expect(at("Diagnostics:", 5)).toEqual([
      "Diagnostics:",
      "  warning (databricks:index/grants:Grants",
      `      ${LONG}): the`,
      "      provider cannot check this offline: the Databricks account API answers",
      "      only from inside the account's network",
    ]);
    expect(at("Second up: 1 change would follow an unchanged `up`:", 4)).toEqual([
      "Second up: 1 change would follow an unchanged `up`:",
      `    - ${LONG}.accessControls[0].servicePrincipalName:`,
      "      update, perpetual (the provider reads back the application id in another",
      "      form than the one declared)",
    ]);
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
