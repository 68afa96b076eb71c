/** Mermaid's own parser, run headless in one child process (test/support/mermaid-parse.mjs). */
import { spawnSync } from "child_process";
import * as path from "path";

/** What the parser says of one diagram: its type, or the parse error. */
export type MermaidVerdict = { diagramType: string } | { error: string };

/** Parses every diagram with `mermaid.parse`; one result per diagram, in order. */
export function parseMermaid(diagrams: string[]): MermaidVerdict[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], {
    input: JSON.stringify(diagrams),
    encoding: "utf8",
    timeout: 30000,
  });
  if (run.status !== 0) throw new Error(`mermaid-parse.mjs exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as MermaidVerdict[];
}

/** The bodies of the ```mermaid blocks of a markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})mermaid\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]);
}
