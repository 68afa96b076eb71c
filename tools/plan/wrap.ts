/**
 * Word wrapping for the text plan, which fits TEXT_WIDTH columns so that it reads in an 80-column terminal and
 * in a CI log without folding. One helper for every section: prose breaks at spaces only, a continuation line
 * takes a hanging indent that keeps the structure (a bullet's text, an indented message), and a single word
 * longer than the room left (a URL, a URN, a long JSON value) stays whole on a line of its own, the one line
 * that may run past the width. Pure.
 */

/** Columns of every line of the text plan. */
export const TEXT_WIDTH = 80;

/** Columns a string takes: code points, so `│`, `×` and `…` count one. */
export function columns(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `text` in lines of at most `width` columns: the first starts with `first`, the others with `hanging`.
 * Breaks only at spaces; the spaces of a line that is not broken are kept as they are (aligned figures stay
 * aligned), and no line ends in a space. Text that already fits comes back as one line, unchanged but for
 * trailing spaces.
 */
export function wrapText(text: string, first: string, hanging: string, width = TEXT_WIDTH): string[] {
  const whole = (first + text).trimEnd();
  if (columns(whole) <= width) return [whole];
  // Splitting at single spaces keeps runs of spaces as empty words, so an unbroken stretch keeps its spacing.
  const words = text.split(" ");
  const lines: string[] = [];
  let line = first;
  let used = columns(first);
  let empty = true; // nothing of `text` on this line yet
  for (const word of words) {
    const cost = (empty ? 0 : 1) + columns(word);
    if (word === "" && (empty || used + cost > width)) continue; // a break swallows the spaces at it
    if (!empty && used + cost > width) {
      lines.push(line.trimEnd());
      line = hanging;
      used = columns(hanging);
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    used += (empty ? 0 : 1) + columns(word);
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * The hanging indent a line implies: two columns deeper than its own indent, which is past a `- ` bullet and
 * sets a continuation apart from the next item of a list or section.
 */
export function impliedHanging(line: string): string {
  return /^ */.exec(line)![0] + "  ";
}

/**
 * Every line wrapped within `width`, each with the hanging indent it implies (impliedHanging): for lines a
 * section builds whole, such as those shared with the Markdown comment, which keeps them unwrapped.
 */
export function wrapLines(lines: readonly string[], width = TEXT_WIDTH): string[] {
  return lines.flatMap((line) => {
    // A bullet stays with the first word of its item, however long that word.
    const lead = /^ *(- )?/.exec(line)![0];
    return wrapText(line.slice(lead.length), lead, impliedHanging(line), width);
  });
}

/** Each line of a multi-line message (a policy's, a diagnostic's) at `indent`, wrapped two columns deeper. */
export function wrapMessage(message: string, indent: string, width = TEXT_WIDTH): string[] {
  return message
    .trim()
    .split("\n")
    .flatMap((line) => wrapText(line.trimEnd(), indent, indent + "  ", width));
}
