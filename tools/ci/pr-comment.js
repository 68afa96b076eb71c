// One pull-request comment per stage, edited in place: the comment starts with a hidden marker naming
// the stage, and each run updates the comment that carries it (or creates it the first time). Runs in
// actions/github-script, which passes its authenticated `github` client and `context`; plain
// JavaScript so that step needs no build.
"use strict";

/** GitHub rejects comment bodies over 65,536 characters; stay below with room for the notice. */
const MAX_BODY_CHARS = 65000;

/** The hidden first line that identifies the comment of one stage and one kind of report. */
function markerFor(kind, stage) {
  return `<!-- databricks-mlops:${kind}:${stage} -->`;
}

/** The body to post: marker, then the report, cut (with a notice) to fit GitHub's limit. */
function commentBody(marker, report, runUrl) {
  const notice = `\n\n:warning: Cut to fit a comment; the whole report is in the [run's job summary](${runUrl}).\n`;
  const room = MAX_BODY_CHARS - marker.length - notice.length - 1;
  return `${marker}\n${report.length > room ? report.slice(0, room) + notice : report}`;
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

module.exports = { MAX_BODY_CHARS, markerFor, commentBody, findMarkedComment, upsertComment };
