/**
 * Path flags resolve as the Pulumi CLI resolves them: relative to -C/--cwd when given, else to the
 * directory the command ran in (npm's INIT_CWD). Each case fails on a file that only the right base
 * finds, before the program would run.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanInputError } from "../../tools/plan/errors";
import { buildPlan } from "../../tools/plan/plan";
import type { PlanArgs } from "../../tools/plan/args";
import { displayPath, invocationDir, pathBase } from "../../tools/plan/user-paths";

const ROOT = path.resolve(__dirname, "../..");
let dir: string;
const savedInitCwd = process.env.INIT_CWD;

/** The message buildPlan rejects with; it must be invalid input (exit 2). */
async function inputError(args: Partial<PlanArgs>): Promise<string> {
  const err = await buildPlan({ stack: "dev", format: "json", reportTimings: false, ...args }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PlanInputError);
  return (err as Error).message;
}

beforeAll(() => {
  // <tmp>/ran-here holds what a path relative to the invocation directory names; <tmp>/ran-here/project
  // is a project (for --cwd) with its own files of the same names, so a wrong base is visible.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-paths-"));
  const here = path.join(dir, "ran-here");
  const project = path.join(here, "project");
  fs.mkdirSync(path.join(project, "pack"), { recursive: true });
  fs.writeFileSync(path.join(here, "stack.yaml"), "config: [not, a, map\n");
  fs.writeFileSync(path.join(here, "policy.json"), "{ not json");
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: paths\nruntime: nodejs\n");
  fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config: {}\n");
  fs.writeFileSync(path.join(project, "stack.yaml"), "config: {}\n");
  fs.writeFileSync(path.join(project, "policy.json"), "[]");
  fs.writeFileSync(path.join(project, "pack", "PulumiPolicy.yaml"), "runtime: nodejs\n");
  process.env.INIT_CWD = here;
});

afterAll(() => {
  if (savedInitCwd === undefined) delete process.env.INIT_CWD;
  else process.env.INIT_CWD = savedInitCwd;
  fs.rmSync(dir, { recursive: true, force: true });
});

test("without --cwd, --config-file and --policy-pack-config are relative to where the command ran", async () => {
  expect(await inputError({ configFile: "stack.yaml" })).toMatch(/^cannot parse stack\.yaml: /);
  expect(await inputError({ configFile: path.join(ROOT, "Pulumi.dev.yaml"), policyPackConfig: "policy.json" })).toMatch(
    /^invalid policy config policy\.json: /,
  );
});

test("with --cwd, both are relative to the project directory it names, as after pulumi -C", async () => {
  const common = { cwd: "project", policyPack: "pack" };
  // project/stack.yaml parses, so the run gets as far as the project's policy.json, which is no object.
  expect(await inputError({ ...common, configFile: "stack.yaml", policyPackConfig: "policy.json" })).toBe(
    "invalid policy config project/policy.json: expected a JSON object",
  );
  expect(await inputError({ ...common, configFile: "../stack.yaml" })).toMatch(/^cannot parse stack\.yaml: /);
});

test("the base: --cwd from the invocation directory, which is npm's INIT_CWD when npm ran the command", () => {
  expect(invocationDir({ INIT_CWD: "/a/b" }, "/pkg")).toBe("/a/b");
  expect(invocationDir({}, "/pkg")).toBe("/pkg");
  expect(pathBase(undefined, "/a/b")).toBe("/a/b");
  expect(pathBase("../c", "/a/b")).toBe("/a/c");
  expect(pathBase("/abs", "/a/b")).toBe("/abs");
  expect(displayPath("/a/b/c/d.json", "/a/b")).toBe("c/d.json");
  expect(displayPath("/x/d.json", "/a/b")).toBe("/x/d.json");
});
