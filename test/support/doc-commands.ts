/**
 * The shell commands the docs show: every line of a bash/sh code block (`&&` chains split, comments
 * and continuations handled) and every inline code span that starts with `npm `, `node ` or `pulumi `.
 */

/** One documented command and where it is written. */
export interface DocumentedCommand {
  command: string;
  /** `file:line` of the first place it appears. */
  where: string;
}

const SHELL_FENCE = /^```(bash|sh|shell)\s*$/;
const INLINE = /`((?:npm|node|pulumi) [^`]+)`/g;

/** Splits a shell line into its `&&`-chained commands, without a trailing `# comment`. */
export function splitCommandLine(line: string): string[] {
  const code = line.replace(/(^|\s)#.*$/, "").trim();
  return code === "" ? [] : code.split(/\s&&\s/).map((c) => c.trim());
}

/** The commands of one markdown text, in order of appearance. */
export function commandsOf(markdown: string, file: string): DocumentedCommand[] {
  const found: DocumentedCommand[] = [];
  const lines = markdown.split("\n");
  let fence: "shell" | "other" | undefined;
  let pending = "";
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.startsWith("```")) {
      fence = fence === undefined ? (SHELL_FENCE.test(line) ? "shell" : "other") : undefined;
      return;
    }
    if (fence === "shell") {
      // A trailing backslash continues the command on the next line.
      if (line.endsWith("\\")) {
        pending += line.slice(0, -1) + " ";
        return;
      }
      for (const command of splitCommandLine(pending + line)) found.push({ command, where });
      pending = "";
      return;
    }
    if (fence === undefined) {
      for (const m of line.matchAll(INLINE)) found.push({ command: m[1].trim(), where });
    }
  });
  return found;
}
