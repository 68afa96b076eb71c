/** The PR comment step of the pull-request workflow: one comment per stage, found by its marker and edited. */
import * as path from "path";

interface Comment {
  id: number;
  body?: string;
}
const pr = require(path.resolve(__dirname, "../../tools/ci/pr-comment.js")) as {
  GITHUB_COMMENT_LIMIT: number;
  markerFor(kind: string, stage: string): string;
  commentBody(marker: string, report: string, runUrl: string, budget?: number): string;
  findMarkedComment(comments: Comment[], marker: string): number | undefined;
  upsertComment(args: { github: unknown; context: unknown; marker: string; body: string }): Promise<string>;
};

/** A fake of the github-script client: two pages of comments, and a log of what was called. */
function fakeGitHub(pages: Comment[][]) {
  const calls: [string, Record<string, unknown>][] = [];
  const rest = {
    issues: {
      listComments: (params: Record<string, unknown>) => calls.push(["listComments", params]),
      createComment: async (params: Record<string, unknown>) => calls.push(["createComment", params]),
      updateComment: async (params: Record<string, unknown>) => calls.push(["updateComment", params]),
    },
  };
  const paginate = async (method: unknown, params: Record<string, unknown>) => {
    expect(method).toBe(rest.issues.listComments);
    calls.push(["paginate", params]);
    return pages.flat();
  };
  return { github: { rest, paginate }, calls };
}

const context = { repo: { owner: "example-org", repo: "mlops" }, issue: { number: 7 } };
const marker = pr.markerFor("offline-plan", "prod");

test("the marker names the report and the stage, hidden in markdown", () => {
  expect(marker).toBe("<!-- databricks-mlops:offline-plan:prod -->");
});

test("only a comment that starts with the marker is the stage's", () => {
  const comments = [
    { id: 1, body: `quoting ${marker}` },
    { id: 2, body: pr.markerFor("offline-plan", "dev") + "\n..." },
    { id: 3 },
    { id: 4, body: `${marker}\nold plan` },
  ];
  expect(pr.findMarkedComment(comments, marker)).toBe(4);
  expect(pr.findMarkedComment(comments.slice(0, 3), marker)).toBeUndefined();
});

test("the first run creates the comment; later runs edit it, found on any page", async () => {
  const first = fakeGitHub([[{ id: 1, body: "lgtm" }]]);
  expect(await pr.upsertComment({ github: first.github, context, marker, body: `${marker}\nplan` })).toBe("created");
  expect(first.calls).toEqual([
    ["paginate", { owner: "example-org", repo: "mlops", issue_number: 7, per_page: 100 }],
    ["createComment", { owner: "example-org", repo: "mlops", issue_number: 7, body: `${marker}\nplan` }],
  ]);
  const later = fakeGitHub([[{ id: 1, body: "lgtm" }], [{ id: 42, body: `${marker}\nold` }]]);
  expect(await pr.upsertComment({ github: later.github, context, marker, body: `${marker}\nnew` })).toBe("updated");
  expect(later.calls[1]).toEqual(["updateComment", { owner: "example-org", repo: "mlops", comment_id: 42, body: `${marker}\nnew` }]);
});

test("a report without sections that is too long is cut between lines, with a notice pointing to the job summary", () => {
  expect(pr.GITHUB_COMMENT_LIMIT).toBe(65536);
  expect(pr.commentBody(marker, "short", "https://ci/run/1")).toBe(`${marker}\nshort`);
  const report = Array.from({ length: 5000 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
  const body = pr.commentBody(marker, report, "https://ci/run/1");
  expect(body.length).toBeLessThanOrEqual(pr.GITHUB_COMMENT_LIMIT);
  expect(body.startsWith(`${marker}\nline 0 xxx`)).toBe(true);
  expect(body).toMatch(/\nline \d+ x{20}\n\n:warning: The rest of this report does not fit a comment; it is in the \[run's job summary\]\(https:\/\/ci\/run\/1\) and the report artifact\.\n$/);
});
