import { parseArgs } from "../../tools/plan/args";
import { PlanInputError } from "../../tools/plan/errors";
import { parseEarlierPlan } from "../../tools/plan/diff/earlier-plan";
import { diffPlans } from "../../tools/plan/diff/plan-diff";
import { diffValues, schemaPath } from "../../tools/plan/diff/property-diff";
import { replacementReasons } from "../../tools/plan/diff/replace-rules";
import { fenced, formatValue, renderDiffText } from "../../tools/plan/diff/render-diff";
import { renderMarkdown, tableCell } from "../../tools/plan/render-markdown";
import { renderText } from "../../tools/plan/render-text";
import { samplePlan } from "../fixtures/plan-result";
import { basePlan, changedPlan, DIFF_URNS } from "../fixtures/plan-diff";

describe("changed input paths", () => {
  test("leaf-most paths in Pulumi's syntax, with old and new values", () => {
    const before = { a: { b: 1, "x.y": "k" }, list: [1, 2, 3], gone: true, shape: "s" };
    const after = { a: { b: 2, "x.y": "k", c: null }, list: [1, 5], shape: { now: "object" }, added: "new" };
    expect(diffValues(before, after)).toEqual([
      { path: "a.b", kind: "update", old: 1, new: 2 },
      { path: "a.c", kind: "add", new: null },
      { path: "list[1]", kind: "update", old: 2, new: 5 },
      { path: "list[2]", kind: "delete", old: 3 },
      { path: "gone", kind: "delete", old: true },
      { path: "shape", kind: "update", old: "s", new: { now: "object" } },
      { path: "added", kind: "add", new: "new" },
    ]);
    expect(diffValues({ p: { "mlops.stage": "dev" } }, { p: { "mlops.stage": "prod" } })).toEqual([
      { path: 'p["mlops.stage"]', kind: "update", old: "dev", new: "prod" },
    ]);
  });

  test("key order does not matter; a secret that stays a secret shows no change", () => {
    expect(diffValues({ a: 1, b: 2, s: "[secret]" }, { b: 2, a: 1, s: "[secret]" })).toEqual([]);
  });

  test("schema form drops indices and brackets", () => {
    expect(schemaPath('config.servedEntities[0]["a.b"].name')).toBe("config.servedEntities.a.b.name");
  });
});

describe("replacement rule", () => {
  test("create-only fields of the provider schema force a replacement; others update in place", () => {
    expect(replacementReasons("databricks:index/schema:Schema", ["comment", "name"])).toEqual(["name"]);
    expect(replacementReasons("databricks:index/catalog:Catalog", ["name", "comment", "storageRoot"])).toEqual(["storageRoot"]);
    expect(replacementReasons("databricks:index/job:Job", ["name", "tasks[0].taskKey"])).toEqual([]);
    expect(replacementReasons("databricks:index/workspaceBinding:WorkspaceBinding", ["bindingType"])).toEqual(["bindingType"]);
    // A catalog's storage: renaming the credential or the location replaces it; its url, owner or comment do not.
    expect(replacementReasons("databricks:index/storageCredential:StorageCredential", ["name", "owner", "awsIamRole.roleArn"])).toEqual(["name"]);
    expect(replacementReasons("databricks:index/externalLocation:ExternalLocation", ["url", "name", "comment"])).toEqual(["name"]);
  });

  test("a path below or above a create-only field matches it", () => {
    const serving = "databricks:index/modelServing:ModelServing";
    expect(replacementReasons(serving, ["config.autoCaptureConfig.schemaName", "config.servedEntities[0].name"])).toEqual([
      "config.autoCaptureConfig.schemaName",
    ]);
    expect(replacementReasons(serving, ["config"])).toEqual(["config"]);
    expect(replacementReasons("databricks:index/notificationDestination:NotificationDestination", ["config.slack.url"])).toEqual(["config.slack.url"]);
  });

  test("an unknown type updates in place", () => {
    expect(replacementReasons("aws:s3/bucketV2:BucketV2", ["bucket"])).toEqual([]);
  });
});

