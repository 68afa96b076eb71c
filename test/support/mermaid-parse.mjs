// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), headless: reads a JSON array of
// diagram texts on stdin, prints a JSON array of {diagramType} or {error}. A separate process because
// mermaid is an ES module and the tests run as CommonJS under ts-jest.
// DOMPurify needs a browser DOM, which Node lacks: mermaid calls it only to sanitise label text for
// rendering, so its two entry points are replaced by identity here; the grammar and the diagram's
// database, which decide whether a diagram parses, are mermaid's own.
import DOMPurify from "dompurify";

DOMPurify.sanitize = (text) => String(text);
DOMPurify.addHook = () => {};

const { default: mermaid } = await import("mermaid");
let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ diagramType: parsed.diagramType });
  } catch (err) {
    results.push({ error: String(err?.message ?? err) });
  }
}
process.stdout.write(JSON.stringify(results));
