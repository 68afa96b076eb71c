/**
 * The pack's own start-up levers (policies/lib/startup): they change how long the pack takes to print its
 * port under `pulumi preview` and the offline plan alike, never what it does.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packEnvironment } from "../../tools/plan/policy-pack-process";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");

describe("the pack's entry", () => {
  test("loads its start-up module before the policy SDK", () => {
    const requires = [...fs.readFileSync(path.join(PACK_DIR, "bin", "index.js"), "utf8").matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires.slice(0, 2)).toEqual(["./lib/startup/fast-start", "@pulumi/policy"]);
  });

  test("keeps npm's Arborist out of the pack until something asks for it, and then gives the real one", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "test", "support", "pack-start-probe.js")], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ loadedWithPolicySdk: [], codePathsFound: true, loadedByCodePaths: ["arborist", "pacote"] });
  });
});

describe("the pack's compile cache", () => {
  test("is written before the pack prints its port, so a pack ended by a signal (as the CLI ends it) leaves it warm", async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-compile-cache-"));
    try {
      const env = { ...packEnvironment({ packDir: PACK_DIR, project: "databricks-mlops", stack: "dev" }), NODE_COMPILE_CACHE: cacheDir };
      const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });
      const child = spawn(process.execPath, [launcher, "127.0.0.1:0", "."], { cwd: PACK_DIR, env, stdio: ["ignore", "pipe", "inherit"] });
      const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.once("exit", (code) => reject(new Error(`the pack exited ${code} before it printed its port`)));
      });
      expect(Number(port)).toBeGreaterThan(0);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("close", resolve));
      const cached = fs.readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      // Entries for what the launcher loaded (TypeScript) and for what the pack loaded (the policy SDK).
      expect(cached.length).toBeGreaterThan(100);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
