/**
 * The PR comment of a growing stage: staging with 1 to 50 ML projects, recorded in-process, rendered as
 * the plan's markdown and fitted by the comment poster. Every size must stay under GitHub's limit,
 * keep the verdict, every violation and the diff summary, and leave sections out whole.
 */
import * as path from "path";
import { checkDeployability } from "../../tools/plan/deployability/check";
import { diffPlans } from "../../tools/plan/diff/plan-diff";
import { renderMarkdown } from "../../tools/plan/render-markdown";
import type { PlanResult } from "../../tools/plan/plan";
import type { PlanDocument, PolicyViolation } from "../../tools/plan/types";
import { recordStage } from "../support/record-stage";
import { shippedConfigWithProjects } from "../support/shipped-stage";
import { mermaidBlocks, parseMermaid } from "../support/mermaid";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pr = require(path.resolve(__dirname, "../../tools/ci/pr-comment.js")) as {
  GITHUB_COMMENT_LIMIT: number;
  markerFor(kind: string, stage: string): string;
  commentBody(marker: string, report: string, runUrl: string, budget?: number): string;
};

// The sizes issue 22 names, each a regime (measured): 1 fits whole; 5 leaves the resource tree out; 20 is
// past Mermaid's 500-arrow limit, so the resource-level diagram is left out too; 50 (1,830 resources) is
// where the design-level pictures themselves no longer all fit.
const SIZES = [1, 5, 20, 50];
const RUN = "https://github.com/example-org/mlops/actions/runs/1";
const marker = pr.markerFor("offline-plan", "staging");

/** The shipped staging config with its one ML project repeated `n` times, each with a challenger. */
const stagingWith = (n: number) => shippedConfigWithProjects("staging", n);

/** One mandatory violation per job, so the essential table grows with the stage too. */
function violationsOf(doc: Omit<PlanDocument, "policyViolations">): PolicyViolation[] {
  return doc.steps
    .filter((s) => s.type === "databricks:index/job:Job")
    .map((s) => ({
      policyPack: "databricks-mlops-policies",
      policyName: "jobs-require-notifications",
      enforcementLevel: "mandatory",
      severity: "high",
      urn: s.urn,
      message: `Job ${s.name} notifies nobody when it fails.`,
    }));
}

const results = new Map<number, PlanResult>();
const empty: PlanDocument = { project: "databricks-mlops", stack: "staging", steps: [], changeSummary: { create: 0 }, policyViolations: [], diagnostics: [], waivers: [] };

beforeAll(async () => {
  for (const n of SIZES) {
    const steps = await recordStage(stagingWith(n), "staging");
    const base = { ...empty, steps, changeSummary: { create: steps.length }, deployability: checkDeployability(steps) };
    const document = { ...base, policyViolations: violationsOf(base) };
    results.set(n, {
      stage: "staging",
      document,
      policy: { packName: "databricks-mlops-policies", packVersion: "0.1.0", policyCount: 40, configFile: "policies/config/staging.json" },
      timings: { configMs: 0, programMs: 0, policyMs: 0 },
    });
  }
}, 120_000);

/** The comment of `n` projects: first plan (no diff), or against the empty stage (every resource a create). */
function comment(n: number, withDiff: boolean): string {
  const result = results.get(n)!;
  const comparison = withDiff ? { diff: diffPlans(empty, result.document), against: "plan-base.json" } : undefined;
  return pr.commentBody(marker, renderMarkdown(result, comparison), RUN);
}

/** Every code fence opened is closed by the same fence (CommonMark: a longer or equal run). */
function fencesBalanced(md: string): boolean {
  let open: string | undefined;
  for (const line of md.split("\n")) {
    const run = /^(`{3,})/.exec(line)?.[1];
    if (!run) continue;
    if (open === undefined) open = run;
    else if (line.trim() === open) open = undefined;
  }
  return open === undefined;
}

/** Every table keeps its header, separator and rows of the same column count. */
function tablesIntact(md: string): boolean {
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("|") || (i > 0 && lines[i - 1].startsWith("|"))) continue;
    const cells = (l: string) => l.replace(/\\\|/g, "").split("|").length;
    if (!/^\|[-:| ]+\|$/.test(lines[i + 1] ?? "")) return false;
    for (let j = i; j < lines.length && lines[j].startsWith("|"); j++) if (cells(lines[j]) !== cells(lines[i])) return false;
  }
  return true;
}

describe.each([false, true])("staging with 1 to 50 ML projects (diff: %s)", (withDiff) => {
  test.each(SIZES)("%i projects: under GitHub's limit, fences balanced, tables whole, verdict and every violation kept", (n) => {
    const body = comment(n, withDiff);
    const violations = results.get(n)!.document.policyViolations;
    expect(body.length).toBeLessThanOrEqual(pr.GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(`${marker}\n## Offline plan: stack \`staging\``)).toBe(true);
    expect(body).toContain(`**Verdict: :x: blocked by ${violations.length} mandatory policy violations.**`);
    for (const v of violations) expect(body).toContain(`Job ${v.urn.split("::").pop()} notifies nobody when it fails.`);
    if (withDiff) expect(body).toContain(`**${results.get(n)!.document.steps.length} to create, 0 unchanged.**`);
    expect(fencesBalanced(body)).toBe(true);
    expect(tablesIntact(body)).toBe(true);
    expect(body).not.toContain("<!-- fold:");
    expect(body).not.toContain("<!-- /fold:");
  });
});

