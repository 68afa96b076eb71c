import { spawn } from "child_process";
import * as path from "path";
import * as YAML from "yaml";
import { parseCli, scaledStackSettings } from "../../tools/bench/main";
import {
  BASELINE_CASE,
  type Sample,
  checkGoals,
  formatCriticalPath,
  formatGoals,
  formatReport,
  formatScaling,
  median,
  parseStderr,
  summarise,
} from "../../tools/bench/report";

const ROOT = path.resolve(__dirname, "..", "..");

describe("bench helpers", () => {
  test("median of odd and even lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  test("reads the plan's timing line and GNU time's peak RSS (which wins)", () => {
    const stderr =
      'plan-timings {"configMs":1,"programMs":400,"policyMs":800,"packReadyAtMs":700,"programDoneAtMs":650,"verdictsAtMs":1450,"totalMs":2000,"peakRssKb":1000,"resources":40}\n' +
      "\tUser time (seconds): 1.25\n\tSystem time (seconds): 0.20\n\tMaximum resident set size (kbytes): 204800\n";
    expect(parseStderr(stderr)).toEqual({
      resources: 40, programMs: 400, policyMs: 800, packReadyAtMs: 700, programDoneAtMs: 650, verdictsAtMs: 1450, peakRssKb: 204800, cpuMs: 1450,
    });
  });

  test("the plan's own CPU and its pack's (not waited for, so GNU time may miss it) win; peak RSS is the larger process", () => {
    const stderr =
      'plan-timings {"configMs":1,"programMs":400,"policyMs":800,"cpuMs":900.4,"packCpuMs":700,"packPeakRssKb":300000,"totalMs":2000,"peakRssKb":1000,"resources":40}\n' +
      "\tUser time (seconds): 0.80\n\tSystem time (seconds): 0.10\n\tMaximum resident set size (kbytes): 204800\n";
    expect(parseStderr(stderr)).toMatchObject({ cpuMs: 1600, peakRssKb: 300000 });
  });

  test("the program's process counts too: its CPU added, its peak RSS when it is the largest", () => {
    const stderr = 'plan-timings {"cpuMs":300,"packCpuMs":700,"packPeakRssKb":120000,"programCpuMs":900,"programPeakRssKb":160000,"resources":40}\n';
    expect(parseStderr(stderr)).toMatchObject({ cpuMs: 1900, peakRssKb: 160000 });
  });

  test("the report puts the floor first, then the pack alone, and each case's ratio to the floor", () => {
    const floor = summarise("floor", [
      { wallMs: 500, exitCode: 0, peakRssKb: 102400, cpuMs: 500 },
      { wallMs: 600, exitCode: 0, peakRssKb: 102400, cpuMs: 500 },
    ]);
    const pack = summarise("pack alone", [{ wallMs: 660, exitCode: 0, peakRssKb: 153600, cpuMs: 650 }]);
    const prod = summarise("prod", [
      { wallMs: 1100, exitCode: 1, resources: 12, programMs: 100, policyMs: 250, peakRssKb: 163840, cpuMs: 1200, packReadyAtMs: 720, verdictsAtMs: 1000 },
    ]);
    expect(formatReport(floor, [prod], pack).split("\n")).toEqual([
      "| case       | resources | wall min / median / max ms | x floor | CPU ms | CPU x floor | program ms | policy ms | pack ready at ms | last verdict at ms | peak RSS MB |",
      "|------------|-----------|----------------------------|---------|--------|-------------|------------|-----------|------------------|--------------------|-------------|",
      "| floor      | -         | 500 / 550 / 600            | 1.00x   | 500    | 1.00x       | -          | -         | -                | -                  | 100         |",
      "| pack alone | -         | 660 / 660 / 660            | 1.20x   | 650    | 1.30x       | -          | -         | -                | -                  | 150         |",
      "| prod       | 12        | 1100 / 1100 / 1100         | 2.00x   | 1200   | 2.40x       | 100        | 250       | 720              | 1000               | 160         |",
    ]);
  });

  test("the critical path names when the pack was ready and what the calls after it cost", () => {
    const floor = summarise("floor", [{ wallMs: 500, exitCode: 0, cpuMs: 500 }]);
    const pack = summarise("pack alone", [{ wallMs: 650, exitCode: 0, cpuMs: 600 }]);
    const prod = summarise("prod", [
      { wallMs: 1200, exitCode: 0, resources: 100, policyMs: 300, cpuMs: 1500, packReadyAtMs: 750, programDoneAtMs: 800, verdictsAtMs: 1100 },
    ]);
    expect(formatCriticalPath(floor, pack, prod)).toEqual([
      "- prod: 1200 ms (2.40x the floor of 500 ms)",
      "- its policy pack alone, launch to port: 650 ms (1.30x the floor), 600 ms CPU (1.20x)",
      "- in the plan: pack ready at 750 ms, program done at 800 ms, last verdict at 1100 ms, process gone at 1200 ms",
      "- policy calls after the pack was ready: 350 ms for 100 resources (3.50 ms each: Remediate and Analyze, one at a time as the engine sends them)",
    ]);
  });

  test("with the baseline pack, the critical path splits the stage into what any pack costs and what the rules add", () => {
    const floor = summarise("floor", [{ wallMs: 500, exitCode: 0, cpuMs: 500 }]);
    const pack = summarise("pack alone", [{ wallMs: 250, exitCode: 0, cpuMs: 280 }]);
    const prod = summarise("prod", [{ wallMs: 900, exitCode: 0, resources: 100, cpuMs: 1400 }]);
    const baseline = summarise(BASELINE_CASE, [{ wallMs: 800, exitCode: 0, resources: 100, cpuMs: 1150 }]);
    expect(formatCriticalPath(floor, pack, prod, baseline).at(-1)).toBe(
      "- the same plan with the baseline pack (the same launcher, policy SDK and gRPC, one rule that judges nothing): " +
        "800 ms (1.60x the floor), 1150 ms CPU; the rules add 100 ms and 250 ms CPU",
    );
    expect(formatCriticalPath(floor, pack, prod)).toHaveLength(2);
  });
});

