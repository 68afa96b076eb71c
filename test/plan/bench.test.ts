import { formatReport, median, parseStderr, summarise } from "../../tools/bench";

describe("bench helpers", () => {
  test("median of odd and even lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  test("reads the plan's timing line and GNU time's peak RSS (which wins)", () => {
    const stderr =
      'plan-timings {"configMs":1,"programMs":400,"policyMs":800,"totalMs":2000,"peakRssKb":1000,"resources":40}\n' +
      "\tMaximum resident set size (kbytes): 204800\n";
    expect(parseStderr(stderr)).toEqual({ resources: 40, programMs: 400, policyMs: 800, peakRssKb: 204800 });
  });

  test("the report has one row per stage and the ratios", () => {
    const dev = summarise("dev", [
      { wallMs: 1000, exitCode: 0, resources: 10, programMs: 300, policyMs: 500, peakRssKb: 102400 },
      { wallMs: 1200, exitCode: 0, resources: 10, programMs: 300, policyMs: 500, peakRssKb: 102400 },
      { wallMs: 1100, exitCode: 0, resources: 10, programMs: 300, policyMs: 500, peakRssKb: 102400 },
    ]);
    const prod = summarise("prod", [{ wallMs: 2200, exitCode: 1, resources: 20, programMs: 600, policyMs: 1100, peakRssKb: 204800 }]);
    const lines = formatReport([dev, prod]).split("\n");
    expect(lines[2]).toBe("| dev   | 10        | 1000 / 1100 / 1200     | 110.0       | 300        | 500       | 100         |");
    expect(lines[3]).toBe("| prod  | 20        | 2200 / 2200 / 2200     | 110.0       | 600        | 1100      | 200         |");
    expect(lines).toContain("prod vs dev: wall 2.00x, resources 2.00x");
    expect(lines).toContain("dev: program 27% and policy pack 45% of the wall time; the rest is node start-up, module loading and output");
  });
});
