/**
 * The library as an outsider gets it: `npm pack`ed, unpacked into a scratch project holding nothing else of
 * this repository (its dependencies linked from this checkout's node_modules, so the test stays offline and
 * fast), imported, and the example program (examples/serving-endpoints) planned offline.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, runPlanCli } from "../plan/run-cli";

const EXAMPLE = path.join(ROOT, "examples", "serving-endpoints");
/** The package's runtime dependencies, as the scratch project's node_modules links them. */
const LINKED = ["@pulumi", "@pulumiverse", "zod"];

let scratch: string;
let packed: string[];

/** A project dir of the scratch area: the example's Pulumi files, `index.ts` as given, the shared node_modules. */
function project(name: string, program: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "package.json"]) fs.copyFileSync(path.join(EXAMPLE, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, "index.ts"), program);
  fs.symlinkSync(path.join(scratch, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "packed-library-"));
  // `npm pack` runs `prepack` (the build) and lists what it packed.
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
  const modules = path.join(scratch, "node_modules");
  fs.mkdirSync(path.join(modules, "databricks-mlops"), { recursive: true });
  execFileSync("tar", ["-xzf", path.join(scratch, tarball), "-C", path.join(modules, "databricks-mlops"), "--strip-components=1"]);
  packed = execFileSync("tar", ["-tzf", path.join(scratch, tarball)], { encoding: "utf8" }).trim().split("\n");
  for (const name of LINKED) fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name), "dir");
}, 120_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the packed library", () => {
  it("ships compiled JavaScript with declarations and nothing of the stacks", () => {
    expect(packed).toEqual(expect.arrayContaining(["package/package.json", "package/README.md", "package/LICENSE", "package/dist/index.js", "package/dist/index.d.ts", "package/dist/serving/serving-endpoint.js"]));
    expect(packed.filter((file) => !/^package\/(dist\/.*\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    expect(packed.filter((file) => /\/(stack|policies|tools|test|examples)\/|mlops-stage|project-operations|Pulumi\.|\.ts$/.test(file.replace(/\.d\.ts$/, "")))).toEqual([]);
  });

  it("imports without a Pulumi runtime: declares nothing, reads no config", () => {
    const dir = project("import-only", "");
    const out = execFileSync(process.execPath, ["-e", 'const lib = require("databricks-mlops"); console.log(typeof lib.ServingEndpoint, typeof lib.MlopsStage, typeof lib.parseStageConfig)'], { cwd: dir, encoding: "utf8" });
    expect(out.trim()).toBe("function undefined undefined");
  });

  it("plans the example program: two instances, no shared URN, a clean exit", async () => {
    const dir = project("example", fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8"));
    const run = await runPlanCli(["--stack", "dev", "--cwd", dir, "--policy-pack", path.join(ROOT, "policies"), "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const steps = (JSON.parse(run.stdout) as { steps: { urn: string; type: string; name: string }[] }).steps;
    const urns = steps.map((step) => step.urn);
    expect(new Set(urns).size).toBe(urns.length);
    expect(steps.filter((step) => step.type.startsWith("databricks")).map((step) => step.name).sort()).toEqual(
      ["churn", "churn-endpoint", "churn-endpoint-permissions", "fraud", "fraud-endpoint", "fraud-endpoint-permissions"].sort(),
    );
  });

  it("refuses a bad argument, naming it", async () => {
    const program = fs
      .readFileSync(path.join(EXAMPLE, "index.ts"), "utf8")
      .replace("{ challenger: {}, scaleToZero: false }", "{ challenger: {}, scaleToZero: false, traffic: { champion: 50, challenger: 60 } }");
    const dir = project("bad-args", program);
    const run = await runPlanCli(["--stack", "dev", "--cwd", dir, "--policy-pack", path.join(ROOT, "policies")]);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('invalid args of ServingEndpoint "churn":\n  - serving.traffic: percentages sum to 110; the routes of an endpoint must sum to 100');
  });
});
