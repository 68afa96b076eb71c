/**
 * The mutation list stays runnable: every entry's find-text is in its file exactly once and names
 * existing test files, so an edit that moves the text fails here, not silently in the mutation run.
 */
import * as fs from "fs";
import * as path from "path";
import { MUTATIONS, type Mutation } from "../../tools/mutants/mutations";
import { applyMutation, duplicateIds, staleReason } from "../../tools/mutants/mutate";

const ROOT = path.resolve(__dirname, "../..");
const entry = (over: Partial<Mutation> = {}): Mutation => ({ id: "m", defect: "d", file: "f.ts", find: "a", replace: "b", tests: ["t"], ...over });

test.each(MUTATIONS.map((m) => [m.id, m] as const))("%s: its find-text is in its file once, and its test files exist", (_id, m) => {
  expect(staleReason(m, fs.readFileSync(path.join(ROOT, m.file), "utf8"))).toBeUndefined();
  for (const test of m.tests) expect(fs.existsSync(path.join(ROOT, test))).toBe(true);
});

test("ids are unique", () => {
  expect(duplicateIds(MUTATIONS)).toEqual([]);
  expect(duplicateIds([entry(), entry(), entry({ id: "n" })])).toEqual(["m"]);
});

test("a stale entry says why: missing file, text gone, text ambiguous, no test, no change", () => {
  expect(staleReason(entry(), undefined)).toBe("f.ts does not exist");
  expect(staleReason(entry({ find: "x()" }), "a()")).toBe('find-text not found in f.ts: "x()"');
  expect(staleReason(entry(), "a a")).toBe('find-text occurs 2 times in f.ts; make it unique: "a"');
  expect(staleReason(entry({ tests: [] }), "a")).toBe("names no test file");
  expect(staleReason(entry({ replace: "a" }), "a")).toBe("replacement equals the find-text");
  expect(staleReason(entry(), "xa")).toBeUndefined();
});

test("applying replaces the one occurrence and nothing else", () => {
  expect(applyMutation(entry({ find: "if (x) {", replace: "if (x && y) {" }), "a\nif (x) {\n}\n")).toBe("a\nif (x && y) {\n}\n");
});
