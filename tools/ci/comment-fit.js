// Fits a plan report into one pull-request comment by its structure, never by a blind cut. The
// markdown renderer (tools/plan/comment-folds.ts) wraps each large section in a pair of hidden
// markers that carry its rank and the one line that stands in for it; this file keeps the report
// whole when it fits, else puts back whole sections, best-ranked first, while they fit, and replaces
// the others by their line. Plain JavaScript: the comment job runs it in actions/github-script.
"use strict";

/** GitHub rejects comment bodies over 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65536;

/** `<!-- fold:<id> rank=<n> instead=<JSON string> -->`, the line that opens a section. */
const OPEN = /^<!-- fold:([a-z0-9-]+) rank=(\d+) instead=(".*") -->$/;
/** `<!-- /fold:<id> -->`, the line that closes it. */
const CLOSE = /^<!-- \/fold:([a-z0-9-]+) -->$/;

/** Where a left-out section can be read, put in place of `{summary}` in a stand-in line. */
function summaryLink(runUrl) {
  return runUrl ? `the [run's job summary](${runUrl}) and the report artifact` : "the run's job summary and the report artifact";
}

/**
 * The report as plain lines and sections: `{ lines }` or `{ id, rank, lines, instead }`. A marker
 * without its partner is an error naming it (the renderer always writes both).
 */
function parseFolds(report) {
  const parts = [];
  let open;
  for (const line of report.split("\n")) {
    const start = OPEN.exec(line);
    const end = CLOSE.exec(line);
    if (start) {
      if (open) throw new Error(`fold "${start[1]}" opens inside fold "${open.id}"`);
      open = { id: start[1], rank: Number(start[2]), instead: JSON.parse(start[3]), lines: [] };
    } else if (end) {
      if (!open || open.id !== end[1]) throw new Error(`fold "${end[1]}" closes without being open`);
      parts.push(open);
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    } else {
      const last = parts[parts.length - 1];
      if (last && last.id === undefined) last.lines.push(line);
      else parts.push({ lines: [line] });
    }
  }
  if (open) throw new Error(`fold "${open.id}" is never closed`);
  return parts;
}

const joinedLength = (lines) => lines.reduce((n, l) => n + l.length + 1, 0);

/**
 * The last resort when even the stand-ins overflow: the longest head of whole lines that fits `room`,
 * cut only where no code fence is open and not between a table's header and its separator, with every
 * `<details>` it opened closed again. Returns the kept lines.
 */
function cutAtBoundary(lines, room) {
  let inFence = null;
  let openDetails = 0;
  let best = { at: 0, details: 0 };
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    used += line.length + 1;
    const fence = /^(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (inFence === null) inFence = fence[1];
      else if (line.trim() === inFence) inFence = null;
    }
    if (inFence === null) {
      openDetails += (line.match(/<details>/g) || []).length - (line.match(/<\/details>/g) || []).length;
      const next = lines[i + 1] || "";
      const headerRow = line.startsWith("|") && /^\|[\s:|-]+\|$/.test(next);
      const closing = "\n</details>".length * Math.max(0, openDetails);
      if (!headerRow && used + closing <= room) best = { at: i + 1, details: Math.max(0, openDetails) };
    }
    if (used > room) break;
  }
  return [...lines.slice(0, best.at), ...Array(best.details).fill("</details>")];
}

/**
 * The report made to fit `budget` characters: unchanged but for the hidden markers when it fits; else
 * sections left out whole, worst-ranked first (rank 1 is kept longest), each replaced by its stand-in
 * line; else, with every section left out, cut at a safe line boundary with a notice. `runUrl` names
 * the run whose job summary holds the whole report.
 */
function fitReport(report, budget = GITHUB_COMMENT_LIMIT, runUrl = "") {
  const parts = parseFolds(report);
  const folds = parts.filter((p) => p.id !== undefined);
  const stand = (p) => [p.instead.split("{summary}").join(summaryLink(runUrl))];
  const assemble = (open) => parts.flatMap((p) => (p.id === undefined || open.has(p) ? p.lines : stand(p))).join("\n");
  const whole = assemble(new Set(folds));
  if (whole.length <= budget) return whole;
  const open = new Set();
  let size = assemble(open).length;
  for (const f of [...folds].sort((a, b) => a.rank - b.rank)) {
    const grows = joinedLength(f.lines) - joinedLength(stand(f));
    if (size + grows <= budget) {
      open.add(f);
      size += grows;
    }
  }
  const folded = assemble(open);
  if (folded.length <= budget) return folded;
  const notice = `\n\n:warning: The rest of this report does not fit a comment; it is in ${summaryLink(runUrl)}.\n`;
  return cutAtBoundary(folded.split("\n"), budget - notice.length).join("\n") + notice;
}

module.exports = { GITHUB_COMMENT_LIMIT, parseFolds, fitReport, cutAtBoundary };
