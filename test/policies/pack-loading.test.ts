/**
 * How the pack loads: from compiled JavaScript built by its own build script, never failing on lint, and
 * never running from output older than its sources. Each test works on a copy of the pack.
 */
import { allRules } from "../../policies/rules";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { ensurePackBuilt, packBuildNeeded } from "../../tools/plan/policy-pack-build";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");
const RULE = path.join("rules", "grants-forbid-mixed-kinds.ts");

/** A copy of the pack's sources (no build) in a temporary folder that resolves the repository's node_modules. */
function copyPack(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-copy-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  for (const entry of fs.readdirSync(PACK_DIR)) {
    if (entry === "bin" || entry === "node_modules") continue;
    fs.cpSync(path.join(PACK_DIR, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

function addUnusedImport(packDir: string): void {
  const file = path.join(packDir, RULE);
  fs.writeFileSync(file, `import * as unusedForTheTest from "path";\n${fs.readFileSync(file, "utf8")}`);
}

function build(packDir: string): void {
  const run = spawnSync(process.execPath, ["build.js"], { cwd: packDir, encoding: "utf8" });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
}

async function policyNames(packDir: string): Promise<string[]> {
  const session = await PolicyPackSession.start({ packDir, project: "databricks-mlops", stack: "dev" });
  try {
    return session.policies.map((p) => p.name);
  } finally {
    await session.close();
  }
}

let packDir: string;
beforeEach(() => (packDir = copyPack()));
afterEach(() => fs.rmSync(packDir, { recursive: true, force: true }));

describe("lint never stops the pack from loading (issue 6)", () => {
  test("launched from its TypeScript sources, which the launcher type-checks with the pack's tsconfig, it starts", async () => {
    addUnusedImport(packDir);
    const manifest = path.join(packDir, "package.json");
    fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, "utf8")), main: "index.ts" }));
    expect(await policyNames(packDir)).toHaveLength(allRules.length);
  });
});

describe("the compiled pack: built by its own script, never run stale", () => {
  test("a rule with an unused import builds; a stale build is refused by the pack and rebuilt by the plan", async () => {
    expect(packBuildNeeded(packDir)).toBe("its entry bin/index.js does not exist");
    addUnusedImport(packDir);
    build(packDir);
    expect(packBuildNeeded(packDir)).toBeUndefined();
    expect(await policyNames(packDir)).toHaveLength(allRules.length);

    fs.appendFileSync(path.join(packDir, RULE), "// edited after the build\n");
    expect(packBuildNeeded(packDir)).toBe("the compiled policy pack in bin/ is older than its TypeScript sources");
    const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const run = spawnSync(process.execPath, [launcher, "127.0.0.1:0", "."], { cwd: packDir, encoding: "utf8", timeout: 30000 });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "error: the compiled policy pack in bin/ is older than its TypeScript sources; " +
        "rebuild it with `npm run build` in the pack's folder (npm install and npm ci do it too)\n",
    });

    const notes: string[] = [];
    ensurePackBuilt(packDir, (line) => notes.push(line));
    expect(notes).toEqual(["note: rebuilding the policy pack (the compiled policy pack in bin/ is older than its TypeScript sources)"]);
    expect(packBuildNeeded(packDir)).toBeUndefined();
  });
});
