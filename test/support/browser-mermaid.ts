/**
 * Mermaid rendered by a real browser, as GitHub renders a ```mermaid block: headless Chromium loads Mermaid's
 * own browser bundle (the pinned devDependency), renders each diagram into a page, and reports each SVG's laid
 * out size and its labels' font size. No browser driver: Chromium's `--dump-dom` prints the page after its
 * scripts ran, and the page writes its measurements into an attribute.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** What a browser laid out for one diagram. */
export interface RenderedDiagram {
  /** The SVG's width and height in CSS pixels, before any scaling to the page. */
  width: number;
  height: number;
  /** The smallest font size of a node label, in CSS pixels at the SVG's own scale. */
  labelFontPx: number;
  /** Mermaid's error, when it refused the diagram. */
  error?: string;
}

/** The browser's executable: `CHROMIUM` if set, else the first of the usual names on PATH; undefined when none. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
  }
  return undefined;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head>
<body><div id="out"></div><script>
(async () => {
  const results = [];
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  for (const [i, source] of SOURCES.entries()) {
    try {
      const { svg } = await mermaid.render("d" + i, source);
      const host = document.createElement("div");
      host.innerHTML = svg;
      document.getElementById("out").appendChild(host);
      const box = host.querySelector("svg").viewBox.baseVal;
      const fonts = [...host.querySelectorAll(".nodeLabel")].map((l) => parseFloat(getComputedStyle(l).fontSize));
      results.push({ width: box.width, height: box.height, labelFontPx: Math.min(...fonts) });
    } catch (e) {
      results.push({ width: 0, height: 0, labelFontPx: 0, error: String(e && e.message || e) });
    }
  }
  document.body.setAttribute("data-results", JSON.stringify(results));
})();
</script></body></html>`;

/** Renders each Mermaid source in `browser` and measures it. @throws Error when the browser reports nothing. */
export function renderInBrowser(browser: string, sources: string[]): RenderedDiagram[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mermaid-browser-"));
  try {
    fs.copyFileSync(require.resolve("mermaid/dist/mermaid.min.js"), path.join(dir, "mermaid.min.js"));
    fs.writeFileSync(path.join(dir, "index.html"), PAGE.replace("SOURCES", JSON.stringify(sources).replace(/</g, "\\u003c")));
    const run = spawnSync(
      browser,
      ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=60000", "--dump-dom", `file://${path.join(dir, "index.html")}`],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const attribute = /data-results="([^"]*)"/.exec(run.stdout ?? "")?.[1];
    if (attribute === undefined) throw new Error(`the browser reported no rendering (exit ${run.status}): ${(run.stderr ?? "").slice(0, 500)}`);
    return JSON.parse(attribute.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as RenderedDiagram[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
