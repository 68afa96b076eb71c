/**
 * The verdict lives outside the program: test/fixtures/tamper-project tries, one stack per way, to bend
 * the plan from inside its own process (exit 0 half-way with "PASSED" printed, a registration after it
 * finished, a forked process forging a message on the plan's channel, a malformed message, a process that
 * never ends, its policy config rewritten to disable every rule, the policy pack killed beside it), and the plan's environment tries to load code into it (NODE_OPTIONS preloads, a checkout's
 * .npmrc, LD_PRELOAD). Each leaves a refusing verdict; the honest program passes. Every exit path
 * (success, violation, each refusal, a failed program, a killed pack, a signal) leaves no process of the plan alive.
 * The runs are shared: each starts once, a few at a time, in beforeAll.
 */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument } from "../../tools/plan/types";
import { type CliRun, ROOT, runPlanCli } from "./run-cli";

const PROJECT = "test/fixtures/tamper-project";
/** The bench's baseline pack: the real launcher and policy SDK, one rule that judges nothing; fast to start. */
const BASELINE = ["--policy-pack", "../../../tools/bench/baseline-pack", "--policy-pack-config", "../../../tools/bench/baseline-pack/policy-config.json"];
const plan = (stack: string, ...extra: string[]) => ["--stack", stack, "--cwd", PROJECT, ...extra];
const PRELOAD = path.join(ROOT, PROJECT, "preload.js");

let dir: string;
const runs: Record<string, CliRun> = {};
/** The pids each run's program wrote (its own, its siblings: the pack, and what it started). */
const pids: Record<string, { program: number; siblings: number[]; started: number[] }> = {};
const pidFile = (name: string) => path.join(dir, `${name}.pids.json`);

