/**
 * The stage pictures rendered by a real browser at the width GitHub gives a pull request comment: every picture
 * of a stage with 1, 5 or 10 ML projects keeps its labels legible. Needs Chromium (`apt-get install chromium`;
 * .ci/run installs it): where none is found the test fails in CI and is skipped, with a warning, elsewhere.
 */
import { renderDesignMermaid } from "../../tools/plan/diagram/design-graph";
import { designPictures } from "../../tools/plan/diagram/design-pictures";
import type { PlanDocument } from "../../tools/plan/types";
import { findChromium, renderInBrowser } from "../support/browser-mermaid";
import { recordStage } from "../support/record-stage";
import { shippedConfigWithProjects } from "../support/shipped-stage";

/** The width of a comment's body in a pull request on GitHub in a 1280-pixel window, where a diagram is fitted to it. */
const GITHUB_COMMENT_WIDTH = 740;
/** The smallest label a person reads without zooming, in pixels once the diagram is fitted to the comment. */
const LEGIBLE_PX = 12;

const browser = findChromium();
if (browser === undefined && !process.env.CI) console.warn("design-picture-render: no Chromium found (set CHROMIUM or install chromium); skipped");
const inBrowser = browser === undefined && !process.env.CI ? test.skip : test;

inBrowser("every picture of a stage with 1, 5 and 10 projects renders, and its labels stay legible at GitHub's width", async () => {
  expect(browser).toBeDefined();
  const pictures: { stage: number; name: string; source: string }[] = [];
  for (const n of [1, 5, 10]) {
    const steps = await recordStage(shippedConfigWithProjects("staging", n), "staging");
    const doc: PlanDocument = { project: "databricks-mlops", stack: "staging", steps, changeSummary: { create: steps.length }, policyViolations: [], diagnostics: [], waivers: [] };
    for (const p of designPictures(doc)) pictures.push({ stage: n, name: p.project ?? "the stage", source: renderDesignMermaid(p.graph).join("\n") });
  }
  expect(pictures.map((p) => p.stage)).toEqual([1, 1, ...Array(6).fill(5), ...Array(11).fill(10)]);
  const rendered = renderInBrowser(browser!, pictures.map((p) => p.source));
  const legible = rendered.map((r, i) => {
    const fitted = r.labelFontPx * Math.min(1, GITHUB_COMMENT_WIDTH / r.width);
    return { picture: `${pictures[i].stage} projects: ${pictures[i].name}`, error: r.error, legible: fitted >= LEGIBLE_PX };
  });
  expect(legible.filter((l) => l.error !== undefined || !l.legible)).toEqual([]);
  // The stage's picture grows downwards with its projects, not sideways.
  expect(rendered[pictures.findIndex((p) => p.stage === 10)].width).toBeLessThanOrEqual(rendered[0].width * 1.05);
}, 180_000);
