// One GitHub issue per stage for drift: the scheduled drift workflow previews each deployed stage with
// refresh; when the cloud no longer matches the program it opens the stage's issue (or updates the open
// one) with the report, and closes it once the stage is clean again. Runs in actions/github-script, which
// passes its authenticated `github` client and `context`; plain JavaScript so that step needs no build.
"use strict";

const { GITHUB_COMMENT_LIMIT, fitReport } = require("./comment-fit.js");

/** The label every drift issue carries, so the workflow finds its issues among the repository's. */
const DRIFT_LABEL = "drift";

/** Step kinds of `pulumi preview --json` that change nothing in the stack. */
const UNCHANGED_OPS = new Set(["same", "read", "refresh"]);

/** The hidden first line that identifies the drift issue of one stage. */
function driftMarker(stage) {
  return `<!-- databricks-mlops:drift:${stage} -->`;
}

/** The issue's title. */
function driftTitle(stage) {
  return `Drift: stage ${stage} no longer matches its program`;
}

/**
 * The resources a refreshed preview would change, as `{ op, urn }`, from the document
 * `pulumi preview --refresh --json` writes; throws when it is not one (a failed preview is no verdict).
 */
function driftedSteps(preview) {
  if (preview === null || typeof preview !== "object" || !Array.isArray(preview.steps)) {
    throw new Error("not the output of `pulumi preview --json`: no steps");
  }
  return preview.steps.filter((s) => !UNCHANGED_OPS.has(s.op)).map((s) => ({ op: s.op, urn: s.urn }));
}

/** The issue body: marker, the count of changed resources, then the report fitted to GitHub's limit. */
function driftBody(stage, steps, report, runUrl, budget = GITHUB_COMMENT_LIMIT) {
  const marker = driftMarker(stage);
  const head = `${marker}\nA refreshed \`pulumi preview\` of stage \`${stage}\` would change ${steps.length} resource${steps.length === 1 ? "" : "s"} ([run](${runUrl})); the next \`pulumi up\` reverts what changed by hand, or the program adopts it.\n\n`;
  return head + fitReport(report, budget - head.length, runUrl);
}

/**
 * Opens, updates or closes the stage's drift issue: with changes, the open issue carrying the stage's marker
 * gets the new body (or one is opened); without, that issue is closed with a note. Returns what it did:
 * "opened", "updated", "closed" or "clean" (no changes and no open issue).
 */
async function syncDriftIssue({ github, context, stage, steps, body, runUrl }) {
  const repo = { owner: context.repo.owner, repo: context.repo.repo };
  const open = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: "open", labels: DRIFT_LABEL, per_page: 100 });
  const marker = driftMarker(stage);
  const existing = open.find((i) => typeof i.body === "string" && i.body.startsWith(marker));
  if (steps.length > 0) {
    if (existing === undefined) {
      await github.rest.issues.create({ ...repo, title: driftTitle(stage), body, labels: [DRIFT_LABEL] });
      return "opened";
    }
    await github.rest.issues.update({ ...repo, issue_number: existing.number, body });
    return "updated";
  }
  if (existing === undefined) return "clean";
  await github.rest.issues.createComment({ ...repo, issue_number: existing.number, body: `Stage \`${stage}\` matches its program again ([run](${runUrl})).` });
  await github.rest.issues.update({ ...repo, issue_number: existing.number, state: "closed", state_reason: "completed" });
  return "closed";
}

module.exports = { DRIFT_LABEL, driftMarker, driftTitle, driftedSteps, driftBody, syncDriftIssue };
