/**
 * The bench's arithmetic and tables (pure): summaries of measured runs, the stage table beside the
 * floor, the scaling series, and the goals checked against them.
 */

/** One measured process. */
export interface Sample {
  wallMs: number;
  exitCode: number | null;
  resources?: number;
  programMs?: number;
  policyMs?: number;
  /** Peak resident set size in KiB (the larger process: the plan or its policy pack). */
  peakRssKb?: number;
  /** User + system CPU time of the process and its policy pack (which it reports, not waiting for its exit), in ms. */
  cpuMs?: number;
  /** When the plan's policy pack was ready, its program done, its last verdict in (ms since the plan started). */
  packReadyAtMs?: number;
  programDoneAtMs?: number;
  verdictsAtMs?: number;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Reads the `plan-timings {json}` line and GNU time's peak RSS (which wins) from a process's stderr. */
export function parseStderr(stderr: string): Omit<Sample, "wallMs" | "exitCode"> {
  const out: Omit<Sample, "wallMs" | "exitCode"> = {};
  const timings = /^plan-timings (\{.*\})$/m.exec(stderr);
  if (timings) {
    const t = JSON.parse(timings[1]) as Required<Pick<Sample, "resources" | "programMs" | "policyMs" | "peakRssKb">> & Pick<Sample, "packReadyAtMs" | "programDoneAtMs" | "verdictsAtMs">;
    Object.assign(out, { resources: t.resources, programMs: t.programMs, policyMs: t.policyMs, peakRssKb: t.peakRssKb });
    for (const key of ["packReadyAtMs", "programDoneAtMs", "verdictsAtMs"] as const) if (t[key] !== undefined) out[key] = t[key];
  }
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (rss) out.peakRssKb = Number(rss[1]);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  if (user && system) out.cpuMs = Math.round((Number(user[1]) + Number(system[1])) * 1000);
  // The plan does not wait for its pack's exit, so GNU time may or may not count the pack: when the plan
  // reports its own CPU and its pack's, those win, with its program process's when reported (issue 20).
  const own = timings
    ? (JSON.parse(timings[1]) as { cpuMs?: number; packCpuMs?: number; packPeakRssKb?: number; programCpuMs?: number; programPeakRssKb?: number })
    : {};
  if (own.cpuMs !== undefined && own.packCpuMs !== undefined) out.cpuMs = Math.round(own.cpuMs + own.packCpuMs + (own.programCpuMs ?? 0));
  for (const rss of [own.packPeakRssKb, own.programPeakRssKb]) if (rss !== undefined) out.peakRssKb = Math.max(out.peakRssKb ?? 0, rss);
  return out;
}

/** Figures of one case (the floor, a stage, or the prod stack at one size). */
export interface Figures {
  name: string;
  runs: number;
  resources: number;
  wall: { min: number; median: number; max: number };
  programMs: number;
  policyMs: number;
  peakRssMb: number;
  /** Median CPU time (plan and pack), 0 when unmeasured: unlike wall time, it barely moves with the machine's load. */
  cpuMs: number;
  /** Medians of when the pack was ready, the program done and the last verdict in; 0 when unreported. */
  packReadyAtMs: number;
  programDoneAtMs: number;
  verdictsAtMs: number;
}

/** Summarises the samples of one case (medians for the phase split and RSS). */
export function summarise(name: string, samples: Sample[]): Figures {
  const wall = samples.map((s) => s.wallMs);
  const pick = (f: (s: Sample) => number | undefined) => median(samples.map((s) => f(s) ?? 0));
  return {
    name,
    runs: samples.length,
    resources: samples[0].resources ?? 0,
    wall: { min: Math.min(...wall), median: median(wall), max: Math.max(...wall) },
    programMs: pick((s) => s.programMs),
    policyMs: pick((s) => s.policyMs),
    peakRssMb: pick((s) => s.peakRssKb) / 1024,
    cpuMs: pick((s) => s.cpuMs),
    packReadyAtMs: pick((s) => s.packReadyAtMs),
    programDoneAtMs: pick((s) => s.programDoneAtMs),
    verdictsAtMs: pick((s) => s.verdictsAtMs),
  };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  return [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)];
}

