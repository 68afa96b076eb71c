/**
 * Every command the README and docs/*.md show gives what it promises, run exactly as written through a
 * real shell (in a scratch directory that links to this tree, so redirected files land there). Plan
 * commands run; every other command must be in SKIPPED with the reason it cannot run here, so a new
 * documented command is either tested or consciously skipped.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument } from "../../tools/plan/types";
import { type DocumentedCommand, commandsOf, splitCommandLine } from "../support/doc-commands";

const ROOT = path.resolve(__dirname, "../..");
const DOCS = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** Commands that are not run here, each with why. */
const SKIPPED: { pattern: RegExp; reason: string }[] = [
  { pattern: /^pulumi /, reason: "needs the Pulumi CLI and the stage's credentials" },
  { pattern: /^export DATABRICKS_/, reason: "sets credentials for the pulumi commands" },
  { pattern: /^export AWS_/, reason: "sets AWS credentials for the pulumi commands (workspace create mode)" },
  { pattern: /^npm ci$/, reason: "reinstalls node_modules; .ci/run runs it" },
  { pattern: /^npm ci --engine-strict$/, reason: "reinstalls node_modules; named in prose as the opt-in refusal of an older Node.js" },
  { pattern: /^nvm (install|use)$/, reason: "a person's Node.js version manager, not installed here; test/ci/workflows.test.ts holds .nvmrc to CI's major" },
  { pattern: /^node --version$/, reason: "prints the Node.js version, named in prose" },
  { pattern: /^npm test$/, reason: "the in-process suite; .ci/run runs it" },
  { pattern: /^npm run test:e2e$/, reason: "the end-to-end run this test is part of" },
  { pattern: /^npm run typecheck$/, reason: ".ci/run runs it" },
  { pattern: /^npm run --silent mutants$/, reason: "minutes long; a CI step of its own" },
  { pattern: /^npm run mutation$/, reason: "Stryker, 37 minutes on two cores; run by hand, not in CI (docs/ci.md)" },
  { pattern: /^npm run --silent inventory -- --stack prod$/, reason: "prints prod's inventory from a prod plan; test/plan/data-safety.test.ts checks the same list against the prod plan" },
  { pattern: /^npm run --silent fuzz$/, reason: "the property tests' deep run, minutes long; a CI step of its own (npm test runs their share)" },
  { pattern: /^npm run catalogue$/, reason: "rewrites docs/policy-catalogue.md; test/policies/catalogue.test.ts checks it is current" },
  { pattern: /^node tools\/run-ts\.js tools\/plan\/read-back\/write-docs-table\.ts$/, reason: "rewrites the read-back table in docs/ci.md; test/plan/read-back/docs-table.test.ts checks it is current" },
  { pattern: /^npm run( (plan|bench))?$/, reason: "names npm's command or a script in prose, not a command line" },
  { pattern: /^npm install$/, reason: "changes node_modules (or .ci/node); .ci/run installs with npm ci" },
  { pattern: /^node -e$/, reason: "names, in prose, the floor that npm run bench measures" },
  { pattern: /^node --cpu-prof$/, reason: "names, in prose, how the profiles in docs/ci.md were taken" },
  { pattern: /^node build\.js$/, reason: "the pack's prepare script, which npm ci runs" },
  {
    pattern: /^npm run --silent plan -- --stack prod --against prod-refreshed\.json$/,
    reason: "reads the refreshed preview that the pulumi command before it writes; test/plan/stack-export.test.ts runs the same comparison through the CLI",
  },
  { pattern: /^npm run build --workspace policies$/, reason: "rebuilds policies/bin; test/policies/pack-loading.test.ts runs the same build" },
];

/** A documented plan command: runs here. */
const PLAN = /^npm run (--silent )?plan -- /;

interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The file a `> file` redirect wrote, if any. */
  written?: string;
}

let scratch: string;
const documented: DocumentedCommand[] = DOCS.flatMap((file) => commandsOf(fs.readFileSync(path.join(ROOT, file), "utf8"), file));
const skipped = (command: string) => SKIPPED.some((s) => s.pattern.test(command));
const planCommands = [...new Set(documented.filter((d) => PLAN.test(d.command) && !skipped(d.command)).map((d) => d.command))];
const runs = new Map<string, ShellRun>();

/** Runs one command line with bash in the scratch directory, with an environment free of npm's own variables. */
function shell(command: string): Promise<ShellRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], { cwd: scratch, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const target = /\s>\s*(\S+)$/.exec(command)?.[1];
      resolve({ code, stdout, stderr, written: target && fs.readFileSync(path.join(scratch, target), "utf8") });
    });
  });
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "documented-commands-"));
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry !== ".git") fs.symlinkSync(path.join(ROOT, entry), path.join(scratch, entry));
  }
  // A command comparing with an earlier plan (`--against <file>`) reads what another one writes: run it after.
  const readsPlan = (c: string) => / --against /.test(c);
  for (const batch of [planCommands.filter((c) => !readsPlan(c)), planCommands.filter(readsPlan)]) {
    const results = await Promise.all(batch.map(shell));
    batch.forEach((c, i) => runs.set(c, results[i]));
  }
}, 120000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("the docs show plan commands, and every other command they show is consciously skipped", () => {
  expect(planCommands.length).toBeGreaterThanOrEqual(4);
  const unaccounted = documented.filter((d) => !PLAN.test(d.command) && !skipped(d.command));
  expect(unaccounted).toEqual([]);
});

describe.each(planCommands)("%s", (command) => {
  test("exits 0, writes nothing on stderr, and its output is exactly the promised format", () => {
    const run = runs.get(command)!;
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const output = run.written ?? run.stdout;
    if (run.written !== undefined) expect(run.stdout).toBe("");
    const stack = /--stack (\S+)/.exec(command)?.[1];
    if (command.includes("--help")) {
      expect(output).toMatch(/^Usage: npm run --silent plan -- --stack <name> \[options\]\n/);
    } else if (command.includes("--json")) {
      expect((JSON.parse(output) as PlanDocument).stack).toBe(stack);
    } else if (command.includes("--format markdown")) {
      expect(output.startsWith(`## Offline plan: stack \`${stack}\`\n`)).toBe(true);
      const against = / --against (\S+)/.exec(command)?.[1];
      if (against) {
        // The earlier plan is this very tree's: the diff must find every resource unchanged.
        const earlier = JSON.parse(fs.readFileSync(path.join(scratch, against), "utf8")) as PlanDocument;
        expect(output).toContain(`### Changes against \`${against}\`\n\n**${earlier.steps.length} unchanged.**\n`);
      }
    } else {
      expect(output.startsWith(`Offline plan of stack ${stack} `)).toBe(true);
    }
  });
});

describe("reading commands out of markdown", () => {
  test("code block lines, && chains, comments, continuations and inline spans", () => {
    const md = [
      "Run `npm run --silent plan -- --help` or `pulumi.secret(x)`.",
      "```bash",
      "npm ci && npm run plan -- --stack dev   # both",
      "# a comment line",
      "pulumi preview \\",
      "  --stack prod",
      "```",
      "```",
      "npm run not-a-command",
      "```",
    ].join("\n");
    expect(commandsOf(md, "x.md")).toEqual([
      { command: "npm run --silent plan -- --help", where: "x.md:1" },
      { command: "npm ci", where: "x.md:3" },
      { command: "npm run plan -- --stack dev", where: "x.md:3" },
      { command: "pulumi preview    --stack prod", where: "x.md:6" },
    ]);
    expect(splitCommandLine("echo '#' ")).toEqual(["echo '#'"]);
  });
});
