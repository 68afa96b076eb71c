/** The comment fitter: whole sections left out by rank, never a cut inside a fence, table or details block. */
import * as path from "path";
import { fold } from "../../tools/plan/comment-folds";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fit = require(path.resolve(__dirname, "../../tools/ci/comment-fit.js")) as {
  fitReport(report: string, budget?: number, runUrl?: string): string;
  cutAtBoundary(lines: string[], room: number): string[];
};

const filler = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag} ${i}`);

/** Heading, a verdict, then three sections: a diagram (rank 2), a matrix (rank 3) and a tree (rank 4). */
function report(): string {
  return [
    "## Plan",
    "**Verdict: :x: blocked.**",
    ...fold("diagram", 2, ["```mermaid", ...filler("d", 150), "```"], "_Diagram --> left out; see {summary}._"),
    ...fold("matrix", 3, ["| a | b |", "|---|---|", ...filler("| m", 50).map((l) => `${l} |`)], "_Matrix left out; see {summary}._"),
    ...fold("tree", 4, ["<details>", "```", ...filler("t", 50), "```", "</details>"], "_Tree left out; see {summary}._"),
    "### Policies",
  ].join("\n");
}

const whole = report().split("\n").filter((l) => !l.startsWith("<!-- ")).join("\n");

test("a report that fits loses only its hidden markers", () => {
  expect(fit.fitReport(report(), whole.length, "https://ci/run/1")).toBe(whole);
});

test("a report one character too long leaves out its worst-ranked section whole, naming where it is", () => {
  const out = fit.fitReport(report(), whole.length - 1, "https://ci/run/1");
  expect(out).not.toContain("t 0");
  expect(out).toContain("d 149\n```\n| a | b |");
  expect(out).toContain("| m 49 |\n_Tree left out; see the [run's job summary](https://ci/run/1) and the report artifact._\n### Policies");
});

test("sections are put back best-ranked first while they fit; a smaller one still fits after a larger one is left out", () => {
  // 300 characters short: the diagram (rank 2) is put back first, then the matrix (459 characters) no
  // longer fits, but the smaller tree (rank 4, 268) does.
  const out = fit.fitReport(report(), whole.length - 300, "");
  expect(out).toContain("```mermaid");
  expect(out).toContain("_Matrix left out; see the run's job summary and the report artifact._");
  expect(out).toContain("t 49\n```\n</details>");
  // Too little room for the diagram, enough for the matrix: the matrix comes back, the diagram's stand-in keeps its "-->".
  const tight = fit.fitReport(report(), 750, "");
  expect(tight).toContain("_Diagram --> left out; see the run's job summary and the report artifact._");
  expect(tight).toContain("| a | b |\n|---|---|\n| m 0 |");
  expect(tight).toContain("| m 49 |\n_Tree left out;");
  expect(tight.length).toBeLessThanOrEqual(750);
});

test("a cut as last resort never ends inside a fence or between a table's header and separator, and closes details", () => {
  expect(fit.cutAtBoundary(["a", "```", "b", "c", "```", "d"], 9)).toEqual(["a"]);
  expect(fit.cutAtBoundary(["a", "```", "b", "c", "```", "d"], 13)).toEqual(["a"]);
  expect(fit.cutAtBoundary(["a", "```", "b", "c", "```", "d"], 14)).toEqual(["a", "```", "b", "c", "```"]);
  expect(fit.cutAtBoundary(["x", "| h |", "|---|", "| r |"], 8)).toEqual(["x"]);
  expect(fit.cutAtBoundary(["x", "| h |", "|---|", "| r |"], 14)).toEqual(["x", "| h |", "|---|"]);
  expect(fit.cutAtBoundary(["<details>", "a", "b", "c"], 30)).toEqual(["<details>", "a", "b", "c", "</details>"]);
  const over = fit.fitReport(["**Verdict**", ...filler("| v", 200).map((l) => `${l} |`)].join("\n"), 300, "");
  expect(over.length).toBeLessThanOrEqual(300);
  expect(over.startsWith("**Verdict**\n| v 0 |")).toBe(true);
});

test("markers out of pairs are an error naming the section", () => {
  expect(() => fit.fitReport(fold("a", 1, ["x"], "y").slice(0, 2).join("\n"))).toThrow('fold "a" is never closed');
  expect(() => fit.fitReport("<!-- /fold:b -->")).toThrow('fold "b" closes without being open');
  expect(() => fit.fitReport([...fold("a", 1, ["x"], "y").slice(0, 2), ...fold("c", 1, [], "z")].join("\n"))).toThrow('fold "c" opens inside fold "a"');
  expect(() => fold("A b", 1, [], "y")).toThrow('fold id "A b": expected lowercase letters, digits and dashes');
  expect(() => fold("a", 1, [], "y\nz")).toThrow('fold "a": the stand-in must be one line');
});
