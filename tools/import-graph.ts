/**
 * The import graph of this repository's own TypeScript modules, and the circles in it. Pure apart from
 * reading the files it is given: type-only imports count too, since a circle of types is still a circle
 * a reader has to untangle (and the next value import turns it into a load-order bug).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** Module file -> the module files of this repository it imports (absolute paths). */
export type ImportGraph = Map<string, string[]>;

/** Every `.ts` file under `dir`, recursively, skipping `node_modules` and `.d.ts`. */
export function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : typeScriptFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The file a relative specifier names: `x.ts`, or `x/index.ts`; undefined for packages and unknown files. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ""));
  return [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
}

/** The graph over `files`: imports, `export ... from` and `import type` alike (not dynamic `require`). */
export function importGraph(files: string[]): ImportGraph {
  return new Map(
    files.map((file) => {
      const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, false);
      const targets = info.importedFiles.map((imported) => resolveRelative(file, imported.fileName)).filter((target): target is string => target !== undefined);
      return [file, [...new Set(targets)]];
    }),
  );
}

/**
 * The circles of the graph, each once: as the strongly connected components with more than one module (or a
 * module importing itself), each given as one cycle through its modules, in import order.
 */
export function importCircles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
    }
  };
  [...graph.keys()].sort().forEach((node) => index.has(node) || visit(node));
  return components.map((component) => cycleWithin(graph, new Set(component)));
}

/** One cycle through a strongly connected component, found by walking from its first module (sorted). */
function cycleWithin(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0];
  const pathTo = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (target === start) return pathTo.get(node)!;
      if (members.has(target) && !pathTo.has(target)) {
        pathTo.set(target, [...pathTo.get(node)!, target]);
        queue.push(target);
      }
    }
  }
  return [start];
}