/** Runs `jobs` at most `width` at a time (the machine has two cores). */
async function limited(width: number, jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

/** Starts the plan, and SIGTERMs it once its program has written its pids (it then hangs by design). */
async function interrupted(): Promise<CliRun> {
  let child: ChildProcess | undefined;
  const running = runPlanCli(plan("hang", ...BASELINE, "--program-timeout", "60"), { env: { TAMPER_PID_FILE: pidFile("signal") }, onSpawn: (c) => (child = c) });
  for (let i = 0; i < 600 && !fs.existsSync(pidFile("signal")); i++) await new Promise((r) => setTimeout(r, 50));
  child!.kill("SIGTERM");
  return running;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-tamper-"));
  // A copy of the project with an npm configuration of its own, as a pull request could add.
  const npmrcProject = path.join(dir, "npmrc-project");
  fs.mkdirSync(npmrcProject);
  for (const file of ["Pulumi.yaml", "Pulumi.honest.yaml", "index.js"]) fs.copyFileSync(path.join(ROOT, PROJECT, file), path.join(npmrcProject, file));
  fs.writeFileSync(path.join(npmrcProject, ".npmrc"), "node-options=--require ./evil.js\n//registry.example/:_authToken=abc\n");
  // A copy of the prod policy config, which the program rewrites to disable every rule while it runs.
  const rewritten = path.join(dir, "prod.json");
  fs.copyFileSync(path.join(ROOT, "policies/config/prod.json"), rewritten);
  const withPids = (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => async () => {
    runs[name] = await runPlanCli(args, { env: { TAMPER_PID_FILE: pidFile(name), ...env } });
  };
  await limited(3, [
    withPids("honest", plan("honest", ...BASELINE, "--json", "--report-timings")),
    withPids("violation", plan("honest", "--policy-pack", "../../../policies", "--policy-pack-config", "../../../policies/config/prod.json", "--report-timings")),
    withPids("rewrite", plan("honest", "--policy-pack", "../../../policies", "--policy-pack-config", rewritten), { TAMPER_REWRITE_CONFIG: rewritten }),
    withPids("exit0", plan("exit0", ...BASELINE)),
    withPids("late", plan("late", ...BASELINE)),
    withPids("fork", plan("fork", ...BASELINE)),
    withPids("hang", plan("hang", ...BASELINE, "--program-timeout", "5")),
    withPids("malformed", plan("malformed", ...BASELINE)),
    withPids("throw", plan("throw", ...BASELINE)),
    withPids("killpack", plan("killpack", ...BASELINE)),
    async () => void (runs.signal = await interrupted()),
    withPids("preloadProd", plan("honest", ...BASELINE), { NODE_OPTIONS: `--require ${PRELOAD}` }),
    withPids("preloadDev", plan("honest-dev", ...BASELINE, "--json"), { NODE_OPTIONS: `--max-old-space-size=2048 --require ${PRELOAD}` }),
    withPids("npmrc", ["--stack", "honest", "--cwd", npmrcProject, "--policy-pack", path.join(ROOT, "tools/bench/baseline-pack")], { LD_PRELOAD: "/nonexistent/tamper.so" }),
  ]);
  for (const name of Object.keys(runs)) {
    const file = pidFile(name);
    if (fs.existsSync(file)) pids[name] = JSON.parse(fs.readFileSync(file, "utf8")) as (typeof pids)[string];
  }
}, 120000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** True once the process is gone (or a zombie its new parent has yet to reap). */
function gone(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

/** The pids still alive 3 s after the plan exited (SIGKILL is sent before it exits; dying takes a moment). */
async function survivors(list: number[]): Promise<number[]> {
  for (let i = 0; i < 60 && !list.every(gone); i++) await new Promise((r) => setTimeout(r, 50));
  return list.filter((pid) => !gone(pid));
}

const refusal = (run: CliRun) => [run.code, run.stdout, run.stderr.split("\n")[0]];

describe("a program that tries to bend the verdict", () => {
  test("honest: passes, with the same steps and output as ever", () => {
    const run = runs.honest;
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as PlanDocument;
    expect(doc.steps.map((s) => s.name)).toEqual(["tamper-honest", "first", "second"]);
    expect(doc.steps[2].inputs).toEqual({ value: "two", secret: "[secret]" });
    expect(doc.diagnostics).toEqual([{ severity: "info", message: "tamper fixture: mode honest" }]);
  });

  test("a policy config rewritten while the program runs: the pack is configured from the file as it was before", () => {
    expect(fs.readFileSync(path.join(dir, "prod.json"), "utf8")).toBe('{"all":"disabled"}');
    expect(runs.rewrite.code).toBe(1);
    expect(runs.rewrite.stderr).toMatch(/^plan of stack honest failed: \d+ mandatory policy violations\n/);
    expect(runs.rewrite.stderr).toBe(runs.violation.stderr.replace(/^plan-timings .*\n/m, ""));
  });

  test("exit 0 half-way, with PASSED printed: refused (exit 5), the print shown as its output", () => {
    expect(refusal(runs.exit0)).toEqual([5, "", "refused: the program's run could not be trusted: its process ended (exit code 1) before the program finished"]);
    expect(runs.exit0.stderr).toContain("  stdout: plan of stack exit0: PASSED");
  });

  test("a registration after the program finished: refused, naming the resource", () => {
    expect(refusal(runs.late)).toEqual([5, "", "refused: the program's run could not be trusted: it registered urn:pulumi:late::tamper::tamper:index:Thing::late after it had finished"]);
  });

  test("a forked process that keeps the channel and forges a finished message on it: refused", () => {
    expect(runs.fork.code).toBe(5);
    expect(runs.fork.stdout).toBe("");
    // Which comes first depends on how fast the forked process starts: its message, or the end of the wait for the channel.
    expect(runs.fork.stderr.split("\n")[0]).toMatch(
      /^refused: the program's run could not be trusted: (it sent a second finished message after it had finished|a process it started still holds the plan's channel or output after the program's process ended)$/,
    );
  });

  test("a malformed message on the channel: refused, saying what is wrong", () => {
    expect(refusal(runs.malformed)).toEqual([5, "", "refused: the program's run could not be trusted: a malformed message on the plan's channel (a line is not JSON)"]);
  });

  test("a program that never ends: refused at the deadline", () => {
    expect(refusal(runs.hang)).toEqual([5, "", "refused: the program's run could not be trusted: it did not finish and end within 5 s"]);
  });

  test("a program that kills the policy pack beside it: no verdict, the plan fails (exit 3) naming the pack's death", () => {
    const run = runs.killpack;
    expect([run.code, run.stdout, run.stderr.split("\n")[0]]).toEqual([3, "", "internal error: policy evaluation failed:"]);
    expect(run.stderr).toMatch(/policy pack \S+ exited with signal SIGKILL/);
  });

  test("a program that throws: the program's failure (exit 3), as before", () => {
    expect(runs.throw.code).toBe(3);
    expect(runs.throw.stderr).toMatch(/^internal error: the program failed with an unhandled exception:\nError: the tamper fixture throws\n/);
  });
});

describe("an environment that could load code into the plan", () => {
  test("NODE_OPTIONS with a preload on prod: refused before the program runs, naming it", () => {
    const run = runs.preloadProd;
    expect(run.code).toBe(5);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "refused: the plan's environment could inject code on stage prod:\n" +
        `  - NODE_OPTIONS sets --require ${PRELOAD}: Node applies it to every process, and a preload (--require, --import) runs code in each\n`,
    );
    expect(fs.existsSync(pidFile("preloadProd"))).toBe(false);
  });

  test("the same on dev: a warning, and the preload reaches neither the pack nor the program", () => {
    const run = runs.preloadDev;
    expect(run.code).toBe(0);
    // Loaded once, into the judging process that Node started with it.
    expect(run.stderr.match(/tamper preload loaded into \d+/g)).toHaveLength(1);
    const doc = JSON.parse(run.stdout) as PlanDocument;
    expect(doc.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message)).toEqual([
      `environment: NODE_OPTIONS sets --require ${PRELOAD}: Node applies it to every process, and a preload (--require, --import) runs code in each (refused on staging and prod)`,
    ]);
    expect(JSON.stringify(doc)).not.toContain("tamper preload");
  });

  test("a checkout's .npmrc and LD_PRELOAD: refused, each named, no value of the .npmrc shown", () => {
    const run = runs.npmrc;
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("  - LD_PRELOAD is set: it preloads a shared library into every process\n");
    expect(run.stderr).toMatch(/ {2}- \S*npmrc-project\/\.npmrc configures npm \(node-options, \/\/registry\.example\/:_authToken\): /);
    expect(run.stderr).not.toContain("abc");
  });
});

describe("no process outlives the plan", () => {
  const timings = (run: CliRun) => JSON.parse(/^plan-timings (.*)$/m.exec(run.stderr)![1]) as { programPid: number; packPid: number };

  test.each([
    ["success", "honest", 0],
    ["a mandatory violation", "violation", 1],
  ])("%s: the program's process and the pack are gone", async (_, name, code) => {
    expect(runs[name].code).toBe(code);
    const { programPid, packPid } = timings(runs[name]);
    expect(pids[name].program).toBe(programPid);
    expect(pids[name].siblings).toEqual([packPid]);
    expect(await survivors([programPid, packPid])).toEqual([]);
  });

  test.each(["exit0", "late", "fork", "malformed", "hang", "throw", "killpack", "signal"])("%s: the program's process, what it started and the pack are gone", async (name) => {
    const found = pids[name];
    expect(found.siblings).toHaveLength(1);
    if (name === "fork" || name === "hang" || name === "signal") expect(found.started).toHaveLength(1);
    expect(await survivors([found.program, ...found.siblings, ...found.started])).toEqual([]);
  });

  test("a signal ends the plan with 128 + its number, saying so", () => {
    expect([runs.signal.code, runs.signal.stderr]).toEqual([143, "plan stopped by SIGTERM\n"]);
  });
});
