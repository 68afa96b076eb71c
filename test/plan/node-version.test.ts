import * as fs from "fs";
import * as path from "path";
import { SUPPORTED_NODE_MAJOR, unsupportedNodeWarning } from "../../tools/plan/node-version";

const ROOT = path.join(__dirname, "..", "..");

test("an older Node.js gets one warning naming its version, the supported major and how to get it", () => {
  expect(unsupportedNodeWarning("20.19.2")).toBe(
    "warning: Node.js 20.19.2 is not supported; this project needs Node.js 22 or later (`nvm install` in the repository reads .nvmrc; " +
      "see the README's \"First steps\"). The plan runs, but its results are not the ones CI gets.",
  );
  expect(unsupportedNodeWarning("18.0.0")).toMatch(/^warning: Node\.js 18\.0\.0 is not supported/);
});

test("Node.js 22 and later run without a word, this one included", () => {
  for (const version of ["22.0.0", "22.20.0", "24.1.0", process.versions.node]) expect(unsupportedNodeWarning(version)).toBeUndefined();
});

test("the supported major is the one package.json's engines and .nvmrc name", () => {
  const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
  expect(engines).toBe(`>=${SUPPORTED_NODE_MAJOR}`);
  expect(fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim()).toBe(String(SUPPORTED_NODE_MAJOR));
});
