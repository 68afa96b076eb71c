import * as YAML from "yaml";
import { type Sample, formatReport, formatScaling, median, parseCli, parseStderr, scaledStackSettings, summarise } from "../../tools/bench";

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

  test("reports the marginal cost per added resource and the growth ratios", () => {
    const sample = (wallMs: number, resources: number, policyMs: number): Sample => ({
      wallMs, exitCode: 0, resources, programMs: 100, policyMs, peakRssKb: 102400,
    });
    const lines = formatScaling([
      { ...summarise("prod", [sample(1000, 10, 400)]), extraSchemas: 0 },
      { ...summarise("prod", [sample(3000, 210, 1400)]), extraSchemas: 100 },
    ]).split("\n");
    expect(lines[2]).toBe("| 0 | 10 | 1000 | 100 | 400 | - | - | 100 |");
    expect(lines[3]).toBe("| 100 | 210 | 3000 | 100 | 1400 | 10.0 | 5.0 | 100 |");
    expect(lines[5]).toBe("210 vs 10 resources (21.0x): wall 3.00x, peak RSS 1.00x");
  });

  test("parses --scale, including none, and rejects bad sizes", () => {
    expect(parseCli([]).scale).toEqual([0, 100, 400]);
    expect(parseCli(["--scale", "none"]).scale).toEqual([]);
    expect(parseCli(["--scale", "0,20", "--runs", "2"])).toEqual({ runs: 2, stacks: ["dev", "staging", "prod"], scale: [0, 20] });
    expect(() => parseCli(["--scale", "ten"])).toThrow("--scale needs non-negative integers");
  });
});