describe("diff of two plans", () => {
  const diff = diffPlans(basePlan(), changedPlan());

  test("exactly the changed resources: a replace, an update, a create and a delete, in the engine's order", () => {
    expect(diff.changes.map((c) => [c.op, c.name])).toEqual([
      ["replace", "prod-mlops-catalog"],
      ["create", "prod-mlops-schema-features"],
      ["update", "prod-mlops-training"],
      ["delete", "prod-mlops-schema-scratch"],
    ]);
    expect(diff.summary).toEqual({ create: 1, update: 1, replace: 1, delete: 1, same: 2 });
  });

  test("an update lists each changed path with old and new values; the secret stays blinded and unchanged", () => {
    const job = diff.changes.find((c) => c.urn === DIFF_URNS.job)!;
    expect(job.changes).toEqual([
      { path: "schedule.quartzCronExpression", kind: "update", old: "0 0 4 ? * MON", new: "0 0 5 ? * MON" },
      { path: "tasks[1]", kind: "add", new: { taskKey: "validate" } },
    ]);
    expect(job.replaceReasons).toEqual([]);
  });

  test("a replace names the create-only path that forces it", () => {
    const catalog = diff.changes.find((c) => c.urn === DIFF_URNS.catalog)!;
    expect(catalog.changes.map((c) => c.path)).toEqual(["storageRoot", "properties.owner"]);
    expect(catalog.replaceReasons).toEqual(["storageRoot"]);
  });

  test("the protected replace and the protected delete are at risk; the unprotected create is not", () => {
    expect(diff.protectedAtRisk.map((c) => [c.op, c.urn])).toEqual([
      ["replace", DIFF_URNS.catalog],
      ["delete", DIFF_URNS.oldSchema],
    ]);
  });

  test("findings that appear and disappear", () => {
    expect(diff.newFindings.map((v) => v.policyName)).toEqual(["catalog-require-isolation"]);
    expect(diff.resolvedFindings.map((v) => v.policyName)).toEqual(["jobs-require-failure-notifications"]);
  });

  test("a plan against itself changes nothing", () => {
    expect(diffPlans(basePlan(), basePlan())).toMatchObject({ changes: [], protectedAtRisk: [], newFindings: [], resolvedFindings: [] });
  });

  test("a changed provider reference replaces; a protect flag alone updates", () => {
    const before = basePlan();
    const after = basePlan();
    after.steps[4] = { ...after.steps[4], provider: "urn:pulumi:prod::databricks-mlops::pulumi:providers:databricks::other::id" };
    after.steps[3] = { ...after.steps[3], protect: false };
    const d = diffPlans(before, after);
    expect(d.changes.map((c) => [c.op, c.name, c.replaceReasons])).toEqual([
      ["update", "prod-mlops-schema-scratch", []],
      ["replace", "prod-mlops-training", ["[provider]"]],
    ]);
  });

  test("a renamed resource that names its old URN as an alias is the same resource, not a delete and a create", () => {
    const before = basePlan();
    const after = basePlan();
    const schema = after.steps[3];
    const renamedUrn = schema.urn.replace("prod-mlops-schema-scratch", "prod-mlops-schema-sandbox");
    after.steps[3] = { ...schema, urn: renamedUrn, name: "prod-mlops-schema-sandbox", aliases: [schema.urn] };
    expect(diffPlans(before, after)).toMatchObject({ changes: [], protectedAtRisk: [] });

    const unaliased = basePlan();
    unaliased.steps[3] = { ...schema, urn: renamedUrn, name: "prod-mlops-schema-sandbox" };
    expect(diffPlans(before, unaliased).changes.map((c) => [c.op, c.name])).toEqual([
      ["create", "prod-mlops-schema-sandbox"],
      ["delete", "prod-mlops-schema-scratch"],
    ]);
  });

  test("an alias is not taken when the old URN is still declared, or already taken by another resource", () => {
    const before = basePlan();
    const after = basePlan();
    const schema = after.steps[3];
    const copy = { ...schema, urn: schema.urn.replace("scratch", "copy"), name: "prod-mlops-schema-copy", aliases: [schema.urn] };
    const second = { ...copy, urn: copy.urn.replace("copy", "second"), name: "prod-mlops-schema-second" };
    after.steps.push(copy);
    expect(diffPlans(before, after).changes.map((c) => [c.op, c.name])).toEqual([["create", "prod-mlops-schema-copy"]]);
    after.steps.splice(3, 1);
    after.steps.push(second);
    expect(diffPlans(before, after).changes.map((c) => [c.op, c.name])).toEqual([["create", "prod-mlops-schema-second"]]);
  });

  test("plans of two stacks are not comparable", () => {
    expect(() => diffPlans({ ...basePlan(), stack: "dev" }, changedPlan())).toThrow(
      "the earlier plan is of databricks-mlops/dev, not databricks-mlops/prod",
    );
  });
});

