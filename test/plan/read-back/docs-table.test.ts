/** docs/ci.md lists every modelled type as the model says (regenerate with tools/plan/read-back/write-docs-table.ts). */
import * as fs from "fs";
import * as path from "path";
import { TABLE_END, TABLE_START, modelTable, withModelTable } from "../../../tools/plan/read-back/docs-table";
import { TYPE_MODELS } from "../../../tools/plan/read-back/registry";

const DOC = path.resolve(__dirname, "..", "..", "..", "docs", "ci.md");

test("the table in docs/ci.md is the model's current table, one row per type", () => {
  const doc = fs.readFileSync(DOC, "utf8");
  expect(withModelTable(doc)).toBe(doc);
  const rows = modelTable().split("\n").filter((l) => l.startsWith("| `"));
  expect(rows.map((r) => r.slice(3, r.indexOf("`", 3)))).toEqual(TYPE_MODELS.map((m) => m.type));
});

test("a stale table is replaced; a doc without the markers is refused by name", () => {
  const stale = `intro\n${TABLE_START}\n| old |\n${TABLE_END}\noutro`;
  expect(withModelTable(stale, "NEW")).toBe("intro\nNEW\noutro");
  expect(() => withModelTable("no markers")).toThrow("docs/ci.md: the read-back table markers are missing");
});

test("the experiment's row says its tags are never updated and the job's that its tasks are normalised", () => {
  const table = modelTable();
  expect(table).toMatch(/\| `databricks:index\/mlflowExperiment:MlflowExperiment` \|[^\n]*\| `tags` \|/);
  expect(table).toMatch(/\| `databricks:index\/job:Job` \|[^|]*\| `tasks`, `tasks\[\]\.dependsOns` \|/);
});
