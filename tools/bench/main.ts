/**
 * `npm run bench [-- --runs N --stacks dev,prod --scale 0,250,500,1000]`: times the offline plan of each
 * stage as a whole process (start-up, module loading, program, policy pack, JSON output) next to the
 * floor, a bare `node -e` loading the plan's heaviest dependencies (@pulumi/pulumi, @pulumi/databricks,
 * @pulumi/aws). Floor and plans alternate within one run, so both see the same machine load and their
 * ratio holds even when absolute times do not. Then the prod stack grown by extra schemas (each with its
 * own Grants) shows how time and memory scale with the resource count, and the goals are checked.
 * Peak RSS and CPU time come from `/usr/bin/time -v` when present (the plan and the pack it waits for), else
 * RSS from the plan's own report. CPU time barely moves with the load others put on the machine; wall
 * time does, so both are shown.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as YAML from "yaml";
import { BASELINE_CASE, type Figures, type Sample, checkGoals, formatCriticalPath, formatGoals, formatReport, formatScaling, parseStderr, summarise } from "./report";
import { packEnvironment } from "../plan/policy-pack-process";
import { processUsage } from "../plan/proc-usage";
import { defaultStackFile, readProjectFile, readStackFile, toRuntimeConfig } from "../plan/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const GNU_TIME = "/usr/bin/time";

/** What the floor loads: the dependencies every plan loads before it can do anything. */
export const FLOOR_SCRIPT = 'require("@pulumi/pulumi"); require("@pulumi/databricks"); require("@pulumi/aws");';

/** Runs one process to completion and measures it; exit codes other than `okCodes` are errors. */
function measure(argv: string[], okCodes: number[], env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  const [cmd, ...args] = fs.existsSync(GNU_TIME) ? [GNU_TIME, "-v", ...argv] : argv;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const sample = { wallMs: performance.now() - start, exitCode, ...parseStderr(stderr) };
      if (exitCode === null || !okCodes.includes(exitCode)) reject(new Error(`${argv.slice(1).join(" ")} exited ${exitCode}:\n${stderr}`));
      else resolve(sample);
    });
  });
}

/**
 * The floor as the issue defines it: a plain `node -e`, so without a compile cache even where the user
 * exported NODE_COMPILE_CACHE (the plan's own use of the cache is one of the plan's levers).
 */
export function floorEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _plansOwn, ...floorEnv } = env;
  return floorEnv;
}

const measureFloor = () => measure([process.execPath, "-e", FLOOR_SCRIPT], [0], floorEnvironment(process.env));

/**
 * The prod plan's policy pack alone, launched as the plan (and the CLI) launches it, from spawn until it
 * prints its port: what every plan waits for before its first verdict, whatever the plan itself does.
 */
function measurePackAlone(): Promise<Sample> {
  const packDir = path.join(ROOT, "policies");
  const project = readProjectFile(ROOT);
  const { config } = toRuntimeConfig(project.name, "prod", project.config, readStackFile(defaultStackFile(ROOT, project, "prod")));
  // With the compile cache folder the plan gives the packs it launches (tools/plan/compile-cache.ts).
  const env = packEnvironment({ packDir, project: project.name, stack: "prod", stackConfig: config });
  const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [launcher, "127.0.0.1:0", "."], { cwd: packDir, env, stdio: ["ignore", "pipe", "ignore"] });
    child.on("error", reject);
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!/^\d+\n/.test(stdout)) return;
      const sample: Sample = { wallMs: performance.now() - start, exitCode: 0, ...processUsage(child.pid) };
      child.kill("SIGKILL");
      child.once("close", () => resolve(sample));
    });
    child.once("exit", (code) => {
      if (!/^\d+\n/.test(stdout)) reject(new Error(`the policy pack exited ${code} before it printed its port`));
    });
  });
}

/** A finished plan exits 0, 1 (mandatory violations) or 4 (not deployable); anything else is not a timing. */
function measurePlan(stack: string, extraArgs: string[] = []): Promise<Sample> {
  const plan = [process.execPath, "tools/run-ts.js", "tools/plan/main.ts", "--stack", stack, "--json", "--report-timings", ...extraArgs];
  return measure(plan, [0, 1, 4]);
}

/** The baseline pack: the real pack's launcher, policy SDK, gRPC and start-up levers, one rule that judges nothing. */
const BASELINE_PACK_DIR = path.join("tools", "bench", "baseline-pack");

/** The prod plan driving the baseline pack instead of the real one: what any pack costs, apart from its rules. */
const measureBaselinePlan = () =>
  measurePlan("prod", ["--policy-pack", BASELINE_PACK_DIR, "--policy-pack-config", path.join(BASELINE_PACK_DIR, "policy-config.json")]);

/**
 * The prod stack settings with `extraSchemas` more schemas, each with a schema-level grant, so every
 * unit adds two resources (a Schema and its Grants) of the kinds the policy pack inspects.
 */
export function scaledStackSettings(prodStackYaml: string, extraSchemas: number): string {
  const doc = YAML.parse(prodStackYaml) as { config: Record<string, unknown> };
  const names = Array.from({ length: extraSchemas }, (_, i) => `scale_${String(i).padStart(4, "0")}`);
  doc.config["databricks-mlops:unityCatalog"] = {
    extraSchemas: names.map((name) => ({ name })),
    extraGrants: names.map((schema) => ({ principal: "mlops-data-scientists", privileges: ["SELECT", "USE_SCHEMA"], schema })),
  };
  return YAML.stringify(doc);
}