const ms = (n: number) => Math.round(n).toString();
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "-");

const atMs = (n: number) => (n > 0 ? ms(n) : "-");

/**
 * The stages beside the floor, all measured in the same run (interleaved); with `packAlone`, the policy
 * pack launched as the CLI launches it, timed from launch to its port line, as a row of its own.
 */
export function formatReport(floor: Figures, stages: Figures[], packAlone?: Figures): string {
  const header = [
    "case", "resources", "wall min / median / max ms", "x floor", "CPU ms", "CPU x floor", "program ms", "policy ms",
    "pack ready at ms", "last verdict at ms", "peak RSS MB",
  ];
  const row = (f: Figures, plan: boolean) => [
    f.name,
    plan ? String(f.resources) : "-",
    `${ms(f.wall.min)} / ${ms(f.wall.median)} / ${ms(f.wall.max)}`,
    f === floor ? "1.00x" : ratio(f.wall.median, floor.wall.median),
    ms(f.cpuMs),
    f === floor ? "1.00x" : ratio(f.cpuMs, floor.cpuMs),
    plan ? ms(f.programMs) : "-",
    plan ? ms(f.policyMs) : "-",
    plan ? atMs(f.packReadyAtMs) : "-",
    plan ? atMs(f.verdictsAtMs) : "-",
    f.peakRssMb.toFixed(0),
  ];
  const rows = [row(floor, false), ...(packAlone ? [row(packAlone, false)] : []), ...stages.map((s) => row(s, true))];
  return table(header, rows).join("\n");
}

/** The row of the prod plan driving the baseline pack (tools/bench/baseline-pack). */
export const BASELINE_CASE = "prod, baseline pack";

/**
 * Why a stage takes what it takes: the plan cannot have verdicts before its pack is up, and the pack's
 * start alone (launched as the CLI launches it, which loads TypeScript and ts-node) is measured beside the
 * floor. What follows the pack's readiness is the sequential Analyzer calls and the exit. With `baseline`
 * (the same plan driving a pack whose one rule judges nothing), the stage's time splits into what any pack
 * costs (launcher, policy SDK, gRPC) and what the rules add.
 */
export function formatCriticalPath(floor: Figures, packAlone: Figures, stage: Figures, baseline?: Figures): string[] {
  const f = floor.wall.median;
  const lines = [
    `- ${stage.name}: ${ms(stage.wall.median)} ms (${ratio(stage.wall.median, f)} the floor of ${ms(f)} ms)`,
    `- its policy pack alone, launch to port: ${ms(packAlone.wall.median)} ms (${ratio(packAlone.wall.median, f)} the floor), ${ms(packAlone.cpuMs)} ms CPU (${ratio(packAlone.cpuMs, floor.cpuMs)})`,
  ];
  if (stage.packReadyAtMs > 0 && stage.verdictsAtMs > 0) {
    lines.push(
      `- in the plan: pack ready at ${ms(stage.packReadyAtMs)} ms, program done at ${ms(stage.programDoneAtMs)} ms, last verdict at ${ms(stage.verdictsAtMs)} ms, ` +
        `process gone at ${ms(stage.wall.median)} ms`,
      `- policy calls after the pack was ready: ${ms(stage.verdictsAtMs - stage.packReadyAtMs)} ms for ${stage.resources} resources ` +
        `(${((stage.verdictsAtMs - stage.packReadyAtMs) / Math.max(1, stage.resources)).toFixed(2)} ms each: Remediate and Analyze, one at a time as the engine sends them)`,
    );
  }
  if (baseline) {
    lines.push(
      `- the same plan with the baseline pack (the same launcher, policy SDK and gRPC, one rule that judges nothing): ` +
        `${ms(baseline.wall.median)} ms (${ratio(baseline.wall.median, f)} the floor), ${ms(baseline.cpuMs)} ms CPU; ` +
        `the rules add ${ms(stage.wall.median - baseline.wall.median)} ms and ${ms(stage.cpuMs - baseline.cpuMs)} ms CPU`,
    );
  }
  return lines;
}