/** The line that says a section was left out to fit, pointing at the run's job summary. */
const leftOut = (what: string) =>
  new RegExp(`^_${what}: left out of this comment to fit GitHub's limit; it is in the \\[run's job summary\\]\\(https://github\\.com/example-org/mlops/actions/runs/1\\) and the report artifact\\._$`, "m");

test("a stage that fits keeps every section; a stage that does not names each section it left out", () => {
  const small = comment(1, false);
  expect(small).toContain("```mermaid");
  expect(small).toContain("| Principal | Kind | Securable | Privileges | Cross-stage |");
  expect(small).toContain("<details><summary>Resources (");

  const five = comment(5, true);
  expect(renderMarkdown(results.get(5)!).length).toBeGreaterThan(pr.GITHUB_COMMENT_LIMIT);
  expect(five).toMatch(leftOut("The tree of the \\d+ resources"));
  expect(five).not.toContain("<details><summary>Resources (");
  // The headings of a left-out picture stay, so a reader sees what is missing.
  expect(five).toContain("### Stage diagram");
  expect(five).toContain("### Access matrix");
  expect(five).toMatch(leftOut("The access matrix \\([\\d,]+ rows\\)"));
  // Past Mermaid's 500 arrows the diagram would render as an error, so it is left out with the reason.
  expect(five).toMatch(/^_The stage diagram has [\d,]+ arrows, more than the 500 Mermaid draws, so it is left out; the access matrix and the resource tree describe the stage\._$/m);
  // The design-level pictures stay: the stage's, with a node per project, then one per project, marked by the diff.
  const blocks = mermaidBlocks(five);
  expect(blocks).toHaveLength(6);
  expect(blocks[0].match(/\["ML project /g)).toHaveLength(5);
  expect(blocks[1]).toContain("✚ new");
  expect(blocks[1]).toMatch(/^ {2}class [\w,]+ create$/m);

  // At 20 projects the design-level pictures no longer fit either: left out whole, named, no fence left behind.
  const twenty = comment(20, true);
  expect(twenty).toMatch(leftOut("The stage picture \\([\\d,]+ lines of Mermaid\\)"));
  expect(mermaidBlocks(twenty)).toEqual([]);
  expect(twenty).toContain("### Stage picture");
});

test("50 projects: when the violations alone fill the comment, the verdict and each violation stay and the rest is named", () => {
  const violations = results.get(50)!.document.policyViolations;
  expect(violations).toHaveLength(300);
  for (const withDiff of [false, true]) {
    const body = comment(50, withDiff);
    expect(body).toContain("**Verdict: :x: blocked by 300 mandatory policy violations.**");
    for (const v of violations) expect(body).toContain(`Job ${v.urn.split("::").pop()} notifies nobody when it fails.`);
    expect(mermaidBlocks(body)).toEqual([]);
  }
  // With the diff, each violation is in the diff's findings table, and the policy section that repeats them is
  // cut at a row, with the note that the rest is in the job summary.
  const lines = comment(50, true).trimEnd().split("\n");
  expect(lines.slice(-3)).toEqual([
    expect.stringMatching(/^\| mandatory \| `jobs-require-notifications` \| high \| .* \|$/),
    "",
    ":warning: The rest of this report does not fit a comment; it is in the [run's job summary](https://github.com/example-org/mlops/actions/runs/1) and the report artifact.",
  ]);
});

test("the Mermaid diagrams a comment keeps are ones Mermaid's parser accepts", () => {
  const blocks = SIZES.flatMap((n) => mermaidBlocks(comment(n, false)));
  expect(blocks.length).toBeGreaterThan(0);
  for (const verdict of parseMermaid(blocks)) expect(verdict).toEqual({ diagramType: "flowchart-v2" });
});
