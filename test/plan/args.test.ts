import { HELP, parseArgs } from "../../tools/plan/args";
import { PlanInputError } from "../../tools/plan/errors";

/** The message and exit code parseArgs fails with. */
function failure(argv: string[]): { message: string; exitCode: number } {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInputError);
    return { message: (err as PlanInputError).message, exitCode: (err as PlanInputError).exitCode };
  }
  throw new Error(`parseArgs(${argv.join(" ")}) did not fail`);
}

describe("parseArgs", () => {
  test("defaults: text format, no paths", () => {
    expect(parseArgs(["--stack", "prod"])).toEqual({
      kind: "run",
      args: {
        stack: "prod",
        format: "text",
        configFile: undefined,
        policyPack: undefined,
        policyPackConfig: undefined,
        cwd: undefined,
        reportTimings: false,
      },
    });
  });

  test("every flag, in both spellings", () => {
    const parsed = parseArgs([
      "-s", "staging", "--format=markdown", "--config-file", "x.yaml", "--policy-pack=pp",
      "--policy-pack-config", "c.json", "-C", "proj", "--report-timings",
    ]);
    expect(parsed).toEqual({
      kind: "run",
      args: {
        stack: "staging",
        format: "markdown",
        configFile: "x.yaml",
        policyPack: "pp",
        policyPackConfig: "c.json",
        cwd: "proj",
        reportTimings: true,
      },
    });
  });

  test("--program-timeout is given in seconds and kept in milliseconds", () => {
    expect(parseArgs(["--stack", "dev", "--program-timeout", "2.5"])).toMatchObject({ args: { programTimeoutMs: 2500 } });
    expect(parseArgs(["--stack", "dev"])).not.toHaveProperty("args.programTimeoutMs");
  });

  test("--json means --format json, and agrees with it", () => {
    expect(parseArgs(["--stack", "dev", "--json"])).toMatchObject({ args: { format: "json" } });
    expect(parseArgs(["--json", "--format", "json", "--stack", "dev"])).toMatchObject({ args: { format: "json" } });
  });

  test("--help wins over anything else and documents the exit codes", () => {
    expect(parseArgs(["--bogus", "--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["-h"])).toEqual({ kind: "help" });
    for (const line of ["0  plan complete", "1  at least one mandatory", "2  invalid input", "3  internal error", "5  refused: the program's run could not be trusted"]) {
      expect(HELP).toContain(line);
    }
    // Like the text plan, the help reads in an 80-column terminal.
    expect(HELP.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
  });

  test.each([
    [[], "missing required flag: --stack <name>"],
    [["--stack"], "--stack needs a value"],
    [["--stack", "--json"], "--stack needs a value"],
    [["--stack="], "--stack needs a value"],
    [["--stack", "dev", "--bogus"], "unknown flag: --bogus"],
    [["--stack", "dev", "--bogus=1"], "unknown flag: --bogus"],
    [["--stack", "dev", "extra"], "unexpected argument: extra"],
    [["--stack", "dev", "--stack", "prod"], "--stack given more than once"],
    [["--stack", "org/proj/dev"], 'invalid stack name "org/proj/dev": use letters, digits, "-", "_" and "." only'],
    [["--stack", "dev", "--format", "yaml"], 'invalid --format "yaml": expected one of text, markdown, json'],
    [["--stack", "dev", "--json", "--format", "markdown"], "--json conflicts with --format markdown"],
    [["--stack", "dev", "--cwd"], "--cwd needs a value"],
    [["--stack", "dev", "--program-timeout", "soon"], 'invalid --program-timeout "soon": expected a number of seconds above 0'],
    [["--stack", "dev", "--program-timeout", "0"], 'invalid --program-timeout "0": expected a number of seconds above 0'],
  ])("%j fails with the exact reason, exit 2", (argv, message) => {
    expect(failure(argv as string[])).toEqual({ message, exitCode: 2 });
  });
});
