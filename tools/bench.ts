/**
 * `npm run bench [-- --runs N --stacks dev,prod --scale 0,100,400]`: times the offline plan of each
 * stage as a whole process (start-up, TypeScript loading, program, policy pack, JSON output), N runs
 * per stage, then the prod stack grown by extra schemas (each with its own Grants) to show how the
 * plan scales with the resource count. Prints figures to paste into an issue. Peak RSS comes from
 * `/usr/bin/time -v` when present, else from the plan's own `--report-timings` line.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..");
const GNU_TIME = "/usr/bin/time";

/** One plan process, measured. */
export interface Sample {
  wallMs: number;
  exitCode: number | null;
  resources?: number;
  programMs?: number;
  policyMs?: number;
  /** Peak resident set size in KiB. */
  peakRssKb?: number;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Reads the `plan-timings {json}` line and GNU time's peak RSS from a plan's stderr. */
export function parseStderr(stderr: string): Omit<Sample, "wallMs" | "exitCode"> {
  const out: Omit<Sample, "wallMs" | "exitCode"> = {};
  const timings = /^plan-timings (\{.*\})$/m.exec(stderr);
  if (timings) {
    const t = JSON.parse(timings[1]) as { resources: number; programMs: number; policyMs: number; peakRssKb: number };
    Object.assign(out, { resources: t.resources, programMs: t.programMs, policyMs: t.policyMs, peakRssKb: t.peakRssKb });
  }
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (rss) out.peakRssKb = Number(rss[1]);
  return out;
}

function runOnce(stack: string, extraArgs: string[] = []): Promise<Sample> {
  const plan = [process.execPath, "tools/run-ts.js", "tools/plan/main.ts", "--stack", stack, "--json", "--report-timings", ...extraArgs];
  const [cmd, ...args] = fs.existsSync(GNU_TIME) ? [GNU_TIME, "-v", ...plan] : plan;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const sample = { wallMs: performance.now() - start, exitCode, ...parseStderr(stderr) };
      // 0 and 1 are finished plans (1: mandatory violations); anything else is not a timing.
      if (exitCode !== 0 && exitCode !== 1) reject(new Error(`plan of ${stack} exited ${exitCode}:\n${stderr}`));
      else resolve(sample);
    });
  });
}

/** Figures of one stage. */
export interface StageFigures {
  stack: string;
  runs: number;
  resources: number;
  wall: { min: number; median: number; max: number };
  programMs: number;
  policyMs: number;
  peakRssMb: number;
}

/** Summarises the samples of one stage (medians for the phase split and RSS). */
export function summarise(stack: string, samples: Sample[]): StageFigures {
  const wall = samples.map((s) => s.wallMs);
  const pick = (f: (s: Sample) => number | undefined) => median(samples.map((s) => f(s) ?? 0));
  return {
    stack,
    runs: samples.length,
    resources: samples[0].resources ?? 0,
    wall: { min: Math.min(...wall), median: median(wall), max: Math.max(...wall) },
    programMs: pick((s) => s.programMs),
    policyMs: pick((s) => s.policyMs),
    peakRssMb: pick((s) => s.peakRssKb) / 1024,
  };
}

