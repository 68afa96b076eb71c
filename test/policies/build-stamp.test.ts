/**
 * The build stamp in-process: which files make the pack's digest, and why a compiled pack refuses to start.
 * pack-loading.test.ts proves the same through the real build and launcher; these cases reach the branches
 * one by one, so mutation testing can see them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sourceDigest, sourceFiles, staleBuildMessage, staleBuildReason, STAMP_FILE } from "../../policies/build-stamp";

let packDir: string;

/** Writes `text` to `rel` under the scratch pack, creating its folders. */
function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(packDir, rel)), { recursive: true });
  fs.writeFileSync(path.join(packDir, rel), text);
}

/** The digest of a scratch pack holding exactly `files`. */
function digestOf(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-stamp-digest-"));
  try {
    for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
    return sourceDigest(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function stamp(digest: string): void {
  write(`bin/${STAMP_FILE}`, JSON.stringify({ sourceDigest: digest }));
}

beforeEach(() => {
  packDir = fs.mkdtempSync(path.join(os.tmpdir(), "build-stamp-"));
  write("index.ts", "export {};\n");
  write("rules/b.ts", "export const b = 1;\n");
  write("rules/a.ts", "export const a = 1;\n");
});
afterEach(() => fs.rmSync(packDir, { recursive: true, force: true }));

describe("sourceFiles", () => {
  test("lists TypeScript sources in path order, skipping declarations, output, dependencies and hidden folders", () => {
    write("lib/types.d.ts", "export {};\n");
    write("build.js", "");
    write("bin/index.ts", "");
    write("node_modules/x/index.ts", "");
    write(".cache/x.ts", "");
    write("config/prod.json", "{}");
    expect(sourceFiles(packDir)).toEqual(["index.ts", "rules/a.ts", "rules/b.ts"]);
  });

  test("uses forward slashes for nested folders", () => {
    write("lib/deep/er.ts", "");
    expect(sourceFiles(packDir)).toContain("lib/deep/er.ts");
  });
});

describe("sourceDigest", () => {
  test("is a sha256 hex digest, stable while nothing changes", () => {
    expect(sourceDigest(packDir)).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceDigest(packDir)).toBe(sourceDigest(packDir));
  });

  test("changes on an edit, an addition, a removal and a rename", () => {
    const seen = new Set([sourceDigest(packDir)]);
    write("rules/a.ts", "export const a = 2;\n");
    seen.add(sourceDigest(packDir));
    write("rules/c.ts", "");
    seen.add(sourceDigest(packDir));
    fs.rmSync(path.join(packDir, "rules/c.ts"));
    fs.renameSync(path.join(packDir, "rules/b.ts"), path.join(packDir, "rules/c.ts"));
    seen.add(sourceDigest(packDir));
    expect(seen.size).toBe(4);
  });

  test("keeps names and contents apart: files whose concatenations agree still differ", () => {
    // Without the separators, "a.ts" holding ".ts" would hash like an empty "a.ts.ts", and "a.ts"
    // holding "b.ts\0" like an empty "a.ts" beside an empty "b.ts".
    expect(digestOf({ "a.ts": ".ts" })).not.toBe(digestOf({ "a.ts.ts": "" }));
    expect(digestOf({ "a.ts": "b.ts\0" })).not.toBe(digestOf({ "a.ts": "", "b.ts": "" }));
  });

  test("ignores files that are not sources", () => {
    const before = sourceDigest(packDir);
    write("bin/index.js", "changed");
    write("README.md", "changed");
    expect(sourceDigest(packDir)).toBe(before);
  });
});

describe("staleBuildReason", () => {
  test("is undefined for a build stamped with the current sources", () => {
    stamp(sourceDigest(packDir));
    expect(staleBuildReason(path.join(packDir, "bin"))).toBeUndefined();
  });

  test("names a build whose sources changed after it was stamped", () => {
    stamp(sourceDigest(packDir));
    write("rules/a.ts", "export const a = 3;\n");
    expect(staleBuildReason(path.join(packDir, "bin"))).toBe("the compiled policy pack in bin/ is older than its TypeScript sources");
  });

  test("names a build without a readable stamp", () => {
    fs.mkdirSync(path.join(packDir, "bin"));
    expect(staleBuildReason(path.join(packDir, "bin"))).toBe("the compiled policy pack in bin/ has no readable build-stamp.json");
    write(`bin/${STAMP_FILE}`, "{not json");
    expect(staleBuildReason(path.join(packDir, "bin"))).toBe("the compiled policy pack in bin/ has no readable build-stamp.json");
  });

  test("reads the sources from the folder it is given", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "build-stamp-out-"));
    try {
      fs.writeFileSync(path.join(out, STAMP_FILE), JSON.stringify({ sourceDigest: sourceDigest(packDir) }));
      expect(staleBuildReason(out, packDir)).toBeUndefined();
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

test("staleBuildMessage tells how to rebuild", () => {
  expect(staleBuildMessage("the reason")).toBe(
    "error: the reason; rebuild it with `npm run build` in the pack's folder (npm install and npm ci do it too)",
  );
});