/**
 * The prod stack grown by extra schemas. Policy ms per resource is the policy phase over the resource
 * count; the marginal columns are the cost of each resource added since the previous size, which stays
 * flat when the plan scales linearly.
 */
export function formatScaling(floor: Figures, sizes: Array<Figures & { extraSchemas: number }>): string {
  const header = [
    "extra schemas", "resources", "wall median ms", "x floor", "CPU ms", "CPU x floor", "program ms", "policy ms", "policy ms / resource",
    "marginal ms / added resource", "peak RSS MB",
  ];
  const rows = sizes.map((f, i) => {
    const prev = sizes[i - 1];
    const added = prev ? f.resources - prev.resources : 0;
    return [
      String(f.extraSchemas),
      String(f.resources),
      ms(f.wall.median),
      ratio(f.wall.median, floor.wall.median),
      ms(f.cpuMs),
      ratio(f.cpuMs, floor.cpuMs),
      ms(f.programMs),
      ms(f.policyMs),
      (f.policyMs / Math.max(1, f.resources)).toFixed(2),
      added > 0 ? ((f.wall.median - prev.wall.median) / added).toFixed(2) : "-",
      f.peakRssMb.toFixed(0),
    ];
  });
  return table(header, rows).join("\n");
}

/** One goal of issue 7 and whether the run met it. */
export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean;
}

/**
 * Checks the goals: prod at most 1.5x the floor; ~1,000 resources in 5 s, 1 GB, 8x; 2,000 plan.
 * Each ratio uses the floor measured alongside it (`stageFloor` with the stages, `scaleFloor` with the sizes).
 * With `baseline`, the prod goal also shows the ratio of the same plan on the baseline pack: a goal the
 * baseline misses is out of reach of anything the rules do.
 */
export function checkGoals(
  stageFloor: Figures,
  prod: Figures | undefined,
  scaleFloor: Figures | undefined,
  sizes: Figures[],
  baseline?: Figures,
): GoalCheck[] {
  const checks: GoalCheck[] = [];
  if (prod) {
    const r = prod.wall.median / stageFloor.wall.median;
    const withBaseline = baseline ? `; on the baseline pack ${(baseline.wall.median / stageFloor.wall.median).toFixed(2)}x` : "";
    checks.push({ goal: "prod stage plan + policies at most 1.5x the floor", measured: `${r.toFixed(2)}x${withBaseline}`, met: r <= 1.5 });
  }
  const thousand = sizes.filter((s) => s.resources >= 900).sort((a, b) => a.resources - b.resources)[0];
  if (thousand && scaleFloor) {
    const r = thousand.wall.median / scaleFloor.wall.median;
    const at = `${thousand.resources} resources`;
    checks.push({ goal: `${at}: at most 5 s`, measured: `${(thousand.wall.median / 1000).toFixed(2)} s`, met: thousand.wall.median <= 5000 });
    checks.push({ goal: `${at}: at most 1 GB peak RSS`, measured: `${thousand.peakRssMb.toFixed(0)} MB`, met: thousand.peakRssMb <= 1024 });
    checks.push({ goal: `${at}: at most 8x the floor`, measured: `${r.toFixed(2)}x`, met: r <= 8 });
  }
  const largest = sizes.reduce<Figures | undefined>((a, b) => (a && a.resources >= b.resources ? a : b), undefined);
  if (largest) {
    checks.push({ goal: "a stage of 2,000 resources plans", measured: `${largest.resources} resources planned`, met: largest.resources >= 2000 });
  }
  return checks;
}

export function formatGoals(checks: GoalCheck[]): string {
  return checks.map((c) => `- ${c.met ? "met" : "MISSED"}: ${c.goal} (measured ${c.measured})`).join("\n");
}