/** The report: one row per stage, then ratios. */
export function formatReport(figures: StageFigures[]): string {
  const r = (n: number) => Math.round(n).toString();
  const header = ["stage", "resources", "wall min/median/max ms", "ms/resource", "program ms", "policy ms", "peak RSS MB"];
  const rows = figures.map((f) => [
    f.stack,
    String(f.resources),
    `${r(f.wall.min)} / ${r(f.wall.median)} / ${r(f.wall.max)}`,
    f.resources ? (f.wall.median / f.resources).toFixed(1) : "-",
    r(f.programMs),
    r(f.policyMs),
    f.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  const out = [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)];
  const first = figures[0];
  const last = figures[figures.length - 1];
  if (figures.length > 1) {
    out.push(
      "",
      `${last.stack} vs ${first.stack}: wall ${(last.wall.median / first.wall.median).toFixed(2)}x, ` +
        `resources ${(last.resources / Math.max(1, first.resources)).toFixed(2)}x`,
    );
  }
  for (const f of figures) {
    const share = (ms: number) => ((100 * ms) / f.wall.median).toFixed(0);
    out.push(
      `${f.stack}: program ${share(f.programMs)}% and policy pack ${share(f.policyMs)}% of the wall time; ` +
        `the rest is node start-up, module loading and output`,
    );
  }
  return out.join("\n");
}

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

/** Figures of the prod stack at one size. */
export interface ScaleFigures extends StageFigures {
  extraSchemas: number;
}

/** The scaling table: per size, the median wall time and the marginal cost of each added resource. */
export function formatScaling(figures: ScaleFigures[]): string {
  const base = figures[0];
  const rows = figures.map((f) => {
    const added = f.resources - base.resources;
    const marginal = added > 0 ? ((f.wall.median - base.wall.median) / added).toFixed(1) : "-";
    const policyMarginal = added > 0 ? ((f.policyMs - base.policyMs) / added).toFixed(1) : "-";
    return `| ${f.extraSchemas} | ${f.resources} | ${Math.round(f.wall.median)} | ${Math.round(f.programMs)} | ${Math.round(f.policyMs)} | ${marginal} | ${policyMarginal} | ${f.peakRssMb.toFixed(0)} |`;
  });
  const last = figures[figures.length - 1];
  return [
    "| extra schemas | resources | wall median ms | program ms | policy ms | ms per added resource | policy ms per added resource | peak RSS MB |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `${last.resources} vs ${base.resources} resources (${(last.resources / base.resources).toFixed(1)}x): ` +
      `wall ${(last.wall.median / base.wall.median).toFixed(2)}x, peak RSS ${(last.peakRssMb / base.peakRssMb).toFixed(2)}x`,
  ].join("\n");
}

/** Command-line options of the bench. */
export interface BenchOptions {
  runs: number;
  stacks: string[];
  /** Extra schema counts for the scaling series; empty skips it. */
  scale: number[];
}

export function parseCli(argv: string[]): BenchOptions {
  const usage = "usage: npm run bench -- [--runs N] [--stacks dev,staging,prod] [--scale 0,100,400 | --scale none]";
  let runs = 5;
  let stacks = ["dev", "staging", "prod"];
  let scale = [0, 100, 400];
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

async function measureScaling(sizes: number[], runs: number): Promise<ScaleFigures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-"));
  try {
    const prod = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
    const figures: ScaleFigures[] = [];
    for (const extraSchemas of sizes) {
      const file = path.join(dir, `Pulumi.prod-${extraSchemas}.yaml`);
      fs.writeFileSync(file, scaledStackSettings(prod, extraSchemas));
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i++) samples.push(await runOnce("prod", ["--config-file", file]));
      figures.push({ ...summarise("prod", samples), extraSchemas });
    }
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { runs, stacks, scale } = parseCli(process.argv.slice(2));
  const figures: StageFigures[] = [];
  for (const stack of stacks) {
    const samples: Sample[] = [];
    // Sequential: parallel runs would compete for CPU and distort the wall times.
    for (let i = 0; i < runs; i++) samples.push(await runOnce(stack));
    figures.push(summarise(stack, samples));
  }
  const cpus = os.cpus();
  console.log(
    `Offline plan benchmark: ${runs} runs per stage, whole process each ` +
      `(node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? "cpu"}, ` +
      `peak RSS from ${fs.existsSync(GNU_TIME) ? "/usr/bin/time -v" : "the plan's own report"})\n`,
  );
  console.log(formatReport(figures));
  if (scale.length > 0) {
    const scaleRuns = Math.min(runs, 3);
    console.log(`\nScaling: the prod stack with extra schemas, each adding a Schema and its Grants (${scaleRuns} runs per size)\n`);
    console.log(formatScaling(await measureScaling(scale, scaleRuns)));
  }
}

// run-ts.js points argv[1] at this file; tests import the helpers without running the bench.
if (process.argv[1] === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
