/**
 * Hidden markers around the large sections of the markdown plan, so that the PR comment poster
 * (tools/ci/comment-fit.js) can leave a section out whole, never cut it mid-table or mid-fence.
 * Markdown viewers hide the markers; the job summary shows every section.
 */

/** How soon a section is left out when the comment overflows: a higher rank goes first. */
export const FOLD_RANK = {
  /** The step lines of the diff (the summary line stays). */
  diffSteps: 1,
  /** The design-level picture of the stage. */
  designPicture: 2,
  /** The Mermaid diagram of every resource. */
  diagram: 3,
  /** The access matrix. */
  accessMatrix: 4,
  /** The resource tree (every resource is also in the `--json` plan). */
  resourceTree: 5,
} as const;

/**
 * `lines` between the markers of section `id`; `instead` is the one markdown line the poster shows in
 * their place, where `{summary}` becomes a link to the run's job summary.
 */
export function fold(id: string, rank: number, lines: string[], instead: string): string[] {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`fold id "${id}": expected lowercase letters, digits and dashes`);
  if (instead.includes("\n")) throw new Error(`fold "${id}": the stand-in must be one line`);
  // A JSON string never holds a raw newline; escaping "--" keeps "-->" from closing the comment early.
  const text = JSON.stringify(instead).replace(/--/g, "-\\u002d");
  return [`<!-- fold:${id} rank=${rank} instead=${text} -->`, ...lines, `<!-- /fold:${id} -->`];
}

/** `12,345` as GitHub users read counts. */
export function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

/** The stand-in sentence: what was left out and where to read it. */
export function leftOut(what: string): string {
  return `_${what}: left out of this comment to fit GitHub's limit; it is in {summary}._`;
}