describe("bench scaling series", () => {
  const prodYaml = "config:\n  databricks-mlops:stage: prod\n  databricks-mlops:unityCatalog:\n    protectData: true\n";

  test("grows the prod stack by schemas, each with a schema grant, replacing the unityCatalog block", () => {
    const config = (YAML.parse(scaledStackSettings(prodYaml, 2)) as { config: Record<string, unknown> }).config;
    expect(config).toEqual({
      "databricks-mlops:stage": "prod",
      "databricks-mlops:unityCatalog": {
        extraSchemas: [{ name: "scale_0000" }, { name: "scale_0001" }],
        extraGrants: [
          { principal: "mlops-data-scientists", privileges: ["SELECT", "USE_SCHEMA"], schema: "scale_0000" },
          { principal: "mlops-data-scientists", privileges: ["SELECT", "USE_SCHEMA"], schema: "scale_0001" },
        ],
      },
    });
  });

  test("reports time, memory, policy ms per resource and the marginal cost of each added resource", () => {
    const sample = (wallMs: number, resources: number, policyMs: number, peakRssKb: number): Sample => ({
      wallMs, exitCode: 0, resources, programMs: 100, policyMs, peakRssKb,
    });
    const floor = summarise("floor", [{ wallMs: 500, exitCode: 0, peakRssKb: 102400 }]);
    const lines = formatScaling(floor, [
      { ...summarise("prod+0", [sample(1000, 10, 400, 102400)]), extraSchemas: 0 },
      { ...summarise("prod+100", [sample(3000, 210, 1400, 204800)]), extraSchemas: 100 },
    ]).split("\n");
    expect(lines[2]).toBe("| 0             | 10        | 1000           | 2.00x   | 0      | -           | 100        | 400       | 40.00                | -                            | 100         |");
    expect(lines[3]).toBe("| 100           | 210       | 3000           | 6.00x   | 0      | -           | 100        | 1400      | 6.67                 | 10.00                        | 200         |");
  });

  test("checks the issue's goals against the floor measured alongside", () => {
    const floor = summarise("floor", [{ wallMs: 600, exitCode: 0 }]);
    const prod = summarise("prod", [{ wallMs: 840, exitCode: 0, resources: 12 }]);
    const thousand = summarise("prod+500", [{ wallMs: 5200, exitCode: 0, resources: 1012, peakRssKb: 400 * 1024 }]);
    const twoThousand = summarise("prod+1000", [{ wallMs: 9000, exitCode: 0, resources: 2012 }]);
    expect(formatGoals(checkGoals(floor, prod, floor, [thousand, twoThousand])).split("\n")).toEqual([
      "- met: prod stage plan + policies at most 1.5x the floor (measured 1.40x)",
      "- MISSED: 1012 resources: at most 5 s (measured 5.20 s)",
      "- met: 1012 resources: at most 1 GB peak RSS (measured 400 MB)",
      "- MISSED: 1012 resources: at most 8x the floor (measured 8.67x)",
      "- met: a stage of 2,000 resources plans (measured 2012 resources planned)",
    ]);
  });

  test("the prod goal shows the baseline pack's ratio beside the real pack's", () => {
    const floor = summarise("floor", [{ wallMs: 500, exitCode: 0 }]);
    const prod = summarise("prod", [{ wallMs: 900, exitCode: 0, resources: 99 }]);
    const baseline = summarise(BASELINE_CASE, [{ wallMs: 800, exitCode: 0, resources: 99 }]);
    expect(formatGoals(checkGoals(floor, prod, undefined, [], baseline))).toBe(
      "- MISSED: prod stage plan + policies at most 1.5x the floor (measured 1.80x; on the baseline pack 1.60x)",
    );
  });

  test("parses --scale, including none, and rejects bad sizes", () => {
    expect(parseCli([]).scale).toEqual([0, 250, 500, 1000]);
    expect(parseCli(["--scale", "none"]).scale).toEqual([]);
    expect(parseCli(["--scale", "0,20", "--runs", "2"])).toEqual({ runs: 2, stacks: ["dev", "staging", "prod"], scale: [0, 20] });
    expect(() => parseCli(["--scale", "ten"])).toThrow("--scale needs non-negative integers");
  });
});

