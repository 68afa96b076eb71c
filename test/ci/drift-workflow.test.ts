/** The drift workflow: who runs it, with which identity, on which revision, and what it does with the result. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  strategy: { matrix: { include: { stage: string; ref: string }[] } };
  steps: Step[];
}

const text = fs.readFileSync(path.resolve(__dirname, "..", "..", ".github", "workflows", "drift.yml"), "utf8");
const wf = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const job = wf.jobs.drift;

test("runs on a schedule and by hand, only where Pulumi Cloud is wired", () => {
  expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  expect(job.if).toBe("vars.PULUMI_ORGANIZATION != ''");
});

test("checks each deployed stage on the branch that deploys it, as deploy.yml promotes code", () => {
  expect(job.strategy.matrix.include).toEqual([
    { stage: "staging", ref: "main" },
    { stage: "prod", ref: "release" },
  ]);
  expect(job.steps[0].with?.ref).toBe("${{ matrix.ref }}");
});

test("uses the drift identities, which change nothing, and may write issues only", () => {
  expect(job.environment).toBe("drift-${{ matrix.stage }}");
  expect(job.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
  const auth = job.steps.filter((s) => s.uses?.startsWith("pulumi/auth-actions@")).map((s) => s.with?.["requested-token-type"]);
  expect(auth).toEqual(["urn:pulumi:token-type:access_token:team", "urn:pulumi:token-type:access_token:personal"]);
  expect(text).not.toMatch(/pulumi (up|refresh|import|destroy)\b/);
  expect(text).not.toContain("access_token:organization");
});

test("previews with refresh as JSON, reports the program against that refreshed state offline, then syncs the stage's issue", () => {
  const runs = job.steps.map((s) => s.run ?? s.uses ?? "");
  const preview = runs.findIndex((r) => r.startsWith("pulumi preview --refresh --json --non-interactive"));
  const offline = runs.findIndex((r) => r.includes('npm run --silent plan -- --stack "$STAGE" --against "$RUNNER_TEMP/preview.json" --format markdown'));
  const issue = runs.findIndex((r) => r.startsWith("actions/github-script@"));
  expect([preview >= 0, offline > preview, issue > offline]).toEqual([true, true, true]);
  const script = String(job.steps[issue].with?.script);
  expect(script).toContain("drift.driftedSteps(");
  expect(script).toContain("drift.syncDriftIssue(");
});
