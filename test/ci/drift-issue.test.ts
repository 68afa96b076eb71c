/** The drift workflow's issue step: one issue per stage, opened on drift, updated while it lasts, closed when clean. */
import * as path from "path";

interface Issue {
  number: number;
  body?: string;
}
const drift = require(path.resolve(__dirname, "../../tools/ci/drift-issue.js")) as {
  DRIFT_LABEL: string;
  driftMarker(stage: string): string;
  driftTitle(stage: string): string;
  driftedSteps(preview: unknown): { op: string; urn: string }[];
  driftBody(stage: string, steps: unknown[], report: string, runUrl: string, budget?: number): string;
  syncDriftIssue(args: { github: unknown; context: unknown; stage: string; steps: unknown[]; body: string; runUrl: string }): Promise<string>;
};

/** A fake of the github-script client holding the repository's open drift issues, and a log of what was called. */
function fakeGitHub(open: Issue[]) {
  const calls: [string, Record<string, unknown>][] = [];
  const rest = {
    issues: {
      listForRepo: () => undefined,
      create: async (params: Record<string, unknown>) => calls.push(["create", params]),
      update: async (params: Record<string, unknown>) => calls.push(["update", params]),
      createComment: async (params: Record<string, unknown>) => calls.push(["createComment", params]),
    },
  };
  const paginate = async (method: unknown, params: Record<string, unknown>) => {
    expect(method).toBe(rest.issues.listForRepo);
    calls.push(["paginate", params]);
    return open;
  };
  return { github: { rest, paginate }, calls };
}

const context = { repo: { owner: "example-org", repo: "mlops" } };
const runUrl = "https://github.com/example-org/mlops/actions/runs/9";
const repo = { owner: "example-org", repo: "mlops" };
const changed = [{ op: "update", urn: "urn:pulumi:prod::databricks-mlops::databricks:index/job:Job::prod-mlops-training" }];

test("the changes are the preview's steps that are not same, read or refresh; a document without steps is no verdict", () => {
  const preview = { steps: [{ op: "same", urn: "a" }, { op: "refresh", urn: "b" }, { op: "update", urn: "c" }, { op: "delete", urn: "d" }, { op: "read", urn: "e" }] };
  expect(drift.driftedSteps(preview)).toEqual([{ op: "update", urn: "c" }, { op: "delete", urn: "d" }]);
  expect(() => drift.driftedSteps({ error: "no credentials" })).toThrow("not the output of `pulumi preview --json`: no steps");
});

test("the body starts with the stage's marker, counts the changes and fits the report under the budget", () => {
  const body = drift.driftBody("prod", changed, "## Offline plan\n\nreport", runUrl);
  expect(body.split("\n")[0]).toBe("<!-- databricks-mlops:drift:prod -->");
  expect(body).toContain("would change 1 resource ([run](https://github.com/example-org/mlops/actions/runs/9))");
  expect(body.endsWith("report")).toBe(true);
  expect(drift.driftBody("prod", [...changed, ...changed], "x".repeat(5000), runUrl, 2000).length).toBeLessThanOrEqual(2000);
});

test("drift with no open issue for the stage opens one, labelled; another stage's issue is left alone", async () => {
  const { github, calls } = fakeGitHub([{ number: 3, body: `${drift.driftMarker("staging")}\nold` }]);
  const body = drift.driftBody("prod", changed, "report", runUrl);
  await expect(drift.syncDriftIssue({ github, context, stage: "prod", steps: changed, body, runUrl })).resolves.toBe("opened");
  expect(calls).toEqual([
    ["paginate", { ...repo, state: "open", labels: "drift", per_page: 100 }],
    ["create", { ...repo, title: "Drift: stage prod no longer matches its program", body, labels: ["drift"] }],
  ]);
});

test("drift while the stage's issue is open updates that issue", async () => {
  const { github, calls } = fakeGitHub([{ number: 5, body: `${drift.driftMarker("prod")}\nold` }]);
  await expect(drift.syncDriftIssue({ github, context, stage: "prod", steps: changed, body: "new", runUrl })).resolves.toBe("updated");
  expect(calls.slice(1)).toEqual([["update", { ...repo, issue_number: 5, body: "new" }]]);
});

test("a clean stage closes its open issue with a note, and does nothing when none is open", async () => {
  const open = fakeGitHub([{ number: 5, body: `${drift.driftMarker("prod")}\nold` }]);
  await expect(drift.syncDriftIssue({ github: open.github, context, stage: "prod", steps: [], body: "", runUrl })).resolves.toBe("closed");
  expect(open.calls.slice(1)).toEqual([
    ["createComment", { ...repo, issue_number: 5, body: `Stage \`prod\` matches its program again ([run](${runUrl})).` }],
    ["update", { ...repo, issue_number: 5, state: "closed", state_reason: "completed" }],
  ]);
  const none = fakeGitHub([]);
  await expect(drift.syncDriftIssue({ github: none.github, context, stage: "prod", steps: [], body: "", runUrl })).resolves.toBe("clean");
  expect(none.calls).toHaveLength(1);
});
