/**
 * The library and the stack layer have no import circles (type-only imports count), so each capability's
 * modules load, and read, alone.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importCircles, importGraph, typeScriptFiles } from "../../tools/import-graph";

const ROOT = path.resolve(__dirname, "..", "..");
const relative = (circle: string[]) => circle.map((file) => path.relative(ROOT, file)).join(" -> ");

describe("import circles", () => {
  it("none in components/ and the program", () => {
    const files = [...typeScriptFiles(path.join(ROOT, "components")), path.join(ROOT, "index.ts")];
    expect(importCircles(importGraph(files)).map(relative)).toEqual([]);
  });

  it("are found, type-only imports and index files included", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-circles-"));
    try {
      fs.mkdirSync(path.join(dir, "b"));
      fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
      fs.writeFileSync(path.join(dir, "b", "index.ts"), 'export { b } from "./b";\n');
      fs.writeFileSync(path.join(dir, "b", "b.ts"), 'import type { C } from "../c";\nexport const b: C = 1;\n');
      fs.writeFileSync(path.join(dir, "c.ts"), 'import type { a } from "./a";\nexport type C = typeof a extends number ? number : never;\n');
      fs.writeFileSync(path.join(dir, "self.ts"), 'export * from "./self";\n');
      fs.writeFileSync(path.join(dir, "leaf.ts"), 'import * as fs from "node:fs";\nexport const leaf = fs;\n');
      const circles = importCircles(importGraph(typeScriptFiles(dir))).map((circle) => circle.map((file) => path.relative(dir, file)));
      expect(circles).toEqual(expect.arrayContaining([["a.ts", "b/index.ts", "b/b.ts", "c.ts"], ["self.ts"]]));
      expect(circles).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