describe("rendering a diff", () => {
  const comparison = { diff: diffPlans(basePlan(), changedPlan()), against: "plan-base.json" };

  test("text: summary, protected resources first, pulumi's step prefixes, paths with values, within 80 columns", () => {
    expect(renderDiffText(comparison.diff, comparison.against)).toEqual([
      "Changes against plan-base.json: 1 to create, 1 to update, 1 to replace, 1 to",
      "  delete, 2 unchanged",
      "!! 2 protected resources would be deleted or replaced: pulumi refuses until the",
      "!!   protect option is removed in a change of its own, and the data held would",
      "!!   go with the resource.",
      "!!   replace databricks:index/catalog:Catalog prod-mlops-catalog",
      "!!   delete databricks:index/schema:Schema prod-mlops-schema-scratch",
      "+- databricks:index/catalog:Catalog  prod-mlops-catalog  replace [protect]",
      "     [retainOnDelete]",
      '       ~ storageRoot: "s3://prod-a/uc" => "s3://prod-b/uc"  [forces replacement]',
      '       + properties.owner: "ml"',
      "+  databricks:index/schema:Schema  prod-mlops-schema-features  create",
      "~  databricks:index/job:Job  prod-mlops-training  update",
      '       ~ schedule.quartzCronExpression: "0 0 4 ? * MON" => "0 0 5 ? * MON"',
      '       + tasks[1]: {"taskKey":"validate"}',
      "-  databricks:index/schema:Schema  prod-mlops-schema-scratch  delete [protect]",
      "Policy findings: 1 new, 1 resolved",
      "  new: advisory catalog-require-isolation (low):",
      "        databricks:index/catalog:Catalog prod-mlops-catalog",
      "      Isolate it.",
      "  resolved: advisory jobs-require-failure-notifications (low):",
      "        databricks:index/job:Job prod-mlops-training",
      "      Add an e-mail.",
    ]);
  });

  test("the text preview prints the diff right after its heading", () => {
    const lines = renderText(samplePlan(), { color: false, comparison }).split("\n");
    expect(lines[2]).toBe("Changes against plan-base.json: 1 to create, 1 to update, 1 to replace, 1 to");
  });

  test("markdown: the caution callout opens the comment, the diff block follows the verdict", () => {
    const md = renderMarkdown(samplePlan(), comparison).split("\n");
    expect(md.slice(0, 7)).toEqual([
      "## Offline plan: stack `prod`",
      "",
      "> [!CAUTION]",
      "> **2 protected resources would be deleted or replaced: pulumi refuses until the protect option is removed in a change of its own, and the data held would go with the resource.**",
      ">",
      "> - `replace databricks:index/catalog:Catalog prod-mlops-catalog`",
      "> - `delete databricks:index/schema:Schema prod-mlops-schema-scratch`",
    ]);
    const at = md.indexOf("### Changes against `plan-base.json`");
    expect(at).toBeGreaterThan(md.indexOf("**Verdict: :x: blocked by 1 mandatory policy violation.**"));
    expect(md.slice(at + 2, at + 6)).toEqual([
      "**1 to create, 1 to update, 1 to replace, 1 to delete, 2 unchanged.**",
      "",
      "<!-- fold:diff-steps rank=1 instead=\"_The step lines of the 4 changed resources: left out of this comment to fit GitHub's limit; it is in {summary}._\" -->",
      "```diff",
    ]);
    expect(md).toContain("| new | advisory | `catalog-require-isolation` | databricks:index/catalog:Catalog prod-mlops-catalog | Isolate it. |");
  });

  test("with a diff, the headers report the diff's counts and the tree marks each resource's step", () => {
    const result = { ...samplePlan(), document: changedPlan() };
    const text = renderText(result, { color: false, comparison }).split("\n");
    expect(text.join("\n")).toContain("\nResources: 5 in the plan; against plan-base.json: 1 to create, 1 to update, 1 to\n  replace, 1 to delete, 2 unchanged\n");
    expect(text.filter((l) => / to create$/.test(l))).toEqual([]);
    const tree = text.slice(text.findIndex((l) => l.startsWith("    Type")));
    expect(tree.slice(0, 7).map((l) => l.replace(/ +/g, " "))).toEqual([
      " Type Name Plan",
      " pulumi:pulumi:Stack databricks-mlops-prod same",
      " └─ databricks-mlops:MlopsStage prod-mlops same",
      " +- ├─ databricks:Catalog prod-mlops-catalog replace",
      " │ [protect] [retainOnDelete]",
      " + ├─ databricks:Schema prod-mlops-schema-features create [protect]",
      " ~ └─ databricks:Job prod-mlops-training update",
    ]);
    expect(text.filter((l) => [...l].length > 80)).toEqual([]);
    const md = renderMarkdown(result, comparison).split("\n");
    expect(md).toContain(
      "Project `databricks-mlops`, stage `prod`: **1 to create, 1 to update, 1 to replace, 1 to delete, 2 unchanged** against `plan-base.json`; 5 resources in the plan.",
    );
    expect(md).toContain("| Resource type | In the plan |");
    expect(md).not.toContain("| Resource type | To create |");
    expect(renderMarkdown(result)).toContain("| Resource type | To create |");
    expect(renderText(result).split("\n")).toContain("Resources: 5 to create");
  });

  test("without protected changes there is no callout, and without a diff no diff section", () => {
    const calm = { diff: diffPlans(basePlan(), basePlan()), against: "x.json" };
    const md = renderMarkdown(samplePlan(), calm);
    expect(md).not.toContain("[!CAUTION]");
    expect(md).toContain("**5 unchanged.**");
    expect(md).toContain("Policy findings: none new, none resolved.");
    expect(renderMarkdown(samplePlan())).not.toContain("### Changes against");
    expect(tableCell("a|b")).toBe("a\\|b");
  });

  test("values: markers bare, long ones cut; fences outgrow backticks inside", () => {
    expect(formatValue("[secret]")).toBe("[secret]");
    expect(formatValue("x")).toBe('"x"');
    expect(formatValue("y".repeat(300))).toHaveLength(200);
    expect(fenced("diff", ["a ``` b"])).toEqual(["````diff", "a ``` b", "````"]);
  });

  test("text: a value longer than a line ends in an ellipsis within 80 columns (whole in --json); the Markdown keeps up to 200 characters", () => {
    const after = changedPlan();
    const job = after.steps.find((s) => s.name === "prod-mlops-training")!;
    const endpoint = JSON.stringify({ endpoint_name: "prod-mlops", served_entities: [{ name: "champion", entity_name: "prod_mlops.ml_assets.model", workload_size: "Small" }] });
    job.inputs = { ...job.inputs, description: endpoint };
    const diff = diffPlans(basePlan(), after);
    const text = renderDiffText(diff, "plan-base.json");
    const shown = `"${endpoint.replace(/"/g, '\\"')}"`;
    expect(text).toContain(`         ${shown.slice(0, 70)}…`);
    expect(text.filter((l) => [...l].length > 80)).toEqual([]);
    expect(renderMarkdown(samplePlan(), { diff, against: "plan-base.json" })).toContain(`       + description: ${shown}\n`);
  });
});

