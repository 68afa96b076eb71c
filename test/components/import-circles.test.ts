/**
 * The layers point one way: the library (`components/`) imports nothing of the stack layer (`stack/`,
 * `index.ts`) or of the component package (`provider/`), which both reach the library only through its public
 * barrel, as an outside program would. And none has import circles (type-only imports count), so each capability's modules load, and read, alone.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importCircles, importGraph, typeScriptFiles } from "../../tools/import-graph";

const ROOT = path.resolve(__dirname, "..", "..");
const relative = (circle: string[]) => circle.map((file) => path.relative(ROOT, file)).join(" -> ");

const LIBRARY = path.join(ROOT, "components");
const BARREL = path.join(LIBRARY, "index.ts");
const STACK_LAYER = [...typeScriptFiles(path.join(ROOT, "stack")), path.join(ROOT, "index.ts")];
const COMPONENT_PACKAGE = typeScriptFiles(path.join(ROOT, "provider"));
const GRAPH = importGraph([...typeScriptFiles(LIBRARY), ...STACK_LAYER, ...COMPONENT_PACKAGE]);
const inLibrary = (file: string) => file.startsWith(LIBRARY + path.sep);

describe("layers", () => {
  it("the library imports only itself", () => {
    const outward = [...GRAPH].filter(([file]) => inLibrary(file)).flatMap(([file, targets]) => targets.filter((target) => !inLibrary(target)).map((target) => relative([file, target])));
    expect(outward).toEqual([]);
  });

  it("the stack layer uses the library through its public barrel only", () => {
    const deep = STACK_LAYER.flatMap((file) => GRAPH.get(file)!.filter((target) => inLibrary(target) && target !== BARREL).map((target) => relative([file, target])));
    expect(deep).toEqual([]);
    expect(STACK_LAYER.some((file) => GRAPH.get(file)!.includes(BARREL))).toBe(true);
  });

  it("the component package uses the library through its public barrel only, and nothing of the stack layer", () => {
    const deep = COMPONENT_PACKAGE.flatMap((file) => GRAPH.get(file)!.filter((target) => (inLibrary(target) && target !== BARREL) || STACK_LAYER.includes(target)).map((target) => relative([file, target])));
    expect(deep).toEqual([]);
    expect(COMPONENT_PACKAGE.some((file) => GRAPH.get(file)!.includes(BARREL))).toBe(true);
  });
});

describe("import circles", () => {
  it("none in the library, the stack layer and the component package", () => {
    expect(importCircles(GRAPH).map(relative)).toEqual([]);
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