/** Command-line options of the bench. */
export interface BenchOptions {
  /** Runs per stage (and of the floor); the scaling series uses at most 3 per size. */
  runs: number;
  stacks: string[];
  /** Extra schema counts for the scaling series (each adds 2 resources); empty skips it. */
  scale: number[];
}

export function parseCli(argv: string[]): BenchOptions {
  const usage = "usage: npm run bench -- [--runs N] [--stacks dev,staging,prod] [--scale 0,250,500,1000 | --scale none]";
  let runs = 5;
  let stacks = ["dev", "staging", "prod"];
  let scale = [0, 250, 500, 1000];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--stacks") stacks = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (argv[i] === "--scale") {
      const value = argv[++i] ?? "";
      scale = value === "none" ? [] : value.split(",").map(Number);
      if (scale.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--scale needs non-negative integers (${usage})`);
    } else throw new Error(`unknown argument: ${argv[i]} (${usage})`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a positive integer");
  return { runs, stacks, scale };
}

/** What `measureStages` measured; `baseline` only when prod is among the stacks. */
interface StageFigures {
  stages: Figures[];
  packAlone: Figures;
  baseline?: Figures;
}

/**
 * Floor, the pack alone, the stages and (with prod) the prod plan on the baseline pack, alternating run by
 * run (sequential: parallel runs would compete for the CPU).
 */
async function measureStages(stacks: string[], runs: number, floor: Sample[]): Promise<StageFigures> {
  const samples = new Map(stacks.map((s) => [s, [] as Sample[]]));
  const pack: Sample[] = [];
  const baseline: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await measureFloor());
    pack.push(await measurePackAlone());
    for (const stack of stacks) samples.get(stack)!.push(await measurePlan(stack));
    if (stacks.includes("prod")) baseline.push(await measureBaselinePlan());
  }
  return {
    stages: stacks.map((stack) => summarise(stack, samples.get(stack)!)),
    packAlone: summarise("pack alone, launch to port", pack),
    baseline: baseline.length > 0 ? summarise(BASELINE_CASE, baseline) : undefined,
  };
}

async function measureScaling(sizes: number[], runs: number, floor: Sample[]): Promise<Array<Figures & { extraSchemas: number }>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-"));
  try {
    const prod = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
    const figures: Array<Figures & { extraSchemas: number }> = [];
    for (const extraSchemas of sizes) {
      const file = path.join(dir, `Pulumi.prod-${extraSchemas}.yaml`);
      fs.writeFileSync(file, scaledStackSettings(prod, extraSchemas));
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        floor.push(await measureFloor());
        samples.push(await measurePlan("prod", ["--config-file", file]));
      }
      figures.push({ ...summarise(`prod+${extraSchemas}`, samples), extraSchemas });
    }
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { runs, stacks, scale } = parseCli(process.argv.slice(2));
  const cpus = os.cpus();
  const [load1] = os.loadavg();
  console.log(
    `Offline plan benchmark: whole processes, floor and plans alternating (node ${process.version}, ` +
      `${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? "cpu"}, load average ${load1.toFixed(2)} at start, ` +
      `peak RSS from ${fs.existsSync(GNU_TIME) ? "/usr/bin/time -v" : "the plan's own report"})`,
  );
  const stageFloor: Sample[] = [];
  const { stages, packAlone, baseline } = await measureStages(stacks, runs, stageFloor);
  console.log(`\nStages, ${runs} runs each; the floor is \`node -e '${FLOOR_SCRIPT}'\`\n`);
  console.log(formatReport(summarise("floor", stageFloor), [...stages, ...(baseline ? [baseline] : [])], packAlone));
  const prod = stages.find((s) => s.name === "prod");
  if (prod) {
    console.log(`\nCritical path of the prod plan (medians)\n`);
    console.log(formatCriticalPath(summarise("floor", stageFloor), packAlone, prod, baseline).join("\n"));
  }

  let sizes: Array<Figures & { extraSchemas: number }> = [];
  const scaleFloor: Sample[] = [];
  if (scale.length > 0) {
    const scaleRuns = Math.min(runs, 3);
    sizes = await measureScaling(scale, scaleRuns, scaleFloor);
    console.log(`\nScaling: the prod stack with extra schemas, each adding a Schema and its Grants (${scaleRuns} runs per size)\n`);
    console.log(formatScaling(summarise("floor", scaleFloor), sizes));
  }
  const floors = [summarise("floor", stageFloor), scaleFloor.length > 0 ? summarise("floor", scaleFloor) : undefined] as const;
  console.log(`\nGoals of issue 7 (each ratio against the floor measured alongside)\n`);
  console.log(formatGoals(checkGoals(floors[0], prod, floors[1], sizes, baseline)));
  console.log(`\nload average at end ${os.loadavg()[0].toFixed(2)}`);
}

// run-ts.js points argv[1] at this file; tests import the helpers without running the bench.
if (process.argv[1] === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
