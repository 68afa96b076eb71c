// One pull-request comment per stage, edited in place: the comment starts with a hidden marker naming
// the stage, and each run updates the comment that carries it (or creates it the first time). Runs in
// actions/github-script, which passes its authenticated `github` client and `context`; plain
// JavaScript so that step needs no build.
"use strict";

const { GITHUB_COMMENT_LIMIT, fitReport } = require("./comment-fit.js");

/** The hidden first line that identifies the comment of one stage and one kind of report. */
function markerFor(kind, stage) {
  return `<!-- databricks-mlops:${kind}:${stage} -->`;
}

/**
 * The body to post: marker, then the report fitted by its sections to `budget` characters (default
 * GitHub's limit); what is left out is named, with a link to the run's job summary (comment-fit.js).
 */
function commentBody(marker, report, runUrl, budget = GITHUB_COMMENT_LIMIT) {
  return `${marker}\n${fitReport(report, budget - marker.length - 1, runUrl)}`;
}

/** The id of the first comment whose body starts with the marker, or undefined. */
function findMarkedComment(comments, marker) {
  const found = comments.find((c) => typeof c.body === "string" && c.body.startsWith(marker));
  return found ? found.id : undefined;
}

/**
 * Creates or updates the stage's comment on the pull request of `context`. Reads every page of
 * comments (a busy pull request has more than one page), so the same comment is always found.
 * Returns what it did: "created" or "updated".
 */
async function upsertComment({ github, context, marker, body }) {
  const issue = { owner: context.repo.owner, repo: context.repo.repo, issue_number: context.issue.number };
  const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });
  const id = findMarkedComment(comments, marker);
  if (id === undefined) {
    await github.rest.issues.createComment({ ...issue, body });
    return "created";
  }
  await github.rest.issues.updateComment({ owner: issue.owner, repo: issue.repo, comment_id: id, body });
  return "updated";
}

module.exports = { GITHUB_COMMENT_LIMIT, markerFor, commentBody, findMarkedComment, upsertComment };