describe("the bench's output on a tiny run", () => {
  test("prints the floor beside the plan, a scaling row per size, and the goals", async () => {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["tools/run-ts.js", "tools/bench/main.ts", "--runs", "1", "--stacks", "prod", "--scale", "0"], { cwd: ROOT });
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`bench exited ${code}`))));
    });
    const lines = output.split("\n");
    const ratioOrDash = "(\\d+\\.\\d\\dx|-)";
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\| floor +\\| - +\\| \\d+ / \\d+ / \\d+ +\\| 1\\.00x +\\| \\d+ +\\| ${ratioOrDash} +\\| - +\\| - +\\| - +\\| - +\\| \\d+ +\\|$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\| pack alone, launch to port +\\| - +\\| \\d+ / \\d+ / \\d+ +\\| \\d+\\.\\d\\dx +\\| \\d+ +\\| ${ratioOrDash} +\\| - +\\| - +\\| - +\\| - +\\| \\d+ +\\|$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\| prod +\\| \\d+ +\\| \\d+ / \\d+ / \\d+ +\\| \\d+\\.\\d\\dx +\\| \\d+ +\\| ${ratioOrDash} +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\|$`),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\| prod, baseline pack +\\| \\d+ +\\| \\d+ / \\d+ / \\d+ +\\| \\d+\\.\\d\\dx +\\| \\d+ +\\| ${ratioOrDash} +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\| \\d+ +\\|$`),
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^- its policy pack alone, launch to port: \d+ ms \(\d+\.\d\dx the floor\), \d+ ms CPU/));
    expect(lines).toContainEqual(expect.stringMatching(/^- the same plan with the baseline pack .*: \d+ ms \(\d+\.\d\dx the floor\), \d+ ms CPU; the rules add -?\d+ ms and -?\d+ ms CPU$/));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\| 0 +\\| \\d+ +\\| \\d+ +\\| \\d+\\.\\d\\dx +\\| \\d+ +\\| ${ratioOrDash} +\\| \\d+ +\\| \\d+ +\\| \\d+\\.\\d\\d +\\| - +\\| \\d+ +\\|$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^- (met|MISSED): prod stage plan \+ policies at most 1\.5x the floor \(measured \d+\.\d\dx; on the baseline pack \d+\.\d\dx\)$/),
    );
  });
});