describe("reading the earlier plan", () => {
  function failure(text: string): string {
    try {
      parseEarlierPlan(text, "base.json");
    } catch (err) {
      expect(err).toBeInstanceOf(PlanInputError);
      return (err as Error).message;
    }
    throw new Error("did not fail");
  }

  test("a plan document round-trips, extra fields ignored", () => {
    const doc = basePlan();
    expect(parseEarlierPlan(JSON.stringify({ ...doc, diff: {} }), "base.json").steps).toEqual(doc.steps);
  });

  test("not JSON, or not a plan document: exit 2 with the reason", () => {
    expect(failure("{")).toMatch(/^--against base\.json is not JSON: /);
    expect(failure("[]")).toBe("--against base.json is not a plan document (npm run --silent plan -- --json): expected a JSON object");
    const noProtect = basePlan() as unknown as { steps: Record<string, unknown>[] };
    delete noProtect.steps[2].protect;
    expect(failure(JSON.stringify(noProtect))).toBe(
      "--against base.json is not a plan document (npm run --silent plan -- --json): steps[2].protect must be a boolean",
    );
  });

  test("--against takes a path, once", () => {
    const parsed = parseArgs(["--stack", "prod", "--against", "base.json"]);
    expect(parsed.kind === "run" && parsed.args.against).toBe("base.json");
    expect(() => parseArgs(["--stack", "prod", "--against"])).toThrow("--against needs a value");
  });
});
